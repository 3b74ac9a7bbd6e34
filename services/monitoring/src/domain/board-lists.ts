/**
 * The supervision board (domain brief §7): the workload of departments and officers from the task
 * events, the near-due and overdue lists of a center from the dossiers' statistics facts, and the
 * monthly comparison of centers or fields from the II.06a reports. Pure.
 *
 * Definitions (a period is [from, to): `from` included, `to` excluded; "now" is the board's instant):
 * - a task is a step's work in one department (TaskQueued … StepCompleted | StepReturned | TaskClosed);
 *   it is open from its queueing until it is completed, sent back or closed.
 * - department: queued = queued in the period; completed = completed in the period, early / on time
 *   / late against the step's due time (`dueAt` of TaskQueued: late after it, early on a day (Vietnam
 *   time) before its day, else on time); returned = sent back in the period; openNow = open now;
 *   overdueNow = open now and past its due time.
 * - officer: assigned / claimed = the task reached the officer that way in the period; completed =
 *   completed by the officer in the period (same split); openNow = open now and held by the officer
 *   (the last one assigned or claiming it).
 * - due lists: the dossiers received and not finished now (no result, withdrawal or stop). The due
 *   time shown is the appointment in force (after an apology, the apology's new date). Overdue: as
 *   II.06a counts "in progress — overdue" now (statistics.ts overdueInProgressAt: late by rule, or past
 *   the appointment in force, a stopped clock judged when it stopped); near due: not overdue, its
 *   clock running, and due within the horizon. Both sorted by due time, earliest first.
 * - comparison: per month of the year, from the month's II.06a report: received = new in the month
 *   (online + counter/postal), resolved = resolved in the month, onTimeRate = (early + onTime) /
 *   resolved (null when none resolved), overdueAtMonthEnd = in progress and overdue at the month's
 *   end (or now, for the current month).
 */
import { toLocalDay } from '@motcua/calendar';
import type { Ii06aReport } from './report.js';
import {
  clockStopAt,
  type DossierFact,
  deadlineAt,
  overdueInProgressAt,
  processingEndedAt,
} from './statistics.js';

// ---- Tasks ----

export interface TaskFact {
  taskId: string;
  dossierId: string;
  dossierCode: string;
  departmentId: string;
  stepId: string;
  stepName: string;
  dueAt?: string;
  queuedAt?: string;
  /** Who held the task, in order: the last one holds it. */
  holders: { officerId: string; at: string; how: 'assigned' | 'claimed' }[];
  completedAt?: string;
  completedBy?: string;
  returnedAt?: string;
  returnedBy?: string;
  closedAt?: string;
  eventIds: string[];
}

export const TASK_EVENT_TYPES: ReadonlySet<string> = new Set([
  'TaskQueued',
  'TaskAssigned',
  'TaskClaimed',
  'StepCompleted',
  'StepReturned',
  'TaskClosed',
]);

/** The part of a recorded event a task fact reads. */
export interface TaskEvent {
  eventId: string;
  type: string;
  dossierId: string;
  dossierCode: string;
  occurredAt: string;
  payload: Record<string, unknown>;
}

export function emptyTask(taskId: string, dossierId = '', dossierCode = ''): TaskFact {
  return {
    taskId,
    dossierId,
    dossierCode,
    departmentId: '',
    stepId: '',
    stepName: '',
    holders: [],
    eventIds: [],
  };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const timeOf = (p: Record<string, unknown>, name: string, event: TaskEvent): string =>
  str(p[name]) || event.occurredAt;

/** Folds one task event in; the same object when nothing changes (other type, or seen already). */
export function applyToTask(task: TaskFact, event: TaskEvent): TaskFact {
  if (!TASK_EVENT_TYPES.has(event.type) || task.eventIds.includes(event.eventId)) return task;
  const p = event.payload;
  const next: TaskFact = {
    ...task,
    dossierId: task.dossierId || event.dossierId,
    dossierCode: task.dossierCode || event.dossierCode,
    eventIds: [...task.eventIds, event.eventId],
  };
  switch (event.type) {
    case 'TaskQueued':
      next.departmentId = str(p.departmentId) || next.departmentId;
      next.stepId = str(p.stepId) || next.stepId;
      next.stepName = str(p.stepName) || next.stepName;
      if (str(p.dueAt)) next.dueAt = str(p.dueAt);
      next.queuedAt ??= event.occurredAt;
      break;
    case 'TaskAssigned':
    case 'TaskClaimed': {
      const how = event.type === 'TaskAssigned' ? 'assigned' : 'claimed';
      const at = timeOf(p, how === 'assigned' ? 'assignedAt' : 'claimedAt', event);
      next.holders = [...next.holders, { officerId: str(p.officerId), at, how }];
      break;
    }
    case 'StepCompleted':
      next.departmentId ||= str(p.departmentId);
      next.stepId ||= str(p.stepId);
      next.completedAt ??= timeOf(p, 'completedAt', event);
      next.completedBy ??= str(p.officerId);
      break;
    case 'StepReturned':
      next.returnedAt ??= timeOf(p, 'returnedAt', event);
      next.returnedBy ??= str(p.officerId);
      break;
    case 'TaskClosed':
      next.closedAt ??= timeOf(p, 'closedAt', event);
      break;
  }
  return next;
}

/** Every officer a task names: its holders and whoever completed or sent it back. */
export function officersOf(task: TaskFact): string[] {
  const ids = [...task.holders.map((h) => h.officerId), task.completedBy, task.returnedBy];
  return [...new Set(ids.filter((id): id is string => Boolean(id)))];
}

const ms = (iso: string | undefined): number => (iso ? Date.parse(iso) : Number.NaN);
const within = (iso: string | undefined, from: number, to: number) => {
  const t = ms(iso);
  return !Number.isNaN(t) && t >= from && t < to;
};
const atOrBefore = (iso: string | undefined, t: number) => {
  const v = ms(iso);
  return !Number.isNaN(v) && v <= t;
};

/** Open at `now`: queued by then, and not yet completed, sent back or closed. */
export function taskOpenAt(task: TaskFact, now: number): boolean {
  if (!atOrBefore(task.queuedAt, now)) return false;
  return ![task.completedAt, task.returnedAt, task.closedAt].some((t) => atOrBefore(t, now));
}

export type StepTiming = 'early' | 'onTime' | 'late';

/** A completion against the step's due time (late when the due time is unknown: nothing to meet). */
export function stepTiming(completedAt: string, dueAt: string | undefined): StepTiming {
  const t = ms(completedAt);
  const due = ms(dueAt);
  if (Number.isNaN(due) || t > due) return 'late';
  return toLocalDay(new Date(t)) < toLocalDay(new Date(due)) ? 'early' : 'onTime';
}

export interface Completed {
  total: number;
  early: number;
  onTime: number;
  late: number;
}
export interface DepartmentWorkload {
  departmentId: string;
  queued: number;
  completed: Completed;
  returned: number;
  openNow: number;
  overdueNow: number;
}
export interface OfficerWorkload {
  officerId: string;
  assigned: number;
  claimed: number;
  completed: Completed;
  openNow: number;
}

const noneCompleted = (): Completed => ({ total: 0, early: 0, onTime: 0, late: 0 });

export function departmentWorkload(
  departmentId: string,
  tasks: Iterable<TaskFact>,
  from: number,
  to: number,
  now: number,
): DepartmentWorkload {
  const w: DepartmentWorkload = {
    departmentId,
    queued: 0,
    completed: noneCompleted(),
    returned: 0,
    openNow: 0,
    overdueNow: 0,
  };
  for (const task of tasks) {
    if (task.departmentId !== departmentId) continue;
    if (within(task.queuedAt, from, to)) w.queued += 1;
    if (task.completedAt && within(task.completedAt, from, to)) {
      w.completed.total += 1;
      w.completed[stepTiming(task.completedAt, task.dueAt)] += 1;
    }
    if (within(task.returnedAt, from, to)) w.returned += 1;
    if (taskOpenAt(task, now)) {
      w.openNow += 1;
      if (ms(task.dueAt) < now) w.overdueNow += 1;
    }
  }
  return w;
}

export function officerWorkload(
  officerId: string,
  tasks: Iterable<TaskFact>,
  from: number,
  to: number,
  now: number,
): OfficerWorkload {
  const w: OfficerWorkload = { officerId, assigned: 0, claimed: 0, completed: noneCompleted(), openNow: 0 };
  for (const task of tasks) {
    for (const h of task.holders) {
      if (h.officerId === officerId && within(h.at, from, to)) w[h.how] += 1;
    }
    if (task.completedBy === officerId && task.completedAt && within(task.completedAt, from, to)) {
      w.completed.total += 1;
      w.completed[stepTiming(task.completedAt, task.dueAt)] += 1;
    }
    const holder = task.holders.filter((h) => atOrBefore(h.at, now)).at(-1);
    if (holder?.officerId === officerId && taskOpenAt(task, now)) w.openNow += 1;
  }
  return w;
}

// ---- Near-due and overdue dossiers ----

export interface DueStep {
  stepId: string;
  stepName: string;
  departmentId: string;
  officerId?: string;
  dueAt?: string;
}
export interface DueEntry {
  dossierId: string;
  dossierCode: string;
  procedureCode: string;
  fieldCode: string;
  receivedAt: string;
  dueAt: string;
  /** Hours from now to the due time (negative when overdue), one decimal. */
  hoursLeft: number;
  /** The clock stands still (a supplement awaited, or a financial obligation). */
  paused: boolean;
  /** The steps open now, with their holder when known. */
  steps: DueStep[];
}
export interface DueLists {
  asOf: string;
  withinHours: number;
  nearDue: DueEntry[];
  overdue: DueEntry[];
}

/** The due time the board follows: the apology's new date once issued, else the appointment in force. */
export function followedDueAt(fact: DossierFact, now: number): number {
  if (fact.apology && ms(fact.apology.issuedAt) <= now) return ms(fact.apology.newAppointmentAt);
  return deadlineAt(fact, now);
}

export function dueLists(
  facts: Iterable<DossierFact>,
  tasksOf: (dossierId: string) => TaskFact[],
  now: Date,
  withinHours: number,
): DueLists {
  const t = now.getTime();
  const nearDue: DueEntry[] = [];
  const overdue: DueEntry[] = [];
  for (const fact of facts) {
    if (!atOrBefore(fact.receivedAt, t)) continue;
    const ended = processingEndedAt(fact);
    if (ended && ms(ended.at) <= t) continue;
    const due = followedDueAt(fact, t);
    if (Number.isNaN(due)) continue;
    const stop = clockStopAt(fact, t);
    // overdue exactly as II.06a counts it (an apology or a second supplement request makes it late
    // whatever its new date); the due time shown is still the one the board follows
    const isOverdue = overdueInProgressAt(fact, t);
    const isNear = !isOverdue && !stop && due - t <= withinHours * 3600_000;
    if (!isOverdue && !isNear) continue;
    const steps = tasksOf(fact.dossierId)
      .filter((task) => taskOpenAt(task, t))
      .map((task) => {
        const holder = task.holders.filter((h) => atOrBefore(h.at, t)).at(-1);
        return {
          stepId: task.stepId,
          stepName: task.stepName,
          departmentId: task.departmentId,
          ...(holder?.officerId ? { officerId: holder.officerId } : {}),
          ...(task.dueAt ? { dueAt: task.dueAt } : {}),
        };
      });
    const entry: DueEntry = {
      dossierId: fact.dossierId,
      dossierCode: fact.dossierCode,
      procedureCode: fact.procedureCode,
      fieldCode: fact.fieldCode,
      receivedAt: fact.receivedAt as string,
      dueAt: new Date(due).toISOString(),
      hoursLeft: Math.round((due - t) / 360_000) / 10,
      paused: Boolean(stop),
      steps,
    };
    (isOverdue ? overdue : nearDue).push(entry);
  }
  const byDue = (a: DueEntry, b: DueEntry) =>
    ms(a.dueAt) - ms(b.dueAt) || a.dossierCode.localeCompare(b.dossierCode);
  return { asOf: now.toISOString(), withinHours, nearDue: nearDue.sort(byDue), overdue: overdue.sort(byDue) };
}

// ---- Comparison over a year ----

export interface MonthPoint {
  month: string;
  received: number;
  resolved: number;
  early: number;
  onTime: number;
  late: number;
  onTimeRate: number | null;
  overdueAtMonthEnd: number;
}
export interface ComparisonSeries {
  key: string;
  name: string;
  months: MonthPoint[];
}
export interface Comparison {
  year: number;
  by: 'center' | 'field';
  series: ComparisonSeries[];
}

/** Monthly series per center or per field, from one II.06a report per month (rows with zeros too). */
export function comparison(
  year: number,
  by: 'center' | 'field',
  months: { month: string; report: Ii06aReport }[],
): Comparison {
  const names = new Map<string, string>();
  const points = new Map<string, Map<string, MonthPoint>>();
  const zero = (month: string): MonthPoint => ({
    month,
    received: 0,
    resolved: 0,
    early: 0,
    onTime: 0,
    late: 0,
    onTimeRate: null,
    overdueAtMonthEnd: 0,
  });
  for (const { month, report } of months) {
    for (const row of report.rows) {
      const key = by === 'center' ? row.centerId : row.fieldCode;
      if (!names.has(key)) names.set(key, by === 'center' ? row.centerName : row.fieldName);
      const series = points.get(key) ?? new Map<string, MonthPoint>();
      points.set(key, series);
      const p = series.get(month) ?? zero(month);
      p.received += row.received.online + row.received.counterOrPostal;
      p.resolved += row.resolved.total;
      p.early += row.resolved.early;
      p.onTime += row.resolved.onTime;
      p.late += row.resolved.late;
      p.overdueAtMonthEnd += row.inProgress.overdue;
      series.set(month, p);
    }
  }
  const series: ComparisonSeries[] = [...names].map(([key, name]) => ({
    key,
    name,
    months: months.map(({ month }) => {
      const p = points.get(key)?.get(month) ?? zero(month);
      return { ...p, onTimeRate: p.resolved ? (p.early + p.onTime) / p.resolved : null };
    }),
  }));
  return { year, by, series };
}
