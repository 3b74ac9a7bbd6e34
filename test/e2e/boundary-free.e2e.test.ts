import { randomUUID } from 'node:crypto';
import { eventually } from '@motcua/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Headers, type Lifecycle, startLifecycle } from './lifecycle-harness.js';
import { call, type Json } from './session.js';

// Decree 118/2025 Art 14(2) on today's organisation (two-tier Huế): a procedure on the city's
// boundary-free list is received at the An Cựu ward center, decided by the city's Sở Tài chính and
// its leadership, and its result returned at the ward center. Each role sees only its own part.
let life: Lifecycle;
const CITY_APPRAISAL = 'hue-pasc.finance-planning';
const CITY_LEADERSHIP = 'hue-pasc.leadership';
const WARD_APPRAISAL = 'an-cuu-pasc.finance-planning';

beforeAll(async () => {
  life = await startLifecycle(19_700, { MOTCUA_ORGANISATION: 'hue' });
});
afterAll(async () => life?.stop());

const intake = () => life.system.http.intake;
const department = () => life.system.http.department;
const applicant = {
  fullName: 'Trương Thị Lan',
  idNumber: '046191005555',
  email: 'lan.truong@example.vn',
  address: '7 Hùng Vương, phường An Cựu, thành phố Huế',
};
const documents = [
  { name: 'Giấy đề nghị đăng ký hộ kinh doanh', original: true, count: 1 },
  { name: 'Bản sao giấy tờ pháp lý của cá nhân (chủ hộ, thành viên hộ gia đình)', original: false, count: 1 },
];

/** The open task of the dossier in a department's queue, as the officer reads it. */
const queuedTask = (departmentId: string, dossierId: string, as: Headers) =>
  eventually(async () => {
    const q = await call('GET', `${department()}/departments/${departmentId}/queue`, undefined, as);
    expect(q.status).toBe(200);
    const task = q.body.find((t: Json) => t.dossierId === dossierId);
    expect(task).toBeDefined();
    return task as Json;
  });

describe('the organisation the system runs with: today’s two-tier city, the 2018 history browsable', () => {
  const ids = (units: Json[]) => units.map((u) => u.id as string);
  const units = async (asOf: string) =>
    (await call('GET', `${life.system.http.routing}/organisation/units?asOf=${asOf}`)).body as Json[];

  it('lists the 2018 district centers on a 2018 day and the city and ward centers today', async () => {
    const y2018 = ids(await units('2018-06-01'));
    expect(y2018).toContain('hue-city');
    expect(y2018).not.toContain('hue-pasc');
    const today = ids(await units('2026-03-02'));
    expect(today).toEqual(expect.arrayContaining(['hue-pasc', 'an-cuu-pasc', 'hue-pasc.finance-planning']));
    expect(today).not.toContain('hue-city');
  });

  it('names the centers that took over a 2018 district center', async () => {
    const r = await call(
      'GET',
      `${life.system.http.routing}/organisation/units/hue-city/successors?asOf=2026-03-02`,
    );
    expect(r.status).toBe(200);
    expect(ids(r.body as Json[]).sort()).toEqual([
      'an-cuu-pasc',
      'kim-long-pasc',
      'phu-xuan-pasc',
      'thuan-hoa-pasc',
      'thuy-xuan-pasc',
      'vy-da-pasc',
    ]);
    const bad = await call('GET', `${life.system.http.routing}/organisation/units?asOf=yesterday`);
    expect(bad.status).toBe(400);
  });
});

describe('a boundary-free dossier received at a ward center and decided by the city', () => {
  let dossier: Json;

  it('is received at the ward center with the city as its competent unit and the ward as return point', async () => {
    const received = await call(
      'POST',
      `${intake()}/dossiers`,
      {
        commandId: randomUUID(),
        procedureCode: '2.000575',
        applicant,
        documents,
        competentCenterId: 'hue-pasc',
      },
      await life.as('counter.ancuu'),
    );
    expect(received.status).toBe(201);
    dossier = received.body.dossier;
    expect(dossier).toMatchObject({
      status: 'received',
      centerId: 'an-cuu-pasc',
      competentCenterId: 'hue-pasc',
      returnCenterId: 'an-cuu-pasc',
    });
    // The receiving ward's code and its first number of the day.
    expect(dossier.dossierCode).toMatch(/^000\.03\.00\.H57-\d{6}-0001$/);
  });

  it('refuses, in both languages and writing nothing, a procedure not on the list sent to another center', async () => {
    const procedure = await call(
      'GET',
      `${life.system.http.routing}/procedures/2.000720`,
      undefined,
      await life.as('counter.ancuu'),
    );
    expect(procedure.status).toBe(200);
    const required = (procedure.body.requiredDocuments as Json[]).map((d) => ({
      name: d.name,
      original: true,
      count: 1,
    }));
    const refused = await call(
      'POST',
      `${intake()}/dossiers`,
      {
        commandId: randomUUID(),
        procedureCode: '2.000720',
        applicant,
        documents: required,
        competentCenterId: 'hue-pasc',
      },
      await life.as('counter.ancuu'),
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('FORBIDDEN_TRANSITION');
    expect(refused.body.error.details.rule).toBe('intake.boundary-free-only');
    expect(refused.body.error.message.vi).toContain('địa giới hành chính');
    expect(refused.body.error.message.en).toContain('boundary-free');
    // No number was taken: the ward's next reception gets the second number of the day.
    const next = await call(
      'POST',
      `${intake()}/dossiers`,
      { commandId: randomUUID(), procedureCode: '2.000720', applicant, documents: required },
      await life.as('counter.ancuu'),
    );
    expect(next.status).toBe(201);
    expect(next.body.dossier.dossierCode).toMatch(/-0002$/);
    expect(next.body.dossier.competentCenterId).toBe('an-cuu-pasc');
  });

  it('queues the work at the city department, not at the ward’s own office', async () => {
    const city = await life.as('officer.stc.city');
    const task = await queuedTask(CITY_APPRAISAL, dossier.dossierId, city);
    expect(task.stepId).toBe('appraise');
    const ward = await life.as('officer.kt.ancuu');
    const wardQueue = await call(
      'GET',
      `${department()}/departments/${WARD_APPRAISAL}/queue`,
      undefined,
      ward,
    );
    expect(wardQueue.status).toBe(200);
    expect(wardQueue.body.some((t: Json) => t.dossierId === dossier.dossierId)).toBe(false);
    const notTheirs = await call(
      'GET',
      `${department()}/departments/${CITY_APPRAISAL}/queue`,
      undefined,
      ward,
    );
    expect(notTheirs.status).toBe(403);
  });

  it('lets the city’s officer and leadership decide it; the ward’s officer may not', async () => {
    const task = await queuedTask(CITY_APPRAISAL, dossier.dossierId, await life.as('officer.stc.city'));
    const byWard = await call(
      'POST',
      `${department()}/tasks/${task.taskId}/complete`,
      { commandId: randomUUID() },
      await life.as('officer.kt.ancuu'),
    );
    expect(byWard.status).toBe(403);
    for (const [unit, user] of [
      [CITY_APPRAISAL, 'officer.stc.city'],
      [CITY_LEADERSHIP, 'leader.city'],
    ] as const) {
      const as = await life.as(user);
      const open = await queuedTask(unit, dossier.dossierId, as);
      const done = await call(
        'POST',
        `${department()}/tasks/${open.taskId}/complete`,
        { commandId: randomUUID() },
        as,
      );
      expect(done.status).toBe(200);
    }
  });

  it('brings the result back to the ward center’s counter, not to the city’s', async () => {
    const ward = await life.as('counter.ancuu');
    const waiting = await eventually(async () => {
      const list = await call('GET', `${intake()}/centers/an-cuu-pasc/results-to-return`, undefined, ward);
      const mine = list.body.find?.((r: Json) => r.dossierId === dossier.dossierId);
      expect(mine).toBeDefined();
      return mine as Json;
    });
    expect(waiting.dossierCode).toBe(dossier.dossierCode);
    const city = await life.as('counter.city');
    const cityList = await call('GET', `${intake()}/centers/hue-pasc/results-to-return`, undefined, city);
    expect(cityList.status).toBe(200);
    expect(cityList.body.some((r: Json) => r.dossierId === dossier.dossierId)).toBe(false);
  });

  it('lets the competent city center read the dossier, and another ward not', async () => {
    const byCity = await call(
      'GET',
      `${intake()}/dossiers/${dossier.dossierCode}`,
      undefined,
      await life.as('counter.city'),
    );
    expect(byCity.status).toBe(200);
    expect(byCity.body.status).toBe('result_at_counter');
    const byOtherWard = await call(
      'GET',
      `${intake()}/dossiers/${dossier.dossierCode}`,
      undefined,
      await life.as('counter.thuanhoa'),
    );
    expect(byOtherWard.status).toBe(403);
  });

  it('is returned by the ward’s counter; the city’s counter may not return it', async () => {
    const body = () => ({ commandId: randomUUID(), method: 'counter', receiverName: applicant.fullName });
    const byCity = await call(
      'POST',
      `${intake()}/dossiers/${dossier.dossierId}/result-return`,
      body(),
      await life.as('counter.city'),
    );
    expect(byCity.status).toBe(403);
    expect(byCity.body.error.details.rule).toBe('auth.own-center');
    const byWard = await call(
      'POST',
      `${intake()}/dossiers/${dossier.dossierId}/result-return`,
      body(),
      await life.as('counter.ancuu'),
    );
    expect(byWard.status).toBe(200);
    expect(byWard.body.status).toBe('returned');
  });
});
