import { toLocalDay } from '@motcua/calendar';
import { readConfig, str } from '@motcua/config';
import { CatalogueServiceClient, DomainError, type RecordedEvent } from '@motcua/contracts';
import { createClient } from '@motcua/grpc';
import { errorResponseSchema, type HttpApp } from '@motcua/http';
import { type Directory, ORGANISATION } from '@motcua/organisation';
import { actorOf, authorize, type ServiceDeps } from '@motcua/runtime';
import type { FastifyRequest } from 'fastify';
import { type Ii06aReport, ii06aReport, PERIODS, type PeriodKind, periodOf } from '../domain/report.js';
import { reportCsv, reportXlsx } from './report-export.js';
import { FieldCatalogue, StatisticsRepository } from './statistics-repository.js';

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

function invalid(field: string, vi: string, en: string): DomainError {
  return new DomainError('INVALID_INPUT', { details: { field }, messages: { vi, en } });
}

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
export function parseReportQuery(query: ReportQuery): { from: Date; to: Date; centerId?: string } {
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

/** The report from the projections: the directory's centers, the catalogue's fields, the facts. */
export class Ii06aReports {
  constructor(
    private readonly statistics: StatisticsRepository,
    private readonly directory: Directory,
    private readonly now: () => Date,
    private readonly catalogue?: FieldCatalogue,
  ) {}

  async report(query: { from: Date; to: Date; centerId?: string }): Promise<Ii06aReport> {
    await this.catalogue?.refresh();
    const now = this.now();
    const last = new Date(query.to.getTime() - 1);
    const centers = new Map<string, string>();
    // the centers of the period: those valid at its start and at its end (a reorganisation inside)
    for (const day of [toLocalDay(query.from), toLocalDay(last)]) {
      for (const c of this.directory.centers(day)) centers.set(c.centerId, c.name);
    }
    for (const id of await this.statistics.knownCenters()) if (!centers.has(id)) centers.set(id, id);
    if (query.centerId && !centers.has(query.centerId)) centers.set(query.centerId, query.centerId);
    const wanted = [...centers.keys()].filter((id) => !query.centerId || id === query.centerId);
    const facts = await this.statistics.factsFor(wanted, query.from, query.to, now);
    return ii06aReport(facts, {
      from: query.from,
      to: query.to,
      now,
      centers: wanted.map((centerId) => ({ centerId, name: centers.get(centerId) ?? centerId })),
      fields: (this.catalogue?.fields() ?? []).map((fieldCode) => ({ fieldCode, name: fieldCode })),
      ...(this.catalogue ? { fieldOf: this.catalogue.fieldOf } : {}),
      ...(query.centerId ? { centerId: query.centerId } : {}),
    });
  }
}

const count = { type: 'integer' } as const;
const counts = {
  received: {
    type: 'object',
    properties: { total: count, online: count, counterOrPostal: count, carriedOver: count },
  },
  resolved: { type: 'object', properties: { total: count, early: count, onTime: count, late: count } },
  inProgress: { type: 'object', properties: { total: count, withinTime: count, overdue: count } },
  paused: count,
  withdrawnOrStopped: count,
  finishedNotCollected: count,
  refusedAtIntake: count,
} as const;

const querystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: { type: 'string', maxLength: 40, description: 'YYYY-MM-DD (00:00 Vietnam time) or an ISO instant' },
    to: { type: 'string', maxLength: 40, description: 'Excluded: the first instant after the period' },
    year: { type: 'string', maxLength: 4 },
    period: { type: 'string', enum: [...PERIODS] },
    index: { type: 'string', maxLength: 2, description: 'month 1–12, quarter 1–4, half 1–2' },
    centerId: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._-]+$' },
  },
} as const;

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema } as const;

export function reportRoutes(reports: Ii06aReports) {
  return async (http: HttpApp) => {
    // A center's managers see only their own center: the query must name it (no silent default).
    const prepare = (request: FastifyRequest) => {
      const query = parseReportQuery(request.query as ReportQuery);
      authorize(actorOf(request), 'report.read', query.centerId ? { centerId: query.centerId } : {});
      return query;
    };
    const fileName = (r: Ii06aReport, ext: string) =>
      `II06a_${toLocalDay(new Date(r.from))}_${toLocalDay(new Date(Date.parse(r.to) - 1))}${r.centerId ? `_${r.centerId}` : ''}.${ext}`;

    http.get(
      '/reports/ii06a',
      {
        schema: {
          summary: 'Periodic report II.06a per center × field: received, resolved, in progress',
          tags: ['statistics'],
          querystring,
          response: {
            200: {
              type: 'object',
              properties: {
                from: { type: 'string' },
                to: { type: 'string' },
                asOf: { type: 'string' },
                centerId: { type: 'string' },
                rows: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      centerId: { type: 'string' },
                      centerName: { type: 'string' },
                      fieldCode: { type: 'string' },
                      fieldName: { type: 'string' },
                      ...counts,
                    },
                  },
                },
                totals: { type: 'object', properties: counts },
              },
            },
            ...errors,
          },
        },
      },
      async (request) => reports.report(prepare(request)),
    );

    // The same report as a download, one route per format.
    const downloads = [
      {
        ext: 'csv',
        summary: 'Report II.06a as CSV (UTF-8)',
        type: 'text/csv; charset=utf-8',
        render: reportCsv,
      },
      {
        ext: 'xlsx',
        summary: 'Report II.06a as an Excel workbook',
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        render: reportXlsx,
      },
    ] as const;
    for (const d of downloads) {
      http.get(
        `/reports/ii06a.${d.ext}`,
        { schema: { summary: d.summary, tags: ['statistics'], querystring, response: errors } },
        async (request, reply) => {
          const report = await reports.report(prepare(request));
          return reply
            .header('content-type', d.type)
            .header('content-disposition', `attachment; filename="${fileName(report, d.ext)}"`)
            .send(await d.render(report));
        },
      );
    }
  };
}

/**
 * The statistics side of the service: the projection (fed from the app's onEvent), the field
 * catalogue from routing's CatalogueService over gRPC (never routing's database) and the reports.
 */
export function statisticsFor(
  app: { statistics?: { apply(event: RecordedEvent): Promise<void> } },
  deps: Pick<ServiceDeps, 'db' | 'auth' | 'clock' | 'logger'>,
  env: Record<string, string | undefined>,
): { reports: Ii06aReports; close: () => void } {
  const config = readConfig({ ROUTING_GRPC_ADDRESS: str('127.0.0.1:7202') }, env);
  const client = createClient(CatalogueServiceClient, config.ROUTING_GRPC_ADDRESS, {
    defaultMetadata: () => deps.auth.serviceToken.metadata(),
  });
  const catalogue = new FieldCatalogue(
    async () =>
      (await client.call('listProcedures', { fieldCode: '' }, { deadlineMs: 3000 })).procedures.map((p) => ({
        code: p.code,
        fieldCode: p.fieldCode,
      })),
    {
      onError: (err) =>
        deps.logger.warn({ err }, 'procedure catalogue unavailable: fields stay unknown for now'),
    },
  );
  const statistics = new StatisticsRepository(deps.db, catalogue);
  app.statistics = statistics;
  return {
    reports: new Ii06aReports(statistics, ORGANISATION, () => deps.clock.now(), catalogue),
    close: () => client.close(),
  };
}
