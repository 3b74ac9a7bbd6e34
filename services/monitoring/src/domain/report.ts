/**
 * The periodic report II.06a (domain brief §7), per center × field × period, computed from the
 * dossiers' statistics facts alone. Pure: the facts, the centers and fields to show and the
 * instant of the report are all given.
 *
 * Definitions (a period is [from, to): `from` included, `to` excluded; "at the end" = min(to, now)):
 * - received: new = received in the period, split online / counter + postal; carried over =
 *   received before `from` and not yet resolved, withdrawn or stopped at `from`;
 *   total = new + carried over. Dossiers refused at intake (Mẫu 03) are never received: their own
 *   column, by refusal time.
 * - resolved in the period (a result, approved or refused after appraisal), against the deadline at
 *   that instant (the appointment in force, never an apology's new date): late when after it, or
 *   when an apology was issued, or after more than one supplement request; early when on a day
 *   (Vietnam time) before the deadline's day; otherwise on time.
 * - withdrawnOrStopped: withdrawn or stopped in the period (before any result).
 * - inProgress: neither at the end; overdue when late by rule or past the deadline at the end
 *   (while the clock stands still, at the moment it stopped); otherwise within time.
 *   `paused` counts those of them awaiting a supplement (a part of inProgress).
 *   So received.total = resolved.total + withdrawnOrStopped + inProgress.total.
 * - finishedNotCollected: a result exists at the end and has not been returned (whenever it was
 *   resolved: the counter's backlog).
 */
import { toLocalDay } from '@motcua/calendar';
import { type CountingUnits, countingUnits } from './counting-unit.js';
import {
  before,
  clockStopAt,
  type DossierFact,
  deadlineAt,
  lateByRule,
  overdueInProgressAt,
  processingEndedAt,
  UNKNOWN_FIELD,
} from './statistics.js';

export interface Ii06aCounts {
  received: { total: number; online: number; counterOrPostal: number; carriedOver: number };
  resolved: { total: number; early: number; onTime: number; late: number };
  inProgress: { total: number; withinTime: number; overdue: number };
  paused: number;
  withdrawnOrStopped: number;
  finishedNotCollected: number;
  refusedAtIntake: number;
}

export interface Ii06aRow extends Ii06aCounts {
  centerId: string;
  centerName: string;
  fieldCode: string;
  fieldName: string;
}

export interface Ii06aReport {
  from: string;
  to: string;
  /** The instant the in-progress columns describe: min(to, now). */
  asOf: string;
  centerId?: string;
  rows: Ii06aRow[];
  totals: Ii06aCounts;
}

export interface ReportInput {
  from: Date;
  to: Date;
  now: Date;
  /** The centers to show, in order (each gets a row per field, even without any dossier). */
  centers: { centerId: string; name: string }[];
  /** The fields to show, in order. */
  fields: { fieldCode: string; name: string }[];
  /** For facts received before their procedure was known to the catalogue. */
  fieldOf?: (procedureCode: string) => string | undefined;
  /** Only this center's rows. */
  centerId?: string;
  /** Where a dossier's receptions and its processing count (`counting-unit.ts`); default: as recorded. */
  units?: CountingUnits;
}

export function zeroCounts(): Ii06aCounts {
  return {
    received: { total: 0, online: 0, counterOrPostal: 0, carriedOver: 0 },
    resolved: { total: 0, early: 0, onTime: 0, late: 0 },
    inProgress: { total: 0, withinTime: 0, overdue: 0 },
    paused: 0,
    withdrawnOrStopped: 0,
    finishedNotCollected: 0,
    refusedAtIntake: 0,
  };
}

export function addCounts(a: Ii06aCounts, b: Ii06aCounts): Ii06aCounts {
  return {
    received: {
      total: a.received.total + b.received.total,
      online: a.received.online + b.received.online,
      counterOrPostal: a.received.counterOrPostal + b.received.counterOrPostal,
      carriedOver: a.received.carriedOver + b.received.carriedOver,
    },
    resolved: {
      total: a.resolved.total + b.resolved.total,
      early: a.resolved.early + b.resolved.early,
      onTime: a.resolved.onTime + b.resolved.onTime,
      late: a.resolved.late + b.resolved.late,
    },
    inProgress: {
      total: a.inProgress.total + b.inProgress.total,
      withinTime: a.inProgress.withinTime + b.inProgress.withinTime,
      overdue: a.inProgress.overdue + b.inProgress.overdue,
    },
    paused: a.paused + b.paused,
    withdrawnOrStopped: a.withdrawnOrStopped + b.withdrawnOrStopped,
    finishedNotCollected: a.finishedNotCollected + b.finishedNotCollected,
    refusedAtIntake: a.refusedAtIntake + b.refusedAtIntake,
  };
}

export type Timing = 'early' | 'onTime' | 'late';

/** Early, on time or late: a resolution at `resolvedAt` judged as the module comment says. */
export function timingOf(fact: DossierFact, resolvedAt: string): Timing {
  const t = Date.parse(resolvedAt);
  const deadline = deadlineAt(fact, t);
  if (lateByRule(fact, t) || Number.isNaN(deadline) || t > deadline) return 'late';
  return toLocalDay(new Date(t)) < toLocalDay(new Date(deadline)) ? 'early' : 'onTime';
}

/** What one fact adds to its row; undefined when it has nothing to do with the period. */
export function countFact(fact: DossierFact, from: number, to: number, now: number): Ii06aCounts | undefined {
  const c = zeroCounts();
  let touched = false;
  const end = Math.min(to, now);
  if (fact.refusedAtIntakeAt && !fact.receivedAt) {
    const t = Date.parse(fact.refusedAtIntakeAt);
    if (t >= from && t < to) {
      c.refusedAtIntake = 1;
      return c;
    }
    return undefined;
  }
  if (!before(fact.receivedAt, to)) return undefined;
  const received = Date.parse(fact.receivedAt as string);
  const ended = processingEndedAt(fact);
  const endedAt = ended ? Date.parse(ended.at) : Number.NaN;

  // finished but not collected, at the end
  if (fact.completedAt && Date.parse(fact.completedAt) < to && ended?.kind === 'resolved') {
    if (!before(fact.returnedAt, to)) {
      c.finishedNotCollected = 1;
      touched = true;
    }
  }

  const isNew = received >= from;
  const carried = !isNew && (Number.isNaN(endedAt) || endedAt >= from);
  if (!isNew && !carried) return touched ? c : undefined;

  if (isNew) {
    if (fact.channel === 'online') c.received.online = 1;
    else c.received.counterOrPostal = 1;
  } else {
    c.received.carriedOver = 1;
  }
  c.received.total = 1;

  if (ended && endedAt < to) {
    if (ended.kind === 'resolved') {
      c.resolved.total = 1;
      c.resolved[timingOf(fact, ended.at)] = 1;
    } else {
      c.withdrawnOrStopped = 1;
    }
    return c;
  }
  c.inProgress.total = 1;
  // the dossier as it was just before the end (what happens at `to` belongs to the next period)
  const state = end - 1;
  const stop = clockStopAt(fact, state);
  if (overdueInProgressAt(fact, end)) c.inProgress.overdue = 1;
  else c.inProgress.withinTime = 1;
  if (stop?.reason === 'supplement') c.paused = 1;
  return c;
}

/**
 * A dossier's counts split by where they count: the receptions (new, online or counter/postal,
 * refused at intake) at the receiving center, the rest (carried over and everything after
 * reception) at the processing unit. The two parts add up to the whole.
 */
export function splitCounts(c: Ii06aCounts): { reception: Ii06aCounts; processing: Ii06aCounts } {
  const reception = zeroCounts();
  reception.received.online = c.received.online;
  reception.received.counterOrPostal = c.received.counterOrPostal;
  reception.received.total = c.received.online + c.received.counterOrPostal;
  reception.refusedAtIntake = c.refusedAtIntake;
  const processing: Ii06aCounts = {
    ...c,
    received: {
      total: c.received.carriedOver,
      online: 0,
      counterOrPostal: 0,
      carriedOver: c.received.carriedOver,
    },
    refusedAtIntake: 0,
  };
  return { reception, processing };
}

export const isZero = (c: Ii06aCounts) => JSON.stringify(c) === JSON.stringify(zeroCounts());

/** What a dossier adds to one row of a report: its center, its field and its counts there. */
export interface Contribution {
  centerId: string;
  fieldCode: string;
  counts: Ii06aCounts;
}

/** The field a fact is reported under: its own, else the catalogue's for its procedure, else unknown. */
export const reportedField = (
  fieldCode: string,
  procedureCode: string,
  fieldOf?: (procedureCode: string) => string | undefined,
): string => fieldCode || fieldOf?.(procedureCode) || UNKNOWN_FIELD;

/** A fact's contributions to the report of [from, to) at `now`: receptions and processing, where each counts. */
export function factContributions(
  fact: DossierFact,
  period: { from: number; to: number; now: number },
  units: CountingUnits,
  fieldOf?: (procedureCode: string) => string | undefined,
): Contribution[] {
  const c = countFact(fact, period.from, period.to, period.now);
  if (!c) return [];
  const fieldCode = reportedField(fact.fieldCode, fact.procedureCode, fieldOf);
  const { reception, processing } = splitCounts(c);
  return [
    { centerId: units.receiving(fact), fieldCode, counts: reception },
    { centerId: units.processing(fact, period), fieldCode, counts: processing },
  ].filter((part) => !isZero(part.counts));
}

/** The report: one row per center × field (zero rows included), then the totals. */
export function ii06aReport(facts: Iterable<DossierFact>, input: ReportInput): Ii06aReport {
  const period = { from: input.from.getTime(), to: input.to.getTime(), now: input.now.getTime() };
  const units = input.units ?? countingUnits();
  function* contributions() {
    for (const fact of facts) yield* factContributions(fact, period, units, input.fieldOf);
  }
  return ii06aReportOf(contributions(), input);
}

/** The report from the contributions to it (of facts, or of settled dossiers' summaries). */
export function ii06aReportOf(
  contributions: Iterable<Contribution>,
  input: Pick<ReportInput, 'from' | 'to' | 'now' | 'centers' | 'fields' | 'centerId'>,
): Ii06aReport {
  const to = input.to.getTime();
  const now = input.now.getTime();
  const centers = new Map(input.centers.map((c) => [c.centerId, c.name]));
  const fields = new Map(input.fields.map((f) => [f.fieldCode, f.name]));
  const counts = new Map<string, Ii06aCounts>();
  const key = (centerId: string, fieldCode: string) => `${centerId}\u0000${fieldCode}`;

  for (const { centerId, fieldCode, counts: part } of contributions) {
    if (input.centerId && centerId !== input.centerId) continue;
    if (!centers.has(centerId)) centers.set(centerId, centerId);
    if (!fields.has(fieldCode))
      fields.set(fieldCode, fieldCode === UNKNOWN_FIELD ? 'Chưa xác định' : fieldCode);
    const k = key(centerId, fieldCode);
    counts.set(k, addCounts(counts.get(k) ?? zeroCounts(), part));
  }

  const rows: Ii06aRow[] = [];
  let totals = zeroCounts();
  for (const [centerId, centerName] of centers) {
    if (input.centerId && centerId !== input.centerId) continue;
    for (const [fieldCode, fieldName] of fields) {
      const c = counts.get(key(centerId, fieldCode)) ?? zeroCounts();
      rows.push({ centerId, centerName, fieldCode, fieldName, ...c });
      totals = addCounts(totals, c);
    }
  }
  return {
    from: input.from.toISOString(),
    to: input.to.toISOString(),
    asOf: new Date(Math.min(to, now)).toISOString(),
    ...(input.centerId ? { centerId: input.centerId } : {}),
    rows,
    totals,
  };
}

// ---- Periods ----

export const PERIODS = ['month', 'quarter', 'half', 'nine-months', 'year'] as const;
export type PeriodKind = (typeof PERIODS)[number];

const VN_OFFSET = '+07:00';
const monthStart = (year: number, month: number) => {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((month - 1) % 12) + 1;
  return new Date(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-01T00:00:00${VN_OFFSET}`);
};

/**
 * A reporting period of a year, in Vietnam time: month 1–12, quarter 1–4, half 1–2 (6 months),
 * nine-months (Jan–Sep) and year. Undefined for an index out of range.
 */
export function periodOf(year: number, kind: PeriodKind, index = 1): { from: Date; to: Date } | undefined {
  if (!Number.isInteger(year) || year < 1970 || year > 9999 || !Number.isInteger(index)) return undefined;
  const span = (first: number, months: number) => ({
    from: monthStart(year, first),
    to: monthStart(year, first + months),
  });
  switch (kind) {
    case 'month':
      return index >= 1 && index <= 12 ? span(index, 1) : undefined;
    case 'quarter':
      return index >= 1 && index <= 4 ? span(3 * (index - 1) + 1, 3) : undefined;
    case 'half':
      return index >= 1 && index <= 2 ? span(6 * (index - 1) + 1, 6) : undefined;
    case 'nine-months':
      return index === 1 ? span(1, 9) : undefined;
    case 'year':
      return index === 1 ? span(1, 12) : undefined;
  }
}

/** `YYYY-MM` (Vietnam time) of an instant: the month documents of the index. */
export const monthKey = (instant: Date): string => toLocalDay(instant).slice(0, 7);

/** Every `YYYY-MM-DD` (Vietnam time) from the day of `from` to the day of `last` (inclusive). */
export function daysBetween(from: Date, last: Date): string[] {
  const out: string[] = [];
  const end = toLocalDay(last);
  // noon UTC of each local day: adding whole days never crosses into a neighbour
  for (let t = Date.parse(`${toLocalDay(from)}T12:00:00Z`); ; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (day > end) return out;
    out.push(day);
  }
}

/** Every `YYYY-MM` from the month of `from` to the month of `last` (inclusive). */
export function monthsBetween(from: Date, last: Date): string[] {
  const out: string[] = [];
  const end = monthKey(last);
  let [y, m] = monthKey(from).split('-').map(Number) as [number, number];
  for (let key = monthKey(from); key <= end; ) {
    out.push(key);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
    key = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
  }
  return out;
}
