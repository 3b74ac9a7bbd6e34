import { randomUUID } from 'node:crypto';
import { type Collection, type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findByIds, IDS_PER_QUERY } from '../src/index.js';

describe('reading documents by a list of _ids', () => {
  let db: Db;
  let close: () => Promise<void>;
  let docs: Collection<{ _id: string; n: number }>;
  const total = IDS_PER_QUERY * 2 + 7;
  beforeAll(async () => {
    const client = await MongoClient.connect(process.env.MONGO_URL!);
    db = client.db(`find_by_ids_${randomUUID().slice(0, 8)}`);
    close = async () => {
      await db.dropDatabase().catch(() => undefined);
      await client.close();
    };
    docs = db.collection('docs');
    await docs.insertMany(Array.from({ length: total }, (_, n) => ({ _id: `d-${n}`, n })));
  });
  afterAll(() => close());

  it('returns every stored one of more ids than one query takes, each once, and leaves out the missing', async () => {
    const wanted = [
      ...Array.from({ length: total }, (_, n) => `d-${n}`),
      'd-3', // asked twice
      'missing-1',
      'missing-2',
    ];
    const found = await findByIds(docs, wanted);
    expect(found.map((d) => d.n).sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, n) => n));
  });

  it('reads nothing for no ids', async () => {
    expect(await findByIds(docs, [])).toEqual([]);
  });

  it('returns the documents as stored', async () => {
    const found = await findByIds(docs, ['d-6', 'd-5'], 1);
    expect(found.sort((a, b) => a.n - b.n)).toEqual([
      { _id: 'd-5', n: 5 },
      { _id: 'd-6', n: 6 },
    ]);
  });
});
