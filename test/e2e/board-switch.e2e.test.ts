import { randomUUID } from 'node:crypto';
import { eventually } from '@motcua/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caughtUp, household, type Lifecycle, startLifecycle, taskIn } from './lifecycle-harness.js';
import { rebuildTwiceAndCompare } from './rebuild-check.js';
import { call, type Json } from './session.js';

// The board across 1 July 2025 on today's organisation (two-tier Huế): dossiers received in June at
// 2018 district centers and in July at 2025 centers, one of them boundary-free (received at An Cựu,
// decided by the city center). The report over June–July has rows for the old and the new units and
// counts each dossier once: its reception at the receiving center, its processing at the competent
// one. Every expected number is counted here from the scenario list.
let life: Lifecycle;

beforeAll(async () => {
  life = await startLifecycle(19_900, { MOTCUA_ORGANISATION: 'hue' });
});
afterAll(async () => life?.stop());

interface Scenario {
  /** The local time of reception. */
  at: string;
  counter: string;
  receiving: string;
  competent: string;
}
const SCENARIOS: Scenario[] = [
  { at: '2025-06-20T09:00', counter: 'counter.hue', receiving: 'hue-city', competent: 'hue-city' },
  { at: '2025-06-20T09:30', counter: 'counter.hue', receiving: 'hue-city', competent: 'hue-city' },
  { at: '2025-06-24T10:00', counter: 'counter.huongthuy', receiving: 'huong-thuy', competent: 'huong-thuy' },
  { at: '2025-07-03T09:00', counter: 'counter.ancuu', receiving: 'an-cuu-pasc', competent: 'an-cuu-pasc' },
  { at: '2025-07-03T09:30', counter: 'counter.ancuu', receiving: 'an-cuu-pasc', competent: 'hue-pasc' },
  { at: '2025-07-04T09:00', counter: 'counter.city', receiving: 'hue-pasc', competent: 'hue-pasc' },
];
// None of them is finished: every one is in progress at the end of July. A 2018 district center split
// among several successors keeps its June dossiers (the data cannot say which ward took each).
const JUNE = '2025-06-01';
const JULY = '2025-07-01';
const AUGUST = '2025-08-01';

interface Expected {
  counterOrPostal: number;
  carriedOver: number;
  inProgress: number;
}
/** What each center's rows add up to for a report from `from`, counted from the scenarios. */
function expected(from: string): Map<string, Expected> {
  const out = new Map<string, Expected>();
  const at = (id: string) => {
    const e = out.get(id) ?? { counterOrPostal: 0, carriedOver: 0, inProgress: 0 };
    out.set(id, e);
    return e;
  };
  for (const s of SCENARIOS) {
    if (s.at.slice(0, 10) >= from) at(s.receiving).counterOrPostal += 1;
    else at(s.competent).carriedOver += 1;
    at(s.competent).inProgress += 1;
  }
  return out;
}

async function report(from: string, to: string): Promise<Json> {
  const r = await call(
    'GET',
    `${life.system.http.monitoring}/reports/ii06a?from=${from}&to=${to}`,
    undefined,
    await life.as('board'),
  );
  expect(r.status).toBe(200);
  return r.body;
}

/** A center's rows summed over the fields. */
function centerSums(body: Json): Map<string, Expected & { received: number; resolved: number }> {
  const out = new Map<string, Expected & { received: number; resolved: number }>();
  for (const row of body.rows as Json[]) {
    const e = out.get(row.centerId) ?? {
      counterOrPostal: 0,
      carriedOver: 0,
      inProgress: 0,
      received: 0,
      resolved: 0,
    };
    e.counterOrPostal += row.received.counterOrPostal + row.received.online;
    e.carriedOver += row.received.carriedOver;
    e.inProgress += row.inProgress.total;
    e.received += row.received.total;
    e.resolved += row.resolved.total;
    out.set(row.centerId, e);
  }
  return out;
}

function expectReport(body: Json, from: string) {
  const want = expected(from);
  for (const [centerId, got] of centerSums(body)) {
    const e = want.get(centerId) ?? { counterOrPostal: 0, carriedOver: 0, inProgress: 0 };
    expect({ centerId, ...got }).toEqual({
      centerId,
      ...e,
      received: e.counterOrPostal + e.carriedOver,
      resolved: 0,
    });
  }
  const sum = (k: keyof Expected) => [...want.values()].reduce((a, e) => a + e[k], 0);
  expect(body.totals.received.total).toBe(sum('counterOrPostal') + sum('carriedOver'));
  expect(body.totals.received.carriedOver).toBe(sum('carriedOver'));
  expect(body.totals.inProgress.total).toBe(sum('inProgress'));
  expect(body.totals.inProgress.total).toBe(SCENARIOS.length);
}

describe('the board over a period spanning 1 July 2025', () => {
  const dossierIds: string[] = [];
  it('receives in June at the 2018 district centers and in July at the 2025 centers', async () => {
    for (const [i, s] of SCENARIOS.entries()) {
      await life.setClock(s.at);
      const body = {
        ...household(`Người nộp ${i + 1}`, `switch${i + 1}@example.vn`, `04619000${String(7100 + i)}`),
        ...(s.competent !== s.receiving ? { competentCenterId: s.competent } : {}),
      };
      const r = await call('POST', `${life.system.http.intake}/dossiers`, body, await life.as(s.counter));
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body.dossier).toMatchObject({ centerId: s.receiving, competentCenterId: s.competent });
      dossierIds.push(r.body.dossier.dossierId);
    }
    // The city's officer takes up the city center's own dossier (a claim changes no II.06a figure).
    const task = await taskIn(
      life,
      'hue-pasc.finance-planning',
      String(dossierIds.at(-1)),
      'officer.stc.city',
    );
    const claimed = await call(
      'POST',
      `${life.system.http.department}/tasks/${task.taskId}/claim`,
      { commandId: randomUUID() },
      await life.as('officer.stc.city'),
    );
    expect(claimed.status).toBe(200);
    await life.setClock('2025-07-31T12:00');
    await caughtUp(life);
  }, 600_000);

  it('reports June–July with rows for the old and the new units, each dossier counted once', async () => {
    const body = await eventually(async () => {
      const b = await report(JUNE, AUGUST);
      expect(b.totals.received.total).toBe(SCENARIOS.length);
      return b;
    });
    const centers = new Set((body.rows as Json[]).map((r) => r.centerId));
    for (const id of ['hue-city', 'huong-thuy', 'quang-dien', 'hue-pasc', 'an-cuu-pasc', 'quang-dien-pasc'])
      expect(centers).toContain(id);
    expectReport(body, JUNE);
  }, 120_000);

  it('reports July alone: the June dossiers carried over, the July receptions where they were received', async () => {
    expectReport(await report(JULY, AUGUST), JULY);
  }, 120_000);

  it('shows which new centers took over each old one, and the report definitions of both regimes', async () => {
    const r = await call(
      'GET',
      `${life.system.http.monitoring}/board/succession?from=${JUNE}&to=${AUGUST}`,
      undefined,
      await life.as('board'),
    );
    expect(r.status).toBe(200);
    const center = (id: string) => (r.body.centers as Json[]).find((c) => c.centerId === id);
    expect(center('hue-city')?.successorIds.sort()).toEqual([
      'an-cuu-pasc',
      'kim-long-pasc',
      'phu-xuan-pasc',
      'thuan-hoa-pasc',
      'thuy-xuan-pasc',
      'vy-da-pasc',
    ]);
    expect(center('quang-dien')?.successorIds.sort()).toEqual([
      'dan-dien-pasc',
      'hoa-chau-pasc',
      'phong-quang-pasc',
      'quang-dien-pasc',
    ]);
    expect(center('an-cuu-pasc')?.predecessorIds).toEqual(['hue-city']);
    expect(r.body.countingRule).toEqual({ receptions: 'receiving', processing: 'competent' });
    expect((r.body.reportDefinitions as Json[]).map((d) => d.rulebookId)).toEqual([
      'decree-61-2018',
      'decree-118-2025-before-circular-03',
    ]);
    expect(r.body.reportDefinitions[1].indicators.value.decision).toBe('Quyết định 766/QĐ-TTg');
  }, 120_000);

  it('rebuilds the projections from the log equal to the live ones', async () => {
    await rebuildTwiceAndCompare(life);
  }, 600_000);
});
