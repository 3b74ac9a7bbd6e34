import { type Collection, type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inBatch, ProjectionBatch, ProjectionCache, ProjectionConflict } from '../src/index.js';
import { freshDb } from './helpers.js';

type Counter = { n: number; seen: string[] };
// biome-ignore lint/suspicious/noExplicitAny: test documents keyed by string ids
type Docs = Collection<any>;

const add = (event: string) => (c: Counter) =>
  c.seen.includes(event) ? c : { n: c.n + 1, seen: [...c.seen, event] };
const empty = (): Counter => ({ n: 0, seen: [] });

describe('a batch of projection writes', () => {
  let db: Db;
  let close: () => Promise<void>;
  let docs: Docs;
  beforeAll(async () => {
    ({ db, close } = await freshDb('projection_batch'));
    docs = db.collection('counters');
  });
  afterAll(() => close());

  it('folds many changes of a document in memory and writes it once', async () => {
    const batch = new ProjectionBatch();
    for (const e of ['a', 'b', 'c']) await batch.update<Counter>(docs, 'once', empty, add(e));
    expect(await docs.findOne({ _id: 'once' })).toBeNull();
    expect(await batch.flush()).toEqual({ inserted: 1, updated: 0 });
    expect(await docs.findOne({ _id: 'once' })).toEqual({
      _id: 'once',
      n: 3,
      seen: ['a', 'b', 'c'],
      revision: 1,
    });

    const next = new ProjectionBatch();
    await next.update<Counter>(docs, 'once', empty, add('d'));
    await next.update<Counter>(docs, 'once', empty, add('a')); // held already: no change
    expect(await next.flush()).toEqual({ inserted: 0, updated: 1 });
    expect(await docs.findOne({ _id: 'once' })).toMatchObject({ n: 4, revision: 2 });
  });

  it('writes nothing for a document it read and did not change', async () => {
    const batch = new ProjectionBatch();
    await batch.update<Counter>(docs, 'once', empty, add('a'));
    expect(await batch.get(docs, 'absent')).toBeNull();
    expect(await batch.flush()).toEqual({ inserted: 0, updated: 0 });
  });

  it('fails as a conflict when another writer changed a document since it was read', async () => {
    const batch = new ProjectionBatch();
    await batch.update<Counter>(docs, 'once', empty, add('e'));
    await docs.updateOne({ _id: 'once' }, { $set: { n: 40 }, $inc: { revision: 1 } });
    await expect(batch.flush()).rejects.toBeInstanceOf(ProjectionConflict);
    // folded again from a fresh read, it lands on the other writer's document
    await inBatch(undefined, (b) => b.update<Counter>(docs, 'once', empty, add('e')));
    expect(await docs.findOne({ _id: 'once' })).toMatchObject({ n: 41, revision: 4 });
  });

  it('fails as a conflict when a document it created was created meanwhile by another writer', async () => {
    const batch = new ProjectionBatch();
    await batch.update<Counter>(docs, 'raced', empty, add('x'));
    await docs.insertOne({ _id: 'raced', n: 7, seen: ['y'], revision: 1 });
    await expect(batch.flush()).rejects.toBeInstanceOf(ProjectionConflict);
  });

  it('reads nothing for ids expected new, and folds again reading them when one existed after all', async () => {
    await docs.insertOne({ _id: 'old', n: 1, seen: ['p'], revision: 1 });
    let attempts = 0;
    await inBatch(undefined, async (b) => {
      attempts++;
      b.expectNew('old', 'new');
      await b.update<Counter>(docs, 'old', empty, add('q'));
      await b.update<Counter>(docs, 'new', empty, add('q'));
    });
    expect(attempts).toBe(2);
    expect(await docs.findOne({ _id: 'old' })).toMatchObject({ n: 2, seen: ['p', 'q'], revision: 2 });
    expect(await docs.findOne({ _id: 'new' })).toMatchObject({ n: 1, revision: 1 });
  });

  it('keeps what it wrote in a cache, and a stale copy refolds from a fresh read', async () => {
    const cache = new ProjectionCache();
    await inBatch(undefined, (b) => b.update<Counter>(docs, 'cached', empty, add('1')), { cache });
    await docs.updateOne({ _id: 'cached' }, { $set: { n: 10 }, $inc: { revision: 1 } });
    await inBatch(undefined, (b) => b.update<Counter>(docs, 'cached', empty, add('2')), { cache });
    expect(await docs.findOne({ _id: 'cached' })).toMatchObject({ n: 11, revision: 3 });
  });

  it('in a fresh batch (a rebuild) never reads, and replaces what a stopped run left with what it folded', async () => {
    const target = db.collection('fresh_target') as Docs;
    await target.insertOne({ _id: 'done-before', n: 7, seen: ['partial'], revision: 3 });
    const batch = new ProjectionBatch({ fresh: true, parallel: 2 });
    await batch.update<Counter>(target, 'done-before', empty, add('z'));
    await batch.update<Counter>(target, 'new-one', empty, add('z'));
    await batch.update<Counter>(docs, 'elsewhere', empty, add('z'));
    await batch.flush();
    expect(await target.countDocuments()).toBe(2);
    expect(await target.findOne({ _id: 'done-before' })).toEqual({
      _id: 'done-before',
      n: 1,
      seen: ['z'],
      revision: 1,
    });
    expect(await docs.findOne({ _id: 'elsewhere' })).toMatchObject({ n: 1, revision: 1 });
  });

  it('forgets each read once its document is held (a rebuild holds one batch for the whole log)', async () => {
    const batch = new ProjectionBatch({ fresh: true, maxDocuments: 100 });
    for (const id of ['r-1', 'r-2', 'r-3']) await batch.update<Counter>(docs, id, empty, add('a'));
    expect(batch.size).toBe(3);
    expect(batch.reading).toBe(0);
  });

  it('evicts the least recently updated documents first', async () => {
    const target = db.collection('evict_oldest') as Docs;
    const batch = new ProjectionBatch({ fresh: true, maxDocuments: 5 });
    for (const id of ['a', 'b', 'c', 'd', 'e']) await batch.update<Counter>(target, id, empty, add('1'));
    await batch.update<Counter>(target, 'a', empty, add('2'));
    await batch.update<Counter>(target, 'f', empty, add('1'));
    // six held, over five: down to four, the two coldest written
    expect(await batch.evictCold()).toBe(2);
    expect((await target.find().toArray()).map((d) => d._id).sort()).toEqual(['b', 'c']);
    await batch.flush();
    expect(await target.findOne({ _id: 'a' })).toMatchObject({ n: 2, seen: ['1', '2'] });
  });

  it('names the documents it evicted since it was last asked, and forgets one when told', async () => {
    const target = db.collection('evict_named') as Docs;
    const batch = new ProjectionBatch({ fresh: true, maxDocuments: 5 });
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f']) await batch.update<Counter>(target, id, empty, add('1'));
    await batch.evictCold();
    expect(batch.takeEvicted()).toEqual([
      { collection: 'evict_named', id: 'a' },
      { collection: 'evict_named', id: 'b' },
    ]);
    expect(batch.takeEvicted()).toEqual([]);
    batch.forget(target, 'c');
    await batch.flush();
    expect((await target.find().toArray()).map((d) => d._id).sort()).toEqual(['a', 'b', 'd', 'e', 'f']);
  });

  it('writes evicted documents in the background, and reads one touched again only once it is written', async () => {
    const target = db.collection('evict_background') as Docs;
    const batch = new ProjectionBatch({ fresh: true, maxDocuments: 10 });
    const ids = Array.from({ length: 12 }, (_, i) => `bg-${i}`);
    for (const id of ids) await batch.update<Counter>(target, id, empty, add('first'));
    const evicted = await batch.evictCold({ background: true });
    expect(evicted).toBe(4);
    // touched again at once, while its insert may still be on its way
    for (const id of ids.slice(0, 4)) await batch.update<Counter>(target, id, empty, add('again'));
    await batch.flush();
    const stored = await target.find().sort({ _id: 1 }).toArray();
    expect(stored).toHaveLength(12);
    for (const doc of stored.filter((d) => ids.slice(0, 4).includes(d._id))) {
      expect(doc).toMatchObject({ n: 2, seen: ['first', 'again'], revision: 2 });
    }
  });

  it('throws the error of a background write at the next eviction or flush', async () => {
    const target = db.collection('evict_failing') as Docs;
    const batch = new ProjectionBatch({ fresh: true, maxDocuments: 2 });
    for (const id of ['x-1', 'x-2', 'x-3']) await batch.update<Counter>(target, id, empty, add('1'));
    const failing = {
      collectionName: 'evict_failing',
      insertMany: () => Promise.reject(new Error('disk full')),
    };
    await batch.update<Counter>(failing as never, 'x-4', empty, add('1'));
    await batch.update<Counter>(target, 'x-5', empty, add('1'));
    await batch.evictCold({ background: true });
    await expect(batch.flush()).rejects.toThrow('disk full');
  });

  it('reads the documents a fold will touch in one query when told them first, and writes as before', async () => {
    const watched = await MongoClient.connect(process.env.MONGO_URL as string, { monitorCommands: true });
    const commands: string[] = [];
    watched.on('commandStarted', (e) => commands.push(e.commandName));
    try {
      const counters: Docs = watched.db(db.databaseName).collection('prefetched');
      await counters.insertMany([
        { _id: 'p-1', n: 1, seen: ['x'], revision: 1 },
        { _id: 'p-2', n: 1, seen: ['x'], revision: 1 },
      ]);
      commands.length = 0;
      const batch = new ProjectionBatch();
      await batch.prefetch(counters, ['p-1', 'p-2', 'p-new']);
      for (const id of ['p-1', 'p-2', 'p-new']) await batch.update<Counter>(counters, id, empty, add('y'));
      expect(commands).toEqual(['find']);
      expect(await batch.flush()).toEqual({ inserted: 1, updated: 2 });
      expect(await counters.find().sort({ _id: 1 }).toArray()).toEqual([
        { _id: 'p-1', n: 2, seen: ['x', 'y'], revision: 2 },
        { _id: 'p-2', n: 2, seen: ['x', 'y'], revision: 2 },
        { _id: 'p-new', n: 1, seen: ['y'], revision: 1 },
      ]);
    } finally {
      await watched.close();
    }
  });
});
