/** An event's place in its stream: the stream's id and the event's version (1 for the first). */
export interface StreamPosition {
  stream: string;
  version: number;
}

/** Streams remembered before the memory is dropped (and the lookups come back). */
const MAX_STREAMS = 100_000;

/**
 * Which events a marker-mode consumer need not look up, for one assignment of its partitions.
 *
 * The relay publishes each stream in version order, at least once, and one dossier's streams stay in
 * one partition. So when this assignment handled version v of a stream as new (its marker was looked
 * up and absent, or it was itself such a successor), no copy of version v+1 lies before the offsets
 * this assignment started from, and none came earlier in it (the stream's last version would be ≥ v+1
 * already): v+1, the first time it comes, was handled by nobody. An event passed over (not relevant)
 * extends the chain the same way. Anything else (a first version, a gap, a copy published again) is
 * looked up, as without this.
 */
export class StreamChains {
  private readonly last = new Map<string, number>();

  /** Whether the event directly follows one of its stream this assignment handled as new. */
  follows(at: StreamPosition | undefined): boolean {
    return this.chained(at);
  }

  /** `follows`, with the versions a batch's plan has supposed handled (`ahead`) over the known ones. */
  private chained(at: StreamPosition | undefined, ahead?: Map<string, number>): boolean {
    if (at === undefined || at.version <= 1) return false;
    return (ahead?.get(at.stream) ?? this.last.get(at.stream)) === at.version - 1;
  }

  /** The event was handled as new (looked up and absent, or a successor). */
  handled(at: StreamPosition | undefined): void {
    if (!at) return;
    if (this.last.size >= MAX_STREAMS && !this.last.has(at.stream)) this.last.clear();
    this.last.set(at.stream, Math.max(this.last.get(at.stream) ?? 0, at.version));
  }

  /** An event nobody handles went by: it extends a chain it follows, and nothing else. */
  passedOver(at: StreamPosition | undefined): void {
    if (this.follows(at)) this.handled(at);
  }

  /**
   * The indexes of the relevant events of a batch whose markers must be looked up, supposing every
   * event looked up turns out new (the caller looks up again any whose chain that breaks).
   */
  toLookUp(events: { relevant: boolean; at: StreamPosition | undefined }[]): number[] {
    const ahead = new Map<string, number>();
    const advance = (at: StreamPosition) =>
      ahead.set(at.stream, Math.max(ahead.get(at.stream) ?? this.last.get(at.stream) ?? 0, at.version));
    const indexes: number[] = [];
    events.forEach(({ relevant, at }, i) => {
      const chained = this.chained(at, ahead);
      if (relevant && !chained) indexes.push(i);
      if (at && (relevant || chained)) advance(at);
    });
    return indexes;
  }
}
