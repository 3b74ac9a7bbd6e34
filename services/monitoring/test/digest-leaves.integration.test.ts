import { randomUUID } from 'node:crypto';
import { ProjectionBatch } from '@motcua/eventstore';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntegrityRepository, LEAVES_PER_CHUNK } from '../src/adapters/integrity-repository.js';
import { type IntegrityEntry, merkleRoot } from '../src/domain/integrity.js';

// A day's leaves must not make one document that grows with the day: they are kept in fixed-size
// chunks per partition, under a small header, and the day's digest still covers every one.

let mongo: MongoClient;
let db: Db;
const DAY = '2026-03-02';

beforeAll(async () => {
  mongo = await MongoClient.connect(process.env.MONGO_URL as string);
  db = mongo.db(`it_digest_leaves_${randomUUID().slice(0, 8)}`);
});
afterAll(async () => {
  await db?.dropDatabase();
  await mongo?.close();
});

const hashOf = (partition: number, offset: number) =>
  `${partition}`.padStart(32, 'a') + `${offset}`.padStart(32, '0');
const entry = (partition: number, offset: number): IntegrityEntry => ({
  eventId: randomUUID(),
  streamId: `intake-dossier:${partition}-${offset}`,
  streamVersion: 1,
  previousHash: '',
  hash: hashOf(partition, offset),
  recomputed: hashOf(partition, offset),
  recordedAt: `${DAY}T02:00:00.000Z`,
  partition,
  offset: String(offset),
});

describe("a day's digest leaves", () => {
  const repository = () => new IntegrityRepository(db);
  const leaves = () => db.collection<{ _id: string; json: string; chunks?: unknown }>('digest_leaves');

  it('are kept in chunks of a fixed size per partition, and the day reads them all', async () => {
    const batch = new ProjectionBatch();
    for (let offset = 0; offset < 2 * LEAVES_PER_CHUNK + 20; offset++) {
      await repository().add(`d-${offset}`, DAY, entry(0, offset), batch);
    }
    await batch.flush();
    // later batches append to the last chunk of partition 0 and open partition 3's
    for (const [partition, offset] of [
      [0, 2 * LEAVES_PER_CHUNK + 20],
      [3, 7],
      [3, 9],
    ] as const) {
      await repository().add(`d-${partition}-${offset}`, DAY, entry(partition, offset));
    }
    expect(await leaves().findOne({ _id: DAY })).toMatchObject({ chunks: { '0': 3, '3': 1 } });
    const sizes = (
      await leaves()
        .find({ _id: { $ne: DAY } })
        .toArray()
    ).map((d) => JSON.parse(d.json).length);
    expect(Math.max(...sizes)).toBe(LEAVES_PER_CHUNK);
    expect(sizes.sort((a, b) => a - b)).toEqual([2, 21, LEAVES_PER_CHUNK, LEAVES_PER_CHUNK]);

    const all = await repository().leavesOf(DAY);
    expect(all).toHaveLength(2 * LEAVES_PER_CHUNK + 23);
    const inLogOrder = [
      ...Array.from({ length: 2 * LEAVES_PER_CHUNK + 21 }, (_, o) => hashOf(0, o)),
      hashOf(3, 7),
      hashOf(3, 9),
    ];
    const sorted = [...all].sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
    expect(merkleRoot(sorted.map((l) => l.hash))).toBe(merkleRoot(inLogOrder));
  });

  it('hold a redelivered message once, even one from an earlier chunk', async () => {
    await repository().add('d-0-3', DAY, entry(0, 3));
    await repository().add('d-3-9', DAY, entry(3, 9));
    expect(await repository().leavesOf(DAY)).toHaveLength(2 * LEAVES_PER_CHUNK + 23);
  });
});
