/**
 * The ids of the events this process has had acknowledged (acks=all), the most recent `capacity` of
 * them. The outbox relay publishes at least once: when its "published" mark fails after a send went
 * through (the database killed at that moment), its next pass sends the same events again. Kafka's
 * idempotent producer does not see that as a retry (a new batch, new sequence numbers), so the log
 * would hold the event twice; the publisher drops what it already sent instead. A process restart
 * forgets: the guarantee stays at-least-once, this only removes the common in-process repeat.
 */
export class SentMemory {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 20_000) {}

  has(id: string): boolean {
    return this.ids.has(id);
  }

  remember(ids: Iterable<string>): void {
    for (const id of ids) {
      this.ids.delete(id); // re-inserted at the end: the oldest is forgotten first
      this.ids.add(id);
    }
    for (const id of this.ids) {
      if (this.ids.size <= this.capacity) break;
      this.ids.delete(id);
    }
  }

  get size(): number {
    return this.ids.size;
  }
}
