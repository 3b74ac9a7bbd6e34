// The local FerretDB's write locks (infra/local/ferretdb/patches/write-locks.patch and friends, ADR 0002):
// conditional updates of one document stay atomic, bulks of `_id` updates return, and a long write
// in one database never holds up a write in another; a client that disconnects has its command cancelled.
import { randomUUID } from 'node:crypto';
import { type Collection, type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../src/eventually.js';

const url = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27018/';
const LONG_DOCS = 6000;
/**
 * Documents for the command a client abandons after 500 ms: it must still be running then. 6,000
 * were updated in under 500 ms once on a quiet box (the test then saw the command succeed).
 */
const ABANDONED_DOCS = 30_000;

interface Doc {
  _id: string;
  version: number;
  by?: string[];
  n?: number;
  pad?: string;
}

let a: MongoClient;
let b: MongoClient;
const dbs: Db[] = [];

beforeAll(async () => {
  // Two clients: concurrent commands travel on different connections, as from two services.
  a = new MongoClient(url, { serverSelectionTimeoutMS: 5000, retryWrites: false });
  b = new MongoClient(url, { serverSelectionTimeoutMS: 5000, retryWrites: false });
  await Promise.all([a.connect(), b.connect()]);
});

afterAll(async () => {
  for (const db of dbs) await db.dropDatabase().catch(() => undefined);
  await Promise.all([a?.close(), b?.close()]);
});

function freshDb(client: MongoClient, name: string): Db {
  const db = client.db(`locks_${name}_${randomUUID().slice(0, 8)}`);
  dbs.push(db);
  return db;
}

async function seedLong(col: Collection<Doc>, docs = LONG_DOCS) {
  const pad = 'x'.repeat(200);
  for (let i = 0; i < docs; i += 1000) {
    await col.insertMany(
      Array.from({ length: 1000 }, (_, j) => ({
        _id: `d${String(i + j).padStart(5, '0')}`,
        version: 0,
        n: 0,
        pad,
      })),
    );
  }
}

/** Resolves once a collection-wide `$inc: {n: 1}` has written its first document, i.e. holds its lock. */
const running = (col: Collection<Doc>) =>
  eventually(async () => expect((await col.findOne({ _id: 'd00000' }))?.n).toBe(1), 30_000, 20);

describe(`write locks on ${url}`, () => {
  it('never lets two concurrent conditional updates of one document both succeed', async () => {
    const name = `race_${randomUUID().slice(0, 8)}`;
    const dbName = freshDb(a, 'race').databaseName;
    const colA = a.db(dbName).collection<Doc>(name);
    const colB = b.db(dbName).collection<Doc>(name);
    await colA.insertOne({ _id: 'stream', version: 0, by: [] });

    const rounds = 150;
    for (let v = 0; v < rounds; v++) {
      const filter = { _id: 'stream', version: v };
      const update = (who: string) => ({ $set: { version: v + 1 }, $push: { by: `${who}${v}` } });
      // Three shapes in turn: updateOne vs updateOne, findOneAndUpdate vs findOneAndUpdate, and a
      // document-locked updateOne against a collection-locked updateMany (no _id in its filter).
      const [x, y] =
        v % 3 === 0
          ? await Promise.all([
              colA.updateOne(filter, update('a')),
              colB.updateOne(filter, update('b')),
            ]).then((r) => r.map((u) => u.modifiedCount))
          : v % 3 === 1
            ? await Promise.all([
                colA.findOneAndUpdate(filter, update('a')),
                colB.findOneAndUpdate(filter, update('b')),
              ]).then((r) => r.map((d) => (d ? 1 : 0)))
            : await Promise.all([
                colA.updateOne(filter, update('a')),
                colB.updateMany({ version: v }, update('b')),
              ]).then((r) => r.map((u) => u.modifiedCount));
      expect([x, y].sort(), `round ${v}`).toEqual([0, 1]);
    }

    const doc = await colA.findOne({ _id: 'stream' });
    expect(doc?.version).toBe(rounds);
    expect(doc?.by).toHaveLength(rounds);
  });

  it('returns from a bulkWrite of 1,000 _id updates with the right counts', async () => {
    const col = freshDb(a, 'bulk').collection<Doc>('streams');
    await col.insertMany(Array.from({ length: 1000 }, (_, i) => ({ _id: `s${i}`, version: 1 })));

    // Every tenth statement carries a stale version and must match nothing.
    const result = await col.bulkWrite(
      Array.from({ length: 1000 }, (_, i) => ({
        updateOne: {
          filter: { _id: `s${i}`, version: i % 10 === 0 ? 0 : 1 },
          update: { $inc: { version: 1 } },
        },
      })),
    );

    expect(result).toMatchObject({ matchedCount: 900, modifiedCount: 900 });
    expect(await col.countDocuments({ version: 2 })).toBe(900);
    expect(await col.countDocuments({ version: 1 })).toBe(100);
  });

  it('lets a write in another database complete while a long write holds its collection', async () => {
    const longCol = freshDb(a, 'long').collection<Doc>('streams');
    const otherCol = freshDb(b, 'other').collection<Doc>('streams');
    await seedLong(longCol);
    await otherCol.insertOne({ _id: 'x', version: 0 });

    let longDone = false;
    const long = longCol.updateMany({ version: 0 }, { $inc: { n: 1 } }).finally(() => {
      longDone = true;
    });
    await running(longCol);

    // The same collection waits for the long write (its lock is real) ...
    let sameDone = false;
    const same = b
      .db(longCol.dbName)
      .collection<Doc>('streams')
      .updateOne({ _id: 'd00001' }, { $set: { version: 1 } })
      .finally(() => {
        sameDone = true;
      });
    // ... while another database's write goes through before it ends.
    expect((await otherCol.updateOne({ _id: 'x', version: 0 }, { $set: { version: 1 } })).modifiedCount).toBe(
      1,
    );
    expect(longDone).toBe(false);
    expect(sameDone).toBe(false);

    expect((await long).modifiedCount).toBe(LONG_DOCS);
    expect((await same).modifiedCount).toBe(1);
  });

  it('cancels the command of a client that disconnects and releases its lock', async () => {
    const dbName = freshDb(a, 'gone').databaseName;
    const col = a.db(dbName).collection<Doc>('streams');
    await seedLong(col, ABANDONED_DOCS);

    // A client that gives up on its command after 500 ms and closes the connection.
    const impatient = new MongoClient(url, {
      socketTimeoutMS: 500,
      retryWrites: false,
      serverSelectionTimeoutMS: 5000,
    });
    try {
      await impatient.connect();
      const abandoned = impatient
        .db(dbName)
        .collection<Doc>('streams')
        .updateMany({ version: 0 }, { $inc: { n: 1 } });
      await expect(abandoned).rejects.toThrow();
    } finally {
      await impatient.close();
    }

    // The next write of the same collection gets the lock because the abandoned command stopped
    // part-way, not because it ran to the end.
    expect((await col.updateOne({ _id: 'd00001' }, { $set: { version: 1 } })).modifiedCount).toBe(1);
    const updated = await col.countDocuments({ n: 1 });
    expect(updated).toBeLessThan(ABANDONED_DOCS);
  });
});
