import type { Collection } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { GroupInsert } from '../src/group-insert.js';

interface Doc {
  _id: string;
}

/** A collection whose first `insertMany` never answers, as a command lost with its server might. */
function silentOnce() {
  const sent: string[][] = [];
  const collection = {
    insertMany: (docs: Doc[]) => {
      sent.push(docs.map((d) => d._id));
      return sent.length === 1
        ? new Promise(() => undefined)
        : Promise.resolve({ insertedCount: docs.length });
    },
  } as unknown as Collection<Doc>;
  return { collection, sent };
}

describe('a batch of inserts that never gets an answer', () => {
  it('fails its callers after the deadline, and sends the next batch', async () => {
    const { collection, sent } = silentOnce();
    const group = new GroupInsert<Doc>(collection, 100, 50);
    const lost = Promise.allSettled([group.insert({ _id: 'a' }), group.insert({ _id: 'b' })]);
    expect((await lost).map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(await group.insert({ _id: 'c' })).toBe('inserted');
    expect(sent).toEqual([['a', 'b'], ['c']]);
  });
});
