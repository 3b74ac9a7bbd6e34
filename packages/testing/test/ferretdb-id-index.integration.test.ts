// Guards the design rule "hot reads and conditional writes go through `_id`": on the local FerretDB
// (infra/local/ferretdb) that is only fast with the project's sqlite-id-index patch, so this checks
// both correctness of `_id` + other-field filters and that the `_id` index is actually used.
import { randomUUID } from 'node:crypto';
import { type Db, type Document, MongoClient, ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const url = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27018/';

interface Stream {
  _id: string | ObjectId;
  version: number;
  events: string[];
}

let client: MongoClient;
let db: Db;
let ferretdbVersion: string | undefined;

beforeAll(async () => {
  client = new MongoClient(url, { serverSelectionTimeoutMS: 5000 });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`cannot reach ${url} (local server: infra/local/ferretdb.sh start): ${String(err)}`);
  }
  db = client.db(`ferretdb_id_index_${randomUUID().slice(0, 8)}`);
  const info = await db.admin().command({ buildInfo: 1 });
  ferretdbVersion = typeof info.ferretdbVersion === 'string' ? info.ferretdbVersion : undefined;
});

afterAll(async () => {
  await db?.dropDatabase().catch(() => undefined);
  await client?.close();
});

// JSON-escaping-sensitive characters and Vietnamese diacritics: the SQL pushdown compares
// serialized JSON, so the stored and the queried form must agree.
const odd = 'hồ-sơ/<Đà Nẵng>&"1"';
const oid = new ObjectId();

async function seed(name: string) {
  const col = db.collection<Stream>(name);
  await col.insertMany([
    { _id: 'stream-a', version: 3, events: ['a1', 'a2', 'a3'] },
    { _id: 'stream-b', version: 1, events: ['b1'] },
    { _id: odd, version: 2, events: ['o1', 'o2'] },
    { _id: oid, version: 5, events: [] },
  ]);
  return col;
}

/** Every plan node of a MongoDB explain (classic `inputStage(s)` and SBE `queryPlan` shapes). */
function planStages(node: unknown, out: Document[] = []): Document[] {
  if (Array.isArray(node)) {
    for (const n of node) planStages(n, out);
  } else if (node && typeof node === 'object') {
    const doc = node as Document;
    if (typeof doc.stage === 'string') out.push(doc);
    for (const v of Object.values(doc)) planStages(v, out);
  }
  return out;
}

/** SQLite's search on the `_id_` index: a value (an IN list is the same search once per value), or a range. */
const BY_VALUE = /detail=SEARCH \S+ USING INDEX \S+__id_ \(<expr>=\?\)/;
const BY_RANGE = /detail=SEARCH \S+ USING INDEX \S+__id_ \(<expr>>\? AND <expr><\?\)/;

function expectIdIndexUsed(explain: Document, search = BY_VALUE) {
  if (ferretdbVersion !== undefined) {
    // FerretDB/SQLite returns SQLite's EXPLAIN QUERY PLAN rows, e.g.
    // "id=3 parent=0 notused=0 detail=SEARCH s_f60c4582 USING INDEX s_f60c4582__id_ (<expr>=?)".
    // Unpatched FerretDB shows "detail=SCAN <table>" and filterPushdown: false here.
    const plan: unknown = explain.queryPlanner?.Plan;
    expect(plan, JSON.stringify(explain.queryPlanner)).toBeInstanceOf(Array);
    expect((plan as string[]).join('\n')).toMatch(search);
    expect((plan as string[]).join('\n')).not.toMatch(/detail=SCAN /);
    expect(explain.filterPushdown).toBe(true);
  } else {
    // Real MongoDB: an _id point lookup (IDHACK / EXPRESS_* in 8.x) or an IXSCAN on the _id_ index.
    const stages = planStages(explain.queryPlanner?.winningPlan);
    const byId = stages.some(
      (s) =>
        s.stage === 'IDHACK' ||
        (typeof s.stage === 'string' && s.stage.startsWith('EXPRESS_')) ||
        (s.stage === 'IXSCAN' && s.indexName === '_id_'),
    );
    expect(byId, JSON.stringify(explain.queryPlanner?.winningPlan)).toBe(true);
    expect(stages.map((s) => s.stage)).not.toContain('COLLSCAN');
  }
}

describe(`_id lookups on ${url}`, () => {
  it('filters on _id plus another field return exactly the matching documents', async () => {
    const col = await seed('find');

    expect(await col.find({ _id: 'stream-a', version: 3 }).toArray()).toEqual([
      { _id: 'stream-a', version: 3, events: ['a1', 'a2', 'a3'] },
    ]);
    expect(await col.find({ _id: 'stream-a', version: 2 }).toArray()).toEqual([]);
    expect(await col.find({ _id: 'stream-b', version: 3 }).toArray()).toEqual([]);
    expect(await col.find({ _id: 'missing', version: 3 }).toArray()).toEqual([]);
    expect(await col.find({ version: 3, _id: 'stream-a' }).toArray()).toHaveLength(1);
    expect(await col.findOne({ _id: odd, version: 2 })).toMatchObject({ _id: odd, events: ['o1', 'o2'] });
    expect(await col.findOne({ _id: oid, version: 5 })).toMatchObject({ _id: oid });
    expect(await col.findOne({ _id: oid, version: 4 })).toBeNull();
    expect(await col.countDocuments({ _id: 'stream-a', version: { $gte: 3 } })).toBe(1);
    expect(await col.countDocuments({ _id: 'stream-a', version: { $lt: 3 } })).toBe(0);
  });

  it('a conditional updateOne({_id, version}) only applies when the version matches', async () => {
    const col = await seed('update');

    const stale = await col.updateOne(
      { _id: 'stream-a', version: 2 },
      { $push: { events: 'stale' }, $set: { version: 3 } },
    );
    expect(stale).toMatchObject({ matchedCount: 0, modifiedCount: 0 });
    expect(await col.findOne({ _id: 'stream-a' })).toEqual({
      _id: 'stream-a',
      version: 3,
      events: ['a1', 'a2', 'a3'],
    });

    const ok = await col.updateOne(
      { _id: 'stream-a', version: 3 },
      { $push: { events: 'a4' }, $set: { version: 4 } },
    );
    expect(ok).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect(await col.findOne({ _id: 'stream-a' })).toEqual({
      _id: 'stream-a',
      version: 4,
      events: ['a1', 'a2', 'a3', 'a4'],
    });

    // Replaying the same expected version loses (optimistic concurrency).
    const replay = await col.updateOne(
      { _id: 'stream-a', version: 3 },
      { $push: { events: 'dup' }, $set: { version: 4 } },
    );
    expect(replay.matchedCount).toBe(0);

    const oddOk = await col.updateOne({ _id: odd, version: 2 }, { $inc: { version: 1 } });
    expect(oddOk.modifiedCount).toBe(1);
    expect(await col.findOne({ _id: odd })).toMatchObject({ version: 3 });

    // Other documents are untouched.
    expect(await col.findOne({ _id: 'stream-b' })).toEqual({ _id: 'stream-b', version: 1, events: ['b1'] });
  });

  it('explain shows the _id index is used for _id plus another field', async () => {
    const col = await seed('explain');
    expectIdIndexUsed(await col.find({ _id: 'stream-a', version: 3 }).explain('queryPlanner'));
    expectIdIndexUsed(await col.find({ _id: oid, version: 5 }).explain('queryPlanner'));
    expectIdIndexUsed(await col.find({ _id: 'stream-a' }).explain('queryPlanner'));
  });

  it('finds the documents of an $in list of _ids, and only those matching the rest of the filter', async () => {
    const col = await seed('in');

    const ids = (docs: Stream[]) => docs.map((d) => String(d._id)).sort();
    expect(ids(await col.find({ _id: { $in: ['stream-a', odd, oid, 'missing'] } }).toArray())).toEqual(
      ['stream-a', odd, oid.toHexString()].sort(),
    );
    expect(ids(await col.find({ _id: { $in: ['stream-a', 'stream-b'] }, version: 1 }).toArray())).toEqual([
      'stream-b',
    ]);
    expect(await col.find({ _id: { $in: [] } }).toArray()).toEqual([]);
    // Shapes that are not pushed down still answer correctly (a scan).
    const untyped = db.collection<{ _id: string | number }>('in');
    expect((await untyped.find({ _id: { $in: ['stream-a', 7] } }).toArray()).map((d) => d._id)).toEqual([
      'stream-a',
    ]);
    expect(ids(await col.find({ _id: { $nin: ['stream-a', odd, oid] } }).toArray())).toEqual(['stream-b']);
  });

  it('explain shows the _id index is used for an $in list of _ids', async () => {
    const col = await seed('explain-in');
    expectIdIndexUsed(await col.find({ _id: { $in: ['stream-a', odd, oid] } }).explain('queryPlanner'));
    expectIdIndexUsed(
      await col.find({ _id: { $in: ['stream-a', 'stream-b'] }, version: 1 }).explain('queryPlanner'),
    );
  });

  it('finds the documents whose string _id starts with a prefix, from `$gte` it to `$lt` the next one', async () => {
    const col = db.collection<{ _id: string | number | ObjectId; n: number }>('prefix');
    await col.insertMany([
      { _id: '~outbox:', n: 1 },
      { _id: '~outbox:a#1', n: 2 },
      { _id: `~outbox:${odd}`, n: 3 },
      { _id: '~outbox', n: 0 },
      { _id: '~outbox;', n: 0 },
      { _id: '~outbox9', n: 0 },
      { _id: 'stream-a', n: 0 },
      { _id: 42, n: 0 },
      { _id: oid, n: 0 },
    ]);
    const prefixed = { _id: { $gte: '~outbox:', $lt: '~outbox;' } };
    const found = await col.find(prefixed).sort({ _id: 1 }).toArray();
    expect(found.map((d) => d._id)).toEqual(['~outbox:', '~outbox:a#1', `~outbox:${odd}`]);
    expect(await col.countDocuments({ ...prefixed, n: { $gt: 1 } })).toBe(2);
    await col.deleteMany({ _id: { $gte: '~outbox:a', $lt: '~outbox:b' } });
    expect(await col.countDocuments(prefixed)).toBe(2);
  });

  it('explain shows the _id index is used for a prefix range', async () => {
    const col = await seed('explain-prefix');
    expectIdIndexUsed(
      await col.find({ _id: { $gte: 'stream-', $lt: 'stream.' } }).explain('queryPlanner'),
      BY_RANGE,
    );
  });
});
