import { DomainError } from '@motcua/contracts';
import type { Decider, NewEvent, RecordedEvent } from '@motcua/eventstore';

/** One step of one dossier in a department's queue. */
export type Task =
  | { status: 'none' }
  | {
      status: 'queued' | 'completed';
      taskId: string;
      dossierId: string;
      stepId: string;
      stepName: string;
      departmentId: string;
      dueAt: string;
      queuedAt: string;
      completedBy?: string;
    };

export type TaskCommand =
  | {
      type: 'QueueTask';
      taskId: string;
      stepId: string;
      stepName: string;
      departmentId: string;
      dueAt: string;
      at: Date;
    }
  | {
      type: 'CompleteStep';
      officerId: string;
      officerDepartmentId?: string;
      outcome: 'approved';
      note: string;
      at: Date;
    };

export function decide(command: TaskCommand, state: Task): NewEvent[] {
  switch (command.type) {
    case 'QueueTask': {
      if (state.status !== 'none') return []; // the same routing seen again
      return [
        {
          type: 'TaskQueued',
          schemaVersion: 1,
          occurredAt: command.at.toISOString(),
          payload: {
            taskId: command.taskId,
            stepId: command.stepId,
            stepName: command.stepName,
            departmentId: command.departmentId,
            dueAt: command.dueAt,
          },
        },
      ];
    }
    case 'CompleteStep': {
      if (state.status === 'none') throw new DomainError('TASK_NOT_FOUND');
      if (state.status !== 'queued') {
        throw new DomainError('FORBIDDEN_TRANSITION', {
          details: { rule: 'department.complete-once', status: state.status },
          messages: { vi: 'Bước xử lý này đã hoàn thành', en: 'This step is already completed' },
        });
      }
      if (command.officerDepartmentId && command.officerDepartmentId !== state.departmentId) {
        throw new DomainError('PERMISSION_DENIED', {
          details: { rule: 'department.own-queue', departmentId: state.departmentId },
          messages: {
            vi: 'Công việc này thuộc phòng khác',
            en: "This task belongs to another department's queue",
          },
        });
      }
      return [
        {
          type: 'StepCompleted',
          schemaVersion: 1,
          occurredAt: command.at.toISOString(),
          payload: {
            taskId: state.taskId,
            stepId: state.stepId,
            departmentId: state.departmentId,
            officerId: command.officerId,
            outcome: command.outcome,
            note: command.note,
            completedAt: command.at.toISOString(),
          },
        },
      ];
    }
  }
}

export function evolve(state: Task, event: RecordedEvent): Task {
  const p = event.payload as Record<string, string>;
  switch (event.type) {
    case 'TaskQueued':
      return {
        status: 'queued',
        taskId: p.taskId!,
        dossierId: event.dossierId,
        stepId: p.stepId!,
        stepName: p.stepName!,
        departmentId: p.departmentId!,
        dueAt: p.dueAt!,
        queuedAt: event.occurredAt,
      };
    case 'StepCompleted':
      return state.status === 'none' ? state : { ...state, status: 'completed', completedBy: p.officerId };
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
