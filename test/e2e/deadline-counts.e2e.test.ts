import { randomUUID } from 'node:crypto';
import { eventually } from '@motcua/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { household, type Lifecycle, startLifecycle, taskIn, timelineWith } from './lifecycle-harness.js';
import { call, type Json } from './session.js';

// The board's reminder and escalation counts through the running services (the scenario of
// deadlines.e2e.test.ts, on ports 19100/19200, one department instance): two household-business
// dossiers reach Huế's finance department on Wed 27/8/2025, their step due Wed 3/9 08:30 (the weekend
// and the National Day holiday in between). Both steps are reminded (Fri 14:15), overdue and escalated
// to the head (Wed 3/9 08:30) and to the center leadership (Thu 4/9 08:30); the board then counts
// exactly that, per department and per month.
const FINANCE = 'hue-city.finance-planning';
const CENTER = 'hue-city';
let life: Lifecycle;

beforeAll(async () => {
  // the department's own poll is an hour of real time: only the test's ticks fire timers
  life = await startLifecycle(19_100, { MOTCUA_TIMER_INTERVAL_MS: '3600000' });
});
afterAll(async () => {
  await life?.stop();
});

const http = () => life.system.http;

/** Moves every clock to a Vietnam local time and fires what is due on the department's. */
async function at(local: string): Promise<string[]> {
  await life.setClock(local);
  const r = await call('POST', `${http().department}/test/timers/tick`, undefined, await life.as('sysadmin'));
  expect(r.status).toBe(200);
  return (r.body.fired as Json[]).map((f) => String(f.id)).sort();
}

const counts = async (query: string, user = 'board') =>
  call('GET', `${http().monitoring}/board/deadlines?${query}`, undefined, await life.as(user));
const financeOf = (body: Json) =>
  body.centers
    .find((c: Json) => c.centerId === CENTER)
    ?.departments.find((d: Json) => d.departmentId === FINANCE);
const zero = {
  reminders: 0,
  overdueSteps: 0,
  escalations: 0,
  escalationsLevel1: 0,
  escalationsLevel2: 0,
  nearDueDossiers: 0,
  overdueDossiers: 0,
  apologyPrompts: 0,
};

describe("the board's reminder and escalation counts per department", () => {
  const tasks: { dossierId: string; taskId: string }[] = [];

  it('takes in two dossiers whose step in finance is due after the weekend and the holiday', async () => {
    await life.setClock('2025-08-27T09:00');
    for (const [name, email] of [
      ['Đỗ Văn Trễ', 'tre@example.vn'],
      ['Lê Thị Nhanh', 'nhanh@example.vn'],
    ] as const) {
      const r = await call(
        'POST',
        `${http().intake}/dossiers`,
        household(name, email),
        await life.as('counter.hue'),
      );
      expect(r.status).toBe(201);
      const dossierId = r.body.dossier.dossierId;
      const task = await taskIn(life, FINANCE, dossierId, 'officer.tckh.hue');
      const claimed = await call(
        'POST',
        `${http().department}/tasks/${task.taskId}/claim`,
        { commandId: randomUUID() },
        await life.as('officer.tckh.hue'),
      );
      expect(claimed.status).toBe(200);
      tasks.push({ dossierId, taskId: task.taskId });
    }
    // the timers are written just after the tasks: wait until the Thursday digests are due
    await eventually(async () => {
      expect(await at('2025-08-28T07:29')).toEqual([]);
    });
  });

  it('issues the digests on Thursday and Friday mornings, and nothing else', async () => {
    const digests = [`digest:center:${CENTER}`, `digest:department:${FINANCE}`];
    expect(await at('2025-08-28T07:30')).toEqual(digests);
    expect(await at('2025-08-29T07:30')).toEqual(digests);
    expect(await at('2025-08-29T10:00')).toEqual([]);
  });

  it('reminds, marks overdue and escalates both steps to both levels, each once', async () => {
    const both = (kind: string) => tasks.map((t) => `${kind}:${t.taskId}`);
    const digests = [`digest:center:${CENTER}`, `digest:department:${FINANCE}`];
    expect(await at('2025-08-29T14:16')).toEqual(both('step-near-due').sort());
    expect(await at('2025-09-03T07:30')).toEqual(digests);
    expect(await at('2025-09-03T08:31')).toEqual(
      [...both('step-escalation'), ...both('step-overdue')].sort(),
    );
    expect(await at('2025-09-04T07:30')).toEqual(digests);
    expect(await at('2025-09-04T08:31')).toEqual(both('step-escalation').sort());
    for (const t of tasks) await timelineWith(life, t.dossierId, 'StepEscalated', 2);
  });

  it("shows Huế's finance department with two reminders, two overdue steps and two escalations at each level", async () => {
    // two steps: each reminded once, overdue once, escalated once to each level
    const expected = {
      ...zero,
      reminders: 2,
      overdueSteps: 2,
      escalations: 4,
      escalationsLevel1: 2,
      escalationsLevel2: 2,
    };
    const body = await eventually(async () => {
      const r = await counts(`from=2025-08-01&to=2025-10-01&centerId=${CENTER}`);
      expect(r.status).toBe(200);
      expect(financeOf(r.body)).toMatchObject(expected);
      return r.body;
    });
    const [hue] = body.centers;
    expect(hue.totals).toEqual(expected);
    for (const d of hue.departments.filter((x: Json) => x.departmentId !== FINANCE))
      expect(d).toMatchObject(zero);
    // by month: the reminder was in August, the rest in September
    const august = await counts(`year=2025&period=month&index=8&centerId=${CENTER}`);
    expect(financeOf(august.body)).toMatchObject({ ...zero, reminders: 2 });
    const september = await counts(`year=2025&period=month&index=9&centerId=${CENTER}`);
    expect(financeOf(september.body)).toMatchObject({ ...expected, reminders: 0 });
    // every center for the board; the center's leadership its own
    const all = await counts('from=2025-08-01&to=2025-10-01');
    expect(all.status).toBe(200);
    expect(financeOf(all.body)).toMatchObject(expected);
    expect((await counts(`from=2025-08-01&to=2025-10-01&centerId=${CENTER}`, 'leader.hue')).status).toBe(200);
    expect((await counts('from=2025-08-01&to=2025-10-01', 'leader.hue')).status).toBe(403);
    expect(
      (await counts(`from=2025-08-01&to=2025-10-01&centerId=${CENTER}`, 'officer.tckh.hue')).status,
    ).toBe(403);
  });

  it("keeps the unit's daily digests as a verified chain of their own, not a dossier of the statistics", async () => {
    const unit = encodeURIComponent(`digest:department:${FINANCE}`);
    const r = await call(
      'GET',
      `${http().monitoring}/dossiers/${unit}/integrity`,
      undefined,
      await life.as('board'),
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ verified: true, problems: [] });
    // a digest on each working day from Thursday 28/8 to Thursday 4/9: 28, 29, 3, 4
    expect(r.body.streams.length).toBe(4);
    const report = await call(
      'GET',
      `${http().monitoring}/reports/ii06a?from=2025-08-01&to=2025-10-01&centerId=${CENTER}`,
      undefined,
      await life.as('board'),
    );
    expect(report.status).toBe(200);
    expect(report.body.totals.received.total).toBe(2);
  });
});
