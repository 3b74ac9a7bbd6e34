import { randomUUID } from 'node:crypto';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastWritten, updateProjection } from '../src/projection.js';

type Counter = { seen: string[] };
type Stored = Counter & { _id: string; revision: number };

describe('a projection document updated by revision', () => {
  let client: MongoClient;
  let db: Db;
  const finds: string[] = [];

  beforeAll(async () => {
    client = await MongoClient.connect(process.env.MONGO_URL!, { monitorCommands: true });
    client.on('commandStarted', (e) => {
      if (e.commandName === 'find') finds.push(String(e.command.find));
    });
    db = client.db(`projection_${randomUUID().slice(0, 8)}`);
  });
  afterAll(async () => {
    await db.dropDatabase();
    await client.close();
  });

  const add = (word: string) => (c: Counter) => (c.seen.includes(word) ? c : { seen: [...c.seen, word] });

  it('folds the next change on the copy this process last wrote, without reading it', async () => {
    const docs = db.collection<Stored>('counters');
    const cache = lastWritten<Counter>();
    await updateProjection(docs, 'a', () => ({ seen: [] }), add('one'), { cache });
    finds.length = 0;
    await updateProjection(docs, 'a', () => ({ seen: [] }), add('two'), { cache });
    await updateProjection(docs, 'a', () => ({ seen: [] }), add('two'), { cache }); // nothing to change
    expect(finds).toEqual([]);
    expect(await docs.findOne({ _id: 'a' })).toEqual({ _id: 'a', seen: ['one', 'two'], revision: 2 });
  });

  it('reads again when another writer made its copy stale, and keeps both changes', async () => {
    const docs = db.collection<Stored>('counters');
    const cache = lastWritten<Counter>();
    await updateProjection(docs, 'b', () => ({ seen: [] }), add('mine'), { cache });
    await updateProjection(docs, 'b', () => ({ seen: [] }), add('theirs')); // another process
    finds.length = 0;
    await updateProjection(docs, 'b', () => ({ seen: [] }), add('mine again'), { cache });
    expect(finds).toEqual(['counters']);
    expect((await docs.findOne({ _id: 'b' }))?.seen).toEqual(['mine', 'theirs', 'mine again']);
  });

  it('reads every time without a cache', async () => {
    const docs = db.collection<Stored>('counters');
    await updateProjection(docs, 'c', () => ({ seen: [] }), add('one'));
    finds.length = 0;
    await updateProjection(docs, 'c', () => ({ seen: [] }), add('two'));
    expect(finds).toEqual(['counters']);
  });

  it('inserts a likely new document without reading it first', async () => {
    const docs = db.collection<Stored>('counters');
    finds.length = 0;
    await updateProjection(docs, 'd', () => ({ seen: [] }), add('first'), { likelyNew: true });
    expect(finds).toEqual([]);
    expect(await docs.findOne({ _id: 'd' })).toEqual({ _id: 'd', seen: ['first'], revision: 1 });
  });

  it('reads and changes a document thought new that was there already (an event again)', async () => {
    const docs = db.collection<Stored>('counters');
    await updateProjection(docs, 'e', () => ({ seen: [] }), add('first'));
    finds.length = 0;
    await updateProjection(docs, 'e', () => ({ seen: [] }), add('first'), { likelyNew: true });
    await updateProjection(docs, 'e', () => ({ seen: [] }), add('second'), { likelyNew: true });
    expect(finds).toEqual(['counters', 'counters']);
    expect(await docs.findOne({ _id: 'e' })).toEqual({ _id: 'e', seen: ['first', 'second'], revision: 2 });
  });
});
