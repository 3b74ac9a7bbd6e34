import { createDirectory, HUE_2018, reorganise, TWO_TIER_2025 } from '@motcua/organisation';
import { narrowed } from '@motcua/organisation/testing';
import { describe, expect, it } from 'vitest';
import { Succession } from '../src/adapters/succession.js';
import {
  type Contribution,
  factContributions,
  type Ii06aReport,
  ii06aReport,
  ii06aReportOf,
  periodOf,
} from '../src/domain/report.js';
import {
  countsOf,
  maskOf,
  periodKeyOf,
  settledSummaryOf,
  summaryContributions,
  summaryDocumentId,
} from '../src/domain/settled-summary.js';
import { applyToFact, emptyFact } from '../src/domain/statistics.js';
import { dossierMix, MIX_FIELDS } from './dossier-mix.js';

// The board's first screen counts settled dossiers from their summaries and open ones from their
// facts. For every calendar month and year, that must give exactly the report counted from every
// fact: a seeded mix of dossiers across 2025 (the 1 July reorganisation included) is the proof.

const org = createDirectory(
  reorganise(
    HUE_2018,
    narrowed(TWO_TIER_2025, ['hue-pasc', 'quang-dien-pasc', 'an-cuu-pasc', 'phu-xuan-pasc']),
  ),
);
const succession = new Succession(org);
const units = succession.units();

const fieldOf = (code: string) => MIX_FIELDS[code];

const FACTS = dossierMix(1500, 20251).map((events) =>
  events.reduce(
    (fact, e) => applyToFact(fact, { ...e, dossierCode: e.dossierId, occurredAt: '' }, fieldOf),
    emptyFact(events[0]!.dossierId),
  ),
);
const NOW = new Date('2026-03-01T00:00:00Z');
const PERIODS = [
  ...Array.from({ length: 12 }, (_, i) => periodOf(2025, 'month', i + 1)!),
  periodOf(2025, 'year')!,
  periodOf(2026, 'month', 1)!,
  periodOf(2026, 'year')!,
];

function input(period: { from: Date; to: Date }) {
  return {
    from: period.from,
    to: period.to,
    now: NOW,
    centers: succession
      .centersOf(period.from, period.to)
      .map((c) => ({ centerId: c.centerId, name: c.name })),
    fields: [
      { fieldCode: 'F1', name: 'F1' },
      { fieldCode: 'F2', name: 'F2' },
    ],
  };
}

function fromSummaries(period: { from: Date; to: Date }): Ii06aReport {
  const p = { from: period.from.getTime(), to: period.to.getTime(), now: NOW.getTime() };
  const key = periodKeyOf(period)!;
  const contributions: Contribution[] = [];
  for (const fact of FACTS) {
    const summary = settledSummaryOf(fact);
    if (summary) contributions.push(...summaryContributions(summary, key, p, units, fieldOf));
    else contributions.push(...factContributions(fact, p, units, fieldOf));
  }
  return ii06aReportOf(contributions, input(period));
}

describe("a settled dossier's summary", () => {
  it('gives every calendar month and year of the mix the report counted from the facts', () => {
    const settled = FACTS.filter((f) => settledSummaryOf(f)).length;
    // the mix is what it was made to be: most settled, some open, and reports that are not empty
    expect(settled).toBeGreaterThan(900);
    expect(settled).toBeLessThan(FACTS.length);
    for (const period of PERIODS) {
      const expected = ii06aReport(FACTS, { ...input(period), units, fieldOf });
      expect(fromSummaries(period), periodKeyOf(period)).toEqual(expected);
    }
    const year = ii06aReport(FACTS, { ...input(PERIODS[12]!), units, fieldOf });
    expect(year.totals.resolved.late).toBeGreaterThan(0);
    expect(year.totals.refusedAtIntake).toBeGreaterThan(0);
    expect(year.totals.received.carriedOver).toBe(0);
    expect(
      ii06aReport(FACTS, { ...input(PERIODS[14]!), units, fieldOf }).totals.received.carriedOver,
    ).toBeGreaterThan(0);
  });

  it('keeps no summary while the dossier is open, nor after a result that was never handed over', () => {
    const open = FACTS.filter((f) => f.receivedAt && !f.returnedAt && !f.withdrawnAt && !f.stoppedAt);
    expect(open.length).toBeGreaterThan(0);
    for (const fact of open) expect(settledSummaryOf(fact)).toBeUndefined();
  });

  it('names only calendar months and years as periods it can answer', () => {
    expect(periodKeyOf(periodOf(2025, 'month', 7)!)).toBe('2025-07');
    expect(periodKeyOf(periodOf(2025, 'year')!)).toBe('2025');
    expect(periodKeyOf(periodOf(2025, 'quarter', 3)!)).toBeUndefined();
    expect(
      periodKeyOf({ from: new Date('2025-07-01T00:00:00Z'), to: new Date('2025-08-01T00:00:00Z') }),
    ).toBe(undefined);
  });

  it('turns counts into a mask and back without losing one', () => {
    for (const fact of FACTS.slice(0, 200)) {
      for (const period of PERIODS) {
        for (const c of factContributions(
          fact,
          { from: period.from.getTime(), to: period.to.getTime(), now: NOW.getTime() },
          units,
        ))
          expect(countsOf(maskOf(c.counts))).toEqual(c.counts);
      }
    }
  });

  it('files a settlement under its center, month and five-day part (Vietnam time)', () => {
    expect(summaryDocumentId('hue-pasc', '2025-07-05T16:59:00Z')).toBe('summary:hue-pasc:2025-07:0');
    expect(summaryDocumentId('hue-pasc', '2025-07-05T17:00:00Z')).toBe('summary:hue-pasc:2025-07:1');
    expect(summaryDocumentId('hue-pasc', '2025-07-31T09:00:00Z')).toBe('summary:hue-pasc:2025-07:6');
  });
});
