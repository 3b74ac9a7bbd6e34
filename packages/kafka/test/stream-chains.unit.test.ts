import { describe, expect, it } from 'vitest';
import { StreamChains } from '../src/stream-chains.js';

const at = (stream: string, version: number) => ({ stream, version });

describe('the stream chains of an assignment', () => {
  it('knows nothing at first: every relevant event is looked up', () => {
    const chains = new StreamChains();
    expect(chains.follows(at('s', 2))).toBe(false);
    expect(chains.toLookUp([{ relevant: true, at: at('s', 2) }])).toEqual([0]);
  });

  it('lets the next version of a stream handled as new go without a lookup', () => {
    const chains = new StreamChains();
    chains.handled(at('s', 4));
    expect(chains.follows(at('s', 5))).toBe(true);
    expect(chains.follows(at('s', 6))).toBe(false);
    expect(chains.follows(at('t', 5))).toBe(false);
  });

  it('looks up a version published again, and a first version', () => {
    const chains = new StreamChains();
    chains.handled(at('s', 3));
    expect(chains.follows(at('s', 3))).toBe(false);
    expect(chains.follows(at('s', 2))).toBe(false);
    expect(chains.follows(at('s', 1))).toBe(false);
  });

  it('never moves a chain back', () => {
    const chains = new StreamChains();
    chains.handled(at('s', 5));
    chains.handled(at('s', 2));
    expect(chains.follows(at('s', 6))).toBe(true);
    expect(chains.follows(at('s', 3))).toBe(false);
  });

  it('extends a chain by an event passed over only when it follows the chain', () => {
    const chains = new StreamChains();
    chains.passedOver(at('s', 2));
    expect(chains.follows(at('s', 3))).toBe(false);
    chains.handled(at('s', 3));
    chains.passedOver(at('s', 4));
    expect(chains.follows(at('s', 5))).toBe(true);
  });

  it('plans the lookups of a batch as if each looked-up event were new', () => {
    const chains = new StreamChains();
    chains.handled(at('a', 1));
    const plan = chains.toLookUp([
      { relevant: true, at: at('a', 2) }, // follows what was handled
      { relevant: true, at: at('b', 1) }, // a first version
      { relevant: true, at: at('b', 2) }, // follows b's first, if that is new
      { relevant: false, at: at('b', 3) }, // passed over, extends b
      { relevant: true, at: at('b', 4) },
      { relevant: true, at: at('b', 2) }, // b's second again: published twice
      { relevant: true, at: undefined }, // no position: always looked up
    ]);
    expect(plan).toEqual([1, 5, 6]);
    // the plan supposes; nothing is remembered until events are handled
    expect(chains.follows(at('b', 2))).toBe(false);
  });

  it('does not extend a chain across an irrelevant event it does not follow', () => {
    const chains = new StreamChains();
    const plan = chains.toLookUp([
      { relevant: false, at: at('c', 2) },
      { relevant: true, at: at('c', 3) },
    ]);
    expect(plan).toEqual([1]);
  });
});
