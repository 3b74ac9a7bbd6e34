/**
 * The supervision board's indices (domain brief §7), pure functions over the per-dossier statistics
 * facts (`statistics.ts`), judged with the II.06a report's definitions (`report.ts`):
 *
 * - the nine indices of Circular 01/2018/TT-VPCP Art 13, scored 0/1/2 per dossier (Art 14.1: indices
 *   1, 2, 3, 4, 6, 7) or per unit (Art 14.2: 5, 6, 8, 9), summed as Art 15.2 says and classified by
 *   the thresholds of Art 15.3;
 * - the Decision 766/QĐ-TTg progress indicators (formulas from practice).
 *
 * What the facts do not hold is said, never guessed: such an index or indicator is `null` with the
 * reason. Art 15.4.b: "Trường hợp, một số chỉ số chưa có đủ thông tin chấm điểm để đánh giá thì không
 * tính chỉ số đó trong tổng hợp kết quả chấm điểm đánh giá" — an index without the information is
 * left out of the total.
 */
import { toLocalDay } from '@motcua/calendar';
import { stepTiming, type TaskFact } from './board-lists.js';
import { type CountingUnits, countingUnits } from './counting-unit.js';
import { countFact } from './report.js';
import {
  ratingIn,
  type SatisfactionFigures,
  type SatisfactionRow,
  satisfactionOf,
  satisfactionRows,
} from './satisfaction.js';
import { type DossierFact, deadlineAt, processingEndedAt } from './statistics.js';

export type Score = 0 | 1 | 2;

/** Why an index or indicator has no value (yet). */
export const NOT_COMPUTABLE = {
  stepTimes:
    'no dossier resolved in the period with a completed step (the step times come from the board’s tasks)',
  complaints:
    'needs complaint data: applicants’ complaints about staff behaviour (the satisfaction ratings do not score staff attitude)',
  feedback: 'needs feedback data: applicants’ complaints and recommendations and when each was handled',
  organisation:
    'needs organisational data: the published list of procedures received, appraised and approved at the one-stop',
  publicity: 'needs survey data: inspection of the posted and electronic publication of the procedures',
  onlineLevels:
    'needs the catalogue’s online service levels: the share of eligible procedures offered at level 3–4',
  officer:
    'not computable from the current facts: the statistics facts do not name the officers who handled a dossier',
} as const;

/** The Art 13 indices scored for one dossier resolved in the period (the others cannot be, yet). */
export interface DossierScores {
  dossierId: string;
  dossierCode: string;
  centerId: string;
  procedureCode: string;
  index1: Score;
  /** Null when no step of the dossier was completed (nothing to judge a unit by). */
  index2: Score | null;
  index3: Score;
  index4: Score;
}

/**
 * Art 13.1 (Chỉ số 1): total time against the legal limit — 2 shorter, 1 equal, 0 longer. The legal
 * limit is the appointment in force (reception, restarted after a supplement, resumed after a
 * payment pause: supplement and payment time excluded); "shorter" is a Vietnam calendar day before
 * the appointment's day, as the II.06a report's "early". An apology (Mẫu 04) means the limit was
 * exceeded: 0. More than one supplement request is not counted here (index 3 scores it).
 */
export function index1(fact: DossierFact, completedAt: string): Score {
  const t = Date.parse(completedAt);
  const deadline = deadlineAt(fact, t);
  if (fact.apology && Date.parse(fact.apology.issuedAt) <= t) return 0;
  if (Number.isNaN(deadline) || t > deadline) return 0;
  return toLocalDay(new Date(t)) < toLocalDay(new Date(deadline)) ? 2 : 1;
}

/**
 * Art 13.2 (Chỉ số 2): each unit's time against its allotment — 2 shorter, 1 equal, 0 longer. A
 * dossier scores as its slowest unit: 0 when a step was completed after its due time, 2 when every
 * step was completed on a day before its due day, otherwise 1 (as the board's workload judges a step).
 * Steps completed after `t` (the dossier's completion) and steps sent back are not counted.
 */
export function index2(tasks: readonly TaskFact[], t: number): Score | null {
  const timings = tasks
    .filter((task) => task.completedAt && Date.parse(task.completedAt) <= t)
    .map((task) => stepTiming(task.completedAt as string, task.dueAt));
  if (timings.length === 0) return null;
  if (timings.includes('late')) return 0;
  return timings.every((x) => x === 'early') ? 2 : 1;
}

/**
 * Art 13.3 (Chỉ số 3): contacts with the receiving place to complete the dossier — 2 none, 1 one,
 * 0 more than one "trừ trường hợp nguyên nhân do lỗi của người nộp hồ sơ". Counted as the supplement
 * requests during processing; the facts do not say whose fault a request was, so none is excused.
 */
export function index3(fact: DossierFact, t: number): Score {
  const n = fact.supplementRequests.filter((r) => Date.parse(r.requestedAt) <= t).length;
  return n === 0 ? 2 : n === 1 ? 1 : 0;
}

/**
 * Art 13.4 (Chỉ số 4): agencies the applicant had to contact to complete the dossier — 2 none, 1 only
 * the one-stop (Bộ phận Một cửa), 0 more than one. Every supplement request goes through the one-stop
 * that received the dossier, so a dossier with one is 1; the facts record no field verification or
 * appraisal council the applicant had to attend (which Art 13.4.b adds), so 0 never arises here.
 */
export function index4(fact: DossierFact, t: number): Score {
  return fact.supplementRequests.some((r) => Date.parse(r.requestedAt) <= t) ? 1 : 2;
}

/** The tasks of a dossier (the board's projection), for index 2. */
export type TasksOf = (dossierId: string) => readonly TaskFact[];

/** The per-dossier scores of a dossier resolved in [from, to); undefined for any other. */
export function dossierScores(
  fact: DossierFact,
  from: number,
  to: number,
  tasksOf: TasksOf = () => [],
): DossierScores | undefined {
  const ended = processingEndedAt(fact);
  if (!fact.receivedAt || ended?.kind !== 'resolved') return undefined;
  const t = Date.parse(ended.at);
  if (!(t >= from && t < to)) return undefined;
  return {
    dossierId: fact.dossierId,
    dossierCode: fact.dossierCode,
    centerId: fact.centerId,
    procedureCode: fact.procedureCode,
    index1: index1(fact, ended.at),
    index2: index2(tasksOf(fact.dossierId), t),
    index3: index3(fact, t),
    index4: index4(fact, t),
  };
}

/** Art 15.2.a: the sum of the dossiers' scores over their number, rounded to one decimal. */
export function averageScore(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  return round1(scores.reduce((a, b) => a + b, 0) / scores.length);
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

export type OfficerRating = 'complete' | 'mostlyComplete' | 'incomplete';

/**
 * Art 15.3.a: an officer "hoàn thành 100% nhiệm vụ khi có số điểm tối thiểu đánh giá từ 5 trở lên;
 * hoàn thành từ 70% đến dưới 100% nhiệm vụ khi có số điểm đánh giá từ 3,5 đến dưới 5 điểm; hoàn
 * thành dưới 70% nhiệm vụ khi số điểm đánh giá dưới 3,5 điểm".
 */
export function officerRating(total: number): OfficerRating {
  return total >= 5 ? 'complete' : total >= 3.5 ? 'mostlyComplete' : 'incomplete';
}

export type UnitRating = 'excellent' | 'good' | 'fair' | 'average' | 'weak';

/**
 * Art 15.3.b: "Đạt từ 15 điểm trở lên xếp loại xuất sắc; từ 12 đến dưới 15 điểm xếp loại tốt; từ 9
 * đến dưới 12 điểm xếp loại khá; từ 6 đến dưới 9 điểm xếp loại trung bình; dưới 6 điểm xếp loại yếu."
 */
export function unitRating(total: number): UnitRating {
  if (total >= 15) return 'excellent';
  if (total >= 12) return 'good';
  if (total >= 9) return 'fair';
  if (total >= 6) return 'average';
  return 'weak';
}

export interface IndexValue {
  index: number;
  /** The article of Circular 01/2018 that defines it. */
  article: string;
  /** Per dossier (averaged, Art 15.2.a) or per unit (Art 14.2). */
  scoredPer: 'dossier' | 'unit';
  score: number | null;
  reason?: string;
}

export interface UnitIndices {
  centerId: string;
  /** Dossiers resolved in the period: those the per-dossier indices average over. */
  resolved: number;
  indices: IndexValue[];
  /** Art 15.2.b: the sum of the scored indices (those without data are left out, Art 15.4.b). */
  total: number;
  /** 2 × the number of indices scored: the total's ceiling with the data there is. */
  maxPoints: number;
  /** Art 15.3.b on `total`; with fewer than nine indices scored it is a lower bound. */
  rating: UnitRating;
  /** Index 9's inputs: the share of dossiers received online and the online ones late or overdue. */
  online: { received: number; online: number; lateOrOverdue: number };
  /** The applicants' ratings given in the period (`satisfaction.ts`). */
  satisfaction: SatisfactionFigures;
}

/**
 * Art 13.9 (Chỉ số 9) as far as the facts go: 0 when under 15 % of the dossiers received were online
 * or an online dossier was resolved late or is overdue (either suffices for 0); otherwise 1 or 2
 * depends on the share of procedures offered at level 3–4, which the facts do not hold.
 */
export function index9(online: UnitIndices['online']): { score: 0 | null; reason?: string } {
  if (online.received === 0) return { score: null, reason: 'no dossier received in the period' };
  if (online.online / online.received < 0.15 || online.lateOrOverdue > 0) return { score: 0 };
  return { score: null, reason: NOT_COMPUTABLE.onlineLevels };
}

/** The nine indices of one unit (a center) for the period [from, to), judged at `now`. */
export function unitIndices(
  centerId: string,
  facts: Iterable<DossierFact>,
  period: { from: Date; to: Date; now: Date },
  tasksOf: TasksOf = () => [],
  units: CountingUnits = countingUnits(),
): UnitIndices {
  const [from, to, now] = [period.from.getTime(), period.to.getTime(), period.now.getTime()];
  const scores: DossierScores[] = [];
  const online = { received: 0, online: 0, lateOrOverdue: 0 };
  const ratings: number[] = [];
  for (const fact of facts) {
    // receptions at the receiving center, the handling (scores, ratings, lateness) at the processing unit
    const atReception = units.receiving(fact) === centerId;
    const atProcessing = units.processing(fact, { to, now }) === centerId;
    if (!atReception && !atProcessing) continue;
    if (atProcessing) {
      const rating = ratingIn(fact, from, to);
      if (rating !== undefined) ratings.push(rating);
      const s = dossierScores(fact, from, to, tasksOf);
      if (s) scores.push(s);
    }
    const c = countFact(fact, from, to, now);
    if (!c) continue;
    if (atReception) {
      online.received += c.received.online + c.received.counterOrPostal;
      online.online += c.received.online;
    }
    if (atProcessing && fact.channel === 'online')
      online.lateOrOverdue += c.resolved.late + c.inProgress.overdue;
  }
  const perDossier = (
    index: number,
    article: string,
    pick: (s: DossierScores) => Score | null,
    none = 'no dossier resolved in the period',
  ): IndexValue => {
    const score = averageScore(scores.map(pick).filter((x): x is Score => x !== null));
    return { index, article, scoredPer: 'dossier', score, ...(score === null ? { reason: none } : {}) };
  };
  const missing = (index: number, article: string, scoredPer: IndexValue['scoredPer'], reason: string) => ({
    index,
    article,
    scoredPer,
    score: null,
    reason,
  });
  const nine = index9(online);
  const indices: IndexValue[] = [
    perDossier(1, 'Art 13.1', (s) => s.index1),
    perDossier(2, 'Art 13.2', (s) => s.index2, NOT_COMPUTABLE.stepTimes),
    perDossier(3, 'Art 13.3', (s) => s.index3),
    perDossier(4, 'Art 13.4', (s) => s.index4),
    missing(5, 'Art 13.5', 'unit', NOT_COMPUTABLE.organisation),
    missing(6, 'Art 13.6', 'unit', NOT_COMPUTABLE.publicity),
    missing(7, 'Art 13.7', 'dossier', NOT_COMPUTABLE.complaints),
    missing(8, 'Art 13.8', 'unit', NOT_COMPUTABLE.feedback),
    { index: 9, article: 'Art 13.9', scoredPer: 'unit', ...nine },
  ];
  const scored = indices.filter((i) => i.score !== null);
  const total = round1(scored.reduce((a, i) => a + (i.score ?? 0), 0));
  return {
    centerId,
    resolved: scores.length,
    indices,
    total,
    maxPoints: 2 * scored.length,
    rating: unitRating(total),
    online,
    satisfaction: satisfactionOf(ratings),
  };
}

export interface IndicesReport {
  from: string;
  to: string;
  asOf: string;
  centerId?: string;
  units: UnitIndices[];
  /** Art 15.1.a: indices 1, 2, 3, 4 and 7 per officer — not yet (see `reason`). */
  officers: { available: false; reason: string };
  dossiers: DossierScores[];
  /** Ratings given in the period per center × field (only pairs with a rating). */
  satisfaction: SatisfactionRow[];
}

/** The indices report: one entry per center, plus every resolved dossier's scores. */
export function indicesReport(
  facts: readonly DossierFact[],
  input: {
    from: Date;
    to: Date;
    now: Date;
    centerIds: readonly string[];
    centerId?: string;
    tasksOf?: TasksOf;
    fieldOf?: (procedureCode: string) => string | undefined;
    units?: CountingUnits;
  },
): IndicesReport {
  const [from, to, now] = [input.from.getTime(), input.to.getTime(), input.now.getTime()];
  const units = input.units ?? countingUnits();
  const wanted = input.centerIds.filter((id) => !input.centerId || id === input.centerId);
  const processedHere = (f: DossierFact) => wanted.includes(units.processing(f, { to, now }));
  const mine = facts.filter((f) => wanted.includes(units.receiving(f)) || processedHere(f));
  return {
    from: input.from.toISOString(),
    to: input.to.toISOString(),
    asOf: new Date(Math.min(to, input.now.getTime())).toISOString(),
    ...(input.centerId ? { centerId: input.centerId } : {}),
    units: wanted.map((id) => unitIndices(id, mine, input, input.tasksOf, units)),
    officers: { available: false, reason: NOT_COMPUTABLE.officer },
    dossiers: mine
      .filter(processedHere)
      .map((f) => dossierScores(f, from, to, input.tasksOf))
      .filter((s): s is DossierScores => s !== undefined)
      .sort((a, b) => a.dossierCode.localeCompare(b.dossierCode)),
    satisfaction: satisfactionRows(mine, input),
  };
}

// ---- Decision 766/QĐ-TTg ----

export interface Indicator {
  /** A percentage 0–100 (one decimal), or null with the reason. */
  value: number | null;
  numerator?: number;
  denominator?: number;
  reason?: string;
}

export interface ProcedureHandlingTime {
  procedureCode: string;
  resolved: number;
  averageHours: number;
}

export interface Decision766 {
  from: string;
  to: string;
  asOf: string;
  centerId?: string;
  /** (early + on time) / resolved in the period, judged as II.06a (more than one supplement = late). */
  onTimeRate: Indicator;
  /**
   * Received → completed, in hours of elapsed time (one decimal): the facts hold instants, not the
   * working calendar, so working days are not given; clock stops are not subtracted.
   */
  averageHandlingTime: { unit: 'hours'; overallHours: number | null; byProcedure: ProcedureHandlingTime[] };
  /** Received online / received in the period. */
  onlineShare: Indicator;
  /** Payments (FeePaid) in the period made online / all payments in the period. */
  onlinePaymentShare: Indicator;
  /** Results handed over in the period electronically / all handed over in the period. */
  electronicResultShare: Indicator;
  /** Received in the period with every document a digitised copy (a documentId) / those with a document list. */
  digitisationRate: Indicator;
  reuseRate: Indicator;
  /** Ratings of 4–5 / ratings given in the period (`satisfaction.ts`). */
  satisfaction: Indicator;
}

const pct = (n: number, d: number): Indicator =>
  d === 0
    ? { value: null, numerator: n, denominator: d, reason: 'no dossier in the denominator' }
    : { value: round1((100 * n) / d), numerator: n, denominator: d };

const none = (reason: string): Indicator => ({ value: null, reason });

/** The Decision 766 indicators of the facts (already those of the center asked for) over [from, to). */
export function decision766(
  facts: Iterable<DossierFact>,
  input: { from: Date; to: Date; now: Date; centerId?: string; units?: CountingUnits },
): Decision766 {
  const units = input.units ?? countingUnits();
  const [from, to, now] = [input.from.getTime(), input.to.getTime(), input.now.getTime()];
  let [received, online, resolved, inTime] = [0, 0, 0, 0];
  let [listed, digitised, payments, paidOnline, returned, electronic] = [0, 0, 0, 0, 0, 0];
  const ratings: number[] = [];
  const inPeriod = (iso: string | undefined) => {
    const t = iso ? Date.parse(iso) : Number.NaN;
    return t >= from && t < to;
  };
  const hours = new Map<string, number[]>();
  for (const fact of facts) {
    // receptions and payments at the receiving center, the handling at the processing unit
    const atReception = !input.centerId || units.receiving(fact) === input.centerId;
    const atProcessing = !input.centerId || units.processing(fact, { to, now }) === input.centerId;
    if (!atReception && !atProcessing) continue;
    // payments and hand-overs in the period, whenever the dossier was received
    for (const p of atReception ? (fact.payments ?? []) : []) {
      if (!inPeriod(p.paidAt)) continue;
      payments += 1;
      if (p.method === 'online') paidOnline += 1;
    }
    const rating = atProcessing ? ratingIn(fact, from, to) : undefined;
    if (rating !== undefined) ratings.push(rating);
    if (atProcessing && inPeriod(fact.returnedAt)) {
      returned += 1;
      if (fact.returnMethod === 'electronic') electronic += 1;
    }
    const c = countFact(fact, from, to, now);
    if (!c) continue;
    const isNew = atReception ? c.received.online + c.received.counterOrPostal : 0;
    received += isNew;
    online += isNew ? c.received.online : 0;
    // only dossiers whose documents the fact knows (facts folded before documents were kept do not)
    if (isNew && fact.documents) {
      listed += 1;
      if (fact.documents.total > 0 && fact.documents.digitised === fact.documents.total) digitised += 1;
    }
    if (atProcessing && c.resolved.total === 1 && fact.receivedAt && fact.completedAt) {
      resolved += 1;
      inTime += c.resolved.early + c.resolved.onTime;
      const h = (Date.parse(fact.completedAt) - Date.parse(fact.receivedAt)) / 3600_000;
      hours.set(fact.procedureCode, [...(hours.get(fact.procedureCode) ?? []), h]);
    }
  }
  const mean = (xs: number[]) => round1(xs.reduce((a, b) => a + b, 0) / xs.length);
  const all = [...hours.values()].flat();
  return {
    from: input.from.toISOString(),
    to: input.to.toISOString(),
    asOf: new Date(Math.min(to, now)).toISOString(),
    ...(input.centerId ? { centerId: input.centerId } : {}),
    onTimeRate: pct(inTime, resolved),
    averageHandlingTime: {
      unit: 'hours',
      overallHours: all.length ? mean(all) : null,
      byProcedure: [...hours.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([procedureCode, xs]) => ({ procedureCode, resolved: xs.length, averageHours: mean(xs) })),
    },
    onlineShare: pct(online, received),
    onlinePaymentShare: pct(paidOnline, payments),
    electronicResultShare: pct(electronic, returned),
    digitisationRate: pct(digitised, listed),
    reuseRate: none(
      'not computed yet: receptions name their documentIds, but the per-dossier facts keep no index of which dossier named a document first',
    ),
    satisfaction: ratings.length
      ? pct(satisfactionOf(ratings).satisfied, ratings.length)
      : none('no applicant rated a dossier in the period'),
  };
}
