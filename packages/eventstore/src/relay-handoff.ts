import { type PointerHome, pointerHome, pointerId } from './event-store.js';
import type { RecordedEvent } from './types.js';

interface Entry {
  events: RecordedEvent[];
  /** The last version of each append, which names its outbox pointer. */
  ends: number[];
  at: number;
}

/**
 * Events this process appended, kept until its relay publishes them, so a pass need not read the
 * streams back. Only events whose append succeeded get here; bounded, and forgotten after `ttlMs`
 * (another relay may have published them).
 */
export class HandOff {
  private readonly streams = new Map<string, Entry>();
  private size = 0;

  constructor(
    private readonly maxEvents = 10_000,
    private readonly ttlMs = 30_000,
  ) {}

  get isEmpty(): boolean {
    return this.streams.size === 0;
  }

  add(streamId: string, events: RecordedEvent[]): void {
    if (events.length === 0) return;
    const entry = this.streams.get(streamId);
    this.drop(streamId);
    const end = events.at(-1)!.streamVersion;
    const contiguous = entry && entry.events.at(-1)!.streamVersion + 1 === events[0]!.streamVersion;
    this.streams.set(
      streamId,
      contiguous
        ? { events: [...entry.events, ...events], ends: [...entry.ends, end], at: Date.now() }
        : { events: [...events], ends: [end], at: Date.now() },
    );
    this.size += this.streams.get(streamId)!.events.length;
    for (const id of this.streams.keys()) {
      if (this.size <= this.maxEvents) break;
      this.drop(id);
    }
  }

  /**
   * The handed-off events of every stream for which `isReady(streamId, firstVersion)` says nothing
   * before them is left to publish, with the ids of the pointers their appends wrote.
   */
  ready(
    isReady: (streamId: string, from: number) => boolean,
  ): { streamId: string; events: RecordedEvent[]; pointers: { id: string; home: PointerHome }[] }[] {
    const found = [];
    for (const [streamId, { events, ends }] of this.streams) {
      if (!isReady(streamId, events[0]!.streamVersion)) continue;
      const pointers = ends.map((end, i) => ({
        id: pointerId(streamId, end),
        // each append starts after the one before; a wrong guess only leaves the delete to a full pass
        home: pointerHome(i === 0 ? events[0]!.streamVersion : ends[i - 1]! + 1),
      }));
      found.push({ streamId, events, pointers });
    }
    return found;
  }

  /** The contiguous events from version `from` on that this process appended, possibly none. */
  from(streamId: string, from: number): RecordedEvent[] {
    const events = this.streams.get(streamId)?.events ?? [];
    const start = events.findIndex((e) => e.streamVersion === from);
    return start < 0 ? [] : events.slice(start);
  }

  /** Drops what was published up to `upTo`. */
  forget(streamId: string, upTo: number): void {
    const entry = this.streams.get(streamId);
    if (!entry) return;
    const left = entry.events.filter((e) => e.streamVersion > upTo);
    this.size -= entry.events.length - left.length;
    if (left.length === 0) this.streams.delete(streamId);
    else Object.assign(entry, { events: left, ends: entry.ends.filter((end) => end > upTo) });
  }

  /** Drops whatever waited longer than the ttl. */
  expire(): void {
    const before = Date.now() - this.ttlMs;
    for (const [id, entry] of this.streams) if (entry.at < before) this.drop(id);
  }

  private drop(streamId: string): void {
    const entry = this.streams.get(streamId);
    if (!entry) return;
    this.streams.delete(streamId);
    this.size -= entry.events.length;
  }
}
