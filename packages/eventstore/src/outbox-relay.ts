import { randomUUID } from 'node:crypto';
import { type Clock, systemClock } from './clock.js';
import {
  COMMITS,
  type EventStore,
  OUTBOX,
  POINTERS,
  type PointerHome,
  pointerId,
  STREAMS,
} from './event-store.js';
import { HandOff } from './relay-handoff.js';
import { OutboxLease } from './relay-lease.js';
import type { OutboxPointer, RecordedEvent } from './types.js';

export type Publish = (events: RecordedEvent[]) => Promise<void>;

export interface RelayLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface OutboxRelayOptions {
  store: EventStore;
  publish: Publish;
  logger: RelayLogger;
  clock?: Clock;
  /** How often the relay looks for pointers when nobody woke it up. */
  intervalMs?: number;
  /** The one lease a publishing relay holds, so two relay instances never publish at once. */
  leaseMs?: number;
  /**
   * Who holds the lease (default: a new id per relay). A stable name per process slot (`intake#0`)
   * lets the process restarted in that slot take its dead predecessor's lease at once instead of
   * waiting for it to run out; two live relays must never share one.
   */
  owner?: string;
  /** A pointer announcing more than the stream holds is an append that failed; dropped after this. */
  staleMs?: number;
  /** Pointers read per pass. */
  batchSize?: number;
}

/** Events per `publish` call: a pass's events go out in order, in requests of bounded size. */
const PUBLISH_CHUNK = 250;
/** Pointers per background delete (`_id: {$in}`, answered from the `_id` index). */
const SWEEP_CHUNK = 500;
/**
 * The sweep gathers pointers for as long as the full pass's default interval, or until this many
 * wait. Under load it then deletes every few rounds of appends: the event path at 8 in flight
 * (session 24) ran at 1,720 events/s deleting at once and ~2,000 after 20–100 ms. At 20 receptions/s
 * a 50 ms wait had made almost one delete per append in each service.
 */
const SWEEP_AFTER_MS = 250;
const SWEEP_ENOUGH = 64;

/** A pointer as a pass read it, with the collection it was read from. */
type FoundPointer = OutboxPointer & { home: PointerHome };

/** A pointer to delete, and where. */
interface Located {
  id: string;
  home: PointerHome;
}

interface Collected {
  events: RecordedEvent[];
  done: Located[];
  stale: FoundPointer[];
  kept: string[];
}

/**
 * Publishes what the event store appended, at least once and in stream order, while it holds the
 * one outbox lease.
 * - After an append of this process: publishes the handed-off events of every stream whose earlier
 *   events it published itself under the same lease (or that are a stream's first), without
 *   reading anything; their pointers are then deleted in the background, one `deleteMany` at a
 *   time (`sweep`).
 * - Every `intervalMs` (and when woken): a full pass reads the per-append pointers (the `_id` prefix
 *   range of `streams` and of `commits`, where each is stored beside what it announces, and the
 *   `outbox` of older pointers), publishes the events of every stream it found in one go (from the
 *   hand-off, else read from the stream), and deletes the pointers it published and those the sweep
 *   has not deleted, one `deleteMany` per collection.
 * A crash before a pointer's delete publishes its events again: at least once, never out of order.
 */
export class OutboxRelay {
  private readonly owner: string;
  private readonly clock: Clock;
  private readonly lease: OutboxLease;
  private readonly handOff = new HandOff();
  /** Per stream, the version up to which this relay published everything, under its current lease. */
  private readonly publishedUpTo = new Map<string, number>();
  /** Pointers published after an append and not yet deleted (by the sweep, else the next full pass). */
  private unswept = new Map<string, PointerHome>();
  /** The last pointer id a pass read from each collection that had more than it reads. */
  private readonly cuts = new Map<PointerHome, string>();
  private readonly toSweep: Located[] = [];
  private sweeping: Promise<void> | undefined;
  /** Ends the sweep's gathering early, once enough pointers wait. */
  private sweepNow: (() => void) | undefined;
  private fullPassDue = true;
  private timerPending = false;
  /** Pointers a pass left waiting: a second sighting reads the stream instead of waiting for the hand-off. */
  private seen = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private wakeRequested = false;
  private stopped = true;
  private stoppedAt = 0;
  private progressAt: number;
  private waiting: number | undefined;
  private lastError: string | undefined;

  constructor(private readonly options: OutboxRelayOptions) {
    this.clock = options.clock ?? systemClock;
    this.owner = options.owner ?? randomUUID();
    this.progressAt = Date.now();
    // Leases measure real time between processes, not the domain clock (which tests move).
    this.lease = new OutboxLease(
      options.store.relayLease,
      this.owner,
      systemClock,
      options.leaseMs ?? 15_000,
    );
  }

  start(): void {
    this.stopped = false;
    this.fullPassDue = true;
    this.schedule(0);
  }

  /**
   * For the health registry: streams waiting at the last pass, and the last pass that went through
   * (published everything it found, or found nothing). Wall-clock times, not the domain clock.
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

  /** Ask for a full pass now. */
  wake(): void {
    this.fullPassDue = true;
    this.kick();
  }

  /** An append of this process landed: publish its events now, from memory. */
  appended(streamId: string, events: RecordedEvent[]): void {
    this.handOff.add(streamId, events);
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stoppedAt = Date.now();
    clearTimeout(this.timer);
    await this.running;
    this.sweepNow?.();
    await this.sweeping;
    await this.lease.release().catch(() => undefined);
  }

  /** How many appends wait to be published. */
  async backlog(): Promise<number> {
    const counts = await Promise.all(
      HOMES.map((home) => this.options.store.pointersIn(home).countDocuments(filterIn(home))),
    );
    return counts.reduce((a, n) => a + n, 0);
  }

  /** One full pass over the pointers; returns how many events were published. */
  async drainOnce(): Promise<number> {
    let pointers = await this.readPointers();
    if (pointers.length > 0) {
      const lease = await this.lease.hold();
      // Another relay publishes; not holding the lease is no failure of this one.
      if (!lease.held) return this.passed(pointers, 0);
      // What was read before taking the lease may be what the previous holder just published.
      if (lease.fresh) {
        this.publishedUpTo.clear();
        pointers = await this.readPointers();
      }
    }
    const swept = [...this.unswept].map(([id, home]) => ({ id, home }));
    pointers = pointers.filter((p) => !this.unswept.has(p._id));
    const now = this.clock.now();
    const collected: Collected = { events: [], done: [], stale: [], kept: [] };
    for (const group of byStream(pointers)) {
      if (!this.readWhole(streamOf(group[0]!))) continue;
      const one = await this.collect(group, now);
      collected.events.push(...one.events);
      collected.done.push(...one.done);
      collected.stale.push(...one.stale);
      collected.kept.push(...one.kept);
    }
    await this.publish(collected.events);
    await this.settle({ ...collected, done: [...collected.done, ...swept] });
    for (const { id } of swept) this.unswept.delete(id);
    return this.passed(pointers, collected.events.length);
  }

  /** Publishes this process's appends from memory where nothing before them can be left. */
  private async publishHandedOff(): Promise<number> {
    const lease = await this.lease.hold();
    if (!lease.held || lease.fresh) {
      // Whatever this relay knew of what is published may be outdated: a full pass finds out.
      this.publishedUpTo.clear();
      if (lease.held) {
        this.fullPassDue = true;
        this.wakeRequested = true;
      }
      return 0;
    }
    const ready = this.handOff.ready(
      (streamId, from) => from === 1 || this.publishedUpTo.get(streamId) === from - 1,
    );
    const events = ready.flatMap((r) => r.events);
    if (events.length === 0) return 0;
    await this.publish(events);
    for (const { streamId, events: theirs, pointers } of ready) {
      const upTo = theirs.at(-1)!.streamVersion;
      this.published(streamId, upTo);
      this.handOff.forget(streamId, upTo);
      for (const p of pointers) this.unswept.set(p.id, p.home);
      this.toSweep.push(...pointers);
    }
    this.sweep();
    this.progressAt = Date.now();
    this.lastError = undefined;
    return events.length;
  }

  /**
   * Deletes the pointers of what was published from the hand-off, in the background, one
   * `deleteMany` at a time, after gathering them for `SWEEP_AFTER_MS` or until `SWEEP_ENOUGH` wait
   * (what is published while one runs goes in the next). So the outbox a full pass
   * reads stays small, and no pass deletes hundreds at once while appends wait behind it in the
   * server's write queue (session 24: a pass every 250 ms had made the event path's p95 ~70 ms).
   * A delete that fails leaves its pointers to the next full pass.
   */
  private sweep(): void {
    if (this.toSweep.length >= SWEEP_ENOUGH) this.sweepNow?.();
    if (this.sweeping || this.toSweep.length === 0) return;
    this.sweeping = (async () => {
      if (this.toSweep.length < SWEEP_ENOUGH) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, SWEEP_AFTER_MS);
          this.sweepNow = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.sweepNow = undefined;
      }
      while (this.toSweep.length > 0) {
        const chunk = this.toSweep.splice(0, SWEEP_CHUNK);
        try {
          await this.remove(chunk);
          for (const { id } of chunk) this.unswept.delete(id);
        } catch (err) {
          this.options.logger.warn({ err }, 'outbox sweep failed; the next full pass deletes them');
          this.toSweep.length = 0;
        }
      }
      this.sweeping = undefined;
    })();
  }

  private published(streamId: string, upTo: number): void {
    this.publishedUpTo.delete(streamId);
    this.publishedUpTo.set(streamId, upTo);
    if (this.publishedUpTo.size > 10_000) {
      this.publishedUpTo.delete(this.publishedUpTo.keys().next().value!);
    }
  }

  private passed(pointers: OutboxPointer[], published: number): number {
    this.waiting = new Set(pointers.map(streamOf)).size;
    this.progressAt = Date.now();
    this.lastError = undefined;
    return published;
  }

  /**
   * The pointers of every collection that holds them, at most `batchSize` of each, in `_id` order;
   * where a collection had more, the last id read (`cuts`).
   */
  private async readPointers(): Promise<FoundPointer[]> {
    const limit = this.options.batchSize ?? 500;
    this.cuts.clear();
    const found = await Promise.all(
      HOMES.map(async (home) => {
        const pointers = await this.options.store
          .pointersIn(home)
          .find(filterIn(home))
          .sort({ _id: 1 })
          .limit(limit)
          .toArray();
        if (pointers.length === limit) this.cuts.set(home, pointers.at(-1)!._id);
        return pointers.map((p) => ({ ...p, home }));
      }),
    );
    return found.flat();
  }

  /**
   * Whether this pass read every pointer of the stream that could come before those it read. A
   * stream's pointers are in several collections (its first append's beside the head, the others
   * beside their commits): where a collection had more pointers than a pass reads, a stream whose
   * ids sort after the last one read may have an earlier pointer left unread there, and publishing
   * its later events now would break its order. It waits for a later pass.
   */
  private readWhole(streamId: string): boolean {
    for (const [home, last] of this.cuts) {
      const first = home === OUTBOX ? streamId : pointerId(streamId, 0);
      if (first > last) return false;
    }
    return true;
  }

  /** Deletes these pointers, one `deleteMany` per collection that holds some. */
  private async remove(pointers: Located[]): Promise<void> {
    for (const home of HOMES) {
      const ids = pointers.filter((p) => p.home === home).map((p) => p.id);
      if (ids.length > 0) await this.options.store.pointersIn(home).deleteMany({ _id: { $in: ids } });
    }
  }

  /** The events of one stream's pointers that have landed, and what becomes of each pointer. */
  private async collect(group: FoundPointer[], now: Date): Promise<Collected> {
    const streamId = streamOf(group[0]!);
    const legacy = group.some((p) => p.from === undefined);
    const from = legacy ? 0 : Math.min(...group.map((p) => p.from!));
    const handedOff = legacy ? [] : this.handOff.from(streamId, from);
    const handedTo = from - 1 + handedOff.length;
    const isStale = (p: OutboxPointer) =>
      now.getTime() - p.updatedAt.getTime() > (this.options.staleMs ?? 30_000);
    const beyond = group.filter((p) => p.upTo > handedTo);
    // A pointer seen for the first time beyond the hand-off is most likely an append still landing.
    if (!beyond.some((p) => legacy || this.seen.has(p._id) || isStale(p))) {
      const done = group.filter((p) => p.upTo <= handedTo);
      const upTo = Math.max(from - 1, ...done.map((p) => p.upTo));
      return {
        events: handedOff.filter((e) => e.streamVersion <= upTo),
        done: done.map(located),
        stale: [],
        kept: beyond.map((p) => p._id),
      };
    }
    const stream = await this.options.store.read(streamId);
    const version = stream?.version ?? 0;
    const start = legacy ? (stream?.published ?? 0) + 1 : from;
    const upTo = Math.min(version, Math.max(...group.map((p) => p.upTo)));
    const result: Collected = {
      events: stream ? stream.events.slice(start - 1, upTo) : [],
      done: [],
      stale: [],
      kept: [],
    };
    for (const p of group) {
      if (p.upTo <= version) result.done.push(located(p));
      else if (isStale(p)) result.stale.push(p);
      else result.kept.push(p._id);
    }
    return result;
  }

  private async publish(events: RecordedEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += PUBLISH_CHUNK) {
      // Renewed when half of it has run out; a pass that outlived it stops, and whoever holds it
      // next publishes what is left, in order.
      const lease = await this.lease.hold();
      if (!lease.held || lease.fresh) throw new Error('the outbox lease ran out during the pass');
      // A send can outlast the lease (kafkajs retries for about a minute while the broker is gone):
      // kept while it runs, or a second relay would publish the same events meanwhile.
      const keep = setInterval(
        () => void this.lease.hold().catch(() => undefined),
        (this.options.leaseMs ?? 15_000) / 3,
      );
      keep.unref();
      try {
        await this.options.publish(events.slice(i, i + PUBLISH_CHUNK));
      } finally {
        clearInterval(keep);
      }
    }
  }

  private async settle({ events, done, stale, kept }: Collected): Promise<void> {
    const { store, logger } = this.options;
    await this.remove(done);
    for (const p of stale) {
      logger.warn({ streamId: streamOf(p), upTo: p.upTo }, 'dropping stale outbox pointer');
      // Only if no append refreshed it since it was read.
      await store.pointersIn(p.home).deleteOne({ _id: p._id, updatedAt: p.updatedAt });
    }
    for (const e of events) {
      this.handOff.forget(e.streamId, e.streamVersion);
      this.published(e.streamId, e.streamVersion);
    }
    this.handOff.expire();
    this.seen = new Set(kept);
  }

  /** The full pass every `intervalMs`, however often appends kick the relay in between. */
  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timerPending = true;
    this.timer = setTimeout(() => {
      this.timerPending = false;
      this.wake();
    }, delay);
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.running) this.wakeRequested = true;
    else void this.loop();
  }

  private async loop(): Promise<void> {
    if (this.stopped || this.running) return;
    this.running = (async () => {
      try {
        do {
          this.wakeRequested = false;
          if (this.fullPassDue) {
            this.fullPassDue = false;
            await this.drainOnce();
            // A kick finding the hand-off already published has nothing to do: no pass for it.
          } else if (!this.handOff.isEmpty) await this.publishHandedOff();
        } while (this.wakeRequested && !this.stopped);
      } catch (err) {
        this.lastError = err instanceof Error ? err.message : String(err);
        this.options.logger.error({ err }, 'outbox relay pass failed; retrying');
      }
    })();
    await this.running;
    this.running = undefined;
    if (!this.stopped && !this.timerPending) this.schedule(this.options.intervalMs ?? 250);
  }
}

/** Where pointers are kept: beside heads, beside commits, and in the `outbox` of older ones. */
const HOMES: PointerHome[] = [STREAMS, COMMITS, OUTBOX];

/** The pointers among the documents of `home`: its `_id` prefix range (every document of `outbox`). */
const filterIn = (home: PointerHome) => (home === OUTBOX ? {} : POINTERS);

const streamOf = (p: OutboxPointer) => p.streamId ?? p._id;

const located = (p: FoundPointer): Located => ({ id: p._id, home: p.home });

/** Pointers grouped by stream, each group in version order. */
function byStream(pointers: FoundPointer[]): FoundPointer[][] {
  const groups = new Map<string, FoundPointer[]>();
  for (const p of pointers) {
    const group = groups.get(streamOf(p));
    if (group) group.push(p);
    else groups.set(streamOf(p), [p]);
  }
  for (const group of groups.values()) group.sort((a, b) => a.upTo - b.upTo);
  return [...groups.values()];
}
