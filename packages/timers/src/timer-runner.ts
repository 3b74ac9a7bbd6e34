import { randomUUID } from 'node:crypto';
import { type Clock, systemClock } from '@motcua/eventstore';
import { firingKey, type Timer, type TimerStore, toTimer } from './timer-store.js';

/**
 * Fires one timer. Return a date to fire the same timer again then (a recurring timer, e.g. a
 * daily digest); return nothing and the timer is done. Throwing retries it after `retryDelayMs`.
 * Handlers must be idempotent (use `firingKey(timer)` as the command id): a firing can repeat when
 * an instance dies mid-fire and its lease runs out.
 */
export type TimerHandler = (timer: Timer) => Promise<Date | undefined> | Promise<void>;

export interface TimerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface TimerRunnerOptions {
  store: TimerStore;
  handlers: Readonly<Record<string, TimerHandler>>;
  logger: TimerLogger;
  clock?: Clock;
  /** How often the runner looks for due timers when nobody calls tick(). */
  intervalMs?: number;
  /** How long a claim keeps other instances off a timer while its handler runs. */
  leaseMs?: number;
  /** After a handler failure, the timer waits this long (on the clock) before the next try. */
  retryDelayMs?: number;
  batchSize?: number;
  /**
   * Wait before the first pass after start (default 0: timers that fell due during downtime fire at
   * once). A service whose clock a test sets after start waits, so it never fires on the real time.
   */
  firstPassDelayMs?: number;
}

/**
 * Claims due timers by a conditional single-document update with a lease, so several instances
 * never fire the same timer at once, and fires them. Timers that fell due while no instance ran
 * fire on the first pass after start.
 */
export class TimerRunner {
  readonly owner = randomUUID();
  private readonly clock: Clock;
  private loopTimer: NodeJS.Timeout | undefined;
  private running: Promise<Timer[]> | undefined;
  private stopped = true;
  private stoppedAt = 0;
  private progressAt = Date.now();
  private waiting: number | undefined;
  private lastError: string | undefined;

  constructor(private readonly options: TimerRunnerOptions) {
    this.clock = options.clock ?? systemClock;
  }

  start(): void {
    this.stopped = false;
    this.schedule(this.options.firstPassDelayMs ?? 0);
  }

  /**
   * For the health registry: timers due at the last pass, and the last pass that went through.
   * Wall-clock times (a test clock may stand still or jump).
   */
  status(): { running: boolean; downSince?: number; waiting?: number; progressAt: number; detail?: string } {
    return {
      running: !this.stopped,
      ...(this.stopped ? { downSince: this.stoppedAt } : {}),
      ...(this.waiting !== undefined ? { waiting: this.waiting } : {}),
      progressAt: this.progressAt,
      ...(this.lastError ? { detail: `last pass failed: ${this.lastError}` } : {}),
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stoppedAt = Date.now();
    clearTimeout(this.loopTimer);
    await this.running?.catch(() => undefined);
  }

  /** One pass: fires every timer due now; returns the firings. Tests call it after moving the clock. */
  async tick(): Promise<Timer[]> {
    // One pass at a time per instance; a tick during a pass waits for it, then runs its own.
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.pass();
    try {
      return await this.running;
    } finally {
      this.running = undefined;
    }
  }

  private schedule(delay: number): void {
    clearTimeout(this.loopTimer);
    this.loopTimer = setTimeout(() => void this.loop(), delay);
  }

  private async loop(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.tick();
    } catch (err) {
      this.lastError = err instanceof Error ? err.message : String(err);
      this.options.logger.error({ err }, 'timer pass failed; retrying');
    }
    if (!this.stopped) this.schedule(this.options.intervalMs ?? 1000);
  }

  private async pass(): Promise<Timer[]> {
    const now = this.clock.now();
    // A scan of the pending collection: it only holds timers still to fire (ADR 0010).
    const due = await this.options.store.timers
      .find({ dueAt: { $lte: now } }, { projection: { _id: 1 } })
      .sort({ dueAt: 1 })
      .limit(this.options.batchSize ?? 100)
      .toArray();
    this.waiting = due.length;
    const fired: Timer[] = [];
    for (const { _id } of due) {
      const timer = await this.fireOne(_id, now);
      if (timer) fired.push(timer);
    }
    this.progressAt = Date.now();
    this.lastError = undefined;
    return fired;
  }

  private async fireOne(id: string, now: Date): Promise<Timer | undefined> {
    const { store, handlers, logger } = this.options;
    const claimed = await store.timers.findOneAndUpdate(
      {
        _id: id,
        dueAt: { $lte: now },
        $or: [{ lockedUntil: null }, { lockedUntil: { $lte: now } }],
      },
      {
        $set: {
          lockedUntil: new Date(now.getTime() + (this.options.leaseMs ?? 30_000)),
          lockedBy: this.owner,
        },
        $inc: { attempts: 1 },
      },
      { returnDocument: 'after' },
    );
    if (!claimed) return undefined; // another instance holds it, or it moved, or it is gone
    const timer = toTimer(claimed);
    const handler = handlers[timer.kind];
    if (!handler) {
      logger.error({ timerId: id, kind: timer.kind }, 'no handler for this timer kind; left pending');
      await this.release(timer, now, 'no handler');
      return undefined;
    }
    let next: Date | undefined;
    try {
      const result = await handler(timer);
      next = result instanceof Date ? result : undefined;
    } catch (err) {
      logger.warn({ err, timerId: id, firing: firingKey(timer) }, 'timer handler failed; will retry');
      await this.release(timer, now, err instanceof Error ? err.message : String(err));
      return undefined;
    }
    const mine = { _id: id, revision: timer.revision, lockedBy: this.owner };
    const settled = next
      ? (
          await store.timers.updateOne(mine, {
            $set: { dueAt: next, attempts: 0, lockedUntil: null, lockedBy: null },
            $inc: { revision: 1 },
          })
        ).matchedCount
      : (await store.timers.deleteOne(mine)).deletedCount;
    if (settled === 0) {
      // Rescheduled while firing: keep the new due time, just give the timer back.
      await store.timers.updateOne(
        { _id: id, lockedBy: this.owner },
        { $set: { lockedUntil: null, lockedBy: null } },
      );
    }
    return timer;
  }

  private async release(timer: Timer, now: Date, error: string): Promise<void> {
    await this.options.store.timers.updateOne(
      { _id: timer.id, lockedBy: this.owner },
      {
        $set: {
          lockedUntil: new Date(now.getTime() + (this.options.retryDelayMs ?? 5_000)),
          lockedBy: null,
          lastError: error,
        },
      },
    );
  }
}
