import { randomUUID } from 'node:crypto';
import { createCalendar, OFFICIAL_CALENDAR_YEARS } from '@motcua/calendar';
import type { RecordedEvent } from '@motcua/contracts';
import type { ServiceDeps } from '@motcua/runtime';
import { TimerStore } from '@motcua/timers';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueRepository } from '../src/adapters/queue-repository.js';
import { DeadlineApp } from '../src/deadlines/deadline-app.js';
import { defaultPolicy } from '../src/deadlines/step-timers.js';

const calendar = createCalendar({ years: OFFICIAL_CALENDAR_YEARS, computeMissingYears: true });
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const department = 'hue-city.finance-planning';

const queued = (): RecordedEvent =>
  ({
    eventId: randomUUID(),
    type: 'TaskQueued',
    dossierId: randomUUID(),
    dossierCode: 'HUE-260428-0001',
    occurredAt: '2026-04-28T02:00:00.000Z',
    correlationId: randomUUID(),
    payload: { taskId: randomUUID(), departmentId: department, dueAt: '2026-04-30T10:00:00.000Z' },
  }) as unknown as RecordedEvent;

describe("the department's deadlines when tasks are queued", () => {
  let mongo: MongoClient;
  let db: Db;
  const writes: string[] = [];

  beforeAll(async () => {
    mongo = await MongoClient.connect(process.env.MONGO_URL!, { monitorCommands: true });
    db = mongo.db(`department_deadlines_${randomUUID().slice(0, 8)}`);
    mongo.on('commandStarted', (e) => {
      if (e.databaseName !== db.databaseName) return;
      writes.push(`${e.commandName} ${String(e.command[e.commandName])}`);
    });
  });
  afterAll(async () => {
    await db.dropDatabase();
    await mongo.close();
  });

  const app = () =>
    new DeadlineApp(
      { db, logger: quiet, clock: { now: () => new Date('2026-04-28T02:00:00Z') } } as unknown as ServiceDeps,
      new TimerStore(db),
      {} as QueueRepository,
      calendar,
      defaultPolicy(calendar),
      async () => undefined,
    );

  it("writes a unit's department and its digest timers once, and each task's own timers", async () => {
    const deadlines = app();
    const tasks = [queued(), queued(), queued()];
    for (const task of tasks)
      await deadlines.onTaskQueued(task, { centerId: 'hue-city', procedureCode: '2.000575' });
    const timers = await new TimerStore(db).timers.find({}).toArray();
    const digests = timers.filter((t) => t.kind === 'daily-digest').map((t) => t._id);
    expect(digests).toHaveLength(2);
    for (const task of tasks) {
      const taskId = (task.payload as { taskId: string }).taskId;
      expect(timers.filter((t) => t._id.includes(taskId)).length).toBeGreaterThan(0);
    }
    expect(writes.filter((w) => w.endsWith('deadline_units'))).toHaveLength(2); // find + insert, once
    const units = await db.collection('deadline_units').findOne({ _id: 'center:hue-city' as never });
    expect(units?.departmentIds).toEqual([department]);
  });

  it("inserts a new task's timers in one command, and keeps them when the same queuing comes again", async () => {
    const deadlines = app();
    await deadlines.onTaskQueued(queued(), { centerId: 'hue-city', procedureCode: '2.000575' }); // the unit's digests
    const task = queued();
    const taskId = (task.payload as { taskId: string }).taskId;
    writes.length = 0;
    await deadlines.onTaskQueued(task, { centerId: 'hue-city', procedureCode: '2.000575' });
    expect(writes.filter((w) => w.endsWith(' timers'))).toEqual(['insert timers']);
    const mine = () => new TimerStore(db).timers.find({ _id: { $regex: taskId } } as never).toArray();
    const first = await mine();
    expect(first.length).toBeGreaterThan(0);
    await deadlines.onTaskQueued(task, { centerId: 'hue-city', procedureCode: '2.000575' });
    const again = await mine();
    expect(again.map((t) => [t._id, t.dueAt])).toEqual(first.map((t) => [t._id, t.dueAt]));
  });

  it('writes them again in a new process, changing nothing', async () => {
    writes.length = 0;
    await app().onTaskQueued(queued(), { centerId: 'hue-city', procedureCode: '2.000575' });
    const digests = await new TimerStore(db).timers.countDocuments({ kind: 'daily-digest' });
    expect(digests).toBe(2);
    expect(writes.filter((w) => w.endsWith('deadline_units')).length).toBeGreaterThan(0);
  });
});
