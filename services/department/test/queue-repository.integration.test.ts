import { randomUUID } from 'node:crypto';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_SHARDS, QueueRepository, shardOf } from '../src/adapters/queue-repository.js';
import type { QueueEntry } from '../src/domain/queue.js';

const entry = (dueAt: string, over: Partial<QueueEntry> = {}): QueueEntry => {
  const taskId = over.taskId ?? randomUUID();
  return {
    taskId,
    dossierId: `d-${taskId}`,
    dossierCode: `C-${taskId}`,
    stepId: 'appraise',
    stepName: 'Thụ lý',
    status: 'queued',
    queuedAt: '2026-03-02T03:00:00.000Z',
    dueAt,
    version: 1,
    ...over,
  };
};

describe("a department's queue stored by due day", () => {
  let client: MongoClient;
  let db: Db;
  let now = new Date('2026-03-03T00:00:00Z');
  let queues: QueueRepository;

  beforeAll(async () => {
    client = await MongoClient.connect(process.env.MONGO_URL!);
    db = client.db(`department_queue_${randomUUID().slice(0, 8)}`);
    queues = new QueueRepository(db, () => now);
  });

  afterAll(async () => {
    await db.dropDatabase();
    await client.close();
  });

  it('lists the open tasks of every due day, the one due first on top', async () => {
    const later = entry('2026-03-06T09:00:00.000Z');
    const first = entry('2026-03-04T09:00:00.000Z');
    const second = entry('2026-03-04T15:00:00.000Z');
    await Promise.all([later, second, first].map((e) => queues.apply('dept-a', e)));
    expect((await queues.open('dept-a')).map((e) => e.taskId)).toEqual([
      first.taskId,
      second.taskId,
      later.taskId,
    ]);
    expect(await queues.open('dept-b')).toEqual([]);
  });

  it('drops a completed task, and never brings it back for an older event arriving late', async () => {
    const task = entry('2026-03-05T09:00:00.000Z');
    await queues.apply('dept-c', task);
    await queues.apply('dept-c', { ...task, assignee: 'officer-1', version: 2 });
    expect(await queues.open('dept-c')).toEqual([{ ...task, assignee: 'officer-1', version: 2 }]);
    await queues.apply('dept-c', {
      ...task,
      status: 'done',
      completedAt: '2026-03-04T00:00:00.000Z',
      version: 3,
    });
    await queues.apply('dept-c', { ...task, version: 2 });
    expect(await queues.open('dept-c')).toEqual([]);
  });

  it('keeps each document to one department and day, and forgets past days with nothing open', async () => {
    for (let i = 0; i < 20; i++) {
      const task = entry(`2026-03-${String(5 + (i % 4)).padStart(2, '0')}T09:00:00.000Z`);
      await queues.apply('dept-d', task);
      await queues.apply('dept-d', { ...task, status: 'done', version: 2 });
    }
    const days = db.collection<{ _id: string; days: string[] }>('queue_days');
    expect((await days.findOne({ _id: 'dept-d' }))?.days.sort()).toEqual([
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
    ]);
    now = new Date('2026-03-20T00:00:00Z');
    expect(await queues.open('dept-d')).toEqual([]);
    expect((await days.findOne({ _id: 'dept-d' }))?.days).toEqual([]);
    const buckets = await db.collection('queue_due_days').find({ departmentId: 'dept-d' }).toArray();
    const perDay = new Map<string, number>();
    for (const b of buckets) perDay.set(b.day, (perDay.get(b.day) ?? 0) + JSON.parse(b.json).length);
    expect([...perDay.values()]).toEqual([5, 5, 5, 5]);
  });

  it('lists a due day once while no instance may drop it, and again once it may', async () => {
    const watched = await MongoClient.connect(process.env.MONGO_URL!, { monitorCommands: true });
    const writes: string[] = [];
    watched.on('commandStarted', (e) => {
      if (['update', 'insert'].includes(e.commandName) && e.command[e.commandName] === 'queue_days')
        writes.push(e.commandName);
    });
    let clock = new Date('2026-03-10T00:00:00Z');
    const mine = new QueueRepository(watched.db(db.databaseName), () => clock);
    try {
      await mine.apply('dept-g', entry('2026-03-12T09:00:00.000Z'));
      const listing = writes.length; // the department's first day: a missed update, then the insert
      expect(listing).toBeGreaterThan(0);
      for (let i = 0; i < 4; i++) await mine.apply('dept-g', entry('2026-03-12T09:00:00.000Z'));
      expect(writes).toHaveLength(listing);
      // two days after the day: another instance may have dropped it, so it is listed again
      clock = new Date('2026-03-14T00:00:00Z');
      await mine.apply('dept-g', entry('2026-03-12T10:00:00.000Z'));
      expect(writes).toEqual([...writes.slice(0, listing), 'update']);
    } finally {
      await watched.close();
    }
  });

  it("spreads one day's tasks over its shards, each bucket holding only its own tasks", async () => {
    const tasks = Array.from({ length: 2 * QUEUE_SHARDS }, () => entry('2026-03-10T09:00:00.000Z'));
    for (const task of tasks) await queues.apply('dept-e', task);
    const buckets = await db
      .collection<{ _id: string; json: string }>('queue_due_days')
      .find({ departmentId: 'dept-e' })
      .toArray();
    expect(buckets.length).toBeGreaterThan(QUEUE_SHARDS / 2);
    for (const b of buckets) {
      const shards = (JSON.parse(b.json) as QueueEntry[]).map(
        (e) => `dept-e:2026-03-10:${shardOf(e.taskId)}`,
      );
      expect(new Set(shards)).toEqual(new Set([b._id]));
    }
    expect((await queues.open('dept-e')).map((e) => e.taskId).sort()).toEqual(
      tasks.map((t) => t.taskId).sort(),
    );
  });

  it("keeps a task stored in its day's bucket from before the shards there, and closes it there", async () => {
    const task = entry('2026-03-11T09:00:00.000Z');
    await db.collection<{ _id: string }>('queue_due_days').insertOne({
      _id: 'dept-f:2026-03-11',
      departmentId: 'dept-f',
      day: '2026-03-11',
      revision: 1,
      json: JSON.stringify([task]),
    } as { _id: string });
    await db
      .collection<{ _id: string }>('queue_days')
      .insertOne({ _id: 'dept-f', days: ['2026-03-11'] } as { _id: string });
    expect(await queues.open('dept-f')).toEqual([task]);
    await queues.apply('dept-f', { ...task, assignee: 'officer-2', version: 2 });
    expect(await queues.open('dept-f')).toEqual([{ ...task, assignee: 'officer-2', version: 2 }]);
    await queues.apply('dept-f', { ...task, status: 'done', version: 3 });
    expect(await queues.open('dept-f')).toEqual([]);
    const ids = (await db.collection('queue_due_days').find({ departmentId: 'dept-f' }).toArray()).map(
      (b) => b._id,
    );
    expect(ids).toEqual(['dept-f:2026-03-11']);
  });
});
