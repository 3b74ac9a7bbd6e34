// Prints the figures of issue 11's storage-isolation target on a running MongoDB-wire server:
//   1. how long a bulkWrite of 1,000 updateOne({_id}) takes (it hung on FerretDB v1.24.2 from 100 on);
//   2. how much a long write in one database delays single writes in another database (target < 50 ms):
//      latency of `updateOne({_id})` in database B alone, then while database A runs a collection-wide
//      `updateMany` (collection lock, exclusive) and while A runs a 10,000-statement bulk (document locks).
// Usage: pnpm exec tsx infra/local/ferretdb/isolation-bench.ts   (MONGO_URL, default mongodb://127.0.0.1:27018/)
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as Mongo from '../../../packages/testing/node_modules/mongodb/mongodb.js';

// `mongodb` is not a root dependency: borrow @motcua/testing's copy.
const require = createRequire(new URL('../../../packages/testing/package.json', import.meta.url));
const { MongoClient } = require('mongodb') as typeof Mongo;

const url = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27018/';
const LONG_DOCS = Number(process.env.BENCH_LONG_DOCS ?? 10_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);

interface Doc {
  _id: string;
  n: number;
  pad?: string;
}

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? Number.NaN;
const fmt = (xs: number[]) =>
  `p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (n=${xs.length})`;

const client = new MongoClient(url, { maxPoolSize: 20, serverSelectionTimeoutMS: 5000 });
await client.connect();
const tag = randomUUID().slice(0, 8);
const dbA = client.db(`isolation_a_${tag}`);
const dbB = client.db(`isolation_b_${tag}`);

async function seed(db: Mongo.Db, name: string, count: number, pad = '') {
  const col = db.collection<Doc>(name);
  for (let i = 0; i < count; i += 1000) {
    const docs = Array.from({ length: Math.min(1000, count - i) }, (_, j) => ({
      _id: `d${i + j}`,
      n: 0,
      pad,
    }));
    await col.insertMany(docs, { ordered: false });
  }
  return col;
}

/** Single `_id` updates in database B, one after another, until `until` settles (or SAMPLES when none). */
async function probe(until?: Promise<unknown>): Promise<number[]> {
  const col = dbB.collection<Doc>('probe');
  const lat: number[] = [];
  let done = until === undefined;
  until?.finally(() => {
    done = true;
  });
  for (let i = 0; until ? !done : i < SAMPLES; i++) {
    const t0 = process.hrtime.bigint();
    await col.updateOne({ _id: `d${i % 100}` }, { $inc: { n: 1 } });
    lat.push(ms(t0));
  }
  return lat;
}

try {
  console.log(
    `isolation bench on ${url} (${(await dbA.admin().command({ buildInfo: 1 })).ferretdbVersion ?? 'MongoDB'})`,
  );

  const bulkCol = await seed(dbA, 'bulk', 1000);
  let t0 = process.hrtime.bigint();
  const bulk = await bulkCol.bulkWrite(
    Array.from({ length: 1000 }, (_, i) => ({
      updateOne: { filter: { _id: `d${i}` }, update: { $inc: { n: 1 } } },
    })),
  );
  console.log(
    `bulkWrite of 1,000 updateOne({_id}): ${ms(t0).toFixed(0)} ms (matched ${bulk.matchedCount}, modified ${bulk.modifiedCount})`,
  );

  await seed(dbB, 'probe', 100);
  const long = await seed(dbA, 'long', LONG_DOCS, 'x'.repeat(200));

  const baseline = await probe();
  console.log(`write in database B, nothing else running:            ${fmt(baseline)}`);

  t0 = process.hrtime.bigint();
  const many = long.updateMany({ n: { $gte: 0 } }, { $inc: { n: 1 } });
  const duringMany = await probe(many);
  const manyMs = ms(t0);
  console.log(
    `write in database B during A's updateMany (${(manyMs / 1000).toFixed(1)} s):   ${fmt(duringMany)}`,
  );

  t0 = process.hrtime.bigint();
  const longBulk = long.bulkWrite(
    Array.from({ length: LONG_DOCS }, (_, i) => ({
      updateOne: { filter: { _id: `d${i}` }, update: { $inc: { n: 1 } } },
    })),
    { ordered: true },
  );
  const duringBulk = await probe(longBulk);
  const bulkMs = ms(t0);
  console.log(
    `write in database B during A's ${LONG_DOCS}-statement bulk (${(bulkMs / 1000).toFixed(1)} s): ${fmt(duringBulk)}`,
  );

  const delay = Math.max(pct(duringMany, 95), pct(duringBulk, 95)) - pct(baseline, 50);
  console.log(
    `delay of another database's write while a long write runs (p95 during - p50 alone): ${delay.toFixed(1)} ms (target < 50 ms)`,
  );
} finally {
  await dbA.dropDatabase().catch(() => undefined);
  await dbB.dropDatabase().catch(() => undefined);
  await client.close();
}
