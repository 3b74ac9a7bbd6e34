import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@motcua/contracts';
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
    // the months read: March, and January for its open task (its finished neighbour comes along)
    expect(tasks.map((t) => t.taskId).sort()).toEqual(['feb-to-mar', 'jan-done', 'jan-open', 'mar']);
    const w = departmentWorkload(
      DEPT,
      tasks,
      Date.parse(vn('2025-03-01T00:00')),
      Date.parse(vn('2025-04-01T00:00')),
      Date.parse(vn('2025-04-02T09:00')),
    );
    expect(w).toMatchObject({ queued: 1, completed: { total: 1, early: 1 }, openNow: 2, overdueNow: 2 });

    const ids = (await db.collection('board_department_workload').find({}).toArray()).map((d) =>
      String(d._id),
    );
    expect(ids.sort()).toEqual([DEPT, `${DEPT}:2025-01`, `${DEPT}:2025-02`, `${DEPT}:2025-03`]);
    expect(await db.collection('board_department_workload').findOne({ _id: DEPT as never })).toMatchObject({
      open: { 'jan-open': ['2025-01'], mar: ['2025-03'] },
    });
  });
});
