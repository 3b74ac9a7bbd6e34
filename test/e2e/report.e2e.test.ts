import { randomUUID } from 'node:crypto';
import { eventually } from '@motcua/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeIn, household, type Lifecycle, startLifecycle, taskIn } from './lifecycle-harness.js';
import { call, type Json } from './session.js';

// A month of dossiers at two centers, walked through the real services; the board's report II.06a must
// give exactly the numbers counted here, by hand, from what the test did.
let life: Lifecycle;
beforeAll(async () => {
  life = await startLifecycle(17_900);
});
afterAll(async () => life?.stop());

const HUE = { center: 'hue-city', counter: 'counter.hue', officer: 'officer.tckh.hue', leader: 'leader.hue' };
const HT = {
  center: 'huong-thuy',
  counter: 'counter.huongthuy',
  officer: 'officer.tckh.huongthuy',
  leader: 'leader.huongthuy',
};
type Center = typeof HUE;
const http = () => life.system.http;

async function receive(center: Center, name: string) {
  const r = await call(
    'POST',
    `${http().intake}/dossiers`,
    household(name, `${randomUUID().slice(0, 8)}@example.vn`),
    await life.as(center.counter),
  );
  expect(r.status).toBe(201);
  return r.body.dossier.dossierId as string;
}
const appraise = (c: Center, id: string) => completeIn(life, `${c.center}.finance-planning`, id, c.officer);
const sign = (c: Center, id: string) => completeIn(life, `${c.center}.leadership`, id, c.leader);
async function routing(id: string, path: string, body: object, user: string) {
  const r = await call(
    'POST',
    `${http().routing}/dossiers/${id}/${path}`,
    { commandId: randomUUID(), ...body },
    await life.as(user),
  );
  expect(r.status).toBe(200);
}
async function counter(id: string, path: string, body: object, user = HUE.counter) {
  const r = await call(
    'POST',
    `${http().intake}/dossiers/${id}/${path}`,
    { commandId: randomUUID(), ...body },
    await life.as(user),
  );
  expect(r.status).toBe(200);
}
const process = async (id: string) =>
  (await call('GET', `${http().intake}/dossiers/${id}`, undefined, await life.as(HUE.counter))).body
    .process ?? {};
const resultAtCounter = (id: string, user = HUE.counter) =>
  eventually(async () => {
    const d = await call('GET', `${http().intake}/dossiers/${id}`, undefined, await life.as(user));
    expect(d.body.status).toBe('result_at_counter');
  });

describe('the report II.06a of a month, through the running services', () => {
  it('counts received, resolved early / on time / late, in progress, withdrawn and uncollected as they happened', async () => {
    // Monday 2 March 2026: seven dossiers at Huế, one at Hương Thủy (appointment: Thursday 17:00)
    await life.setClock('2026-03-02T09:00');
    const [early, onTime, late, twice, refused, withdrawn, waiting] = [
      await receive(HUE, 'Sớm'),
      await receive(HUE, 'Đúng Hạn'),
      await receive(HUE, 'Trễ'),
      await receive(HUE, 'Hai Lần Bổ Sung'),
      await receive(HUE, 'Từ Chối'),
      await receive(HUE, 'Rút'),
      await receive(HUE, 'Chờ'),
    ];
    const htEarly = await receive(HT, 'Hương Thủy Sớm');
    for (const id of [early, onTime, late, twice, refused, withdrawn, waiting])
      await taskIn(life, 'hue-city.finance-planning', id, HUE.officer);

    await life.setClock('2026-03-02T11:00');
    await appraise(HUE, early);
    await sign(HUE, early);
    await resultAtCounter(early);
    await counter(early, 'result-return', { method: 'counter', receiverName: 'Sớm' });
    await appraise(HT, htEarly);
    await sign(HT, htEarly);

    await life.setClock('2026-03-03T10:00'); // Tuesday
    await routing(twice, 'supplement-requests', { missingDocuments: ['Bản sao hợp đồng thuê'] }, HUE.officer);
    await routing(refused, 'refusal', { reasons: ['Ngành nghề bị cấm'] }, 'head.tckh.hue');
    await counter(withdrawn, 'withdrawal', { reason: 'Không còn nhu cầu' });

    await life.setClock('2026-03-04T10:00'); // Wednesday
    await eventually(async () => expect((await process(twice)).status).toBe('awaiting_supplement'));
    await counter(twice, 'supplements', { documents: [{ name: 'Bản sao hợp đồng thuê' }] });
    await appraise(HUE, onTime);

    await life.setClock('2026-03-05T10:00'); // Thursday, the appointment's day
    await eventually(async () => expect((await process(twice)).status).toBe('processing'));
    await routing(twice, 'supplement-requests', { missingDocuments: ['Bản sao CCCD chủ hộ'] }, HUE.officer);
    await sign(HUE, onTime);

    await life.setClock('2026-03-06T10:00'); // Friday: the first appointment has passed
    await eventually(async () => expect((await process(twice)).supplementRequestNumber).toBe(2));
    await counter(twice, 'supplements', { documents: [{ name: 'Bản sao CCCD chủ hộ' }] });
    await appraise(HUE, late);
    await sign(HUE, late);

    await life.setClock('2026-03-09T10:00'); // Monday
    await eventually(async () => expect((await process(twice)).status).toBe('processing'));
    await appraise(HUE, twice);
    await sign(HUE, twice);
    for (const id of [onTime, late, twice, refused]) await resultAtCounter(id);

    await life.setClock('2026-03-30T09:00');
    const htWaiting = await receive(HT, 'Hương Thủy Đang Giải Quyết'); // due Thursday 2 April
    await taskIn(life, 'huong-thuy.finance-planning', htWaiting, HT.officer);

    await life.setClock('2026-03-31T12:00');
    const board = await life.as('board');
    const report = await eventually(async () => {
      const r = await call(
        'GET',
        `${http().monitoring}/reports/ii06a?from=2026-03-01&to=2026-04-01`,
        undefined,
        board,
      );
      expect(r.status).toBe(200);
      const hue = r.body.rows.find((row: Json) => row.centerId === 'hue-city' && row.fieldCode === 'H57-HKD');
      const ht = r.body.rows.find(
        (row: Json) => row.centerId === 'huong-thuy' && row.fieldCode === 'H57-HKD',
      );
      // the projection follows the log: wait until the last events have been consumed
      expect([hue.resolved.total, hue.finishedNotCollected, ht.received.total]).toEqual([5, 4, 2]);
      return r.body;
    }, 120_000); // on a loaded 2-core machine the board's projections trail the log by tens of seconds
    const row = (centerId: string, fieldCode: string) =>
      report.rows.find((r: Json) => r.centerId === centerId && r.fieldCode === fieldCode);

    // Counted by hand from the steps above.
    expect(row('hue-city', 'H57-HKD')).toMatchObject({
      received: { total: 7, online: 0, counterOrPostal: 7, carriedOver: 0 },
      // early: finished Monday, and the refusal on Tuesday; on time: on the appointment's day;
      // late: after the appointment, and the dossier with two supplement requests
      resolved: { total: 5, early: 2, onTime: 1, late: 2 },
      inProgress: { total: 1, withinTime: 0, overdue: 1 },
      paused: 0,
      withdrawnOrStopped: 1,
      finishedNotCollected: 4,
      refusedAtIntake: 0,
    });
    expect(row('huong-thuy', 'H57-HKD')).toMatchObject({
      received: { total: 2, online: 0, counterOrPostal: 2, carriedOver: 0 },
      resolved: { total: 1, early: 1, onTime: 0, late: 0 },
      inProgress: { total: 1, withinTime: 1, overdue: 0 },
      finishedNotCollected: 1,
    });
    // localities and fields without dossiers are in the report, with zeros
    expect(row('nam-dong', 'H57-HKD')).toMatchObject({ received: { total: 0 }, resolved: { total: 0 } });
    expect(report.rows.filter((r: Json) => r.received.total > 0)).toHaveLength(2);
    expect(report.totals).toMatchObject({
      received: { total: 9 },
      resolved: { total: 6 },
      withdrawnOrStopped: 1,
    });

    const csv = await fetch(`${http().monitoring}/reports/ii06a.csv?from=2026-03-01&to=2026-04-01`, {
      headers: board,
    });
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain('H57-HKD');
  });
});
