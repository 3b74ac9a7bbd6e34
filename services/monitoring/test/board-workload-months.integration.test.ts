import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@motcua/contracts';
import { ProjectionBatch } from '@motcua/eventstore';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoardRepository } from '../src/adapters/board-repository.js';
import { departmentWorkload } from '../src/domain/board-lists.js';

// A department's workload is kept per month, so no document grows with its history; a period still
// sees every task with something in it, and every task open now however old.

let mongo: MongoClient;
let db: Db;
const DEPT = 'hue-city.justice';
const vn = (local: string) => new Date(`${local}+07:00`).toISOString();

beforeAll(async () => {
  mongo = await MongoClient.connect(process.env.MONGO_URL as string);
  db = mongo.db(`it_board_months_${randomUUID().slice(0, 8)}`);
});
afterAll(async () => {
  await db?.dropDatabase();
  await mongo?.close();
});

const event = (type: string, at: string, payload: Record<string, unknown>): RecordedEvent =>
  ({
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    dossierId: `dossier-${String(payload.taskId)}`,
    dossierCode: `C-${String(payload.taskId)}`,
    streamId: `department-task:${String(payload.taskId)}`,
    streamVersion: 1,
    occurredAt: vn(at),
    recordedAt: vn(at),
    actor: { userId: 'system:department', role: 'system' },
    causationId: randomUUID(),
    correlationId: randomUUID(),
    producer: 'department',
    payload,
  }) as RecordedEvent;
const queued = (taskId: string, at: string, due: string) =>
  event('TaskQueued', at, { taskId, stepId: 's', departmentId: DEPT, stepName: 'Thẩm định', dueAt: vn(due) });
const completed = (taskId: string, at: string) =>
  event('StepCompleted', at, {
    taskId,
    stepId: 's',
    departmentId: DEPT,
    officerId: 'o1',
    outcome: 'approved',
    completedAt: vn(at),
  });

describe("a department's workload by month", () => {
  it('reads, for March, the tasks with something in March and those still open since earlier', async () => {
    const board = new BoardRepository(db);
    for (const e of [
      queued('jan-done', '2025-01-06T09:00', '2025-01-08T17:00'),
      completed('jan-done', '2025-01-07T09:00'),
      queued('jan-open', '2025-01-10T09:00', '2025-01-14T17:00'),
      queued('feb-to-mar', '2025-02-26T09:00', '2025-03-04T17:00'),
      completed('feb-to-mar', '2025-03-03T10:00'),
      queued('mar', '2025-03-10T09:00', '2025-03-12T17:00'),
    ]) {
      await board.apply(e);
    }
    const tasks = await board.departmentTasks(
      DEPT,
      new Date(vn('2025-03-01T00:00')),
      new Date(vn('2025-04-01T00:00')),
    );
    // March's tasks, and January's open one (read through its open slice, not the whole month)
    expect(tasks.map((t) => t.taskId).sort()).toEqual(['feb-to-mar', 'jan-open', 'mar']);
    const w = departmentWorkload(
      DEPT,
      tasks,
      Date.parse(vn('2025-03-01T00:00')),
      Date.parse(vn('2025-04-01T00:00')),
      Date.parse(vn('2025-04-02T09:00')),
    );
    expect(w).toMatchObject({ queued: 1, completed: { total: 1, early: 1 }, openNow: 2, overdueNow: 2 });

    const workload = db.collection<{ _id: string }>('board_department_workload');
    const ids = (await workload.find({}).toArray()).map((d) => String(d._id));
    // vn() times are local: each task's first moment of a month names its 10-second slice
    expect(ids.sort()).toEqual(
      [
        DEPT,
        `${DEPT}:2025-01`,
        `${DEPT}:2025-01-06`,
        `${DEPT}:2025-01-06T090000`,
        `${DEPT}:2025-01-10`,
        `${DEPT}:2025-01-10T090000`,
        `${DEPT}:2025-02`,
        `${DEPT}:2025-02-26`,
        `${DEPT}:2025-02-26T090000`,
        `${DEPT}:2025-03`,
        `${DEPT}:2025-03-03`,
        `${DEPT}:2025-03-03T100000`,
        `${DEPT}:2025-03-10`,
        `${DEPT}:2025-03-10T090000`,
      ].sort(),
    );
    expect(await workload.findOne({ _id: DEPT })).toMatchObject({ openDays: ['2025-01-10', '2025-03-10'] });
    expect(await workload.findOne({ _id: `${DEPT}:2025-01` })).toMatchObject({
      days: ['2025-01-06', '2025-01-10'],
    });
    expect(await workload.findOne({ _id: `${DEPT}:2025-01-06` })).toMatchObject({
      slices: ['090000'],
      open: [],
    });
  });

  it('keeps a busy day in slices of ten seconds, so a batch rewrites the newest, not the day', async () => {
    const board = new BoardRepository(db);
    const dept = 'hue-city.busy';
    const at = (i: number) => {
      const s = 9 * 3600 + Math.floor(i / 3); // three tasks a second from 09:00
      const two = (n: number) => String(n).padStart(2, '0');
      return `2025-04-07T${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
    };
    for (let i = 0; i < 90; i++)
      await board.apply({
        ...queued(`busy-${i}`, at(i), '2025-04-09T17:00'),
        payload: {
          taskId: `busy-${i}`,
          stepId: 's',
          departmentId: dept,
          stepName: 'Thẩm định',
          dueAt: vn('2025-04-09T17:00'),
        },
      } as RecordedEvent);
    const workload = db.collection<{ _id: string; json?: string; slices?: string[] }>(
      'board_department_workload',
    );
    const day = await workload.findOne({ _id: `${dept}:2025-04-07` });
    expect(day?.slices).toEqual(['090000', '090010', '090020']);
    const slice = await workload.findOne({ _id: `${dept}:2025-04-07T090010` });
    expect((JSON.parse(slice?.json ?? '[]') as { taskId: string }[]).map((t) => t.taskId)).toHaveLength(30);

    const april = await board.departmentTasks(
      dept,
      new Date(vn('2025-04-01T00:00')),
      new Date(vn('2025-05-01T00:00')),
    );
    expect(april).toHaveLength(90);
    // a later month sees them too while they are open, through the open slices of their day
    const may = await board.departmentTasks(
      dept,
      new Date(vn('2025-05-01T00:00')),
      new Date(vn('2025-06-01T00:00')),
    );
    expect(may).toHaveLength(90);
  });

  it('drops a day from the open days once its last open task is completed', async () => {
    const board = new BoardRepository(db);
    const dept = 'hue-city.closing';
    const inDept = (e: RecordedEvent) =>
      ({ ...e, payload: { ...e.payload, departmentId: dept } }) as RecordedEvent;
    await board.apply(inDept(queued('c1', '2025-05-05T09:00', '2025-05-07T17:00')));
    await board.apply(inDept(queued('c2', '2025-05-05T09:00:05', '2025-05-07T17:00')));
    const workload = db.collection<{ _id: string }>('board_department_workload');
    expect(await workload.findOne({ _id: dept })).toMatchObject({ openDays: ['2025-05-05'] });
    await board.apply(inDept(completed('c1', '2025-05-06T09:00')));
    expect(await workload.findOne({ _id: dept })).toMatchObject({ openDays: ['2025-05-05'] });
    await board.apply(inDept(completed('c2', '2025-05-06T09:30')));
    expect(await workload.findOne({ _id: dept })).toMatchObject({ openDays: [] });
    expect(await workload.findOne({ _id: `${dept}:2025-05-05` })).toMatchObject({ open: [] });
    // June no longer reads May: nothing of it is open
    expect(
      await board.departmentTasks(dept, new Date(vn('2025-06-01T00:00')), new Date(vn('2025-07-01T00:00'))),
    ).toEqual([]);
  });

  it('still reads a month and head stored before the slices, and drains the old open list', async () => {
    const board = new BoardRepository(db);
    const dept = 'hue-city.before';
    const workload = db.collection<Record<string, unknown> & { _id: string }>('board_department_workload');
    const [oldTask] = await (async () => {
      // the task as the old shape copied it: fold it once in a scratch database's board
      const scratch = mongo.db(`${db.databaseName}_s`);
      const other = new BoardRepository(scratch);
      await other.apply({
        ...queued('old', '2025-01-20T09:00', '2025-01-22T17:00'),
        payload: { ...queued('old', '2025-01-20T09:00', '2025-01-22T17:00').payload, departmentId: dept },
      } as RecordedEvent);
      const tasks = await other.departmentTasks(
        dept,
        new Date(vn('2025-01-01T00:00')),
        new Date(vn('2025-02-01T00:00')),
      );
      await scratch.dropDatabase();
      return tasks;
    })();
    await workload.insertMany([
      { _id: dept, ownerId: dept, centerId: 'hue-city', open: { old: ['2025-01'] }, revision: 1 },
      {
        _id: `${dept}:2025-01`,
        ownerId: dept,
        centerId: 'hue-city',
        month: '2025-01',
        json: JSON.stringify([oldTask]),
        revision: 1,
      },
    ]);
    const march = () =>
      board.departmentTasks(dept, new Date(vn('2025-03-01T00:00')), new Date(vn('2025-04-01T00:00')));
    expect((await march()).map((t) => t.taskId)).toEqual(['old']);

    const done = { ...completed('old', '2025-03-02T09:00'), dossierId: 'dossier-old' };
    await board.apply({ ...done, payload: { ...done.payload, departmentId: dept } } as RecordedEvent);
    expect(await workload.findOne({ _id: dept })).toMatchObject({ open: {}, openDays: [] });
    // March has its copy (in a slice); January's old copy loses to it wherever both are read
    expect((await march()).map((t) => [t.taskId, Boolean(t.completedAt)])).toEqual([['old', true]]);
  });

  it("reads a batch's slices of a quiet department in one query, not one each", async () => {
    const watched = await MongoClient.connect(process.env.MONGO_URL as string, { monitorCommands: true });
    const finds: unknown[] = [];
    watched.on('commandStarted', (e) => {
      if (e.commandName === 'find' && e.command.find === 'board_department_workload')
        finds.push(e.command.filter);
    });
    try {
      const board = new BoardRepository(watched.db(db.databaseName));
      const dept = 'hue-city.quiet';
      const events = Array.from({ length: 20 }, (_, i) => {
        const e = queued(
          `quiet-${i}`,
          `2025-06-02T${String(8 + Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 13).padStart(2, '0')}`,
          '2025-06-04T17:00',
        );
        return { ...e, payload: { ...e.payload, departmentId: dept } } as RecordedEvent;
      });
      const batch = new ProjectionBatch();
      await board.prefetch(batch, events);
      for (const e of events) await board.apply(e, batch);
      await batch.flush();
      expect(finds).toHaveLength(1);
      const june = await board.departmentTasks(
        dept,
        new Date(vn('2025-06-01T00:00')),
        new Date(vn('2025-07-01T00:00')),
      );
      expect(june).toHaveLength(20);
    } finally {
      await watched.close();
    }
  });
});
