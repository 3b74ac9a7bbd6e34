import { DUTY_DENIALS, type DutyRule, mayActOnTask, type TaskAction } from '@motcua/auth/duties';
import { DomainError } from '@motcua/contracts';
import type { Decider, NewEvent, RecordedEvent } from '@motcua/eventstore';
import { type DeadlineCommand, decideDeadline } from './task-deadlines.js';

/** One step of one dossier in a department's queue. */
export type Task =
  | { status: 'none' }
  | {
      status: 'queued' | 'completed' | 'returned' | 'closed';
      taskId: string;
      dossierId: string;
      stepId: string;
      stepName: string;
      departmentId: string;
      /** The role the workflow's step needs (absent on tasks queued before steps carried it). */
      role?: string;
      dueAt: string;
      queuedAt: string;
      assignee?: string;
      /** Verification and consultation records made on it. */
      records: number;
      completedBy?: string;
      /** Deadline facts already written (docs/deadlines.md). */
      nearDueReminded?: boolean;
      overdue?: boolean;
      escalatedLevels?: number[];
    };

export interface Officer {
  userId: string;
  role: string;
  departmentId?: string;
}

export type TaskCommand =
  | {
      type: 'QueueTask';
      taskId: string;
      stepId: string;
      stepName: string;
      departmentId: string;
      role?: string;
      dueAt: string;
      at: Date;
    }
  | { type: 'AssignTask'; officerId: string; officerName?: string; by: Officer; at: Date }
  | { type: 'ClaimTask'; by: Officer; at: Date }
  | {
      type: 'RecordVerification';
      kind: 'verification' | 'consultation';
      counterpart: string;
      note: string;
      deadline?: Date;
      by: Officer;
      at: Date;
    }
  | { type: 'CompleteStep'; by: Officer; note: string; at: Date }
  | { type: 'ReturnStep'; toStepId: string; reason: string; by: Officer; at: Date }
  | { type: 'CloseTask'; reason: string; at: Date }
  | DeadlineCommand;

const iso = (d: Date) => d.toISOString();
const event = (type: string, at: Date, payload: Record<string, unknown>): NewEvent => ({
  type,
  schemaVersion: 1,
  occurredAt: iso(at),
  payload,
});

type Open = Exclude<Task, { status: 'none' }> & { status: 'queued' };

function requireOpen(state: Task): Open {
  if (state.status === 'none') throw new DomainError('TASK_NOT_FOUND');
  if (state.status !== 'queued') {
    throw new DomainError('FORBIDDEN_TRANSITION', {
      details: { rule: 'department.task-open', status: state.status },
      messages: DUTY_DENIALS['department.task-open'],
    });
  }
  return state as Open;
}

/** The one check of who may act on a task: the step's unit, role and assignee (@motcua/auth/duties). */
function requireDuty(task: Open, officer: Officer, action: TaskAction): void {
  const decision = mayActOnTask(officer, action, task);
  if (decision.allowed) return;
  const rule: DutyRule = decision.rule;
  throw new DomainError('PERMISSION_DENIED', {
    details: {
      rule,
      action,
      departmentId: task.departmentId,
      stepRole: task.role ?? 'department_officer',
      ...(task.assignee && rule === 'department.assignee-only' ? { assignee: task.assignee } : {}),
    },
    messages: DUTY_DENIALS[rule],
  });
}

const claimIfFree = (task: Open, officer: Officer, at: Date): NewEvent[] =>
  task.assignee
    ? []
    : [event('TaskClaimed', at, { taskId: task.taskId, officerId: officer.userId, claimedAt: iso(at) })];

export function decide(command: TaskCommand, state: Task): NewEvent[] {
  switch (command.type) {
    case 'RemindNearDue':
    case 'MarkOverdue':
    case 'Escalate':
      return decideDeadline(command, state.status === 'none' ? undefined : state);
    case 'QueueTask': {
      if (state.status !== 'none') return []; // the same routing seen again
      const { taskId, stepId, stepName, departmentId, role, dueAt, at } = command;
      return [
        event('TaskQueued', at, { taskId, stepId, stepName, departmentId, ...(role ? { role } : {}), dueAt }),
      ];
    }
    case 'AssignTask': {
      const task = requireOpen(state);
      requireDuty(task, command.by, 'task.assign');
      return [
        event('TaskAssigned', command.at, {
          taskId: task.taskId,
          officerId: command.officerId,
          ...(command.officerName ? { officerName: command.officerName } : {}),
          assignedAt: iso(command.at),
        }),
      ];
    }
    case 'ClaimTask': {
      const task = requireOpen(state);
      requireDuty(task, command.by, 'task.claim');
      if (task.assignee === command.by.userId) return [];
      return [
        event('TaskClaimed', command.at, {
          taskId: task.taskId,
          officerId: command.by.userId,
          claimedAt: iso(command.at),
        }),
      ];
    }
    case 'RecordVerification': {
      const task = requireOpen(state);
      requireDuty(task, command.by, 'task.record');
      return [
        event('VerificationRecorded', command.at, {
          taskId: task.taskId,
          kind: command.kind,
          counterpart: command.counterpart,
          note: command.note,
          ...(command.deadline ? { deadline: iso(command.deadline) } : {}),
          recordedAt: iso(command.at),
        }),
      ];
    }
    case 'CompleteStep': {
      const task = requireOpen(state);
      requireDuty(task, command.by, 'task.complete');
      return [
        ...claimIfFree(task, command.by, command.at),
        event('StepCompleted', command.at, {
          taskId: task.taskId,
          stepId: task.stepId,
          departmentId: task.departmentId,
          officerId: command.by.userId,
          outcome: 'approved',
          note: command.note,
          completedAt: iso(command.at),
        }),
      ];
    }
    case 'ReturnStep': {
      const task = requireOpen(state);
      requireDuty(task, command.by, 'task.returnStep');
      return [
        ...claimIfFree(task, command.by, command.at),
        event('StepReturned', command.at, {
          taskId: task.taskId,
          stepId: task.stepId,
          toStepId: command.toStepId,
          reason: command.reason,
          officerId: command.by.userId,
          returnedAt: iso(command.at),
        }),
      ];
    }
    case 'CloseTask': {
      if (state.status !== 'queued') return [];
      return [
        event('TaskClosed', command.at, {
          taskId: state.taskId,
          reason: command.reason,
          closedAt: iso(command.at),
        }),
      ];
    }
  }
}

export function evolve(state: Task, e: RecordedEvent): Task {
  const p = e.payload as Record<string, string>;
  if (e.type === 'TaskQueued') {
    return {
      status: 'queued',
      taskId: p.taskId!,
      dossierId: e.dossierId,
      stepId: p.stepId!,
      stepName: p.stepName!,
      departmentId: p.departmentId!,
      ...(p.role ? { role: p.role } : {}),
      dueAt: p.dueAt!,
      queuedAt: e.occurredAt,
      records: 0,
    };
  }
  if (state.status === 'none') return state;
  switch (e.type) {
    case 'TaskAssigned':
    case 'TaskClaimed':
      return { ...state, assignee: p.officerId };
    case 'VerificationRecorded':
      return { ...state, records: state.records + 1 };
    case 'StepCompleted':
      return { ...state, status: 'completed', completedBy: p.officerId };
    case 'StepReturned':
      return { ...state, status: 'returned', completedBy: p.officerId };
    case 'TaskClosed':
      return { ...state, status: 'closed' };
    case 'StepNearDue':
      return { ...state, nearDueReminded: true };
    case 'StepOverdue':
      return { ...state, overdue: true };
    case 'StepEscalated':
      return { ...state, escalatedLevels: [...(state.escalatedLevels ?? []), Number(e.payload.level)] };
    default:
      return state;
  }
}

export const taskDecider: Decider<Task, TaskCommand> = {
  initialState: () => ({ status: 'none' }),
  evolve,
  decide,
};

export const taskStreamId = (taskId: string) => `department-task:${taskId}`;
