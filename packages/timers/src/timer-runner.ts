import { randomUUID } from 'node:crypto';
import { type Clock, systemClock } from '@motcua/eventstore';
import { RunnerRoster } from './runner-roster.js';
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
  /** Timers the runner learns per scan: the earliest ones, due or not (default 500). */
  batchSize?: number;
  /**
   * How often the pending timers are scanned even when none of the known ones falls due: what other
   * processes scheduled is found this late at worst (default 30 × `intervalMs`, at most 30 s).
   */
  scanEveryMs?: number;
  /**
   * A scan that finds nothing the runner did not know doubles the wait before the next, up to this
   * (default 10 × `scanEveryMs`, at most 5 minutes); one that finds news brings it back to
   * `scanEveryMs`. A scan reads every pending timer: ~1.1 s of FerretDB at 27,000 timers.
   */
  maxScanEveryMs?: number;
  /**
   * A scan reads the pending timers in pages of this many (default 250), unsorted, and keeps the
   * earliest `batchSize` itself: the server never holds nor sorts the whole list at once.
   */
  scanPageSize?: number;
  /**
   * After each page, the scan rests this many times as long as the page took (default 3): a long
   * list is read at a quarter of the pace the server could give, beside the commands that cannot
   * wait. Due timers wait for the scan: ~6 s at 10,000 pending timers under load.
   */
  scanRest?: number;
  /** Wall-clock milliseconds, for when to scan (default `Date.now`; tests set it). */
  wallClock?: () => number;
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
 *
 * A scan reads every pending timer (FerretDB uses no index on `dueAt`; the scan reads it in paced
 * pages and keeps the earliest), so the runner does not scan at every pass: a scan tells it the
 * earliest timers, due or not, and up to when that list is whole (`horizon`); the timers its own
 * store schedules are added as they are written. Passes fire from that list and scan again only when
 * the clock reaches the horizon, every `scanEveryMs` (less often while scans find nothing new, down
 * to `maxScanEveryMs`) while other runners beat beside it (a runner alone has heard of every timer:
 * see RunnerRoster), or when a test calls `tick()`. ADR 0010.
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
  /** Timer id → due time (ms on the clock): every pending timer due before `horizon`, and maybe more. */
  private upcoming = new Map<string, number>();
  private horizon = Number.NEGATIVE_INFINITY;
  /** When the last scan began (wall clock); none yet at first. */
  private scannedAt = Number.NEGATIVE_INFINITY;
  /** The wait before the next scan the clock does not call for (see `maxScanEveryMs`). */
  private scanWaitMs: number | undefined;
  /** What the store scheduled while a scan was under way, to add to what it finds. */
  private scheduledDuringScan: [string, number, boolean][] | undefined;
  private readonly roster: RunnerRoster;

  constructor(private readonly options: TimerRunnerOptions) {
    this.clock = options.clock ?? systemClock;
    this.roster = new RunnerRoster(
      options.store.db,
      options.store.timers.collectionName,
      this.owner,
      this.scanEveryMs(),
      () => (this.options.wallClock ?? Date.now)(),
    );
    options.store.watch((id, dueAt, certainty) => this.learn(id, dueAt.getTime(), certainty === 'exact'));
  }

  /** A timer due at `dueAt` (or, when not `exact`, at most then: an earlier time known stays). */
  private learn(id: string, dueAt: number, exact = true): void {
    this.scheduledDuringScan?.push([id, dueAt, exact]);
    const known = this.upcoming.get(id);
    this.upcoming.set(id, exact || known === undefined ? dueAt : Math.min(known, dueAt));
    const keep = 2 * (this.options.batchSize ?? 500);
    if (this.upcoming.size <= 2 * keep) return;
    // Bounded: the latest go, and the list is whole only up to the first of them.
    const sorted = [...this.upcoming].sort((a, b) => a[1] - b[1]);
    this.horizon = Math.min(this.horizon, sorted[keep]![1]);
    this.upcoming = new Map(sorted.slice(0, keep));
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
    await this.roster.leave().catch(() => undefined); // else the others take it over once it is stale
  }

  /**
   * One pass with a scan: fires every timer due now; returns the firings. Tests call it after moving
   * the clock or writing timers behind the store's back.
   */
  tick(): Promise<Timer[]> {
    return this.run(true);
  }

  /** One pass as the loop makes it: a scan only when the known timers are not enough (see above). */
  poll(): Promise<Timer[]> {
    return this.run(false);
  }

  private async run(scan: boolean): Promise<Timer[]> {
    // One pass at a time per instance; a tick during a pass waits for it, then runs its own.
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.pass(scan);
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
      await this.poll();
    } catch (err) {
      this.lastError = err instanceof Error ? err.message : String(err);
      this.options.logger.error({ err }, 'timer pass failed; retrying');
    }
    if (!this.stopped) this.schedule(this.options.intervalMs ?? 1000);
  }

  private scanEveryMs(): number {
    return this.options.scanEveryMs ?? Math.min(30_000, 30 * (this.options.intervalMs ?? 1000));
  }

  private maxScanEveryMs(): number {
    return this.options.maxScanEveryMs ?? Math.min(300_000, 10 * this.scanEveryMs());
  }

  /** After a scan made for news: back to the base rate when it found some, else twice the wait. */
  private nextScanWait(news: boolean): number {
    return news
      ? this.scanEveryMs()
      : Math.min(this.maxScanEveryMs(), 2 * (this.scanWaitMs ?? this.scanEveryMs()));
  }

  private async pass(forceScan: boolean): Promise<Timer[]> {
    const now = this.clock.now();
    const wall = this.options.wallClock ?? Date.now;
    await this.roster.beat();
    const stale = wall() - this.scannedAt >= (this.scanWaitMs ?? this.scanEveryMs());
    const forced = forceScan || now.getTime() >= this.horizon;
    // news can only come from another runner's process; alone, this one heard of every timer
    const others = !forced && stale ? await this.roster.others() : [];
    if (!forced && stale && others.length === 0) {
      this.scannedAt = wall();
      this.scanWaitMs = this.nextScanWait(false);
    } else if (forced || stale) {
      const horizon = this.horizon;
      const news = await this.scan();
      // only a scan made for news (not for the clock) says how often news comes
      if (!forceScan && now.getTime() < horizon) this.scanWaitMs = this.nextScanWait(news);
      await this.roster.forgetStopped(others);
    }
    const due = [...this.upcoming]
      .filter(([, dueAt]) => dueAt <= now.getTime())
      .sort((a, b) => a[1] - b[1])
      .map(([id]) => id);
    this.waiting = due.length;
    const fired: Timer[] = [];
    for (const id of due) {
      const timer = await this.fireOne(id, now);
      if (timer) fired.push(timer);
    }
    this.progressAt = Date.now();
    this.lastError = undefined;
    return fired;
  }

  /**
   * Learns the earliest pending timers; the list is whole up to the last one's due time. True when it
   * found news: a timer due before the former horizon that the runner did not hold at that time.
   */
  private async scan(): Promise<boolean> {
    const [known, horizon] = [this.upcoming, this.horizon];
    const batchSize = this.options.batchSize ?? 500;
    this.scannedAt = (this.options.wallClock ?? Date.now)();
    const during: [string, number, boolean][] = [];
    this.scheduledDuringScan = during;
    let earliest: { _id: string; dueAt: Date }[];
    try {
      earliest = await this.earliestPending(batchSize);
    } finally {
      this.scheduledDuringScan = undefined;
    }
    this.upcoming = new Map(earliest.map((t) => [t._id, t.dueAt.getTime()]));
    this.horizon = earliest.length < batchSize ? Number.POSITIVE_INFINITY : earliest.at(-1)!.dueAt.getTime();
    // what the store scheduled meanwhile may be missing from what the scan read
    for (const [id, dueAt, exact] of during) this.learn(id, dueAt, exact);
    return earliest.some((t) => t.dueAt.getTime() < horizon && known.get(t._id) !== t.dueAt.getTime());
  }

  /**
   * The `count` pending timers due first, read page by page without a sort: FerretDB sorts only in
   * memory, so a sorted read made the server decode and hold every pending timer at once (4 s of a
   * loaded 2-core machine at 10,000 timers, every service's commands waiting behind it).
   */
  private async earliestPending(count: number): Promise<{ _id: string; dueAt: Date }[]> {
    const page = this.options.scanPageSize ?? 250;
    const rest = this.options.scanRest ?? 3;
    const cursor = this.options.store.timers.find({}, { projection: { _id: 1, dueAt: 1 }, batchSize: page });
    const byDue = (a: { dueAt: Date }, b: { dueAt: Date }) => a.dueAt.getTime() - b.dueAt.getTime();
    let kept: { _id: string; dueAt: Date }[] = [];
    try {
      for (let read = 0, pageStart = Date.now(); ; ) {
        const timer = await cursor.next();
        if (!timer) break;
        kept.push(timer);
        if (kept.length >= 2 * count) kept = kept.sort(byDue).slice(0, count);
        if (++read % page === 0 && rest > 0) {
          await new Promise((resolve) => setTimeout(resolve, (Date.now() - pageStart) * rest));
          pageStart = Date.now();
        }
      }
    } finally {
      await cursor.close().catch(() => undefined);
    }
    return kept.sort(byDue).slice(0, count);
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
    this.upcoming.delete(id);
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
      this.learn(id, now.getTime() + (this.options.retryDelayMs ?? 5_000));
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
    if (next && settled > 0) this.learn(id, next.getTime());
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
