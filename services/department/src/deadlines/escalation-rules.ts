/**
 * Escalation rules are data (like DIGIT's escalation rules): a default ladder and per-procedure
 * overrides, each with an id and a version that the StepEscalated events name. Change a ladder by
 * adding a new version; events already written keep naming the version that decided them.
 */
export type EscalationRole = 'department_head' | 'center_leader';

export interface EscalationLevel {
  /** 1 = department head, 2 = center leadership. */
  level: 1 | 2;
  role: EscalationRole;
  /** Working minutes past the step's due time at which this level fires (0 = as soon as overdue). */
  afterOverdueWorkingMinutes: number;
}

export interface EscalationRuleSet {
  ruleId: string;
  version: number;
  levels: readonly EscalationLevel[];
}

export const DEFAULT_ESCALATION_RULES: EscalationRuleSet = {
  ruleId: 'default',
  version: 1,
  levels: [
    { level: 1, role: 'department_head', afterOverdueWorkingMinutes: 0 },
    // One working day (07:30–11:30, 13:30–17:00) overdue: the center's leadership hears of it.
    { level: 2, role: 'center_leader', afterOverdueWorkingMinutes: 450 },
  ],
};

/** Procedure code → its own ladder. Same-day certification work cannot wait a day to reach the leaders. */
export const PROCEDURE_ESCALATION_RULES: Readonly<Record<string, EscalationRuleSet>> = {
  '2.000815': {
    ruleId: 'procedure:2.000815',
    version: 1,
    levels: [
      { level: 1, role: 'department_head', afterOverdueWorkingMinutes: 0 },
      { level: 2, role: 'center_leader', afterOverdueWorkingMinutes: 120 },
    ],
  },
};

export function escalationRulesFor(
  procedureCode: string,
  overrides: Readonly<Record<string, EscalationRuleSet>> = PROCEDURE_ESCALATION_RULES,
): EscalationRuleSet {
  return overrides[procedureCode] ?? DEFAULT_ESCALATION_RULES;
}

/** The first level not yet escalated, in ladder order. */
export function nextLevel(
  rules: EscalationRuleSet,
  escalated: readonly number[],
): EscalationLevel | undefined {
  return [...rules.levels]
    .sort((a, b) => a.afterOverdueWorkingMinutes - b.afterOverdueWorkingMinutes)
    .find((l) => !escalated.includes(l.level));
}
