import { randomUUID } from 'node:crypto';
import { eventually } from '@motcua/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  completeIn,
  household,
  type Lifecycle,
  startLifecycle,
  taskIn,
  timelineWith,
} from './lifecycle-harness.js';
import { call, type Json } from './session.js';

// Issue 15: a dossier received on 30 June 2025 at Huế's 2018 city center (abolished that night) keeps
// the rules of Decree 61/2018 for its whole life, but is worked in July by the ward that took over
// (An Cựu, the applicant's ward) and its result is returned there. Today's organisation (`hue`).
let life: Lifecycle;
const OLD_FINANCE = 'hue-city.finance-planning';
const WARD_FINANCE = 'an-cuu-pasc.finance-planning';
const WARD_LEADERSHIP = 'an-cuu-pasc.leadership';

beforeAll(async () => {
  life = await startLifecycle(19_700, { MOTCUA_ORGANISATION: 'hue' });
});
afterAll(async () => life?.stop());

const intake = () => life.system.http.intake;
let dossier: Json;

describe('a dossier open across 1 July 2025, moved to the successor unit', () => {
  it('is received on 30 June 2025 at the 2018 city center under Decree 61/2018', async () => {
    await life.setClock('2025-06-30T16:30');
    const body = household('Nguyễn Thị Ba Mươi', 'bamuoi@example.vn', '046190006302');
    const received = await call(
      'POST',
      `${intake()}/dossiers`,
      { ...body, applicant: { ...body.applicant, address: '12 Hùng Vương, phường An Cựu, thành phố Huế' } },
      await life.as('counter.hue'),
    );
    expect(received.status, JSON.stringify(received.body)).toBe(201);
    dossier = received.body.dossier;
    expect(dossier).toMatchObject({ centerId: 'hue-city', competentCenterId: 'hue-city' });
  });

  it('is worked in July by the ward’s officers, and the old department’s officer may not', async () => {
    await life.setClock('2025-07-02T09:00');
    const task = await taskIn(life, WARD_FINANCE, dossier.dossierId, 'officer.kt.ancuu');
    const byOldUnit = await call(
      'POST',
      `${life.system.http.department}/tasks/${task.taskId}/complete`,
      { commandId: randomUUID() },
      await life.as('officer.tckh.hue'),
    );
    expect(byOldUnit.status).toBe(403);
    const oldQueue = await call(
      'GET',
      `${life.system.http.department}/departments/${OLD_FINANCE}/queue`,
      undefined,
      await life.as('officer.tckh.hue'),
    );
    expect(oldQueue.body.some?.((t: Json) => t.dossierId === dossier.dossierId) ?? false).toBe(false);
    await completeIn(life, WARD_FINANCE, dossier.dossierId, 'officer.kt.ancuu');
    await completeIn(life, WARD_LEADERSHIP, dossier.dossierId, 'leader.ancuu');
  });

  it('is returned at the ward’s counter; the abolished center’s counter may not return it', async () => {
    const ward = await life.as('counter.ancuu');
    await eventually(async () => {
      const list = await call('GET', `${intake()}/centers/an-cuu-pasc/results-to-return`, undefined, ward);
      expect(list.body.some?.((r: Json) => r.dossierId === dossier.dossierId)).toBe(true);
    });
    const body = () => ({ commandId: randomUUID(), method: 'counter', receiverName: 'Nguyễn Thị Ba Mươi' });
    const byOld = await call(
      'POST',
      `${intake()}/dossiers/${dossier.dossierId}/result-return`,
      body(),
      await life.as('counter.hue'),
    );
    expect(byOld.status).toBe(403);
    const byWard = await call(
      'POST',
      `${intake()}/dossiers/${dossier.dossierId}/result-return`,
      body(),
      ward,
    );
    expect(byWard.status).toBe(200);
    expect(byWard.body).toMatchObject({
      status: 'returned',
      centerId: 'hue-city',
      competentCenterId: 'an-cuu-pasc',
      returnCenterId: 'an-cuu-pasc',
    });
  });

  it('shows the move on its timeline, every event under Decree 61/2018', async () => {
    const timeline = await timelineWith(life, dossier.dossierId, 'ResultReturned');
    const move = timeline.entries.find((e: Json) => e.type === 'DossierUnitsSucceeded');
    expect(move.payload).toMatchObject({
      previousCenterId: 'hue-city',
      centerId: 'an-cuu-pasc',
      chosenBy: 'applicant-address',
    });
    expect(move.payload.units).toContainEqual(
      expect.objectContaining({ fromUnitId: OLD_FINANCE, toUnitId: WARD_FINANCE }),
    );
    expect(move.payload.legalBasis).toContain('118/2025');
    const routed = timeline.entries
      .filter((e: Json) => e.type === 'DossierRouted')
      .map((e: Json) => e.payload.departmentId);
    expect(routed).toEqual([WARD_FINANCE, WARD_LEADERSHIP]);
    const rulebooks = new Set(timeline.entries.map((e: Json) => e.rulebookId ?? '(none)'));
    expect([...rulebooks]).toEqual(['decree-61-2018']);
  });
});
