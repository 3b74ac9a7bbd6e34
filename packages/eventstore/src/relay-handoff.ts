import type { RecordedEvent } from './types.js';

/**
 * Events this process appended, kept until its relay publishes them, so a pass need not read the
 * streams back. Only events whose append succeeded get here; bounded, and forgotten after `ttlMs`
 * (another relay may have published them).
 */
export class HandOff {
  private readonly streams = new Map<string, { events: RecordedEvent[]; at: number }>();
  private size = 0;

  constructor(
    private readonly maxEvents = 10_000,
    private readonly ttlMs = 30_000,
  ) {}

  add(streamId: string, events: RecordedEvent[]): void {
    if (events.length === 0) return;
    const entry = this.streams.get(streamId);
    this.streams.delete(streamId);
    const contiguous = entry && entry.events.at(-1)!.streamVersion + 1 === events[0]!.streamVersion;
    if (entry && !contiguous) this.size -= entry.events.length;
    const kept = contiguous ? [...entry.events, ...events] : [...events];
    this.streams.set(streamId, { events: kept, at: Date.now() });
    this.size += events.length;
    for (const [id, oldest] of this.streams) {
      if (this.size <= this.maxEvents) break;
      this.streams.delete(id);
      this.size -= oldest.events.length;
    }
  }

  /** The contiguous events from version `from` on that this process appended, possibly none. */
  from(streamId: string, from: number): RecordedEvent[] {
    const events = this.streams.get(streamId)?.events ?? [];
    const start = events.findIndex((e) => e.streamVersion === from);
    return start < 0 ? [] : events.slice(start);
  }

  /** Drops what was published up to `upTo`, and whatever waited longer than the ttl. */
  forget(streamId: string, upTo: number): void {
    const entry = this.streams.get(streamId);
    if (!entry) return;
    const left = entry.events.filter((e) => e.streamVersion > upTo);
    this.size -= entry.events.length - left.length;
    if (left.length) entry.events = left;
    else this.streams.delete(streamId);
  }

  expire(): void {
    const before = Date.now() - this.ttlMs;
    for (const [id, entry] of this.streams) {
      if (entry.at >= before) continue;
      this.streams.delete(id);
      this.size -= entry.events.length;
    }
  }
}
