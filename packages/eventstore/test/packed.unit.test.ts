import { BSON } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { Packed, pack, unpack } from '../src/packed.js';

/** A value whose every JSON.stringify is counted. */
const counted = () => {
  const seen = { times: 0 };
  const value = {
    tasks: [{ id: 't1' }, { id: 't2' }],
    toJSON() {
      seen.times++;
      return { tasks: this.tasks };
    },
  };
  return { seen, value };
};

describe('packed documents', () => {
  it('holds the value beside the other fields and writes it as JSON, in the order written', () => {
    const doc = pack({ ownerId: 'd1', month: '2026-03' }, 'json', [{ id: 't1' }]);
    expect(Object.keys(doc)).toEqual(['ownerId', 'month', 'json']);
    expect(JSON.parse(JSON.stringify(doc))).toEqual({
      ownerId: 'd1',
      month: '2026-03',
      json: '[{"id":"t1"}]',
    });
    expect(BSON.deserialize(BSON.serialize({ ...doc }))).toEqual({
      ownerId: 'd1',
      month: '2026-03',
      json: '[{"id":"t1"}]',
    });
  });

  it('writes the same BSON as a document holding the string itself', () => {
    const doc = pack({ _id: 'd1:2026-03', revision: 1 }, 'json', { a: [1, 2], b: 'Huế' });
    const plain = { _id: 'd1:2026-03', revision: 1, json: '{"a":[1,2],"b":"Huế"}' };
    expect(Buffer.from(BSON.serialize(doc)).equals(Buffer.from(BSON.serialize(plain)))).toBe(true);
    expect(BSON.calculateObjectSize(doc)).toBe(BSON.calculateObjectSize(plain));
    expect(Buffer.from(BSON.serialize({ d: doc })).equals(Buffer.from(BSON.serialize({ d: plain })))).toBe(
      true,
    );
  });

  it('packs the value only when it is written, and only once', () => {
    const { seen, value } = counted();
    const doc = pack({}, 'json', value);
    expect(seen.times).toBe(0);
    expect(unpack(doc, 'json', () => null)).toBe(value);
    expect(unpack({ ...doc }, 'json', () => null)).toBe(value);
    expect(seen.times).toBe(0);
    expect(BSON.deserialize(BSON.serialize(doc)).json).toBe('{"tasks":[{"id":"t1"},{"id":"t2"}]}');
    expect(JSON.parse(JSON.stringify({ ...doc })).json).toBe('{"tasks":[{"id":"t1"},{"id":"t2"}]}');
    expect(seen.times).toBe(1);
  });

  it('reads a value packed by another copy of this module', async () => {
    // A query gives a second instance of the module (Vite keys modules by their full id).
    // @ts-expect-error TypeScript resolves no path with a query
    const other = (await import('../src/packed.js?another-copy')) as typeof import('../src/packed.js');
    expect(other.Packed).not.toBe(Packed);
    const doc = other.pack({}, 'json', [{ id: 't1' }]);
    expect(unpack(doc, 'json', () => [])).toEqual([{ id: 't1' }]);
    expect(other.unpack(pack({}, 'json', [1]), 'json', () => [])).toEqual([1]);
  });

  it('reads a stored document by parsing its string once', () => {
    const stored = { _id: 'x', json: '[1,2,3]' };
    const first = unpack<number[]>(stored, 'json', () => []);
    expect(first).toEqual([1, 2, 3]);
    expect(unpack<number[]>(stored, 'json', () => [])).toBe(first);
  });

  it('reads a document stored before packing through its legacy fields', () => {
    const legacy = { _id: 'x', tasks: [{ id: 't1' }] };
    expect(unpack(legacy, 'json', (d) => d.tasks)).toEqual([{ id: 't1' }]);
  });
});
