import { describe, expect, it } from 'vitest';
import { canonicalJson, chainEvents, eventHash, sha256Hex, verifyStream } from '../src/hash-chain.js';

const event = (n: number, payload: Record<string, unknown> = { n }) => ({
  eventId: `e${n}`,
  type: 'Noted',
  streamId: 's',
  streamVersion: n,
  recordedAt: '2026-03-02T01:00:00.000Z',
  payload,
});

describe('canonical JSON', () => {
  it('sorts object keys at every depth and leaves array order alone', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('gives the same text whatever order the keys were written in', () => {
    expect(canonicalJson({ a: 1, b: { c: 2, d: 3 } })).toBe(canonicalJson({ b: { d: 3, c: 2 }, a: 1 }));
  });

  it('leaves out undefined and null members, as the store and the wire do not keep them apart', () => {
    expect(canonicalJson({ a: 1, b: undefined, c: null })).toBe('{"a":1}');
    expect(canonicalJson([1, undefined, null])).toBe('[1,null,null]');
  });

  it('writes strings, numbers and dates exactly as JSON does', () => {
    expect(canonicalJson({ s: 'Nguyễn "An"\n', n: 1.5, e: 1e21, neg: -0.1, inf: Infinity })).toBe(
      '{"e":1e+21,"inf":null,"n":1.5,"neg":-0.1,"s":"Nguyễn \\"An\\"\\n"}',
    );
    expect(canonicalJson({ at: new Date('2026-03-02T01:00:00Z') })).toBe('{"at":"2026-03-02T01:00:00.000Z"}');
  });

  it('has a fixed SHA-256 so any change of the canonical form shows', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex(canonicalJson({ b: 2, a: 1 }))).toBe(sha256Hex('{"a":1,"b":2}'));
  });
});

describe('the hash chain of a stream', () => {
  it('links every event to the one before it, starting from the empty hash', () => {
    const [one, two] = chainEvents('', [event(1), event(2)]);
    expect(one?.previousHash).toBe('');
    expect(two?.previousHash).toBe(one?.hash);
    expect(one?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes everything but the hash itself, the previous hash included', () => {
    const [one] = chainEvents('', [event(1)]);
    expect(one?.hash).toBe(eventHash(one!));
    const [elsewhere] = chainEvents('ab'.repeat(32), [event(1)]);
    expect(elsewhere?.hash).not.toBe(one?.hash);
  });

  it('continues a stream from the hash of its last event', () => {
    const first = chainEvents('', [event(1), event(2)]);
    const later = chainEvents(first[1]!.hash, [event(3)]);
    expect(verifyStream([...first, ...later])).toEqual([]);
  });

  it('finds an altered event, whose content no longer gives its hash', () => {
    const chain = chainEvents('', [event(1), event(2), event(3)]);
    chain[1] = { ...chain[1]!, payload: { n: 99 } };
    expect(verifyStream(chain)).toEqual([
      { kind: 'altered', streamVersion: 2, eventId: 'e2', recomputed: expect.any(String) },
    ]);
  });

  it('finds a deleted event as a gap and a broken link', () => {
    const chain = chainEvents('', [event(1), event(2), event(3)]);
    const kinds = verifyStream([chain[0]!, chain[2]!]).map((p) => p.kind);
    expect(kinds).toEqual(['gap', 'reordered']);
  });

  it('finds two events swapped', () => {
    const chain = chainEvents('', [event(1), event(2), event(3)]);
    const kinds = verifyStream([chain[0]!, chain[2]!, chain[1]!]).map((p) => p.kind);
    expect(kinds).toContain('reordered');
  });

  it('reports events recorded before the chain existed as unchained, and chains after them', () => {
    const old = [event(1), event(2)];
    const chained = chainEvents('', [event(3)]);
    expect(verifyStream([...old, ...chained]).map((p) => [p.kind, p.streamVersion])).toEqual([
      ['unchained', 1],
      ['unchained', 2],
    ]);
  });
});
