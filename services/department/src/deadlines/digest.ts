import { startOfWorkingDay, toLocalDay, type WorkingCalendar, workingMinutesBetween } from '@motcua/calendar';

export type UnitKind = 'department' | 'center';

/** A task as a digest line names it. */
interface TaskLine {
  dossierId: string;
  dossierCode: string;
  taskId: string;
  stepId: string;
  stepName: string;
  departmentId: string;
  dueAt: string;
}

/** An open task as the digest needs it (a line of a department's queue). */
export interface OpenTask extends TaskLine {
  assignee?: string;
}

export interface DigestItem extends TaskLine {
  /** Empty when unassigned. */
  assigneeId: string;
  overdueWorkingMinutes: number;
  overdueWorkingDays: number;
}

export interface Digest {
  unitId: string;
  unitKind: UnitKind;
  centerId: string;
  workingDate: string;
  nextWorkingDate: string;
  dueToday: DigestItem[];
  dueTomorrow: DigestItem[];
  overdue: DigestItem[];
  issuedAt: string;
}

const item = (t: OpenTask, overdueWorkingMinutes = 0, overdueWorkingDays = 0): DigestItem => ({
  dossierId: t.dossierId,
  dossierCode: t.dossierCode,
  taskId: t.taskId,
  stepId: t.stepId,
  stepName: t.stepName,
  departmentId: t.departmentId,
  assigneeId: t.assignee ?? '',
  dueAt: t.dueAt,
  overdueWorkingMinutes,
  overdueWorkingDays,
});

/**
 * A unit's digest for a working date, as of `now`: open tasks due on that date (not yet past),
 * due on the next working day, and overdue with how long in working minutes and working days.
 */
export function buildDigest(input: {
  unitId: string;
  unitKind: UnitKind;
  centerId: string;
  workingDate: string;
  tasks: readonly OpenTask[];
  now: Date;
  calendar: WorkingCalendar;
}): Digest {
  const { calendar, now, workingDate } = input;
  const nextWorkingDate = calendar.nextWorkingDay(workingDate);
  const byDue = [...input.tasks].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const dueToday: DigestItem[] = [];
  const dueTomorrow: DigestItem[] = [];
  const overdue: DigestItem[] = [];
  for (const t of byDue) {
    const due = new Date(t.dueAt);
    const day = toLocalDay(due);
    if (due.getTime() <= now.getTime()) {
      const minutes = workingMinutesBetween(calendar, due, now);
      overdue.push(item(t, minutes, Math.max(0, calendar.workingDaysBetween(day, workingDate))));
    } else if (day <= workingDate) dueToday.push(item(t));
    else if (day === nextWorkingDate) dueTomorrow.push(item(t));
  }
  return {
    unitId: input.unitId,
    unitKind: input.unitKind,
    centerId: input.centerId,
    workingDate,
    nextWorkingDate,
    dueToday,
    dueTomorrow,
    overdue,
    issuedAt: now.toISOString(),
  };
}

/** The first start of a working day strictly after `now`: when the next digest is issued. */
export function nextDigestAt(calendar: WorkingCalendar, now: Date): Date {
  const today = toLocalDay(now);
  if (calendar.isWorkingDay(today)) {
    const start = startOfWorkingDay(calendar, today);
    if (start.getTime() > now.getTime()) return start;
  }
  return startOfWorkingDay(calendar, calendar.nextWorkingDay(today));
}

/** The working date a digest firing is for: the day its timer was due (a late firing keeps it). */
export const digestWorkingDate = (firingDueAt: Date) => toLocalDay(firingDueAt);

export const digestTimerId = (kind: UnitKind, unitId: string) => `digest:${kind}:${unitId}`;
export const digestStreamId = (kind: UnitKind, unitId: string, workingDate: string) =>
  `digest:${kind}:${unitId}:${workingDate}`;
/** The envelope's dossierId (and Kafka key) of a unit's digests: never a dossier's id. */
export const digestKey = (kind: UnitKind, unitId: string) => `digest:${kind}:${unitId}`;
