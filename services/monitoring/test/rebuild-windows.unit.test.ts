import { describe, expect, it } from 'vitest';
import { nextTurn, type Offsets } from '../src/rebuild/windows.js';

const offsets = (
  partitions: [low: number, high: number, at?: number][],
): Offsets & { positions: Record<string, string> } => ({
  low: Object.fromEntries(partitions.map(([low], p) => [String(p), String(low)])),
  highWater: Object.fromEntries(partitions.map(([, high], p) => [String(p), String(high)])),
  positions: Object.fromEntries(partitions.map(([low, , at], p) => [String(p), String(at ?? low)])),
});

/** Every turn of a whole rebuild, reading each turn to its end. */
function turns(o: Offsets & { positions: Record<string, string> }, window: bigint) {
  const out: string[] = [];
  for (let turn = nextTurn(o, window); turn; turn = nextTurn(o, window)) {
    out.push(`${turn.partition}@${o.positions[String(turn.partition)]}-${turn.until}`);
    o.positions[String(turn.partition)] = String(turn.until);
  }
  return out;
}

describe('the order a rebuild reads the log in', () => {
  it('reads each window of offsets partition by partition before the next window', () => {
    expect(
      turns(
        offsets([
          [0, 25],
          [0, 20],
          [0, 12],
        ]),
        10n,
      ),
    ).toEqual(['0@0-10', '1@0-10', '2@0-10', '0@10-20', '1@10-20', '2@10-12', '0@20-25']);
  });

  it('counts windows from the first offset the partition still holds', () => {
    expect(
      turns(
        offsets([
          [100, 115],
          [0, 15],
        ]),
        10n,
      ),
    ).toEqual(['0@100-110', '1@0-10', '0@110-115', '1@10-15']);
  });

  it('resumes where the run that stopped would have gone on, whatever offset it stopped at', () => {
    // stopped in the first window's second partition, at offset 4
    expect(
      turns(
        offsets([
          [0, 25, 10],
          [0, 20, 4],
          [0, 12],
        ]),
        10n,
      ),
    ).toEqual(['1@4-10', '2@0-10', '0@10-20', '1@10-20', '2@10-12', '0@20-25']);
  });

  it('skips empty and finished partitions, and ends when every partition is read', () => {
    expect(
      turns(
        offsets([
          [5, 5],
          [0, 3],
          [7, 7],
        ]),
        10n,
      ),
    ).toEqual(['1@0-3']);
    expect(nextTurn(offsets([[0, 4, 4]]), 10n)).toBeNull();
  });
});
