export type TimeLimitUnit = 'working_days' | 'calendar_days' | 'working_hours' | 'same_day';

export interface WorkflowStep {
  stepId: string;
  name: string;
  departmentId: string;
  departmentName: string;
  role: string;
  allottedWorkingHours: number;
}

export interface Procedure {
  code: string;
  version: number;
  name: string;
  fieldCode: string;
  legalTimeLimit: { value: number; unit: TimeLimitUnit };
  workflow: WorkflowStep[];
  /** Facts we could not confirm from an official source are flagged, not hidden. */
  unverified?: string[];
}

const WORKING_HOURS_PER_DAY = 8;

/** The legal limit in working hours, when it is expressed in a unit we can compare. */
export function legalLimitInWorkingHours(procedure: Procedure): number | null {
  const { value, unit } = procedure.legalTimeLimit;
  if (unit === 'working_days') return value * WORKING_HOURS_PER_DAY;
  if (unit === 'working_hours') return value;
  if (unit === 'same_day') return WORKING_HOURS_PER_DAY;
  return null;
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
  const total = procedure.workflow.reduce((sum, s) => sum + s.allottedWorkingHours, 0);
  if (limit !== null && total > limit) {
    problems.push(`allotments total ${total} working hours, more than the legal ${limit}`);
  }
  return problems;
}
