import { describe, expect, it } from 'vitest';
import { blockSeconds, PER_SOURCE, PER_SUBJECT } from '../src/domain/backoff.js';

describe('backoff after failed attempts', () => {
  it('lets the first five failures of an account pass, then doubles the delay each time', () => {
    expect([1, 5].map((n) => blockSeconds(n, PER_SUBJECT))).toEqual([0, 0]);
    expect([6, 7, 8, 9].map((n) => blockSeconds(n, PER_SUBJECT))).toEqual([2, 4, 8, 16]);
  });

  it('stops doubling at a fifteen-minute lockout, however many failures follow', () => {
    expect(blockSeconds(100, PER_SUBJECT)).toBe(900);
    expect(blockSeconds(10_000, PER_SUBJECT)).toBe(900);
  });

  it('gives a source address more free failures than one account', () => {
    expect(blockSeconds(20, PER_SOURCE)).toBe(0);
    expect(blockSeconds(21, PER_SOURCE)).toBe(2);
  });
});
