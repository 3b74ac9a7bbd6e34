import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../src/backoff.js';

const options = { initialMs: 1_000, maxMs: 30_000 };

describe('the recovery backoff', () => {
  it('doubles from the initial delay with each attempt', () => {
    const top = { ...options, random: () => 0.999999 };
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, top))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('never waits longer than the cap, however many attempts failed', () => {
    const top = { ...options, random: () => 0.999999 };
    expect(backoffDelay(6, top)).toBe(30_000);
    expect(backoffDelay(10_000, top)).toBe(30_000);
  });

  it('jitters between half and all of the delay', () => {
    expect(backoffDelay(3, { ...options, random: () => 0 })).toBe(2_000);
    expect(backoffDelay(3, { ...options, random: () => 0.5 })).toBe(3_000);
    expect(backoffDelay(20, { ...options, random: () => 0 })).toBe(15_000);
  });
});
