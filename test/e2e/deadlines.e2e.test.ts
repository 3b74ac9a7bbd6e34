import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { e2ePort, eventually, REPO_ROOT } from '@motcua/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { household, type Lifecycle, startLifecycle, taskIn, timelineWith, vn } from './lifecycle-harness.js';
import { call, type Json } from './session.js';

// Deadlines that act, on real Kafka and the MongoDB-wire server, the five services as processes.
// The dossier (household business, step "appraise" = 16 working hours) is received Wed 27/8/2025
// 09:00 and transferred at the end of that working day (Decree 61 Art 18); Sat 30/8 – Tue 2/9/2025
// are off (weekend + National Day 2/9 and the day before), so the step is due Wed 3/9 08:30. The department only fires timers when the test says so (POST
// /test/timers/tick after moving the clock): its own poll is an hour of real time.
const FINANCE = 'hue-city.finance-planning';
const CENTER = 'hue-city';
// A second department instance on the same database and consumer group, so every firing below is
// raced by two processes: each timer must still fire exactly once.
const SECOND_DEPARTMENT = { http: e2ePort(18_350), grpc: e2ePort(18_351) };
const QUIET_TIMERS = { MOTCUA_TIMER_INTERVAL_MS: '3600000' };
let life: Lifecycle;
let second: ChildProcess | undefined;
const secondUrl = `http://127.0.0.1:${SECOND_DEPARTMENT.http}`;

async function startSecondDepartment(): Promise<ChildProcess> {
  const logDir = join(REPO_ROOT, 'test-artifacts', `e2e-deadlines-${life.namespace}`);
  mkdirSync(logDir, { recursive: true });
  // node itself with tsx as a loader (the tsx CLI would run the service in a child process that a
  // SIGKILL of the CLI leaves running, holding its ports).
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(REPO_ROOT, 'services/department/src/main.ts')],
    {
      cwd: join(REPO_ROOT, 'services/department'),
      env: {
        ...process.env,
        MONGO_DB: `${life.dbPrefix}_department`,
        MOTCUA_NAMESPACE: life.namespace,
        DEPARTMENT_HTTP_HOST: '127.0.0.1',
        DEPARTMENT_HTTP_PORT: String(SECOND_DEPARTMENT.http),
        DEPARTMENT_GRPC_HOST: '127.0.0.1',
        DEPARTMENT_GRPC_PORT: String(SECOND_DEPARTMENT.grpc),
        MOTCUA_TEST_CLOCK: 'on',
        ...QUIET_TIMERS,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const log = createWriteStream(join(logDir, 'department-2.log'), { flags: 'a' });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  await eventually(async () => {
    if (child.exitCode !== null) throw new Error(`second department exited: see ${logDir}`);
    const ready = await fetch(`${secondUrl}/health/ready`);
    if (!ready.ok) throw new Error('second department not ready');
  }, 120_000); // a cold start on a loaded 2-core machine takes longer than the default 30 s
  return child;
}

beforeAll(async () => {
  life = await startLifecycle(18_300, QUIET_TIMERS);
  second = await startSecondDepartment();
});
afterAll(async () => {
  if (second && second.exitCode === null) {
    const child = second;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    // a service still starting may not answer SIGTERM; it must not outlive the test
    const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(force);
  }
  await life?.stop();
});

const http = () => life.system.http;
type Firing = { id: string; kind: string; dueAt: string };

/** Moves every clock, the second department's too, to a Vietnam local time. */
async function setClocks(local: string): Promise<void> {
  await life.setClock(local);
  const admin = await life.as('sysadmin');
  const moved = await call('PUT', `${secondUrl}/test/clock`, { now: vn(local).toISOString() }, admin);
  expect(moved.status).toBe(200);
}

/** Moves every clock; both department instances then fire their due timers at once. */
async function at(local: string): Promise<Firing[]> {
  await setClocks(local);
  const admin = await life.as('sysadmin');
  const ticks = await Promise.all(
    [http().department, secondUrl].map((base) => call('POST', `${base}/test/timers/tick`, undefined, admin)),
  );
  for (const r of ticks) expect(r.status).toBe(200);
  return ticks.flatMap((r) => r.body.fired as Firing[]).sort((a, b) => a.id.localeCompare(b.id));
}

/** `dueAt` is the instant (to the minute: the test clock runs on while the test works). */
const dueWithinMinute = (firing: Firing | undefined, local: string) => {
  expect(firing).toBeDefined();
  const ms = Date.parse(firing!.dueAt) - vn(local).getTime();
  expect(ms).toBeGreaterThanOrEqual(0);
  expect(ms).toBeLessThan(60_000);
};

const digest = async (kind: string, unitId: string, user: string) =>
  call('GET', `${http().department}/digests/${kind}/${unitId}/latest`, undefined, await life.as(user));

const count = (timeline: Json, type: string) => timeline.entries.filter((e: Json) => e.type === type).length;
const payloads = (timeline: Json, type: string) =>
  timeline.entries.filter((e: Json) => e.type === type).map((e: Json) => e.payload);

describe("a step's deadlines across a weekend and a holiday", () => {
  let dossierId: string;
  let taskId: string;

  it('schedules nothing to fire before the next working day starts', async () => {
    await setClocks('2025-08-27T09:00');
    const r = await call(
      'POST',
      `${http().intake}/dossiers`,
      household('Đỗ Văn Hạn', 'han@example.vn'),
      await life.as('counter.hue'),
    );
    expect(r.status).toBe(201);
    dossierId = r.body.dossier.dossierId;
    const task = await taskIn(life, FINANCE, dossierId, 'officer.tckh.hue');
    taskId = task.taskId;
    const dueMs = Date.parse(task.dueAt) - vn('2025-09-03T08:30').getTime();
    expect(dueMs >= 0 && dueMs < 60_000).toBe(true);
    const claimed = await call(
      'POST',
      `${http().department}/tasks/${taskId}/claim`,
      { commandId: randomUUID() },
      await life.as('officer.tckh.hue'),
    );
    expect(claimed.status).toBe(200);
    // The timers are written by the consumer just after the task: wait until the first firing exists.
    await eventually(async () => {
      expect(await at('2025-08-28T07:29')).toEqual([]);
      const r2 = await digest('department', FINANCE, 'head.tckh.hue');
      expect(r2.status).toBe(404);
    });
  });

  it('issues the digests at the start of each working day: Thursday, then Friday', async () => {
    const thursday = await at('2025-08-28T07:30');
    expect(thursday.map((f) => f.id).sort()).toEqual([
      `digest:center:${CENTER}`,
      `digest:department:${FINANCE}`,
    ]);
    for (const f of thursday) dueWithinMinute(f, '2025-08-28T07:30');
    const early = await digest('department', FINANCE, 'head.tckh.hue');
    expect(early.body).toMatchObject({
      workingDate: '2025-08-28',
      dueToday: [],
      dueTomorrow: [],
      overdue: [],
    });
    const friday = await at('2025-08-29T07:30');
    expect(friday.map((f) => f.kind)).toEqual(['daily-digest', 'daily-digest']);
    // "Tomorrow" on Friday is Wednesday: the weekend and the National Day holiday are not working days.
    const dept = await digest('department', FINANCE, 'head.tckh.hue');
    expect(dept.status).toBe(200);
    expect(dept.body).toMatchObject({
      unitKind: 'department',
      centerId: CENTER,
      workingDate: '2025-08-29',
      nextWorkingDate: '2025-09-03',
      dueToday: [],
      overdue: [],
    });
    expect(dept.body.dueTomorrow).toMatchObject([{ taskId, dossierId, assigneeId: 'officer.tckh.hue' }]);
    const center = await digest('center', CENTER, 'leader.hue');
    expect(center.status).toBe(200);
    expect(center.body).toMatchObject({ unitKind: 'center', workingDate: '2025-08-29' });
    expect(center.body.dueTomorrow.map((i: Json) => i.taskId)).toContain(taskId);
    // A line officer is not the unit's head: the department digest is not theirs to read.
    expect((await digest('department', FINANCE, 'officer.tckh.hue')).status).toBe(403);
  });

  it('reminds the assignee half a working day before the due time: Friday 14:15, across the weekend and the holiday, not a minute earlier', async () => {
    expect(await at('2025-08-29T14:14')).toEqual([]);
    const fired = await at('2025-08-29T14:16');
    expect(fired.map((f) => f.id)).toEqual([`step-near-due:${taskId}`]);
    dueWithinMinute(fired[0], '2025-08-29T14:15');
    const timeline = await timelineWith(life, dossierId, 'StepNearDue');
    expect(payloads(timeline, 'StepNearDue')).toMatchObject([
      {
        taskId,
        assigneeId: 'officer.tckh.hue',
        departmentId: FINANCE,
        centerId: CENTER,
        horizonWorkingMinutes: 225,
      },
    ]);
  });

  it('fires nothing on the weekend nor on the National Day holiday', async () => {
    expect(await at('2025-08-30T07:30')).toEqual([]);
    expect(await at('2025-09-01T07:30')).toEqual([]);
    expect(await at('2025-09-02T16:00')).toEqual([]);
  });

  it('lists the step as due today in Wednesday’s digest', async () => {
    const fired = await at('2025-09-03T07:30');
    expect(fired.map((f) => f.kind)).toEqual(['daily-digest', 'daily-digest']);
    dueWithinMinute(fired[0], '2025-09-03T07:30');
    const dept = await digest('department', FINANCE, 'head.tckh.hue');
    expect(dept.body).toMatchObject({ workingDate: '2025-09-03', nextWorkingDate: '2025-09-04' });
    expect(dept.body.dueToday).toMatchObject([{ taskId }]);
  });

  it('marks the step overdue and escalates to the department head at its due time', async () => {
    expect(await at('2025-09-03T08:29')).toEqual([]);
    const fired = await at('2025-09-03T08:31');
    expect(fired.map((f) => f.id).sort()).toEqual([`step-escalation:${taskId}`, `step-overdue:${taskId}`]);
    for (const f of fired) dueWithinMinute(f, '2025-09-03T08:30');
    // two timers, two appends: the escalation may reach the board before the overdue mark
    await timelineWith(life, dossierId, 'StepOverdue');
    const timeline = await timelineWith(life, dossierId, 'StepEscalated');
    expect(payloads(timeline, 'StepOverdue')).toMatchObject([{ taskId, assigneeId: 'officer.tckh.hue' }]);
    expect(payloads(timeline, 'StepEscalated')).toMatchObject([
      { level: 1, escalatedToRole: 'department_head', ruleId: 'default', ruleVersion: 1, centerId: CENTER },
    ]);
  });

  it('lists the step as overdue by 390 working minutes, one working day in Thursday’s digest', async () => {
    await at('2025-09-04T07:30');
    const dept = await digest('department', FINANCE, 'head.tckh.hue');
    expect(dept.body.workingDate).toBe('2025-09-04');
    expect(dept.body.overdue).toMatchObject([{ taskId, overdueWorkingDays: 1 }]);
    // 08:30 → 17:00 on Wednesday is 390 working minutes; the digest is issued at 07:30 sharp.
    expect(dept.body.overdue[0].overdueWorkingMinutes).toBeGreaterThanOrEqual(389);
    expect(dept.body.overdue[0].overdueWorkingMinutes).toBeLessThanOrEqual(390);
  });

  it('escalates to the center leadership one working day after the due time, once, after a restart', async () => {
    // The second instance dies without a word and comes back: the timers it had are in the database.
    expect(second!.exitCode).toBeNull();
    const died = new Promise((resolve) => second!.once('exit', resolve));
    second!.kill('SIGKILL');
    await died;
    second = await startSecondDepartment();
    expect(await at('2025-09-04T08:29')).toEqual([]);
    // Only the restarted instance looks for due timers this time.
    await setClocks('2025-09-04T08:31');
    const tick = await call('POST', `${secondUrl}/test/timers/tick`, undefined, await life.as('sysadmin'));
    const fired: Firing[] = tick.body.fired;
    expect(fired.map((f) => f.id)).toEqual([`step-escalation:${taskId}`]);
    dueWithinMinute(fired[0], '2025-09-04T08:30');
    expect(await at('2025-09-04T09:30')).toEqual([]);
    const timeline = await timelineWith(life, dossierId, 'StepEscalated', 2);
    expect(payloads(timeline, 'StepEscalated')).toMatchObject([
      { level: 1 },
      { level: 2, escalatedToRole: 'center_leader' },
    ]);
    // One working day (450 minutes) past due, plus the minute the test clock was moved past it.
    const [, level2] = payloads(timeline, 'StepEscalated');
    expect(level2.overdueWorkingMinutes).toBeGreaterThanOrEqual(450);
    expect(level2.overdueWorkingMinutes).toBeLessThanOrEqual(451);
    expect([
      count(timeline, 'StepNearDue'),
      count(timeline, 'StepOverdue'),
      count(timeline, 'StepEscalated'),
    ]).toEqual([1, 1, 2]);
  });

  it('drops the completed step from the next digest', async () => {
    const done = await call(
      'POST',
      `${http().department}/tasks/${taskId}/complete`,
      { commandId: randomUUID(), note: 'Đạt yêu cầu' },
      await life.as('officer.tckh.hue'),
    );
    expect(done.status).toBe(200);
    await at('2025-09-05T07:30');
    const dept = await digest('department', FINANCE, 'head.tckh.hue');
    expect(dept.body.workingDate).toBe('2025-09-05');
    expect(
      [...dept.body.dueToday, ...dept.body.dueTomorrow, ...dept.body.overdue].map((i: Json) => i.taskId),
    ).not.toContain(taskId);
  });
});
