import type { NewEvent } from '@motcua/eventstore';
import type { EscalationRuleSet } from '../deadlines/escalation-rules.js';

/**
 * Deadline commands on one task, sent by its timers. Every one re-checks the task first: a task no
 * longer queued (completed, sent back, closed) ignores them, and each fact is written at most once.
 * The caller measures working time on the calendar; deciding stays pure.
 */
export type DeadlineCommand =
  | { type: 'RemindNearDue'; horizonWorkingMinutes: number; context: DeadlineContext; at: Date }
  | { type: 'MarkOverdue'; context: DeadlineContext; at: Date }
  | {
      type: 'Escalate';
      rules: EscalationRuleSet;
      /** Working minutes between the task's due time and `at`. */
      overdueWorkingMinutes: number;
      context: DeadlineContext;
      at: Date;
    };

/** What the task's stream does not hold but its deadline events name. */
export interface DeadlineContext {
  centerId: string;
  procedureCode: string;
}

export interface DeadlineView {
  status: string;
  taskId: string;
  stepId: string;
  stepName: string;
  departmentId: string;
  dueAt: string;
  assignee?: string;
  nearDueReminded?: boolean;
  overdue?: boolean;
  escalatedLevels?: readonly number[];
}

const iso = (d: Date) => d.toISOString();

function stepFacts(task: DeadlineView, context: DeadlineContext) {
  return {
    taskId: task.taskId,
    stepId: task.stepId,
    stepName: task.stepName,
    departmentId: task.departmentId,
    centerId: context.centerId,
    assigneeId: task.assignee ?? '',
    dueAt: task.dueAt,
    procedureCode: context.procedureCode,
  };
}

const event = (type: string, at: Date, payload: Record<string, unknown>): NewEvent => ({
  type,
  schemaVersion: 1,
  occurredAt: iso(at),
  payload,
});

export function decideDeadline(command: DeadlineCommand, task: DeadlineView | undefined): NewEvent[] {
  if (task?.status !== 'queued') return [];
  const due = Date.parse(task.dueAt);
  const facts = stepFacts(task, command.context);
  switch (command.type) {
    case 'RemindNearDue': {
      // Past due, the overdue fact says more than a reminder would.
      if (task.nearDueReminded || command.at.getTime() >= due) return [];
      return [
        event('StepNearDue', command.at, {
          ...facts,
          horizonWorkingMinutes: command.horizonWorkingMinutes,
          remindedAt: iso(command.at),
        }),
      ];
    }
    case 'MarkOverdue': {
      if (task.overdue || command.at.getTime() < due) return [];
      return [event('StepOverdue', command.at, { ...facts, detectedAt: iso(command.at) })];
    }
    case 'Escalate': {
      if (command.at.getTime() < due) return [];
      const done = task.escalatedLevels ?? [];
      return command.rules.levels
        .filter(
          (l) => !done.includes(l.level) && l.afterOverdueWorkingMinutes <= command.overdueWorkingMinutes,
        )
        .sort((a, b) => a.level - b.level)
        .map((l) =>
          event('StepEscalated', command.at, {
            ...facts,
            level: l.level,
            escalatedToRole: l.role,
            ruleId: command.rules.ruleId,
            ruleVersion: command.rules.version,
            overdueWorkingMinutes: command.overdueWorkingMinutes,
            escalatedAt: iso(command.at),
          }),
        );
    }
  }
}
