import { DomainError, type RecordedEvent } from '@motcua/contracts';
import {
  type CommandMeta,
  type HandleResult,
  handleCommand,
  LruMap,
  lastWritten,
  updateProjection,
} from '@motcua/eventstore';
import { reactionMetaOf, type ServiceDeps } from '@motcua/runtime';
import type { Collection } from 'mongodb';
import type { QueueRepository } from '../adapters/queue-repository.js';
import type { QueueEntry } from '../domain/queue.js';
import { type Task, type TaskCommand, taskDecider, taskStreamId } from '../domain/task.js';

type Known = Exclude<Task, { status: 'none' }>;

/** Task streams whose last projected version is remembered (the least recently used go first). */
const MAX_PROJECTED = 10_000;
type OfficerCommand = Exclude<
  TaskCommand,
  { type: 'QueueTask' | 'CloseTask' | 'RemindNearDue' | 'MarkOverdue' | 'Escalate' }
>;
export type OfficerInput<T extends OfficerCommand['type']> = Omit<
  Extract<OfficerCommand, { type: T }>,
  'type' | 'by' | 'at'
>;

interface DossierTasks {
  taskIds: string[];
  /** From the dossier's DossierWorkflowAssigned: what its deadline events name. */
  centerId?: string;
  procedureCode?: string;
  appointmentAt?: string;
  /** From intake's reception (or online submission): what the queue shows, so it never asks intake per line. */
  applicantName?: string;
  procedureName?: string;
}

export interface DossierContext {
  centerId: string;
  procedureCode: string;
}

/** Events after which a dossier's open tasks have nothing left to do. */
const ENDINGS: Readonly<Record<string, string>> = {
  DossierProcessingClosed: 'withdrawn',
  DossierProcessingStopped: 'stopped',
  DossierRefusedAfterAppraisal: 'refused',
};

/** Events that move a dossier's appointment, and the payload field with the new one. */
const APPOINTMENT_MOVES: Readonly<Record<string, string>> = {
  ApologyIssued: 'newAppointmentAt',
  ProcessingClockRestarted: 'appointmentAt',
  ProcessingClockResumed: 'appointmentAt',
};

/** Events that change what department knows of a dossier, besides its own task events. */
const DOSSIER_FACTS: ReadonlySet<string> = new Set([
  'DossierWorkflowAssigned',
  'DossierUnitsSucceeded',
  'DossierReceived',
  'DossierSubmittedOnline',
  'DossierRouted',
]);

/**
 * Whether `onEvent` does anything with the event, from its type and producer alone, so the consumer
 * passes the others over without a database round trip (most of the log is other services' news).
 */
export function departmentReactsTo(event: Pick<RecordedEvent, 'type' | 'producer'>): boolean {
  return (
    DOSSIER_FACTS.has(event.type) ||
    Object.hasOwn(APPOINTMENT_MOVES, event.type) ||
    Object.hasOwn(ENDINGS, event.type) ||
    event.producer === 'department'
  );
}

/** Departments' work: a task per routed step, worked and handed over by the department's officers. */
export class DepartmentApp {
  private readonly dossierTasks: Collection<DossierTasks & { _id: string; revision: number }>;
  /** The dossiers this consumer last wrote: their next event is folded without reading them first. */
  private readonly dossierCache = lastWritten<DossierTasks>();
  /**
   * Task stream → the last version this process wrote into its queue, right after appending it: the
   * same event coming back through the log is then news to no one (after a restart it is projected).
   */
  private readonly projected = new LruMap<string, number>(MAX_PROJECTED);

  /** Told of every TaskQueued written (or seen again), to schedule the task's deadlines. */
  onTaskQueued?: (event: RecordedEvent, dossier: DossierContext) => Promise<void>;
  /** Told when a task is no longer queued (completed, sent back, closed): its deadlines stop. */
  onTaskEnded?: (taskId: string) => Promise<void>;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly queues: QueueRepository,
  ) {
    this.dossierTasks = deps.db.collection('dossier_tasks');
  }

  /** Reactions to the log: routing creates and ends tasks; the queue follows the task events. */
  async onEvent(event: RecordedEvent): Promise<void> {
    if (!departmentReactsTo(event)) return;
    // A dossier moved to a successor center: its deadline events name the new center.
    if (event.type === 'DossierWorkflowAssigned' || event.type === 'DossierUnitsSucceeded') {
      await this.rememberDossier(event);
    } else if (event.type === 'DossierReceived' || event.type === 'DossierSubmittedOnline')
      await this.rememberApplicant(event);
    else if (APPOINTMENT_MOVES[event.type]) await this.moveAppointment(event, APPOINTMENT_MOVES[event.type]!);
    else if (event.type === 'DossierRouted') await this.queueTask(event);
    else if (ENDINGS[event.type]) await this.closeTasks(event, ENDINGS[event.type]!);
    else if (event.producer === 'department') await this.project(event);
  }

  private async rememberDossier(event: RecordedEvent): Promise<void> {
    const p = event.payload as { centerId?: string; procedureCode?: string; appointmentAt?: string };
    await updateProjection<DossierTasks>(
      this.dossierTasks,
      event.dossierId,
      () => ({ taskIds: [] }),
      (d) => ({
        ...d,
        centerId: p.centerId ?? d.centerId ?? '',
        procedureCode: p.procedureCode ?? d.procedureCode ?? '',
        ...(p.appointmentAt ? { appointmentAt: p.appointmentAt } : {}),
      }),
      { cache: this.dossierCache },
    );
  }

  /** The new appointment on the dossier's queue lines, so the queue's due dates stay those of the law. */
  private async moveAppointment(event: RecordedEvent, field: string): Promise<void> {
    const at = (event.payload as Record<string, unknown>)[field];
    if (typeof at !== 'string' || !at) return;
    const dossier = await updateProjection<DossierTasks>(
      this.dossierTasks,
      event.dossierId,
      () => ({ taskIds: [] }),
      (d) => ({ ...d, appointmentAt: at }),
      { cache: this.dossierCache },
    );
    for (const taskId of dossier.taskIds) await this.projectStream(taskStreamId(taskId), dossier);
  }

  private async rememberApplicant(event: RecordedEvent): Promise<void> {
    const p = event.payload as { applicant?: { fullName?: string }; procedureName?: string };
    await updateProjection<DossierTasks>(
      this.dossierTasks,
      event.dossierId,
      () => ({ taskIds: [] }),
      (d) => ({
        ...d,
        ...(p.applicant?.fullName ? { applicantName: p.applicant.fullName } : {}),
        ...(p.procedureName ? { procedureName: p.procedureName } : {}),
      }),
      // the dossier's first event starts its document
      { cache: this.dossierCache, likelyNew: event.streamVersion === 1 },
    );
  }

  private async queueTask(event: RecordedEvent): Promise<void> {
    const p = event.payload as {
      stepId: string;
      stepName: string;
      departmentId: string;
      role?: string;
      stepDueAt: string;
    };
    // The routing event's id names the task: a dossier sent back to a step gets a new task.
    const taskId = event.eventId;
    const dossier = await updateProjection<DossierTasks>(
      this.dossierTasks,
      event.dossierId,
      () => ({ taskIds: [] }),
      (d) => (d.taskIds.includes(taskId) ? d : { ...d, taskIds: [...d.taskIds, taskId] }),
      { cache: this.dossierCache },
    );
    const events = await this.react(event, taskId, 'queue-task', dossier, {
      type: 'QueueTask',
      taskId,
      stepId: p.stepId,
      stepName: p.stepName,
      departmentId: p.departmentId,
      ...(p.role ? { role: p.role } : {}),
      dueAt: p.stepDueAt,
      at: new Date(event.occurredAt),
    });
    const queued = events.find((e) => e.type === 'TaskQueued');
    if (queued && this.onTaskQueued) {
      const context = { centerId: dossier.centerId ?? '', procedureCode: dossier.procedureCode ?? '' };
      await this.onTaskQueued(queued, context);
    }
  }

  private async closeTasks(event: RecordedEvent, reason: string): Promise<void> {
    const tasks = await this.dossierTasks.findOne({ _id: event.dossierId });
    for (const taskId of tasks?.taskIds ?? []) {
      await this.react(event, taskId, `close-task:${taskId}`, tasks ?? undefined, {
        type: 'CloseTask',
        reason,
        at: new Date(event.occurredAt),
      });
    }
  }

  private async react(
    event: RecordedEvent,
    taskId: string,
    purpose: string,
    /** The dossier's document as this consumer just read or wrote it (its events come to it alone). */
    dossier: DossierTasks | undefined,
    command: TaskCommand,
  ): Promise<RecordedEvent[]> {
    const result = await handleCommand(this.deps.store, taskDecider, {
      ...reactionMetaOf(event, 'department', purpose),
      // a queued task's stream is new: routing's event names it (unless this event comes again)
      likelyNew: command.type === 'QueueTask',
      streamId: taskStreamId(taskId),
      dossierId: event.dossierId,
      dossierCode: event.dossierCode,
      // The dossier's rulebook travels from routing's events into the task's stream.
      ...(event.rulebookId ? { rulebookId: event.rulebookId } : {}),
      command,
    });
    await this.projectResult(taskStreamId(taskId), result, dossier);
    return result.events;
  }

  /** An officer's action on a task; the queue reflects it before the answer goes back. */
  async act<T extends OfficerCommand['type']>(
    taskId: string,
    type: T,
    input: OfficerInput<T>,
    meta: CommandMeta,
  ) {
    const stream = await this.deps.store.read(taskStreamId(taskId));
    if (!stream) throw new DomainError('TASK_NOT_FOUND', { details: { taskId } });
    const by = { userId: meta.actor.userId, role: meta.actor.role, departmentId: meta.actor.departmentId };
    const command = { ...input, type, by, at: this.deps.clock.now() } as unknown as TaskCommand;
    const result = await handleCommand(this.deps.store, taskDecider, {
      ...meta,
      streamId: taskStreamId(taskId),
      dossierId: stream.dossierId,
      command,
    });
    await this.projectResult(taskStreamId(taskId), result);
    return { ...(result.state as Known), version: result.version };
  }

  async task(taskId: string): Promise<Known & { version: number; dossierCode: string }> {
    const stream = await this.deps.store.read(taskStreamId(taskId));
    const state = (stream?.events ?? []).reduce(taskDecider.evolve, taskDecider.initialState());
    if (!stream || state.status === 'none') throw new DomainError('TASK_NOT_FOUND', { details: { taskId } });
    return { ...state, version: stream.version, dossierCode: stream.dossierCode };
  }

  async queue(departmentId: string): Promise<QueueEntry[]> {
    return this.queues.open(departmentId);
  }

  /** Writes a task event's result into its department's queue. */
  async project(event: RecordedEvent): Promise<void> {
    if ((this.projected.get(event.streamId) ?? 0) >= event.streamVersion) return;
    await this.projectStream(event.streamId);
  }

  /** A command's outcome into the queue: the state it left, as stored, without reading it back. */
  private async projectResult(
    streamId: string,
    result: HandleResult<Task>,
    dossier?: DossierTasks,
  ): Promise<void> {
    const last = result.events.at(-1);
    if (!last) return;
    // a retried command answers with its first events, which need not be the stream's last
    if (result.duplicate) return this.projectStream(streamId, dossier);
    await this.projectTask(
      { streamId, dossierId: last.dossierId, dossierCode: last.dossierCode, lastAt: last.occurredAt },
      result.state,
      result.version,
      dossier,
    );
  }

  private async projectStream(streamId: string, dossier?: DossierTasks): Promise<void> {
    const stream = await this.deps.store.read(streamId);
    if (!stream) return;
    const state = stream.events.reduce(taskDecider.evolve, taskDecider.initialState());
    const { dossierId, dossierCode } = stream;
    const lastAt = stream.events.at(-1)?.occurredAt;
    await this.projectTask({ streamId, dossierId, dossierCode, lastAt }, state, stream.version, dossier);
  }

  private async projectTask(
    stream: { streamId: string; dossierId: string; dossierCode: string; lastAt: string | undefined },
    state: Task,
    version: number,
    /** Given by the consumer's reactions, which hold it already; read otherwise (an officer's action). */
    known?: DossierTasks,
  ): Promise<void> {
    if (state.status === 'none') return;
    const dossier = known ?? (await this.dossierTasks.findOne({ _id: stream.dossierId }));
    await this.queues.apply(state.departmentId, {
      ...(dossier?.applicantName ? { applicantName: dossier.applicantName } : {}),
      ...(dossier?.procedureCode ? { procedureCode: dossier.procedureCode } : {}),
      ...(dossier?.procedureName ? { procedureName: dossier.procedureName } : {}),
      ...(dossier?.appointmentAt ? { appointmentAt: dossier.appointmentAt } : {}),
      taskId: state.taskId,
      dossierId: stream.dossierId,
      dossierCode: stream.dossierCode,
      stepId: state.stepId,
      stepName: state.stepName,
      ...(state.role ? { role: state.role } : {}),
      status: state.status === 'queued' ? 'queued' : 'done',
      ...(state.assignee ? { assignee: state.assignee } : {}),
      queuedAt: state.queuedAt,
      dueAt: state.dueAt,
      ...(state.status !== 'queued' ? { completedAt: stream.lastAt } : {}),
      version,
    });
    this.projected.set(stream.streamId, Math.max(version, this.projected.get(stream.streamId) ?? 0));
    if (state.status !== 'queued') await this.onTaskEnded?.(state.taskId);
  }
}
