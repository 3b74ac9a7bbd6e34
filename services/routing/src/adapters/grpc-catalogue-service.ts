import type { LimitUnit } from '@motcua/calendar';
import { CatalogueServiceService, DomainError, type Procedure as ProcedureMessage } from '@motcua/contracts';
import { defineService, unary } from '@motcua/grpc';
import type { Logger } from '@motcua/logger';
import { rulebookFor as rulebookOf } from '@motcua/rulebook';
import type { Procedure } from '../domain/catalogue.js';
import type { CalendarFor } from './calendar-repository.js';
import type { ProcedureRepository } from './procedure-repository.js';

/** Field code → name, from the catalogue's published fields. */
const fieldNames = async (procedures: ProcedureRepository) =>
  new Map((await procedures.fields()).map((f) => [f.fieldCode, f.name]));

/** How long the field names stay in memory: fields change only when the catalogue is seeded. */
const FIELD_NAMES_TTL_MS = 10_000;

/** `fieldNames`, read at most once per `ttlMs` (one reception asks for them once). */
export function recentFieldNames(
  procedures: ProcedureRepository,
  ttlMs = FIELD_NAMES_TTL_MS,
  now = Date.now,
): () => Promise<ReadonlyMap<string, string>> {
  let last: { at: number; names: Promise<ReadonlyMap<string, string>> } | undefined;
  return () => {
    if (!last || now() - last.at >= ttlMs) {
      const names = fieldNames(procedures);
      last = { at: now(), names };
      names.catch(() => {
        if (last?.names === names) last = undefined;
      });
    }
    return last.names;
  };
}

const toMessage = (p: Procedure, fieldNames: ReadonlyMap<string, string> = new Map()): ProcedureMessage => ({
  code: p.code,
  version: p.version,
  name: p.name,
  fieldCode: p.fieldCode,
  fieldName: fieldNames.get(p.fieldCode) ?? '',
  legalTimeLimit: p.legalTimeLimit,
  steps: p.workflow.map((s) => ({
    stepId: s.stepId,
    name: s.name,
    departmentId: s.departmentId,
    departmentName: s.departmentName,
    allottedWorkingHours: s.allottedWorkingHours,
    departmentKind: s.departmentKind,
    role: s.role,
    stage: s.stage,
    clockPausedAfter: s.clockPausedAfter,
  })),
  details: {
    levels: p.levels ?? [],
    boundaryFree: (p.boundaryFree ?? []).map((b) => ({
      provinceId: b.provinceId,
      validFrom: b.validFrom,
      validTo: b.validTo ?? '',
      source: b.source ?? '',
    })),
    cutoffApplies: p.cutoffApplies ?? false,
    clockExclusions: p.clockExclusions ?? [],
    extensions: (p.extensions ?? []).map(({ when, value, unit }) => ({ when, limit: { value, unit } })),
    requiredDocuments: (p.requiredDocuments ?? []).map((d) => ({
      name: d.name,
      form: d.form,
      count: d.count,
      template: d.template ?? '',
      conditional: d.conditional ?? '',
    })),
    fees: (p.fees ?? []).map((f) => ({
      name: f.name,
      amountKind: typeof f.amountVnd === 'number' ? 'vnd' : f.amountVnd,
      amountVnd: typeof f.amountVnd === 'number' ? f.amountVnd : 0,
      note: f.note ?? '',
    })),
    resultName: p.result?.name ?? '',
    resultTypes: p.result?.types ?? [],
    onlineLevel: p.onlineService?.level ?? '',
    onlineDecree42: p.onlineService?.decree42 ?? '',
    legalBasis: p.legalBasis ?? [],
    effectiveFrom: p.effectiveFrom ?? '',
    unverified: p.unverified ?? [],
  },
});

const UNITS: readonly string[] = ['working_days', 'calendar_days', 'working_hours', 'same_day'];

function invalid(field: string, en: string, vi: string): DomainError {
  return new DomainError('INVALID_INPUT', { details: { field }, messages: { vi, en } });
}

/**
 * The due times of a dossier received now, from the calendar in force (the current versions of the
 * official overrides and of the center's working hours): intake asks here so there is one authority.
 */
export function computeDueTimes(
  calendarFor: CalendarFor,
  request: {
    centerId: string;
    receivedAt?: string | undefined;
    legalTimeLimit?: { value: number; unit: string } | undefined;
    cutoffApplies: boolean;
  },
): { appointmentAt: string; transferAt: string } {
  const receivedAt = new Date(request.receivedAt ?? Number.NaN);
  if (Number.isNaN(receivedAt.getTime())) {
    throw invalid('receivedAt', 'receivedAt must be a timestamp', 'Thiếu thời điểm tiếp nhận hợp lệ');
  }
  const limit = request.legalTimeLimit;
  if (!limit || !UNITS.includes(limit.unit)) {
    throw invalid('legalTimeLimit', 'legalTimeLimit needs a known unit', 'Thời hạn giải quyết không hợp lệ');
  }
  // The cut-off of the rulebook of the reception day, unless the center published its own hours.
  const calendar = calendarFor(request.centerId || undefined, rulebookOf(receivedAt).transferCutoff.value);
  const appointmentAt = calendar.dueAt(
    receivedAt,
    { value: limit.value, unit: limit.unit as LimitUnit },
    { cutoffApplies: request.cutoffApplies },
  );
  return {
    appointmentAt: appointmentAt.toISOString(),
    transferAt: calendar.transferAt(receivedAt).toISOString(),
  };
}

export function catalogueGrpcService(
  procedures: ProcedureRepository,
  calendarFor: CalendarFor,
  logger: Logger,
) {
  const names = recentFieldNames(procedures);
  return defineService(CatalogueServiceService, {
    getProcedure: unary(
      async (request) =>
        toMessage(await procedures.get(request.procedureCode, request.version), await names()),
      logger,
    ),
    // With a query this is the search: current versions ranked by matched words.
    listProcedures: unary(async (request) => {
      const names = await fieldNames(procedures);
      return {
        procedures: (
          await procedures.listCurrent({
            ...(request.fieldCode ? { fieldCode: request.fieldCode } : {}),
            ...(request.departmentKind ? { departmentKind: request.departmentKind } : {}),
            ...(request.query ? { q: request.query } : {}),
          })
        ).map((p) => toMessage(p, names)),
      };
    }, logger),
    computeDueTimes: unary(async (request) => computeDueTimes(calendarFor, request), logger),
  });
}
