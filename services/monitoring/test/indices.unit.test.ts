import { buildHttpApp } from '@motcua/http';
import { createLogger } from '@motcua/logger';
import { describe, expect, it } from 'vitest';
import { type IndicesReports, indicesRoutes } from '../src/adapters/indices-routes.js';
import { emptyTask } from '../src/domain/board-lists.js';
import {
  averageScore,
  decision766,
  dossierScores,
  index1,
  index2,
  index3,
  index4,
  index9,
  indicesReport,
  officerRating,
  unitIndices,
  unitRating,
} from '../src/domain/indices.js';
import { applyToFact, type DossierFact, emptyFact, type FactEvent } from '../src/domain/statistics.js';

// Local Vietnam time → ISO instant.
const vn = (local: string) => new Date(`${local}+07:00`).toISOString();

let seq = 0;
type Step = [type: string, payload: Record<string, unknown>];

function fold(dossierId: string, steps: Step[]): DossierFact {
  let fact = emptyFact(dossierId);
  for (const [type, payload] of steps) {
    const event: FactEvent = {
      eventId: `e-${++seq}`,
      type,
      dossierId,
      dossierCode: `CODE-${dossierId}`,
      occurredAt: vn('2000-01-01T00:00'),
      payload,
    };
    fact = applyToFact(fact, event);
  }
  return fact;
}

const received = (
  at: string,
  appointment: string,
  opts: { channel?: string; center?: string; procedure?: string } = {},
): Step => [
  'DossierReceived',
  {
    procedureCode: opts.procedure ?? '1.001',
    procedureVersion: 1,
    channel: opts.channel ?? 'counter',
    centerId: opts.center ?? 'A',
    receivingUnitCode: '000.00.31.H57',
    receivedAt: vn(at),
    appointmentAt: vn(appointment),
  },
];
const completed = (at: string): Step => [
  'DossierProcessingCompleted',
  { completedAt: vn(at), outcome: 'approved' },
];
const supplement = (at: string, n: number): Step => [
  'SupplementRequested',
  { requestedAt: vn(at), requestNumber: n },
];
const restarted = (at: string, appointment: string): Step => [
  'ProcessingClockRestarted',
  { restartedAt: vn(at), appointmentAt: vn(appointment) },
];

const period = { from: new Date(vn('2026-03-01T00:00')), to: new Date(vn('2026-04-01T00:00')) };
const now = new Date(vn('2026-05-01T00:00'));

// Received 2 March, due 10 March 17:00.
const early = fold('early', [
  received('2026-03-02T08:00', '2026-03-10T17:00'),
  completed('2026-03-09T10:00'),
]);
const onTime = fold('ontime', [
  received('2026-03-02T08:00', '2026-03-10T17:00'),
  completed('2026-03-10T09:00'),
]);
const late = fold('late', [received('2026-03-02T08:00', '2026-03-10T17:00'), completed('2026-03-11T09:00')]);
// One supplement; the clock restarted with a new appointment of 20 March; done early.
const oneSupplement = fold('one', [
  received('2026-03-02T08:00', '2026-03-10T17:00'),
  supplement('2026-03-03T09:00', 1),
  restarted('2026-03-05T09:00', '2026-03-20T17:00'),
  completed('2026-03-12T10:00'),
]);
// Two supplements: early by the appointment in force, but late for Decision 766.
const twoSupplements = fold('two', [
  received('2026-03-02T08:00', '2026-03-10T17:00', { channel: 'online' }),
  supplement('2026-03-03T09:00', 1),
  restarted('2026-03-04T09:00', '2026-03-15T17:00'),
  supplement('2026-03-05T09:00', 2),
  restarted('2026-03-06T09:00', '2026-03-20T17:00'),
  completed('2026-03-19T10:00'),
]);

describe('the per-dossier indices of Circular 01/2018 Art 13', () => {
  it('scores index 1 as 2 when finished a day before the appointment, 1 on its day and 0 after it', () => {
    expect(index1(early, early.completedAt as string)).toBe(2);
    expect(index1(onTime, onTime.completedAt as string)).toBe(1);
    expect(index1(late, late.completedAt as string)).toBe(0);
  });

  it('judges index 1 against the appointment set when the clock restarted after a supplement', () => {
    expect(index1(oneSupplement, oneSupplement.completedAt as string)).toBe(2);
  });

  it('scores index 1 as 0 once an apology was issued, whatever the new date', () => {
    const apologised = fold('apology', [
      received('2026-03-02T08:00', '2026-03-10T17:00'),
      [
        'ApologyIssued',
        {
          issuedAt: vn('2026-03-09T08:00'),
          previousAppointmentAt: vn('2026-03-10T17:00'),
          newAppointmentAt: vn('2026-03-20T17:00'),
        },
      ],
      completed('2026-03-09T10:00'),
    ]);
    expect(index1(apologised, apologised.completedAt as string)).toBe(0);
  });

  it('scores index 3 by the supplement requests: none 2, one 1, more than one 0', () => {
    const t = Date.parse(vn('2026-03-31T00:00'));
    expect([index3(early, t), index3(oneSupplement, t), index3(twoSupplements, t)]).toEqual([2, 1, 0]);
  });

  it('scores index 4 as 2 without a supplement and 1 when the applicant went back to the one-stop', () => {
    const t = Date.parse(vn('2026-03-31T00:00'));
    expect([index4(early, t), index4(oneSupplement, t), index4(twoSupplements, t)]).toEqual([2, 1, 1]);
  });

  it('scores only the dossiers resolved in the period', () => {
    const open = fold('open', [received('2026-03-02T08:00', '2026-03-10T17:00')]);
    const [from, to] = [period.from.getTime(), period.to.getTime()];
    expect(dossierScores(open, from, to)).toBeUndefined();
    expect(dossierScores(early, from, to)).toMatchObject({ index1: 2, index3: 2, index4: 2 });
    expect(dossierScores(early, to, to + 1)).toBeUndefined();
  });
});

describe('the aggregation and thresholds of Circular 01/2018 Art 15', () => {
  it('averages the dossiers’ scores rounded to one decimal', () => {
    expect(averageScore([2, 1, 0])).toBe(1);
    expect(averageScore([2, 2, 1])).toBe(1.7);
    expect(averageScore([])).toBeNull();
  });

  it('rates an officer complete from 5 points, mostly complete from 3.5 and incomplete below', () => {
    expect([officerRating(5), officerRating(4.9), officerRating(3.5), officerRating(3.4)]).toEqual([
      'complete',
      'mostlyComplete',
      'mostlyComplete',
      'incomplete',
    ]);
  });

  it('rates a unit excellent from 15, good from 12, fair from 9, average from 6 and weak below', () => {
    expect([15, 14.9, 12, 9, 8.9, 6, 5.9].map(unitRating)).toEqual([
      'excellent',
      'good',
      'good',
      'fair',
      'average',
      'average',
      'weak',
    ]);
  });

  it('scores index 9 as 0 under 15 % online or with a late online dossier, and otherwise needs the catalogue', () => {
    expect(index9({ received: 10, online: 1, lateOrOverdue: 0 }).score).toBe(0);
    expect(index9({ received: 10, online: 5, lateOrOverdue: 1 }).score).toBe(0);
    expect(index9({ received: 10, online: 5, lateOrOverdue: 0 })).toMatchObject({ score: null });
    expect(index9({ received: 0, online: 0, lateOrOverdue: 0 }).score).toBeNull();
  });

  it('scores index 2 by the slowest unit: 2 every step early, 1 all by their due time, 0 any late', () => {
    const task = (completedAt: string | undefined, dueAt: string) => ({
      ...emptyTask(`t-${++seq}`, 'd'),
      dueAt: vn(dueAt),
      ...(completedAt ? { completedAt: vn(completedAt) } : {}),
    });
    const by = Date.parse(vn('2026-03-20T00:00'));
    const early = task('2026-03-03T10:00', '2026-03-04T17:00');
    const sameDay = task('2026-03-04T10:00', '2026-03-04T17:00');
    const late = task('2026-03-05T09:00', '2026-03-04T17:00');
    expect(index2([early, task('2026-03-05T10:00', '2026-03-06T17:00')], by)).toBe(2);
    expect(index2([early, sameDay], by)).toBe(1);
    expect(index2([early, sameDay, late], by)).toBe(0);
    // open steps, and steps completed after the dossier, do not count; nothing completed: no score
    expect(index2([early, task(undefined, '2026-03-01T17:00')], by)).toBe(2);
    expect(index2([late], Date.parse(vn('2026-03-05T08:00')))).toBeNull();
  });

  it('averages index 2 over the resolved dossiers whose steps are known', () => {
    const steps = new Map([
      [
        'early',
        [{ ...emptyTask('a', 'early'), dueAt: vn('2026-03-05T17:00'), completedAt: vn('2026-03-03T09:00') }],
      ],
      [
        'late',
        [{ ...emptyTask('b', 'late'), dueAt: vn('2026-03-05T17:00'), completedAt: vn('2026-03-05T09:00') }],
      ],
    ]);
    const unit = unitIndices('A', [early, onTime, late], { ...period, now }, (id) => steps.get(id) ?? []);
    // early 2, late 1 (its only step on its due day), onTime has no known step: (2 + 1) / 2
    expect(unit.indices.find((x) => x.index === 2)?.score).toBe(1.5);
  });

  it('sums a unit’s scored indices, leaving out those without data', () => {
    const unit = unitIndices('A', [early, onTime, late, oneSupplement, twoSupplements], { ...period, now });
    // index 1: 2 + 1 + 0 + 2 + 2 = 7 / 5 = 1.4 (twoSupplements ended before its appointment's day);
    // index 3: 2 + 2 + 2 + 1 + 0 = 7 / 5 = 1.4;
    // index 4: 2 + 2 + 2 + 1 + 1 = 8 / 5 = 1.6; index 9: 1 online of 5 (20 %) but it is late → 0.
    const score = (i: number) => unit.indices.find((x) => x.index === i)?.score;
    expect([score(1), score(2), score(3), score(4), score(7), score(9)]).toEqual([
      1.4,
      null,
      1.4,
      1.6,
      null,
      0,
    ]);
    expect(unit).toMatchObject({ resolved: 5, total: 4.4, maxPoints: 8, rating: 'weak' });
    expect(unit.online).toEqual({ received: 5, online: 1, lateOrOverdue: 1 });
    // no task of these dossiers is known: index 2 has nothing to judge
    expect(unit.indices.find((x) => x.index === 2)?.reason).toMatch(
      /no dossier resolved in the period with a completed step/,
    );
    expect(unit.indices.find((x) => x.index === 7)?.reason).toMatch(/needs complaint data/);
  });

  it('reports each center asked for and only its dossiers', () => {
    const elsewhere = fold('b', [
      received('2026-03-02T08:00', '2026-03-10T17:00', { center: 'B' }),
      completed('2026-03-09T10:00'),
    ]);
    const report = indicesReport([early, elsewhere], {
      ...period,
      now,
      centerIds: ['A', 'B'],
      centerId: 'B',
    });
    expect(report.units.map((u) => u.centerId)).toEqual(['B']);
    expect(report.dossiers.map((d) => d.dossierId)).toEqual(['b']);
    expect(report.officers.available).toBe(false);
  });
});

describe('the Decision 766 indicators', () => {
  const facts = [early, onTime, late, oneSupplement, twoSupplements];

  it('counts as on time what ended by the appointment in force, with more than one supplement late', () => {
    // early, onTime and oneSupplement in time; late and twoSupplements late: 3 / 5.
    expect(decision766(facts, { ...period, now }).onTimeRate).toEqual({
      value: 60,
      numerator: 3,
      denominator: 5,
    });
  });

  it('averages the hours from reception to completion per procedure', () => {
    const other = fold('other', [
      received('2026-03-02T08:00', '2026-03-10T17:00', { procedure: '2.002' }),
      completed('2026-03-03T08:00'),
    ]);
    const result = decision766([early, onTime, other], { ...period, now }).averageHandlingTime;
    // early: 7 days 2 h = 170 h; onTime: 8 days 1 h = 193 h → 181.5; other: 24 h; all: 387 / 3 = 129.
    expect(result).toEqual({
      unit: 'hours',
      overallHours: 129,
      byProcedure: [
        { procedureCode: '1.001', resolved: 2, averageHours: 181.5 },
        { procedureCode: '2.002', resolved: 1, averageHours: 24 },
      ],
    });
  });

  it('gives the online share of the dossiers received in the period', () => {
    expect(decision766(facts, { ...period, now }).onlineShare).toEqual({
      value: 20,
      numerator: 1,
      denominator: 5,
    });
  });

  it('returns null with a reason, never 0, where the facts hold no data', () => {
    const result = decision766(facts, { ...period, now });
    for (const key of [
      'onlinePaymentShare',
      'electronicResultShare',
      'digitisationRate',
      'reuseRate',
      'satisfaction',
    ] as const) {
      expect(result[key].value).toBeNull();
      expect(result[key].reason).toBeTruthy();
    }
  });

  it('gives the share of payments made online and of results handed over electronically in the period', () => {
    const paid = (at: string, method: string): Step => [
      'FeePaid',
      { paidAt: vn(at), method, amountVnd: 1000 },
    ];
    const back = (at: string, method: string): Step => ['ResultReturned', { returnedAt: vn(at), method }];
    const a = fold('pay-a', [
      received('2026-02-20T08:00', '2026-02-27T17:00'),
      paid('2026-02-25T09:00', 'online'), // before the period: not counted
      paid('2026-03-02T09:00', 'online'),
      completed('2026-03-03T09:00'),
      back('2026-03-04T09:00', 'electronic'),
    ]);
    const b = fold('pay-b', [
      received('2026-03-02T08:00', '2026-03-10T17:00'),
      paid('2026-03-03T09:00', 'counter'),
      completed('2026-03-05T09:00'),
      back('2026-03-06T09:00', 'counter'),
      back('2026-03-07T09:00', 'electronic'), // a second hand-over changes nothing
    ]);
    const result = decision766([a, b], { ...period, now });
    expect(result.onlinePaymentShare).toEqual({ value: 50, numerator: 1, denominator: 2 });
    expect(result.electronicResultShare).toEqual({ value: 50, numerator: 1, denominator: 2 });
  });

  it('gives the share of dossiers received with every document a digitised copy', () => {
    const withDocuments = (id: string, documents: object[]) =>
      fold(id, [['DossierReceived', { ...received('2026-03-02T08:00', '2026-03-10T17:00')[1], documents }]]);
    const facts = [
      withDocuments('all', [
        { name: 'Đơn', documentId: 'd1' },
        { name: 'CCCD', documentId: 'd2' },
      ]),
      withDocuments('some', [{ name: 'Đơn', documentId: 'd3' }, { name: 'CCCD' }]),
      withDocuments('none', [{ name: 'Đơn' }]),
      early, // folded without a document list: not in the denominator
    ];
    expect(decision766(facts, { ...period, now }).digitisationRate).toEqual({
      value: 33.3,
      numerator: 1,
      denominator: 3,
    });
  });

  it('returns null when nothing was resolved rather than a rate of 0', () => {
    const result = decision766([], { ...period, now });
    expect(result.onTimeRate.value).toBeNull();
    expect(result.averageHandlingTime.overallHours).toBeNull();
  });

  it('keeps only the center asked for', () => {
    expect(decision766(facts, { ...period, now, centerId: 'B' }).onTimeRate.denominator).toBe(0);
  });
});

describe('the indices routes', () => {
  const read: string[] = [];
  const reports = {
    indices: async () => read.push('indices'),
    decision766: async () => read.push('decision766'),
  } as unknown as IndicesReports;
  const serve = () =>
    buildHttpApp({
      service: 'monitoring',
      version: 'test',
      logger: createLogger({ service: 'monitoring', level: 'silent' }),
      routes: indicesRoutes(reports),
    });

  it('answer a bad period with a bilingual 400 before reading anything', async () => {
    const http = await serve();
    try {
      const bad = await http.inject({ method: 'GET', url: '/reports/indices?from=2026-02-30&to=2026-04-01' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({
        code: 'INVALID_INPUT',
        message: {
          vi: 'from phải là ngày YYYY-MM-DD hoặc thời điểm ISO 8601 có múi giờ',
          en: 'from must be a YYYY-MM-DD day or an ISO 8601 instant with its offset',
        },
      });
      const half = await http.inject({ method: 'GET', url: '/reports/decision-766?from=2026-03-01' });
      expect(half.statusCode).toBe(400);
      expect(half.json().error.message).toEqual({
        vi: 'Cần cả from và to',
        en: 'Both from and to are needed',
      });
      expect(read).toEqual([]);
    } finally {
      await http.close();
    }
  });

  it('refuse a request without an actor before reading anything', async () => {
    const http = await serve();
    try {
      const res = await http.inject({
        method: 'GET',
        url: '/reports/decision-766?from=2026-03-01&to=2026-04-01',
      });
      expect(res.statusCode).toBe(401);
      expect(read).toEqual([]);
    } finally {
      await http.close();
    }
  });
});
