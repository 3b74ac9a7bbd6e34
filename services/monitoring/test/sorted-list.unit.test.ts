import { describe, expect, it } from 'vitest';
import { sortedWith } from '../src/domain/sorted-list.js';

describe('a sorted list kept in a projection document', () => {
  it('puts an item in its place, whatever order the items came in', () => {
    expect(sortedWith(['0900', '1100'], '1000', true)).toEqual(['0900', '1000', '1100']);
  });

  it('takes an item out', () => {
    expect(sortedWith(['0900', '1000'], '0900', false)).toEqual(['1000']);
  });

  it('returns the same list when nothing changes, so nothing is written', () => {
    const list = ['0900', '1000'];
    expect(sortedWith(list, '1000', true)).toBe(list);
    expect(sortedWith(list, '1200', false)).toBe(list);
  });
});
