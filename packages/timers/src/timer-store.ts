import { isDuplicateKey } from '@motcua/eventstore';
import type { Collection, Db } from 'mongodb';

/** JSON the fire handler needs; kept small (it is copied on every reschedule). */
export type TimerData = Readonly<Record<string, unknown>>;

/** One pending timer. `_id` is the caller's deterministic timer id. */
export interface TimerDocument {
  _id: string;
  /** Which handler fires it. */
  kind: string;
  dueAt: Date;
  data: TimerData;
  /** Bumped by every (re)schedule, so a firing that raced a reschedule does not delete the new one. */
  revision: number;
  attempts: number;
  lockedUntil: Date | null;
  lockedBy: string | null;
  lastError?: string;
}

/**
 * Told of a timer written: `exact` when it is now due at `dueAt`; `at-most` when an existing timer
 * kept its own due time, which a runner does not know (at worst it looks in vain at `dueAt`).
 */
export type TimerWatcher = (id: string, dueAt: Date, certainty: 'exact' | 'at-most') => void;

/** A timer as a handler sees it. */
export interface Timer {
  id: string;
  kind: string;
  dueAt: Date;
  data: TimerData;
  revision: number;
  attempts: number;
}

export interface ScheduleRequest {
  id: string;
  kind: string;
  dueAt: Date;
  data?: TimerData;
}

/**
 * Pending timers, one document per timer (`timers`, `_id` = timer id). Fired timers are deleted, so
 * the collection holds only what is still to fire and a scan for due timers stays small (ADR 0010).
 */
export class TimerStore {
  readonly timers: Collection<TimerDocument>;
  private readonly watchers = new Set<TimerWatcher>();

  constructor(
    readonly db: Db,
    collectionName = 'timers',
  ) {
    this.timers = db.collection<TimerDocument>(collectionName);
  }

  /** Told of every timer this store schedules or ensures (a runner of this process keeps track). */
  watch(watcher: TimerWatcher): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  /** Declared for real MongoDB; FerretDB only ever uses `_id`. */
  async ensureIndexes(): Promise<void> {
    await this.timers.createIndex({ dueAt: 1 });
  }

  /**
   * Idempotent upsert by id: a new timer, or an unfired one moved to a new due time and data.
   * Scheduling again with the same values changes nothing that matters (the firing key is the same).
   */
  async schedule(request: ScheduleRequest): Promise<void> {
    await this.timers.updateOne(
      { _id: request.id },
      {
        $set: { kind: request.kind, dueAt: request.dueAt, data: request.data ?? {} },
        $inc: { revision: 1 },
        $setOnInsert: { attempts: 0, lockedUntil: null, lockedBy: null },
      },
      { upsert: true },
    );
    for (const watcher of this.watchers) watcher(request.id, request.dueAt, 'exact');
  }

  /**
   * Timers that cannot exist yet (their owner was just created), in one insert. Should one exist after
   * all (the owner's creation was delivered again), each is scheduled as `schedule` does.
   */
  async scheduleNew(requests: ScheduleRequest[]): Promise<void> {
    if (requests.length === 0) return;
    try {
      await this.timers.insertMany(
        requests.map((r) => ({
          _id: r.id,
          kind: r.kind,
          dueAt: r.dueAt,
          data: r.data ?? {},
          revision: 1,
          attempts: 0,
          lockedUntil: null,
          lockedBy: null,
        })),
      );
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      for (const request of requests) await this.schedule(request);
      return;
    }
    for (const r of requests) for (const watcher of this.watchers) watcher(r.id, r.dueAt, 'exact');
  }

  /**
   * Creates the timer only if none with this id exists: for recurring timers (a daily digest) that
   * must not be moved by every event that mentions their unit.
   */
  async ensure(request: ScheduleRequest): Promise<void> {
    await this.timers.updateOne(
      { _id: request.id },
      {
        $setOnInsert: {
          kind: request.kind,
          dueAt: request.dueAt,
          data: request.data ?? {},
          revision: 1,
          attempts: 0,
          lockedUntil: null,
          lockedBy: null,
        },
      },
      { upsert: true },
    );
    for (const watcher of this.watchers) watcher(request.id, request.dueAt, 'at-most');
  }

  /** Removes a timer that should no longer fire; a no-op when it already fired or never existed. */
  async cancel(id: string): Promise<boolean> {
    const result = await this.timers.deleteOne({ _id: id });
    return result.deletedCount === 1;
  }

  async get(id: string): Promise<Timer | null> {
    const doc = await this.timers.findOne({ _id: id });
    return doc ? toTimer(doc) : null;
  }

  /** How many timers are still to fire. */
  pendingCount(): Promise<number> {
    return this.timers.countDocuments({});
  }
}

export function toTimer(doc: TimerDocument): Timer {
  return {
    id: doc._id,
    kind: doc.kind,
    dueAt: doc.dueAt,
    data: doc.data,
    revision: doc.revision,
    attempts: doc.attempts,
  };
}

/**
 * The identity of one firing of a timer: the same timer due at the same instant is the same firing.
 * Handlers derive their command id from it, so a second firing (after a lease ran out) writes nothing.
 */
export function firingKey(timer: Pick<Timer, 'id' | 'dueAt'>): string {
  return `timer:${timer.id}@${timer.dueAt.toISOString()}`;
}
