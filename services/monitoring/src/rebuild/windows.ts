/**
 * The order a rebuild reads the log in: window by window, and in each window partition by partition
 * (ascending), each up to the window's end. Window k of a partition is its offsets
 * `[low + k·W, low + (k+1)·W)`.
 *
 * Why windows: partitions are keyed by dossier, so each one spans the whole history. Read one after
 * another, every partition went through the year again and touched again the documents shared by
 * dossiers of different partitions (an owner's day, a center's day), which were evicted by then and
 * read back one by one. Windows keep the partitions within about W events of history of each other.
 *
 * The order depends only on the positions, so a rebuild that resumes from its checkpoint reads on in
 * the order the first run would have (two rebuilds of the same log are byte-identical).
 */
export interface Turn {
  partition: number;
  /** The offset this turn stops before (the window's end, or the partition's end). */
  until: bigint;
}

export interface Offsets {
  low: Record<string, string>;
  highWater: Record<string, string>;
  positions: Record<string, string>;
}

/** An offset as Kafka and the rebuild's state write it (a string), or 0. */
export const big = (s: string | undefined) => BigInt(s ?? '0');

/** The next partition to read and where to stop, or null when every partition is read to its end. */
export function nextTurn(offsets: Offsets, window: bigint): Turn | null {
  const partitions = Object.keys(offsets.highWater)
    .map(Number)
    .sort((a, b) => a - b)
    .map((p) => {
      const key = String(p);
      const low = big(offsets.low[key]);
      return {
        p,
        low,
        high: big(offsets.highWater[key]),
        at: big(offsets.positions[key] ?? offsets.low[key]),
      };
    })
    .filter(({ at, high }) => at < high);
  const windowOf = ({ at, low }: { at: bigint; low: bigint }) => (at > low ? (at - low) / window : 0n);
  // the lowest partition of the earliest window (ascending, so a tie keeps the lower one)
  let first = partitions[0];
  for (const p of partitions) if (first && windowOf(p) < windowOf(first)) first = p;
  if (!first) return null;
  const end = first.low + (windowOf(first) + 1n) * window;
  return { partition: first.p, until: end < first.high ? end : first.high };
}
