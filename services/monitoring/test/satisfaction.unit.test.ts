import { describe, expect, it } from 'vitest';
import { decision766, indicesReport } from '../src/domain/indices.js';
import { satisfactionOf, satisfactionRows } from '../src/domain/satisfaction.js';
import { applyToFact, type DossierFact, emptyFact, type FactEvent } from '../src/domain/statistics.js';

// Local Vietnam time → ISO instant.
const vn = (local: string) => new Date(`${local}+07:00`).toISOString();

let seq = 0;
type Step = [type: string, payload: Record<string, unknown>];

function fold(dossierId: string, steps: Step[], fieldOf?: (code: string) => string | undefined): DossierFact {
  let fact = emptyFact(dossierId);
  for (const [type, payload] of steps) {
    const event: FactEvent = {
      eventId: `s-${++seq}`,
      type,
      dossierId,
      dossierCode: `CODE-${dossierId}`,
      occurredAt: vn('2000-01-01T00:00'),
      payload,
    };
    fact = applyToFact(fact, event, fieldOf);
  }
  return fact;
}

const FIELDS: Record<string, string> = { '1.001': 'civil-status', '2.002': 'land' };
const fieldOf = (code: string) => FIELDS[code];

const received = (center: string, procedure: string): Step => [
  'DossierReceived',
  {
    procedureCode: procedure,
    procedureVersion: 1,
    channel: 'counter',
    centerId: center,
    receivedAt: vn('2026-02-10T08:00'),
    appointmentAt: vn('2026-02-20T17:00'),
  },
];
const done: Step = [
  'DossierProcessingCompleted',
  { completedAt: vn('2026-02-18T10:00'), outcome: 'approved' },
];
const returned: Step = ['ResultReturned', { returnedAt: vn('2026-02-19T10:00'), method: 'counter' }];
const rated = (rating: number, at: string): Step => [
  'ApplicantFeedbackGiven',
  { rating, comment: 'Cán bộ nhiệt tình', givenAt: vn(at) },
];

/** A dossier of `center` and `procedure`, handed over in February, rated at `at`. */
const ratedDossier = (id: string, center: string, procedure: string, rating: number, at: string) =>
  fold(id, [received(center, procedure), done, returned, rated(rating, at)], fieldOf);

const march = { from: new Date(vn('2026-03-01T00:00')), to: new Date(vn('2026-04-01T00:00')) };
const now = new Date(vn('2026-05-01T00:00'));

describe('folding the applicant’s rating into the dossier fact', () => {
  it('keeps the rating and when it was given, not the comment', () => {
    const fact = ratedDossier('a', 'A', '1.001', 4, '2026-03-02T09:00');
    expect(fact.feedback).toEqual({ givenAt: vn('2026-03-02T09:00'), rating: 4 });
  });

  it('keeps the first rating when a second one arrives, and a redelivered event changes nothing', () => {
    const first = ratedDossier('b', 'A', '1.001', 5, '2026-03-02T09:00');
    const again = applyToFact(first, {
      eventId: 'other',
      type: 'ApplicantFeedbackGiven',
      dossierId: 'b',
      dossierCode: 'CODE-b',
      occurredAt: vn('2026-03-03T09:00'),
      payload: { rating: 1, givenAt: vn('2026-03-03T09:00') },
    });
    expect(again).toBe(first);
    const redelivered = applyToFact(first, {
      eventId: first.eventIds.at(-1) as string,
      type: 'ApplicantFeedbackGiven',
      dossierId: 'b',
      dossierCode: 'CODE-b',
      occurredAt: vn('2026-03-02T09:00'),
      payload: { rating: 5 },
    });
    expect(redelivered).toBe(first);
  });

  it('ignores a rating outside 1–5, which intake would have refused', () => {
    for (const rating of [0, 6, 3.5]) {
      expect(
        ratedDossier(`bad-${rating}`, 'A', '1.001', rating, '2026-03-02T09:00').feedback,
      ).toBeUndefined();
    }
  });

  it('takes the event’s own time when the payload has none', () => {
    const fact = fold('c', [received('A', '1.001'), ['ApplicantFeedbackGiven', { rating: 3 }]]);
    expect(fact.feedback).toEqual({ givenAt: vn('2000-01-01T00:00'), rating: 3 });
  });
});

describe('the satisfaction figures', () => {
  it('count the ratings, average them to one decimal and give the share of 4 and 5', () => {
    expect(satisfactionOf([5, 4, 3, 1, 4, 5])).toEqual({
      ratings: 6,
      average: 3.7,
      satisfied: 4,
      satisfiedShare: 66.7,
    });
  });

  it('are null, not 0, without a rating', () => {
    expect(satisfactionOf([])).toEqual({ ratings: 0, average: null, satisfied: 0, satisfiedShare: null });
  });

  const facts = [
    ratedDossier('a1', 'A', '1.001', 5, '2026-03-02T09:00'),
    ratedDossier('a2', 'A', '1.001', 2, '2026-03-31T23:59'),
    ratedDossier('a3', 'A', '2.002', 4, '2026-03-15T09:00'),
    ratedDossier('a4', 'A', '9.999', 3, '2026-03-15T09:00'), // not in the catalogue
    ratedDossier('a5', 'A', '1.001', 1, '2026-04-01T00:00'), // April: outside March
    ratedDossier('a6', 'A', '1.001', 1, '2026-02-28T23:59'), // February
    ratedDossier('b1', 'B', '1.001', 4, '2026-03-10T09:00'),
    fold('unrated', [received('B', '2.002'), done, returned], fieldOf),
  ];

  it('group the ratings given in the period by center and field, the unknown procedure under unknown', () => {
    expect(satisfactionRows(facts, march)).toEqual([
      {
        centerId: 'A',
        fieldCode: 'civil-status',
        ratings: 2,
        average: 3.5,
        satisfied: 1,
        satisfiedShare: 50,
      },
      { centerId: 'A', fieldCode: 'land', ratings: 1, average: 4, satisfied: 1, satisfiedShare: 100 },
      { centerId: 'A', fieldCode: 'unknown', ratings: 1, average: 3, satisfied: 0, satisfiedShare: 0 },
      { centerId: 'B', fieldCode: 'civil-status', ratings: 1, average: 4, satisfied: 1, satisfiedShare: 100 },
    ]);
  });

  it('appear in the indices answer per center × field and per center', () => {
    const report = indicesReport(facts, { ...march, now, centerIds: ['A', 'B', 'C'] });
    expect(report.satisfaction.map((r) => [r.centerId, r.fieldCode, r.ratings])).toEqual([
      ['A', 'civil-status', 2],
      ['A', 'land', 1],
      ['A', 'unknown', 1],
      ['B', 'civil-status', 1],
    ]);
    expect(report.units.map((u) => [u.centerId, u.satisfaction])).toEqual([
      ['A', { ratings: 4, average: 3.5, satisfied: 2, satisfiedShare: 50 }],
      ['B', { ratings: 1, average: 4, satisfied: 1, satisfiedShare: 100 }],
      ['C', { ratings: 0, average: null, satisfied: 0, satisfiedShare: null }],
    ]);
    const onlyB = indicesReport(facts, { ...march, now, centerIds: ['A', 'B'], centerId: 'B' });
    expect(onlyB.satisfaction.map((r) => r.centerId)).toEqual(['B']);
  });

  it('give Decision 766’s satisfaction as the share satisfied among the period’s ratings', () => {
    expect(decision766(facts, { ...march, now }).satisfaction).toEqual({
      value: 60,
      numerator: 3,
      denominator: 5,
    });
    expect(decision766(facts, { ...march, now, centerId: 'B' }).satisfaction).toEqual({
      value: 100,
      numerator: 1,
      denominator: 1,
    });
    const april = { from: march.to, to: new Date(vn('2026-05-01T00:00')) };
    expect(decision766(facts, { ...april, now, centerId: 'B' }).satisfaction).toMatchObject({ value: null });
  });
});
