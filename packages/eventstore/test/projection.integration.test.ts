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
    expect(finds).toEqual([]);
    expect(await docs.findOne({ _id: 'a' })).toEqual({ _id: 'a', seen: ['one', 'two'], revision: 2 });
  });

  it('answers the stored document when nothing changes, not a copy another writer made stale', async () => {
    type Line = { taskIds: string[]; appointmentAt: string };
    const lines = db.collection<Line & { _id: string; revision: number }>('lines');
    const cache = lastWritten<Line>();
    const initial = () => ({ taskIds: [], appointmentAt: '' });
    const queue = (taskId: string) => (l: Line) =>
      l.taskIds.includes(taskId) ? l : { ...l, taskIds: [...l.taskIds, taskId] };
    await updateProjection(lines, 'd', initial, (l) => ({ ...queue('t1')(l), appointmentAt: 'Mon' }), {
      cache,
    });
    // another instance, after a rebalance, moves the appointment
    await updateProjection(lines, 'd', initial, (l) => ({ ...l, appointmentAt: 'Thu' }));
    // the same routing event comes again here: nothing to change, and the answer is what is stored
    const answered = await updateProjection(lines, 'd', initial, queue('t1'), { cache });
    expect(answered.appointmentAt).toBe('Thu');
    // and the next change starts from it without reading
    finds.length = 0;
    await updateProjection(lines, 'd', initial, queue('t2'), { cache });
    expect(finds).toEqual([]);
    expect(await lines.findOne({ _id: 'd' })).toMatchObject({ taskIds: ['t1', 't2'], appointmentAt: 'Thu' });
  });

  it('reads once to answer when a cached copy has nothing to change', async () => {
    const docs = db.collection<Stored>('counters');
    const cache = lastWritten<Counter>();
    await updateProjection(docs, 'n', () => ({ seen: [] }), add('one'), { cache });
    finds.length = 0;
    await updateProjection(docs, 'n', () => ({ seen: [] }), add('one'), { cache });
    expect(finds).toEqual(['counters']);
    expect(await docs.findOne({ _id: 'n' })).toEqual({ _id: 'n', seen: ['one'], revision: 1 });
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
