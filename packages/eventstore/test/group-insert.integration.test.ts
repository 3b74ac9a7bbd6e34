import { randomUUID } from 'node:crypto';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupInsert } from '../src/group-insert.js';
import { freshDb } from './helpers.js';

interface Doc {
  _id: string;
  n: number;
}

describe('inserts of many callers sent together', () => {
  let db: Db;
  let close: () => Promise<void>;
  const inserts: number[] = [];
  let client: MongoClient;

  beforeAll(async () => {
    const fresh = await freshDb('group_insert');
    client = await MongoClient.connect(process.env.MONGO_URL!, { monitorCommands: true });
    client.on('commandStarted', (e) => {
      if (e.commandName === 'insert') inserts.push(e.command.documents.length);
    });
    db = client.db(fresh.db.databaseName);
    close = async () => {
      await client.close();
      await fresh.close();
    };
  });
  afterAll(async () => close());

  it('sends the inserts asked for together as one command, and the next ones once it is back', async () => {
    const group = new GroupInsert<Doc>(db.collection('together'));
    inserts.length = 0;
    const first = Array.from({ length: 8 }, (_, n) => group.insert({ _id: `a${n}`, n }));
    await Promise.all(first);
    const second = Array.from({ length: 3 }, (_, n) => group.insert({ _id: `b${n}`, n }));
    expect(await Promise.all(second)).toEqual(['inserted', 'inserted', 'inserted']);
    expect(inserts).toEqual([8, 3]);
    expect(await db.collection('together').countDocuments()).toBe(11);
  });

  it('tells only the caller whose _id is taken, and writes the others of the batch', async () => {
    const collection = db.collection<Doc>('taken');
    await collection.insertOne({ _id: 'taken', n: 0 });
    const group = new GroupInsert(collection);
    inserts.length = 0;
    const outcomes = await Promise.all(
      ['before', 'taken', 'after'].map((_id, n) => group.insert({ _id, n: n + 1 })),
    );
    expect(outcomes).toEqual(['inserted', 'duplicate', 'inserted']);
    expect(inserts).toEqual([3, 1]);
    const stored = await collection.find().sort({ _id: 1 }).toArray();
    expect(stored).toEqual([
      { _id: 'after', n: 3 },
      { _id: 'before', n: 1 },
      { _id: 'taken', n: 0 },
    ]);
  });

  it("writes a caller's documents in order and never one after a refused one; the callers after it go next", async () => {
    const collection = db.collection<Doc>('in_order');
    await collection.insertMany([
      { _id: 'taken-commit', n: 0 },
      { _id: 'taken-pointer', n: 0 },
    ]);
    const group = new GroupInsert(collection);
    inserts.length = 0;
    // each caller: a pointer, then what it announces
    const callers = [
      ['p1', 'c1'],
      ['p2', 'taken-commit'],
      ['taken-pointer', 'c3'],
      ['p4', 'c4'],
    ];
    const outcomes = await Promise.all(
      callers.map((ids, n) => group.insertInOrder(ids.map((_id) => ({ _id, n: n + 1 })))),
    );
    expect(outcomes).toEqual([
      ['inserted', 'inserted'],
      ['inserted', 'duplicate'],
      ['duplicate', 'skipped'],
      ['inserted', 'inserted'],
    ]);
    // the server stops at a refused document: what follows it goes out again, without the refused caller
    expect(inserts).toEqual([8, 4, 2]);
    const stored = await collection.find({ n: { $gt: 0 } }).toArray();
    expect(stored.map((d) => d._id).sort()).toEqual(['c1', 'c4', 'p1', 'p2', 'p4']);
  });

  it('sends at most the batch size in one command', async () => {
    const group = new GroupInsert<Doc>(db.collection('bounded'), 4);
    inserts.length = 0;
    await Promise.all(Array.from({ length: 10 }, (_, n) => group.insert({ _id: `c${n}`, n })));
    expect(inserts).toEqual([4, 4, 2]);
  });

  it('fails every caller of a batch the server refuses as a whole, though the driver lists no document', async () => {
    // a namespace too long for the server: the command fails, reported as a bulk error with no write error
    const group = new GroupInsert<Doc>(db.collection('x'.repeat(300)));
    const outcomes = await Promise.allSettled([1, 2].map((n) => group.insert({ _id: `whole-${n}`, n })));
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
  });

  it('fails every caller of a batch whose command fails, and still sends the next batch', async () => {
    const closed = await MongoClient.connect(process.env.MONGO_URL!);
    const group = new GroupInsert<Doc>(closed.db(db.databaseName).collection('failing'));
    await closed.close();
    const outcomes = await Promise.allSettled([1, 2].map((n) => group.insert({ _id: randomUUID(), n })));
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    // the group is not left waiting for the failed batch: the next insert is sent (and fails too)
    await expect(group.insert({ _id: 'later', n: 3 })).rejects.toThrow();
    expect(await db.collection('failing').countDocuments()).toBe(0);
  });
});
