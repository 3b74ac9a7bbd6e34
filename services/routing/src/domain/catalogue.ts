import type { Directory, UnitKind } from '@motcua/organisation';

export type TimeLimitUnit = 'working_days' | 'calendar_days' | 'working_hours' | 'same_day';
export type Level = 'province' | 'district' | 'commune';

/** Periods the law takes out of the clock (e.g. Decree 43/2014 Art 61 for land). */
export type ClockExclusion =
  | 'financial_obligation'
  | 'verification'
  | 'consultation'
  | 'expert_assessment'
  | 'site_clearance'
  | 'commune_reception'
  | 'violation_handling';

export interface TimeLimit {
  value: number;
  unit: TimeLimitUnit;
}

/** Extra time the law allows in a named case, e.g. +3 working days when verification is needed. */
export interface TimeLimitExtension extends TimeLimit {
  when: 'verification' | 'consultation' | 'heavy_workload';
}

export interface WorkflowStep {
  stepId: string;
  name: string;
  /** The kind of unit responsible; resolved per center by `workflowFor`. */
  departmentKind: UnitKind;
  /** Resolved for the default center (hue-city), as the walking skeleton routes. */
  departmentId: string;
  departmentName: string;
  role: string;
  allottedWorkingHours: number;
  /** 0-based; steps sharing a stage run in parallel. Absent = the step's position. */
  stage?: number;
  /** The clock stops after this step until the applicant acts (e.g. pays the financial obligation). */
  clockPausedAfter?: ClockExclusion;
}

export interface RequiredDocument {
  name: string;
  /** original | copy | certified_copy (bản sao có chứng thực) | original_or_copy (copy checked against the original) */
  form: 'original' | 'copy' | 'certified_copy' | 'original_or_copy';
  count: number;
  /** The official form (mẫu) to fill in, when there is one. */
  template?: string;
  /** Only some applicants must bring it. */
  conditional?: string;
}

export interface Fee {
  name: string;
  /** VND; `free`; or `varies` when a provincial council or a scale sets it. */
  amountVnd: number | 'free' | 'varies';
  note?: string;
}

/** Decree 43/2011 levels and, since Decree 42/2022, fully (toàn trình) or partly (một phần) online. */
export interface OnlineService {
  level: 'L1' | 'L2' | 'L3' | 'L4';
  decree42?: 'full' | 'partial';
}

/**
 * A period during which the procedure is on a province's boundary-free list (Decree 118/2025 Art
 * 14(2)): any center of the province receives it, whatever the applicant's commune.
 */
export interface BoundaryFreePeriod {
  provinceId: string;
  validFrom: string;
  validTo?: string;
  /** The decision that listed it; absent = a demo listing, not a checked fact. */
  source?: string;
}

export interface Procedure {
  /** National database code `d.dddddd`; with `version`, what a dossier keeps. */
  code: string;
  version: number;
  name: string;
  fieldCode: string;
  levels?: Level[];
  legalTimeLimit: TimeLimit;
  extensions?: TimeLimitExtension[];
  /** Received after 15:00 → counted from the next working day (domain brief §6). */
  cutoffApplies?: boolean;
  clockExclusions?: ClockExclusion[];
  fees?: Fee[];
  requiredDocuments?: RequiredDocument[];
  result?: { name: string; types: ('paper' | 'electronic')[] };
  onlineService?: OnlineService;
  legalBasis?: string[];
  /** Words citizens use that the name lacks ("sổ đỏ"); searched like the name. */
  keywords?: string[];
  /** The day this version applies from (the publishing decision's effective date). */
  effectiveFrom?: string;
  workflow: WorkflowStep[];
  /** Dated, per province: data, so a listing or a delisting is a new period, not a code change. */
  boundaryFree?: BoundaryFreePeriod[];
  /** Facts we could not confirm from an official source are flagged, not hidden. */
  unverified?: string[];
}

export interface Field {
  /** `MX1X2-LV` (Circular 01/2018 Art 20): the province's level-1 unit code, then the field. */
  fieldCode: string;
  name: string;
  unverified?: string[];
}

export const CODE_PATTERN = /^\d\.\d{6}$/;
const WORKING_HOURS_PER_DAY = 8;

/**
 * Fewest working days any `n` consecutive calendar days hold when no holiday falls in them
 * (two weekend days per week, the remainder starting on a Saturday).
 */
export function minWorkingDaysIn(calendarDays: number): number {
  return 5 * Math.floor(calendarDays / 7) + Math.max(0, (calendarDays % 7) - 2);
}

/**
 * The legal limit in working hours, to check allotments against. Calendar days count conservatively
 * (`minWorkingDaysIn`): a workflow fitting that fits any week alignment. Holidays are not subtracted
 * — the dossier's own due time comes from the calendar; this only budgets the steps.
 */
export function legalLimitInWorkingHours(procedure: Pick<Procedure, 'legalTimeLimit'>): number {
  const { value, unit } = procedure.legalTimeLimit;
  if (unit === 'working_days') return value * WORKING_HOURS_PER_DAY;
  if (unit === 'working_hours') return value;
  if (unit === 'calendar_days') return minWorkingDaysIn(value) * WORKING_HOURS_PER_DAY;
  return WORKING_HOURS_PER_DAY; // same_day
}

/** Parallel steps (one stage) take as long as the longest of them. */
export function workflowWorkingHours(workflow: readonly WorkflowStep[]): number {
  const byStage = new Map<number, number>();
  workflow.forEach((s, i) => {
    const stage = s.stage ?? i;
    byStage.set(stage, Math.max(byStage.get(stage) ?? 0, s.allottedWorkingHours));
  });
  return [...byStage.values()].reduce((sum, h) => sum + h, 0);
}

/** Step allotments must add up to at most the legal limit (domain brief §6). */
export function validateWorkflow(procedure: Procedure, knownDepartments: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  if (procedure.workflow.length === 0) problems.push('the workflow has no step');
  for (const step of procedure.workflow) {
    if (!knownDepartments.has(step.departmentId))
      problems.push(`step ${step.stepId}: unknown department ${step.departmentId}`);
    if (!(step.allottedWorkingHours > 0)) problems.push(`step ${step.stepId}: allotment must be positive`);
  }
  const ids = procedure.workflow.map((s) => s.stepId);
  if (new Set(ids).size !== ids.length) problems.push('step ids repeat');
  const limit = legalLimitInWorkingHours(procedure);
  const total = workflowWorkingHours(procedure.workflow);
  if (total > limit) problems.push(`allotments total ${total} working hours, more than the legal ${limit}`);
  return problems;
}

/**
 * Everything `validateWorkflow` checks, plus the catalogue's own rules and the organisation: every
 * step's kind must resolve at every center of the procedure's levels on `asOf`.
 */
export function validateProcedure(procedure: Procedure, org: Directory, asOf: Date | string): string[] {
  const problems: string[] = [];
  if (!CODE_PATTERN.test(procedure.code)) problems.push(`code ${procedure.code} is not d.dddddd`);
  if (!Number.isInteger(procedure.version) || procedure.version < 1)
    problems.push('version must be a positive integer');
  if (!/^[A-Z]\d{2}-[A-Z0-9]+$/.test(procedure.fieldCode))
    problems.push(`field code ${procedure.fieldCode} is not MX1X2-LV`);
  if (!(procedure.legalTimeLimit.value > 0)) problems.push('the legal time limit must be positive');
  // A step's departmentId is its unit at the default center on the day it was resolved: it must
  // exist in the data, not necessarily today (after a reorganisation each center resolves its own).
  const known = new Set(procedure.workflow.map((s) => s.departmentId).filter((id) => org.unitExists(id)));
  problems.push(...validateWorkflow(procedure, known));
  const kinds = org.knownKinds();
  const levels = procedure.levels ?? ['district'];
  const centers = levels.flatMap((level) => org.centers(asOf, level));
  for (const step of procedure.workflow) {
    if (!kinds.has(step.departmentKind)) {
      problems.push(`step ${step.stepId}: unknown department kind ${step.departmentKind}`);
      continue;
    }
    const missing = centers.filter((c) => !org.resolve(c.centerId, step.departmentKind, asOf));
    if (missing.length > 0)
      problems.push(
        `step ${step.stepId}: no ${step.departmentKind} at ${missing.map((c) => c.centerId).join(', ')}`,
      );
  }
  return problems;
}

/** The procedure's workflow with each step's unit resolved for one center (undefined if one is missing). */
export function workflowFor(
  procedure: Pick<Procedure, 'workflow'>,
  centerId: string,
  org: Directory,
  asOf: Date | string,
): WorkflowStep[] | undefined {
  const steps: WorkflowStep[] = [];
  for (const step of procedure.workflow) {
    const unit = org.resolve(centerId, step.departmentKind, asOf);
    if (!unit) return undefined;
    steps.push({ ...step, departmentId: unit.unitId, departmentName: unit.name });
  }
  return steps;
}

/** One agency's part of an interconnected group (liên thông): its task and its time. */
export interface ProcedureGroupMember {
  memberId: string;
  /** Absent when the national code is not known. */
  procedureCode?: string;
  procedureName: string;
  agencyKind: UnitKind;
  task: string;
  allotted: TimeLimit;
  /** Members that must finish first; members with the same predecessors run in parallel. */
  after: string[];
  result?: string;
}

/** Procedures handled together across agencies through one entry point (domain brief §8). */
export interface ProcedureGroup {
  groupId: string;
  version: number;
  name: string;
  levels: Level[];
  /** Where the applicant files and collects: the single entry point. */
  entryAgencyKind: UnitKind;
  leadAgencyKind: UnitKind;
  legalTimeLimit: TimeLimit;
  /** The fully online variant, when the law gives it its own limit. */
  onlineTimeLimit?: TimeLimit;
  members: ProcedureGroupMember[];
  legalBasis: string[];
  unverified?: string[];
}

/** Working days along the longest chain of members (parallel branches overlap). */
export function groupWorkingDays(group: ProcedureGroup): number {
  const byId = new Map(group.members.map((m) => [m.memberId, m]));
  const memo = new Map<string, number>();
  const finish = (id: string, path: string[]): number => {
    const m = byId.get(id);
    if (!m || path.includes(id)) return Number.POSITIVE_INFINITY; // unknown or cyclic: never fits
    const known = memo.get(id);
    if (known !== undefined) return known;
    const start = Math.max(0, ...m.after.map((a) => finish(a, [...path, id])));
    const days = legalLimitInWorkingHours({ legalTimeLimit: m.allotted }) / WORKING_HOURS_PER_DAY;
    memo.set(id, start + days);
    return start + days;
  };
  return Math.max(0, ...group.members.map((m) => finish(m.memberId, [])));
}

export function validateGroup(group: ProcedureGroup, org: Directory): string[] {
  const problems: string[] = [];
  const ids = group.members.map((m) => m.memberId);
  if (ids.length < 2) problems.push('a group joins at least two procedures');
  if (new Set(ids).size !== ids.length) problems.push('member ids repeat');
  const kinds = org.knownKinds();
  for (const kind of [group.entryAgencyKind, group.leadAgencyKind, ...group.members.map((m) => m.agencyKind)])
    if (!kinds.has(kind)) problems.push(`unknown agency kind ${kind}`);
  for (const m of group.members) {
    if (m.procedureCode !== undefined && !CODE_PATTERN.test(m.procedureCode))
      problems.push(`member ${m.memberId}: code ${m.procedureCode} is not d.dddddd`);
    for (const a of m.after)
      if (!ids.includes(a)) problems.push(`member ${m.memberId}: unknown predecessor ${a}`);
  }
  const days = groupWorkingDays(group);
  const limit = legalLimitInWorkingHours(group) / WORKING_HOURS_PER_DAY;
  if (!Number.isFinite(days)) problems.push('the members form a cycle');
  else if (days > limit)
    problems.push(`the longest chain takes ${days} working days, more than the legal ${limit}`);
  return [...new Set(problems)];
}
