import { describe, expect, it } from 'vitest';
import { LruMap } from '../src/lru-map.js';

describe('a bounded map', () => {
  it('forgets the least recently read or set entry when one too many is set', () => {
    const map = new LruMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    map.get('a');
    map.set('c', 3);
    expect([map.get('a'), map.get('b'), map.get('c'), map.size]).toEqual([1, undefined, 3, 2]);
  });

  it('sets an existing key again without growing', () => {
    const map = new LruMap<string, number>(2);
    map.set('a', 1);
    map.set('a', 2);
    expect([map.get('a'), map.size]).toEqual([2, 1]);
  });

  it('keeps nothing when its bound is 0', () => {
    const map = new LruMap<string, number>(0);
    map.set('a', 1);
    expect([map.get('a'), map.size]).toEqual([undefined, 0]);
  });
});
