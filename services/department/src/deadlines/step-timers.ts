import {
  addWorkingMinutes,
  subtractWorkingMinutes,
  type WorkingCalendar,
  workingDayMinutes,
} from '@motcua/calendar';
import { type EscalationRuleSet, nextLevel } from './escalation-rules.js';

export interface DeadlinePolicy {
  /** How long before a step's due time its assignee is reminded, in working minutes. */
  nearDueWorkingMinutes: number;
}

/** Half a working day, as the issue asks by default. */
export const defaultPolicy = (calendar: WorkingCalendar): DeadlinePolicy => ({
  nearDueWorkingMinutes: workingDayMinutes(calendar) / 2,
});

export const STEP_TIMER_KINDS = {
  nearDue: 'step-near-due',
  overdue: 'step-overdue',
  escalation: 'step-escalation',
} as const;

/** What a step's timers carry to their handlers. */
export interface StepTimerData {
  taskId: string;
  dossierId: string;
  dossierCode: string;
  centerId: string;
  procedureCode: string;
  dueAt: string;
  correlationId: string;
}

export interface PlannedTimer {
  id: string;
  kind: string;
  dueAt: Date;
  data: StepTimerData;
}

export const stepTimerId = (kind: string, taskId: string) => `${kind}:${taskId}`;

/** When each deadline of a step acts: the reminder, the overdue fact, and the first escalation. */
export function planStepTimers(
  data: StepTimerData,
  calendar: WorkingCalendar,
  policy: DeadlinePolicy,
  rules: EscalationRuleSet,
): PlannedTimer[] {
  const due = new Date(data.dueAt);
  const timer = (kind: string, at: Date): PlannedTimer => ({
    id: stepTimerId(kind, data.taskId),
    kind,
    dueAt: at,
    data,
  });
  const first = nextLevel(rules, []);
  return [
    timer(STEP_TIMER_KINDS.nearDue, subtractWorkingMinutes(calendar, due, policy.nearDueWorkingMinutes)),
    timer(STEP_TIMER_KINDS.overdue, due),
    ...(first
      ? [
          timer(
            STEP_TIMER_KINDS.escalation,
            addWorkingMinutes(calendar, due, first.afterOverdueWorkingMinutes),
          ),
        ]
      : []),
  ];
}

/** When the escalation timer should fire next, given the levels already escalated; none when all are. */
export function nextEscalationAt(
  dueAt: Date,
  calendar: WorkingCalendar,
  rules: EscalationRuleSet,
  escalated: readonly number[],
): Date | undefined {
  const level = nextLevel(rules, escalated);
  return level ? addWorkingMinutes(calendar, dueAt, level.afterOverdueWorkingMinutes) : undefined;
}
