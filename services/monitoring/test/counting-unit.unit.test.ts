import { createDirectory, HUE_2018, HUE_HISTORY, reorganise, TWO_TIER_2025 } from '@motcua/organisation';
import { narrowed } from '@motcua/organisation/testing';
import { describe, expect, it } from 'vitest';
import { Succession } from '../src/adapters/succession.js';
import { successionView } from '../src/adapters/succession-routes.js';
import { countingUnits } from '../src/domain/counting-unit.js';
import { decision766, indicesReport } from '../src/domain/indices.js';
import { type Ii06aReport, ii06aReport } from '../src/domain/report.js';
import { applyToFact, type DossierFact, emptyFact } from '../src/domain/statistics.js';

// The Huế organisation across 1 July 2025, cut to the city center and four commune centers so that
// Quảng Điền's district center has one successor and the 2018 city center (hue-city) three (in the
// real data every 2018 district is split among several: see the last test).
const org = createDirectory(
  reorganise(
    HUE_2018,
    narrowed(TWO_TIER_2025, [
      'hue-pasc',
      'quang-dien-pasc',
      'thuan-hoa-pasc',
      'phu-xuan-pasc',
      'an-cuu-pasc',
    ]),
  ),
);
const succession = new Succession(org);
const units = succession.units();
const vn = (local: string) => new Date(`${local}+07:00`);

let seq = 0;
function dossier(
  id: string,
  at: { received: string; appointment: string; completed?: string },
  centers: { receiving: string; competent?: string },
): DossierFact {
  const events = [
    {
      type: 'DossierReceived',
      payload: {
        procedureCode: '1.001',
        procedureVersion: 1,
        channel: 'counter',
        centerId: centers.receiving,
        receivingCenterId: centers.receiving,
        competentCenterId: centers.competent ?? centers.receiving,
        returnCenterId: centers.receiving,
        receivedAt: vn(at.received).toISOString(),
        appointmentAt: vn(at.appointment).toISOString(),
      },
    },
    ...(at.completed
      ? [
          {
            type: 'DossierProcessingCompleted',
            payload: { outcome: 'approved', completedAt: vn(at.completed).toISOString() },
          },
        ]
      : []),
  ];
  return events.reduce(
    (fact, e) =>
      applyToFact(
        fact,
        { eventId: `e${++seq}`, dossierId: id, dossierCode: id, occurredAt: '', ...e },
        () => 'F',
      ),
    emptyFact(id),
  );
}

// Received in June 2025 at Quảng Điền's district center, finished in July (early).
const acrossTheSwitch = dossier(
  'd-1',
  { received: '2025-06-20T09:00', appointment: '2025-07-15T17:00', completed: '2025-07-10T10:00' },
  { receiving: 'quang-dien' },
);
// Received in June 2025 at the 2018 city center (split among three wards), still open.
const splitArea = dossier(
  'd-2',
  { received: '2025-06-25T09:00', appointment: '2025-08-15T17:00' },
  { receiving: 'hue-city' },
);
// Received in July at a ward center for a procedure the city center decides (boundary-free).
const boundaryFree = dossier(
  'd-3',
  { received: '2025-07-03T09:00', appointment: '2025-07-20T17:00', completed: '2025-07-08T10:00' },
  { receiving: 'phu-xuan-pasc', competent: 'hue-pasc' },
);
const facts = [acrossTheSwitch, splitArea, boundaryFree];

function report(from: string, to: string): Ii06aReport {
  return ii06aReport(facts, {
    from: vn(`${from}T00:00`),
    to: vn(`${to}T00:00`),
    now: vn('2026-01-01T00:00'),
    centers: succession.centersOf(vn(`${from}T00:00`), vn(`${to}T00:00`)).map((c) => ({
      centerId: c.centerId,
      name: c.name,
    })),
    fields: [{ fieldCode: 'F', name: 'F' }],
    units,
  });
}
const row = (r: Ii06aReport, centerId: string) =>
  r.rows.find((x) => x.centerId === centerId && x.fieldCode === 'F');

describe('where a dossier counts across 1 July 2025', () => {
  it('counts a reception at the receiving center and the processing at the competent one', () => {
    const period = { to: vn('2025-08-01T00:00').getTime(), now: Date.now() };
    expect(units.receiving(boundaryFree)).toBe('phu-xuan-pasc');
    expect(units.processing(boundaryFree, period)).toBe('hue-pasc');
  });

  it('moves the processing of a dossier whose center ended to its only successor', () => {
    expect(units.processing(acrossTheSwitch, { to: vn('2025-08-01T00:00').getTime(), now: Date.now() })).toBe(
      'quang-dien-pasc',
    );
    // judged in June, the district center was still in force
    expect(units.processing(acrossTheSwitch, { to: vn('2025-07-01T00:00').getTime(), now: Date.now() })).toBe(
      'quang-dien',
    );
  });

  it('keeps a dossier on its old unit when the area was split among several successors', () => {
    expect(units.processing(splitArea, { to: vn('2025-08-01T00:00').getTime(), now: Date.now() })).toBe(
      'hue-city',
    );
  });

  it('without the organisation, counts everything where it was recorded', () => {
    const plain = countingUnits();
    expect(plain.processing(acrossTheSwitch, { to: vn('2025-08-01T00:00').getTime(), now: Date.now() })).toBe(
      'quang-dien',
    );
  });
});

describe('II.06a over a period spanning the switch', () => {
  const r = report('2025-06-01', '2025-08-01');

  it('has rows for the old and the new units', () => {
    const ids = new Set(r.rows.map((x) => x.centerId));
    for (const id of ['quang-dien', 'hue-city', 'quang-dien-pasc', 'phu-xuan-pasc', 'hue-pasc'])
      expect(ids).toContain(id);
  });

  it('counts the June reception at the district center and the July result at its successor', () => {
    expect(row(r, 'quang-dien')?.received).toEqual({
      total: 1,
      online: 0,
      counterOrPostal: 1,
      carriedOver: 0,
    });
    expect(row(r, 'quang-dien')?.resolved.total).toBe(0);
    expect(row(r, 'quang-dien-pasc')?.resolved).toEqual({ total: 1, early: 1, onTime: 0, late: 0 });
    expect(row(r, 'quang-dien-pasc')?.received.total).toBe(0);
  });

  it('counts each dossier once in the totals', () => {
    expect(r.totals.received).toEqual({ total: 3, online: 0, counterOrPostal: 3, carriedOver: 0 });
    expect(r.totals.resolved.total).toBe(2);
    expect(r.totals.inProgress.total).toBe(1);
    expect(row(r, 'hue-city')?.inProgress.total).toBe(1);
  });

  it('in July alone, carries the June dossier over at the successor that finished it', () => {
    const july = report('2025-07-01', '2025-08-01');
    expect(row(july, 'quang-dien-pasc')?.received).toEqual({
      total: 1,
      online: 0,
      counterOrPostal: 0,
      carriedOver: 1,
    });
    expect(july.rows.some((x) => x.centerId === 'quang-dien')).toBe(false);
  });

  it('in June alone, keeps the dossier in progress at the district center', () => {
    const june = report('2025-06-01', '2025-07-01');
    expect(row(june, 'quang-dien')?.inProgress.total).toBe(1);
    expect(june.rows.some((x) => x.centerId === 'quang-dien-pasc')).toBe(false);
  });
});

describe('the indices over the switch', () => {
  const period = { from: vn('2025-06-01T00:00'), to: vn('2025-08-01T00:00'), now: vn('2026-01-01T00:00') };

  it('scores a resolved dossier at the unit that processed it, its reception where it was received', () => {
    const ids = ['quang-dien', 'quang-dien-pasc', 'phu-xuan-pasc', 'hue-pasc', 'hue-city'];
    const r = indicesReport(facts, { ...period, centerIds: ids, units });
    const unit = (id: string) => r.units.find((u) => u.centerId === id);
    expect(unit('quang-dien-pasc')?.resolved).toBe(1);
    expect(unit('quang-dien')?.resolved).toBe(0);
    expect(unit('quang-dien')?.online.received).toBe(1);
    expect(unit('hue-pasc')?.resolved).toBe(1);
    expect(unit('phu-xuan-pasc')?.online.received).toBe(1);
    expect(r.dossiers.map((d) => d.dossierId).sort()).toEqual(['d-1', 'd-3']);
  });

  it('gives a center the Decision 766 figures of its own role', () => {
    const ward = decision766(facts, { ...period, centerId: 'phu-xuan-pasc', units });
    expect(ward.onlineShare).toMatchObject({ value: 0, denominator: 1 });
    expect(ward.onTimeRate.value).toBeNull();
    const city = decision766(facts, { ...period, centerId: 'hue-pasc', units });
    expect(city.onlineShare.value).toBeNull();
    expect(city.onTimeRate).toMatchObject({ value: 100, denominator: 1 });
  });
});

describe('the mapping view', () => {
  const view = successionView(org, { from: vn('2025-06-01T00:00'), to: vn('2025-08-01T00:00') });

  it('names which new centers took over each old one', () => {
    const center = (id: string) => view.centers.find((c) => c.centerId === id);
    expect(center('quang-dien')?.successorIds).toEqual(['quang-dien-pasc']);
    expect(center('hue-city')?.successorIds).toEqual(['thuan-hoa-pasc', 'phu-xuan-pasc', 'an-cuu-pasc']);
    expect(center('quang-dien-pasc')?.predecessorIds).toEqual(['quang-dien']);
    expect(center('quang-dien-pasc')?.successorIds).toEqual([]);
  });

  it('gives the report definitions of both regimes, Decision 766 with its five groups and 100 points', () => {
    expect(view.reportDefinitions.map((d) => d.rulebookId)).toEqual([
      'decree-61-2018',
      'decree-118-2025-before-circular-03',
    ]);
    const after = view.reportDefinitions[1]!;
    expect(after.indicators.verified).toBe(true);
    expect(after.indicators.value.groups.reduce((a, g) => a + g.maxPoints, 0)).toBe(100);
    expect(after.reports.verified).toBe(false);
    expect(after.reports.value.indicatorSet).toBe('Quyết định 766/QĐ-TTg');
  });
});

describe('on the real 2025 data', () => {
  const real = new Succession(createDirectory(HUE_HISTORY)).units();

  it('keeps a June dossier of Quảng Điền’s district center there: its area went to four communes', () => {
    const period = { to: vn('2025-08-01T00:00').getTime(), now: Date.now() };
    expect(real.processing(acrossTheSwitch, period)).toBe('quang-dien');
    expect(real.processing(boundaryFree, period)).toBe('hue-pasc');
  });
});
