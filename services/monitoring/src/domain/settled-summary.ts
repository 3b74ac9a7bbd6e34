/**
 * A settled dossier's part in the II.06a of calendar months and years, kept small so that the
 * board's first screen reads a year's settled dossiers without reading their facts (issue 14 item 12;
 * docs/statistics.md). Once a dossier is settled (returned, withdrawn or stopped, after its processing
 * ended; or refused at intake) what it adds to a month's or a year's report no longer depends on when
 * the report is asked: it is computed once here, with the report's own `countFact`, and stored as one
 * bit mask per part (receptions, processing). Only the unit a successor takes over is left to the
 * read, as the organisation data decides it. Pure.
 */
import { toLocalDay } from '@motcua/calendar';
import type { CountingUnits } from './counting-unit.js';
import {
  type Contribution,
  countFact,
  type Ii06aCounts,
  monthsBetween,
  periodOf,
  reportedField,
  splitCounts,
  zeroCounts,
} from './report.js';
import { type DossierFact, processingEndedAt, settledAt } from './statistics.js';

export interface SettledSummary {
  /** How many events the fact had folded: of two summaries of one dossier, the later state wins. */
  v: number;
  /** The receiving center. */
  r: string;
  /** The competent center, when another. */
  c?: string;
  /** The field code, or `?` and the procedure code while the catalogue did not know it. */
  f: string;
  /** When its processing ended (ms); absent for a refusal at intake. */
  e?: number;
  /** Per period (`YYYY-MM` or `YYYY`, Vietnam time): [reception mask, processing mask]. */
  p: Record<string, [number, number]>;
}

/** The counters of II.06a, each one bit of a mask (a single dossier counts 0 or 1 in each). */
const COUNTERS: [keyof Ii06aCounts, string | undefined][] = [
  ['received', 'total'],
  ['received', 'online'],
  ['received', 'counterOrPostal'],
  ['received', 'carriedOver'],
  ['resolved', 'total'],
  ['resolved', 'early'],
  ['resolved', 'onTime'],
  ['resolved', 'late'],
  ['inProgress', 'total'],
  ['inProgress', 'withinTime'],
  ['inProgress', 'overdue'],
  ['paused', undefined],
  ['withdrawnOrStopped', undefined],
  ['finishedNotCollected', undefined],
  ['refusedAtIntake', undefined],
];

type Counters = Record<string, number | Record<string, number>>;

export function maskOf(counts: Ii06aCounts): number {
  let mask = 0;
  COUNTERS.forEach(([group, key], bit) => {
    const v = key ? ((counts as unknown as Counters)[group] as Record<string, number>)[key] : counts[group];
    if (v) mask |= 1 << bit;
  });
  return mask;
}

export function countsOf(mask: number): Ii06aCounts {
  const c = zeroCounts() as unknown as Counters;
  COUNTERS.forEach(([group, key], bit) => {
    if (!(mask & (1 << bit))) return;
    if (key) (c[group] as Record<string, number>)[key] = 1;
    else c[group] = 1;
  });
  return c as unknown as Ii06aCounts;
}

/**
 * The instant after which the dossier's reports no longer change: settled after its processing
 * ended, or refused at intake (never received). Undefined while it is open.
 */
export function summarisableAt(fact: DossierFact): string | undefined {
  if (fact.receivedAt) return processingEndedAt(fact) ? settledAt(fact) : undefined;
  return fact.refusedAtIntakeAt;
}

/** `YYYY-MM` of a calendar month, `YYYY` of a calendar year (Vietnam time); undefined for any other period. */
export function periodKeyOf(period: { from: Date; to: Date }): string | undefined {
  const [year, month] = toLocalDay(period.from).split('-').map(Number) as [number, number];
  const same = (p: { from: Date; to: Date } | undefined) =>
    p !== undefined && p.from.getTime() === period.from.getTime() && p.to.getTime() === period.to.getTime();
  if (same(periodOf(year, 'month', month))) return toLocalDay(period.from).slice(0, 7);
  if (same(periodOf(year, 'year'))) return String(year);
  return undefined;
}

const ms = (iso: string | undefined) => (iso ? Date.parse(iso) : Number.NaN);

/** The summary of a settled dossier; undefined while it is open or when it names no center. */
export function settledSummaryOf(fact: DossierFact): SettledSummary | undefined {
  const at = summarisableAt(fact);
  const first = fact.receivedAt ?? fact.refusedAtIntakeAt;
  if (!at || !first || !fact.centerId) return undefined;
  const ended = processingEndedAt(fact);
  const times = [at, first, ended?.at, fact.completedAt, fact.returnedAt]
    .map(ms)
    .filter((t) => !Number.isNaN(t));
  const months = monthsBetween(new Date(Math.min(...times)), new Date(Math.max(...times)));
  const periods: [string, { from: Date; to: Date }][] = [];
  for (const month of months) {
    const [y, m] = month.split('-').map(Number) as [number, number];
    periods.push([month, periodOf(y, 'month', m) as { from: Date; to: Date }]);
  }
  for (const year of new Set(months.map((m) => m.slice(0, 4))))
    periods.push([year, periodOf(Number(year), 'year') as { from: Date; to: Date }]);
  const p: Record<string, [number, number]> = {};
  for (const [key, period] of periods) {
    // settled: the report at any later instant counts it as at the end of the period
    const c = countFact(fact, period.from.getTime(), period.to.getTime(), Number.POSITIVE_INFINITY);
    if (!c) continue;
    const { reception, processing } = splitCounts(c);
    const masks: [number, number] = [maskOf(reception), maskOf(processing)];
    if (masks[0] || masks[1]) p[key] = masks;
  }
  return {
    v: fact.eventIds.length,
    r: fact.centerId,
    ...(fact.competentCenterId && fact.competentCenterId !== fact.centerId
      ? { c: fact.competentCenterId }
      : {}),
    f: fact.fieldCode || `?${fact.procedureCode}`,
    ...(ended ? { e: ms(ended.at) } : {}),
    p,
  };
}

/** What a summary adds to the report of a period (its key) asked at `now`, as `factContributions` would. */
export function summaryContributions(
  s: SettledSummary,
  key: string,
  period: { to: number; now: number },
  units: CountingUnits,
  fieldOf?: (procedureCode: string) => string | undefined,
): Contribution[] {
  const masks = s.p[key];
  if (!masks) return [];
  const fieldCode = s.f.startsWith('?') ? reportedField('', s.f.slice(1), fieldOf) : s.f;
  const out: Contribution[] = [];
  if (masks[0]) out.push({ centerId: s.r, fieldCode, counts: countsOf(masks[0]) });
  if (masks[1]) {
    // the decisive instant of counting-unit.ts: the end of processing, else the period's end
    const instant = Math.min(s.e ?? Number.POSITIVE_INFINITY, Math.min(period.to, period.now) - 1);
    out.push({ centerId: units.processingAt(s.c ?? s.r, instant), fieldCode, counts: countsOf(masks[1]) });
  }
  return out;
}

/**
 * Where a fact's summary is filed, `[center, document id]` (its receiving and its competent center), without computing it (a fold drops it from
 * the places its previous state had and the new one has not).
 */
export function summaryPlaces(fact: DossierFact | undefined): [center: string, id: string][] {
  const at = fact && summarisableAt(fact);
  if (!fact || !at || !fact.centerId || !(fact.receivedAt ?? fact.refusedAtIntakeAt)) return [];
  const centers =
    fact.competentCenterId && fact.competentCenterId !== fact.centerId
      ? [fact.centerId, fact.competentCenterId]
      : [fact.centerId];
  return centers.map((c) => [c, summaryDocumentId(c, at)]);
}

/**
 * The summary document of a center for the days a settlement falls in: `summary:<center>:<YYYY-MM>:<n>`,
 * n = 0 for days 1–5, … 6 for the 31st, so that none holds more than five days of a center's settlements.
 */
export function summaryDocumentId(centerId: string, settled: string): string {
  const day = toLocalDay(new Date(settled));
  return `summary:${centerId}:${day.slice(0, 7)}:${Math.floor((Number(day.slice(8, 10)) - 1) / 5)}`;
}

/** Every summary document of these centers and months (a report reads them by `_id`). */
export function summaryDocumentIds(centerIds: readonly string[], months: readonly string[]): string[] {
  return centerIds.flatMap((c) =>
    months.flatMap((m) => Array.from({ length: 7 }, (_, n) => `summary:${c}:${m}:${n}`)),
  );
}

/** The dossier's key in a summary document (one line per dossier, the key before a tab): its id. */
export const summaryKey = (dossierId: string): string => dossierId.replace(/\s/g, '_');
