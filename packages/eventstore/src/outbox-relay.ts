import { randomUUID } from 'node:crypto';
import { type Clock, systemClock } from './clock.js';
import type { EventStore } from './event-store.js';
import type { RecordedEvent } from './types.js';

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
  /** A lease keeps two relay instances from publishing the same stream at once. */
  leaseMs?: number;
  /** A pointer announcing more than the stream holds is an append that failed; dropped after this. */
  staleMs?: number;
  batchSize?: number;
}

/**
 * Publishes what the event store appended, at least once and in stream order. It reads only the
 * small `outbox` collection of pointers, never the whole store.
 */
export class OutboxRelay {
  private readonly owner = randomUUID();
  private readonly clock: Clock;
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
    this.progressAt = Date.now();
  }

  start(): void {
    this.stopped = false;
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

  /** Ask for a drain now (called after an append in this process). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) this.wakeRequested = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stoppedAt = Date.now();
    clearTimeout(this.timer);
    await this.running;
  }

  /** How many streams have events waiting to be published. */
  backlog(): Promise<number> {
    return this.options.store.outbox.countDocuments({});
  }

  /** One pass over the pointers; returns how many events were published. */
  async drainOnce(): Promise<number> {
    const pointers = await this.options.store.outbox
      .find({}, { projection: { _id: 1 } })
      .limit(this.options.batchSize ?? 200)
      .toArray();
    this.waiting = pointers.length;
    let published = 0;
    for (const { _id } of pointers) published += await this.drainStream(_id);
    this.progressAt = Date.now();
    this.lastError = undefined;
    return published;
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.loop(), delay);
  }

  private async loop(): Promise<void> {
    if (this.stopped || this.running) return;
    this.running = (async () => {
      try {
        do {
          this.wakeRequested = false;
          await this.drainOnce();
        } while (this.wakeRequested && !this.stopped);
      } catch (err) {
        this.lastError = err instanceof Error ? err.message : String(err);
        this.options.logger.error({ err }, 'outbox relay pass failed; retrying');
      }
    })();
    await this.running;
    this.running = undefined;
    if (!this.stopped) this.schedule(this.options.intervalMs ?? 250);
  }

  private async drainStream(streamId: string): Promise<number> {
    const { store } = this.options;
    const now = this.clock.now();
    const pointer = await store.outbox.findOneAndUpdate(
      { _id: streamId, $or: [{ lockedUntil: null }, { lockedUntil: { $lt: now } }] },
      {
        $set: {
          lockedUntil: new Date(now.getTime() + (this.options.leaseMs ?? 15_000)),
          lockedBy: this.owner,
        },
      },
      { returnDocument: 'after' },
    );
    if (!pointer) return 0;
    // A send can outlast the lease (kafkajs retries for about a minute while the broker is gone); an
    // expired lease let a second instance publish the same events too. Held while this pass runs.
    const leaseMs = this.options.leaseMs ?? 15_000;
    const renew = setInterval(() => {
      void store.outbox
        .updateOne(
          { _id: streamId, lockedBy: this.owner },
          { $set: { lockedUntil: new Date(this.clock.now().getTime() + leaseMs) } },
        )
        .catch(() => undefined);
    }, leaseMs / 3);
    renew.unref();
    try {
      return await this.publishPending(streamId, pointer.upTo, pointer.updatedAt, now);
    } finally {
      clearInterval(renew);
      // Released even when publishing failed, so the next pass can try again at once.
      await store.outbox.updateOne(
        { _id: streamId, lockedBy: this.owner },
        { $set: { lockedUntil: null, lockedBy: null } },
      );
    }
  }

  private async publishPending(
    streamId: string,
    upTo: number,
    announcedAt: Date,
    now: Date,
  ): Promise<number> {
    const { store, publish } = this.options;
    const stream = await store.read(streamId);
    const version = stream?.version ?? 0;
    const pending = stream ? stream.events.slice(stream.published) : [];
    if (pending.length > 0) {
      await publish(pending);
      await store.streams.updateOne({ _id: streamId }, { $max: { published: version } });
    }
    if (upTo <= version) {
      // Only delete if no append announced more since we read it; else keep it for the next pass.
      await store.outbox.deleteOne({ _id: streamId, upTo, updatedAt: announcedAt });
    } else if (now.getTime() - announcedAt.getTime() > (this.options.staleMs ?? 30_000)) {
      this.options.logger.warn({ streamId, upTo, version }, 'dropping stale outbox pointer');
      await store.outbox.deleteOne({ _id: streamId, upTo, updatedAt: announcedAt });
    }
    return pending.length;
  }
}
