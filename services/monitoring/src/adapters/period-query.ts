import { DomainError } from '@motcua/contracts';
import { errorResponseSchema } from '@motcua/http';
import { actorOf, authorize } from '@motcua/runtime';
import type { FastifyRequest } from 'fastify';
import { PERIODS, type PeriodKind, periodOf } from '../domain/report.js';

// The period every statistics read names (report, indices, deadline counts, workload): its
// querystring, its parsing and the report.read check on the center it names.

/** At most this long a period (reads grow with the months covered). */
const MAX_PERIOD_MS = 5 * 366 * 24 * 3600_000;

export interface ReportQuery {
  from?: string;
  to?: string;
  year?: string;
  period?: string;
  index?: string;
  centerId?: string;
}

export interface PeriodQuery {
  from: Date;
  to: Date;
  centerId?: string;
}

export function invalid(field: string, vi: string, en: string): DomainError {
  return new DomainError('INVALID_INPUT', { details: { field }, messages: { vi, en } });
}

export const centerIdSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 100,
  pattern: '^[A-Za-z0-9._-]+$',
} as const;

/** The period by dates only: `from` + `to` (+ `centerId`). */
export const datesQuerystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: { type: 'string', maxLength: 40, description: 'YYYY-MM-DD (00:00 Vietnam time) or an ISO instant' },
    to: { type: 'string', maxLength: 40, description: 'Excluded: the first instant after the period' },
    centerId: centerIdSchema,
  },
} as const;

/** The period by dates or by `year` + `period` + `index` (+ `centerId`). */
export const periodQuerystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: datesQuerystring.properties.from,
    to: datesQuerystring.properties.to,
    year: { type: 'string', maxLength: 4 },
    period: { type: 'string', enum: [...PERIODS] },
    index: { type: 'string', maxLength: 2, description: 'month 1–12, quarter 1–4, half 1–2' },
    centerId: centerIdSchema,
  },
} as const;

export const readErrors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
} as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
// An instant must say its offset: a bare local time would be read in the server's zone.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** `YYYY-MM-DD` is the start of that day in Vietnam; otherwise an ISO instant with its offset. */
function instant(value: string, field: string): Date {
  const text = DAY.test(value) ? `${value}T00:00:00+07:00` : value;
  const [y, m, d] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  const real = new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d; // Date.parse rolls 02-30 over
  const t = INSTANT.test(text) && real ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(t)) {
    throw invalid(
      field,
      `${field} phải là ngày YYYY-MM-DD hoặc thời điểm ISO 8601 có múi giờ`,
      `${field} must be a YYYY-MM-DD day or an ISO 8601 instant with its offset`,
    );
  }
  return new Date(t);
}

/**
 * The period a query names: `from` + `to` (to excluded), or `year` + `period` (+ `index`: the
 * month 1–12, quarter 1–4 or half 1–2); never both.
 */
export function parseReportQuery(query: ReportQuery): PeriodQuery {
  const byDates = query.from !== undefined || query.to !== undefined;
  const byPeriod = query.year !== undefined || query.period !== undefined || query.index !== undefined;
  if (byDates === byPeriod) {
    throw invalid(
      'period',
      'Chọn kỳ báo cáo bằng from và to, hoặc bằng year, period và index (không dùng cả hai)',
      'Name the period either by from and to, or by year, period and index (not both)',
    );
  }
  let from: Date;
  let to: Date;
  if (byDates) {
    if (query.from === undefined || query.to === undefined) {
      throw invalid('from', 'Cần cả from và to', 'Both from and to are needed');
    }
    from = instant(query.from, 'from');
    to = instant(query.to, 'to');
  } else {
    const year = Number(query.year);
    const kind = query.period as PeriodKind;
    if (!/^\d{4}$/.test(query.year ?? ''))
      throw invalid('year', 'Năm không hợp lệ', 'year must be a 4-digit year');
    if (!PERIODS.includes(kind)) {
      throw invalid(
        'period',
        `period phải là một trong ${PERIODS.join(', ')}`,
        `period must be one of ${PERIODS.join(', ')}`,
      );
    }
    const needsIndex = kind === 'month' || kind === 'quarter' || kind === 'half';
    if (needsIndex && query.index === undefined) {
      throw invalid(
        'index',
        'Cần index (tháng, quý hoặc nửa năm)',
        'index (the month, quarter or half) is needed',
      );
    }
    const index =
      query.index === undefined ? 1 : /^\d{1,2}$/.test(query.index) ? Number(query.index) : Number.NaN;
    const period = periodOf(year, kind, index);
    if (!period) throw invalid('index', 'index nằm ngoài kỳ', 'index is out of range for the period');
    ({ from, to } = period);
  }
  if (from.getTime() >= to.getTime()) throw invalid('to', 'to phải sau from', 'to must be after from');
  if (to.getTime() - from.getTime() > MAX_PERIOD_MS) {
    throw invalid('to', 'Kỳ báo cáo dài tối đa 5 năm', 'A period may be at most 5 years long');
  }
  return { from, to, ...(query.centerId ? { centerId: query.centerId } : {}) };
}

/**
 * report.read on the center a query names; without one, only those who may read every center (the
 * board, the system admin) pass: a center's managers must name their own (no silent default).
 */
export function authorizeReportRead(request: FastifyRequest, centerId: string | undefined): void {
  authorize(actorOf(request), 'report.read', centerId ? { centerId } : {});
}

/** The request's period (its querystring validated by one of the schemas above), once authorized. */
export function readPeriod(request: FastifyRequest): PeriodQuery {
  const query = parseReportQuery(request.query as ReportQuery);
  authorizeReportRead(request, query.centerId);
  return query;
}
