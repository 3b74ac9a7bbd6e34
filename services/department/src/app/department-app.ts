import { DomainError, type RecordedEvent } from '@motcua/contracts';
import { type CommandMeta, handleCommand } from '@motcua/eventstore';
import { reactionMetaOf, type ServiceDeps } from '@motcua/runtime';
import type { QueueRepository } from '../adapters/queue-repository.js';
import { openTasks, type QueueEntry } from '../domain/queue.js';
import { type Task, taskDecider, taskStreamId } from '../domain/task.js';

export interface CompleteInput {
  commandId: string;
  note: string;
}

type OpenOrDone = Exclude<Task, { status: 'none' }>;

/** Departments' work: a task per routed step, completed by an officer of that department. */
export class DepartmentApp {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly queues: QueueRepository,
  ) {}

  /** Reactions to the log: routing creates tasks; the queue follows the task events. */
  async onEvent(event: RecordedEvent): Promise<void> {
    if (event.type === 'DossierRouted') await this.queueTask(event);
    if (event.type === 'TaskQueued' || event.type === 'StepCompleted') await this.project(event);
  }

  private async queueTask(event: RecordedEvent): Promise<void> {
    const p = event.payload as { stepId: string; stepName: string; departmentId: string; stepDueAt: string };
    // The routing event's id names the task: a dossier sent back to a step gets a new task.
    const taskId = event.eventId;
    const result = await handleCommand(this.deps.store, taskDecider, {
      ...reactionMetaOf(event, 'department', 'queue-task'),
      streamId: taskStreamId(taskId),
      dossierId: event.dossierId,
      dossierCode: event.dossierCode,
      command: {
        type: 'QueueTask',
        taskId,
        stepId: p.stepId,
        stepName: p.stepName,
        departmentId: p.departmentId,
        dueAt: p.stepDueAt,
        at: this.deps.clock.now(),
      },
    });
    for (const e of result.events) await this.project(e);
  }

  async completeStep(taskId: string, input: CompleteInput, meta: CommandMeta): Promise<OpenOrDone> {
    const stream = await this.deps.store.read(taskStreamId(taskId));
    if (!stream) throw new DomainError('TASK_NOT_FOUND', { details: { taskId } });
    const result = await handleCommand(this.deps.store, taskDecider, {
      ...meta,
      streamId: taskStreamId(taskId),
      dossierId: stream.dossierId,
      command: {
        type: 'CompleteStep',
        officerId: meta.actor.userId,
        officerDepartmentId: meta.actor.departmentId,
        outcome: 'approved',
        note: input.note,
        at: this.deps.clock.now(),
      },
    });
    // Read-your-writes: the officer's queue reflects the completion before the answer goes back.
    for (const e of result.events) await this.project(e);
    return result.state as OpenOrDone;
  }

  async task(taskId: string): Promise<OpenOrDone & { version: number }> {
    const stream = await this.deps.store.read(taskStreamId(taskId));
    const state = (stream?.events ?? []).reduce(taskDecider.evolve, taskDecider.initialState());
    if (!stream || state.status === 'none') throw new DomainError('TASK_NOT_FOUND', { details: { taskId } });
    return { ...state, version: stream.version };
  }

  async queue(departmentId: string): Promise<QueueEntry[]> {
    return openTasks(await this.queues.get(departmentId));
  }

  private async project(event: RecordedEvent): Promise<void> {
    const stream = await this.deps.store.read(event.streamId);
    if (!stream) return;
    const state = stream.events.reduce(taskDecider.evolve, taskDecider.initialState());
    if (state.status === 'none') return;
    await this.queues.apply(state.departmentId, {
      taskId: state.taskId,
      dossierId: stream.dossierId,
      dossierCode: stream.dossierCode,
      stepId: state.stepId,
      stepName: state.stepName,
      status: state.status,
      queuedAt: state.queuedAt,
      dueAt: state.dueAt,
      ...(state.status === 'completed' ? { completedAt: stream.events.at(-1)?.occurredAt } : {}),
      version: stream.version,
    });
  }
}
