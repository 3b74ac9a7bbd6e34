// Prints what `sqlite-write-queue.patch` changes, on a running MongoDB-wire server: small writes into
// ONE database from several clients at once (as a service's commands and consumers do), per-write
// latency and throughput, beside the same writes from a single client in the same run (the ceiling:
// no other writer to wait for). Run it against a build with and without the patch.
// Usage: pnpm exec tsx infra/local/ferretdb/write-queue-bench.ts   (MONGO_URL, default mongodb://127.0.0.1:27018/;
//        BENCH_WRITERS 8, BENCH_SECONDS 20)
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as Mongo from '../../../packages/testing/node_modules/mongodb/mongodb.js';

// `mongodb` is not a root dependency: borrow @motcua/testing's copy.
const require = createRequire(new URL('../../../packages/testing/package.json', import.meta.url));
const { MongoClient } = require('mongodb') as typeof Mongo;

const url = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27018/';
const WRITERS = Number(process.env.BENCH_WRITERS ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? Number.NaN;
const row = (label: string, xs: number[], seconds: number) =>
  `${label.padEnd(34)} ${String(xs.length).padStart(6)}  ${(xs.length / seconds).toFixed(0).padStart(6)}/s  ` +
  `p50 ${pct(xs, 50).toFixed(1).padStart(6)}  p95 ${pct(xs, 95).toFixed(1).padStart(6)}  ` +
  `p99 ${pct(xs, 99).toFixed(1).padStart(6)}  max ${Math.max(...xs)
    .toFixed(1)
    .padStart(6)} ms`;

const client = new MongoClient(url, { maxPoolSize: WRITERS + 4, serverSelectionTimeoutMS: 5000 });
await client.connect();
const db = client.db(`write_queue_${randomUUID().slice(0, 8)}`);
const docs = db.collection<{ _id: string; n: number; body: string }>('docs');
const body = 'x'.repeat(600); // about an event's size

/** One client's loop: insert a document, then update it by `_id`, until the time is up. */
async function writer(until: number, out: number[]): Promise<void> {
  while (Date.now() < until) {
    const _id = randomUUID();
    let t = process.hrtime.bigint();
    await docs.insertOne({ _id, n: 0, body });
    out.push(ms(t));
    t = process.hrtime.bigint();
    await docs.updateOne({ _id }, { $set: { n: 1 } });
    out.push(ms(t));
  }
}

try {
  await docs.insertOne({ _id: 'warm', n: 0, body });
  const alone: number[] = [];
  await writer(Date.now() + (SECONDS * 1000) / 4, alone);
  const together: number[] = [];
  await Promise.all(Array.from({ length: WRITERS }, () => writer(Date.now() + SECONDS * 1000, together)));
  const info = (await db.admin().command({ buildInfo: 1 })) as { ferretdbVersion?: string };
  console.log(`server: ${info.ferretdbVersion ? `FerretDB ${info.ferretdbVersion}` : 'MongoDB'} at ${url}`);
  console.log(
    `${'writes (insert, then update by _id)'.padEnd(34)} ${'n'.padStart(6)}  ${'rate'.padStart(8)}`,
  );
  console.log(row('ceiling: one client alone', alone, SECONDS / 4));
  console.log(row(`${WRITERS} clients, one database`, together, SECONDS));
} finally {
  await db.dropDatabase().catch(() => undefined);
  await client.close();
}
