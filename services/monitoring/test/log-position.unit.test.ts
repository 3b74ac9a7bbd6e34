import { describe, expect, it } from 'vitest';
import { LogPosition, type PartitionPosition, reached } from '../src/adapters/log-position.js';

const at = (partition: number, high: number, committed: number, low = 0): PartitionPosition => ({
  partition,
  low: BigInt(low),
  high: BigInt(high),
  committed: BigInt(committed),
});

describe("a consumer group's position on the log", () => {
  it('has reached the ends when every partition is committed up to them, an empty one at once', () => {
    const ends = new Map([
      [0, 5n],
      [1, 0n],
    ]);
    expect(reached(ends, [at(0, 5, 5), at(1, 0, -1)])).toBe(true);
    expect(reached(ends, [at(0, 5, 4), at(1, 0, -1)])).toBe(false);
    // a partition whose early messages are gone: the start of what is left counts as read
    expect(reached(new Map([[0, 7n]]), [at(0, 7, -1, 7)])).toBe(true);
    expect(reached(ends, [at(0, 5, 5)])).toBe(false);
  });

  it('answers true at once when the group is at the end of the log', async () => {
    const position = new LogPosition(async () => [at(0, 3, 3), at(1, 2, 2)]);
    expect(await position.caughtUp()).toBe(true);
  });

  it('under steady traffic, answers true once the group passes where the log ended when first asked', async () => {
    const reads = [
      [at(0, 10, 8)], // behind: the ends (10) are noted
      [at(0, 12, 9)], // still short of 10
      [at(0, 14, 11)], // past 10, though the log has grown again
    ];
    const position = new LogPosition(async () => reads.shift() ?? []);
    expect(await position.caughtUp()).toBe(false);
    expect(await position.caughtUp()).toBe(false);
    expect(await position.caughtUp()).toBe(true);
  });
});
