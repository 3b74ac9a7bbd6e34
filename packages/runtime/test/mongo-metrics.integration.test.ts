// The per-collection command counters a service exposes on /metrics, against the real server.
import { randomUUID } from 'node:crypto';
import { type Db, MongoClient } from 'mongodb';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countMongoCommands } from '../src/mongo-metrics.js';

describe('counting a service’s MongoDB commands', () => {
  let client: MongoClient;
  let db: Db;
  const registry = new Registry();

  beforeAll(async () => {
    client = await MongoClient.connect(process.env.MONGO_URL!, { monitorCommands: true });
    countMongoCommands(client, registry);
    db = client.db(`metrics_${randomUUID().slice(0, 8)}`);
  });
  afterAll(async () => {
    await db.dropDatabase();
    await client.close();
  });

  const counted = async (name: string) => {
    const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
    return (metric?.values ?? []) as { labels: Record<string, string>; value: number }[];
  };
  const countOf = async (collection: string, command: string, outcome = 'ok') =>
    (await counted('mongo_commands_total')).find(
      (v) =>
        v.labels.collection === collection && v.labels.command === command && v.labels.outcome === outcome,
    )?.value ?? 0;

  it('counts each command once, by the collection it names', async () => {
    const tasks = db.collection<{ _id: string; n: number }>('tasks');
    await tasks.insertMany([
      { _id: 'a', n: 1 },
      { _id: 'b', n: 2 },
    ]);
    await tasks.updateOne({ _id: 'a' }, { $set: { n: 3 } });
    await tasks.findOne({ _id: 'a' });
    await tasks.findOne({ _id: 'b' });
    await db.collection('timers').insertOne({ _id: 'x' } as never);

    expect(await countOf('tasks', 'insert')).toBe(1);
    expect(await countOf('tasks', 'update')).toBe(1);
    expect(await countOf('tasks', 'find')).toBe(2);
    expect(await countOf('timers', 'insert')).toBe(1);
    const seconds = (await counted('mongo_command_seconds_total')).find(
      (v) => v.labels.collection === 'tasks' && v.labels.command === 'find',
    );
    expect(seconds?.value).toBeGreaterThan(0);
  });

  it('reports a command slower than the threshold by its shape, and no faster one', async () => {
    const watched = await MongoClient.connect(process.env.MONGO_URL!, { monitorCommands: true });
    const reports: string[] = [];
    let slowMs = 60_000;
    countMongoCommands(watched, new Registry(), {
      get slowMs() {
        return slowMs;
      },
      report: (slow) => reports.push(`${slow.shape} (${slow.outcome})`),
    });
    try {
      const tasks = watched.db(db.databaseName).collection<{ _id: string; n: number }>('tasks');
      await tasks.findOne({ _id: 'a' });
      expect(reports).toEqual([]);
      // The driver times commands in whole milliseconds, so a quick one can read as 0 ms: the slow
      // one sorts thousands of documents (written by another client, so not reported).
      await db
        .collection<{ _id: string; n: number }>('tasks')
        .insertMany(Array.from({ length: 5_000 }, (_, n) => ({ _id: `many-${n}`, n })));
      slowMs = 1e-6;
      await tasks
        .find({ n: { $gt: 0 } })
        .sort({ n: -1 })
        .limit(5)
        .toArray();
      expect(reports.join(' / ')).toBe('find tasks, filter {n}, sort {n}, limit 5 (ok)');
    } finally {
      await watched.close();
    }
  });

  it('counts a command the server refused as failed', async () => {
    await expect(db.command({ find: 'tasks', filter: 'not a document' })).rejects.toThrow();
    expect(await countOf('tasks', 'find', 'failed')).toBe(1);
  });
});
