import { type WorkingCalendar, workingMinutesBetween } from '@motcua/calendar';
import type { RecordedEvent } from '@motcua/contracts';
import { handleCommand, LruMap, updateProjection } from '@motcua/eventstore';
import { ORGANISATION } from '@motcua/organisation';
import type { ServiceDeps } from '@motcua/runtime';
import { firingKey, type Timer, type TimerHandler, type TimerStore } from '@motcua/timers';
import type { Collection } from 'mongodb';
import type { QueueRepository } from '../adapters/queue-repository.js';
import { type Task, type TaskCommand, taskDecider, taskStreamId } from '../domain/task.js';
import {
  buildDigest,
  type Digest,
  digestKey,
  digestStreamId,
  digestTimerId,
  digestWorkingDate,
  nextDigestAt,
  type OpenTask,
  type UnitKind,
} from './digest.js';
import { digestDecider } from './digest-decider.js';
import { escalationRulesFor } from './escalation-rules.js';
import {
  type DeadlinePolicy,
  nextEscalationAt,
  planStepTimers,
  STEP_TIMER_KINDS,
  type StepTimerData,
  stepTimerId,
} from './step-timers.js';

/** The center a department or agency serves, for dossiers whose workflow event did not say. */
function centerOfUnit(unitId: string, asOf: Date): string | undefined {
  return (
    ORGANISATION.findDepartment(unitId, asOf)?.centerId ?? ORGANISATION.findAgency(unitId, asOf)?.centerId
  );
}

const SYSTEM = { userId: 'system:department', role: 'system' };
const DIGEST_KIND = 'daily-digest';
/** How long a write `once` made is trusted to stand (then made again, a no-op if it does). */
const KNOWN_FOR_MS = 10 * 60_000;
const MAX_KNOWN = 10_000;

interface UnitDocument {
  departmentIds: string[];
}
interface LatestDigest {
  digest: Digest;
}

/**
 * Deadlines that act on the department side (docs/deadlines.md): a queued task gets its timers, the
 * timers send deadline commands to the task, and the daily digests are issued per department and
 * per center at the start of each working day.
 */
export class DeadlineApp {
  private readonly units: Collection<UnitDocument & { _id: string; revision: number }>;
  private readonly latest: Collection<LatestDigest & { _id: string; revision: number }>;
  /**
   * What this process already wrote and nothing takes back: a center's department (its list only
   * grows) and a unit's digest timer (recurring: each firing sets the next) — with when it was written,
   * so it is written again after a while all the same.
   */
  private readonly known = new LruMap<string, number>(MAX_KNOWN);

  constructor(
    private readonly deps: ServiceDeps,
    private readonly timers: TimerStore,
    private readonly queues: QueueRepository,
    private readonly calendar: WorkingCalendar,
    private readonly policy: DeadlinePolicy,
    /** Writes a task event into the department's queue (the app's projection). */
    private readonly project: (event: RecordedEvent) => Promise<void>,
  ) {
    this.units = deps.db.collection('deadline_units');
    this.latest = deps.db.collection('latest_digests');
  }

  readonly handlers: Readonly<Record<string, TimerHandler>> = {
    [STEP_TIMER_KINDS.nearDue]: async (timer) => {
      await this.onStepTimer(timer, (context, at) => ({
        type: 'RemindNearDue',
        horizonWorkingMinutes: this.policy.nearDueWorkingMinutes,
        context,
        at,
      }));
    },
    [STEP_TIMER_KINDS.overdue]: async (timer) => {
      await this.onStepTimer(timer, (context, at) => ({ type: 'MarkOverdue', context, at }));
    },
    [STEP_TIMER_KINDS.escalation]: (timer) => this.onEscalation(timer),
    [DIGEST_KIND]: (timer) => this.onDigest(timer),
  };

  /** A task was queued (or the same queuing seen again): its timers and its units' digests. */
  async onTaskQueued(
    event: RecordedEvent,
    dossier: { centerId: string; procedureCode: string },
  ): Promise<void> {
    const p = event.payload as { taskId: string; departmentId: string; dueAt: string };
    const centerId = dossier.centerId || centerOfUnit(p.departmentId, new Date(event.occurredAt));
    if (!centerId) {
      // The deadline events must name a center; without one they could not be written.
      this.deps.logger.warn(
        { taskId: p.taskId, departmentId: p.departmentId },
        'no center known: no deadlines',
      );
      return;
    }
    const data: StepTimerData = {
      taskId: p.taskId,
      dossierId: event.dossierId,
      dossierCode: event.dossierCode,
      centerId,
      procedureCode: dossier.procedureCode,
      dueAt: p.dueAt,
      correlationId: event.correlationId,
    };
    const rules = escalationRulesFor(dossier.procedureCode);
    // A queued task is new: its timers cannot exist, so one insert (the same queuing seen again
    // finds them there and schedules each as before).
    await this.timers.scheduleNew(
      planStepTimers(data, this.calendar, this.policy, rules).map((t) => ({
        id: t.id,
        kind: t.kind,
        dueAt: t.dueAt,
        data: { ...t.data },
      })),
    );
    await this.once(`unit:${centerId}:${p.departmentId}`, () =>
      updateProjection<UnitDocument>(
        this.units,
        `center:${centerId}`,
        () => ({ departmentIds: [] }),
        (u) =>
          u.departmentIds.includes(p.departmentId)
            ? u
            : { departmentIds: [...u.departmentIds, p.departmentId] },
      ),
    );
    const first = nextDigestAt(this.calendar, this.deps.clock.now());
    for (const [kind, unitId] of [
      ['department', p.departmentId],
      ['center', centerId],
    ] as const) {
      await this.once(`digest:${kind}:${unitId}`, () =>
        this.timers.ensure({
          id: digestTimerId(kind, unitId),
          kind: DIGEST_KIND,
          dueAt: first,
          data: { unitKind: kind, unitId, centerId },
        }),
      );
    }
  }

  /** Runs `write` unless this process ran it for `key` within the last `KNOWN_FOR_MS`. */
  private async once(key: string, write: () => Promise<unknown>): Promise<void> {
    const now = Date.now();
    const at = this.known.get(key);
    if (at !== undefined && now - at < KNOWN_FOR_MS) return;
    await write();
    this.known.set(key, now);
  }

  /** A task that left the queue: its pending timers go (a timer already firing re-checks the task anyway). */
  async onTaskEnded(taskId: string): Promise<void> {
    for (const kind of Object.values(STEP_TIMER_KINDS)) await this.timers.cancel(stepTimerId(kind, taskId));
  }

  async latestDigest(kind: UnitKind, unitId: string): Promise<Digest | undefined> {
    return (await this.latest.findOne({ _id: `${kind}:${unitId}` }))?.digest;
  }

  private async onStepTimer(
    timer: Timer,
    command: (context: { centerId: string; procedureCode: string }, at: Date) => TaskCommand,
  ): Promise<Task> {
    const data = timer.data as unknown as StepTimerData;
    const result = await handleCommand(this.deps.store, taskDecider, {
      commandId: firingKey(timer),
      actor: SYSTEM,
      correlationId: data.correlationId,
      causationId: firingKey(timer),
      streamId: taskStreamId(data.taskId),
      dossierId: data.dossierId,
      command: command({ centerId: data.centerId, procedureCode: data.procedureCode }, this.deps.clock.now()),
    });
    for (const e of result.events) await this.project(e);
    return result.state;
  }

  private async onEscalation(timer: Timer): Promise<Date | undefined> {
    const data = timer.data as unknown as StepTimerData;
    const rules = escalationRulesFor(data.procedureCode);
    const due = new Date(data.dueAt);
    const state = await this.onStepTimer(timer, (context, at) => ({
      type: 'Escalate',
      rules,
      overdueWorkingMinutes: workingMinutesBetween(this.calendar, due, at),
      context,
      at,
    }));
    if (state.status !== 'queued') return undefined;
    return nextEscalationAt(due, this.calendar, rules, state.escalatedLevels ?? []);
  }

  private async onDigest(timer: Timer): Promise<Date> {
    const { unitKind, unitId, centerId } = timer.data as {
      unitKind: UnitKind;
      unitId: string;
      centerId: string;
    };
    const now = this.deps.clock.now();
    const workingDate = digestWorkingDate(timer.dueAt);
    const departmentIds =
      unitKind === 'department'
        ? [unitId]
        : ((await this.units.findOne({ _id: `center:${unitId}` }))?.departmentIds ?? []);
    const tasks: OpenTask[] = [];
    for (const departmentId of departmentIds) {
      for (const e of await this.queues.open(departmentId)) tasks.push({ ...e, departmentId });
    }
    const digest = buildDigest({
      unitId,
      unitKind,
      centerId,
      workingDate,
      tasks,
      now,
      calendar: this.calendar,
    });
    const result = await handleCommand(this.deps.store, digestDecider, {
      commandId: firingKey(timer),
      actor: SYSTEM,
      correlationId: digestStreamId(unitKind, unitId, workingDate),
      causationId: firingKey(timer),
      streamId: digestStreamId(unitKind, unitId, workingDate),
      dossierId: digestKey(unitKind, unitId),
      command: { type: 'IssueDigest', digest },
    });
    const issued = (result.events.find((e) => e.type === 'DailyDigestIssued')?.payload ?? undefined) as
      | Digest
      | undefined;
    if (issued) {
      await updateProjection<LatestDigest>(
        this.latest,
        `${unitKind}:${unitId}`,
        () => ({ digest: issued }),
        (l) => (l.digest.workingDate > issued.workingDate ? l : { digest: issued }),
      );
    }
    // Never on a weekend or a holiday: the next start of a working day after now.
    return nextDigestAt(this.calendar, now);
  }
}
