import { describe, expect, it } from 'vitest';
import { SentMemory } from '../src/sent-memory.js';

describe("the publisher's memory of acknowledged events", () => {
  it('knows an event once it was remembered, and not before', () => {
    const memory = new SentMemory();
    expect(memory.has('lifecycle/e1')).toBe(false);
    memory.remember(['lifecycle/e1']);
    expect(memory.has('lifecycle/e1')).toBe(true);
  });

  it('forgets the oldest events first when full', () => {
    const memory = new SentMemory(2);
    memory.remember(['a', 'b', 'c']);
    expect([memory.has('a'), memory.has('b'), memory.has('c'), memory.size]).toEqual([false, true, true, 2]);
  });

  it('counts an event remembered again as recent', () => {
    const memory = new SentMemory(2);
    memory.remember(['a', 'b']);
    memory.remember(['a']);
    memory.remember(['c']);
    expect([memory.has('a'), memory.has('b'), memory.has('c')]).toEqual([true, false, true]);
  });
});
