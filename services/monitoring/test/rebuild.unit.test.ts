import { describe, expect, it } from 'vitest';
import { progressLine } from '../src/rebuild/progress.js';
import { canonicalJson } from '../src/rebuild/verify.js';

describe('the rebuild', () => {
  it('draws a plain-text progress bar with its ETA', () => {
    const p = { rebuildId: 'x', applied: 0, poison: 0, partition: 0 };
    expect(progressLine({ ...p, done: 10400, total: 20000, eventsPerSecond: 210, etaSeconds: 46 }, 10)).toBe(
      '[#####-----] 52% 10400/20000 events, 210 ev/s, ETA 46s',
    );
    expect(
      progressLine({ ...p, done: 0, total: 0, eventsPerSecond: 0, etaSeconds: null, poison: 2 }, 4),
    ).toBe('[####] 100% 0/0 events, 0 ev/s, ETA ?, 2 poison skipped');
    expect(progressLine({ ...p, done: 1, total: 4, eventsPerSecond: 1, etaSeconds: 3725 }, 4)).toContain(
      'ETA 1h02m',
    );
  });

  it('writes canonical JSON: the same document gives the same bytes whatever its key order', () => {
    const a = { b: 1, a: { d: [2, { y: 1, x: 2 }], c: new Date('2025-03-01T00:00:00.000Z') } };
    const b = { a: { c: new Date('2025-03-01T00:00:00.000Z'), d: [2, { x: 2, y: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"c":"2025-03-01T00:00:00.000Z","d":[2,{"x":2,"y":1}]},"b":1}');
  });
});
