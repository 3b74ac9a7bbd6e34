/**
 * Reminder and escalation counts of the supervision board (docs/statistics.md, "Deadlines acting"),
 * from the deadline events alone: the department's `StepNearDue`, `StepOverdue`, `StepEscalated` and
 * routing's `DossierNearDue`, `DossierOverdue`, `ApologyPrompted`. Pure.
 *
 * An event becomes one entry, kept under its center and under each department it names; a count over a
 * period [from, to) is the number of distinct things (tasks, task × level, dossiers) with an entry of
 * that kind in the period, so a redelivered or re-raised event never counts twice.
 */
import { monthKey } from './report.js';

export type DeadlineKind =
  | 'reminder'
  | 'stepOverdue'
  | 'escalation'
  | 'dossierNearDue'
  | 'dossierOverdue'
  | 'apologyPrompt';

const KIND_OF: Readonly<Record<string, DeadlineKind>> = {
  StepNearDue: 'reminder',
  StepOverdue: 'stepOverdue',
  StepEscalated: 'escalation',
  DossierNearDue: 'dossierNearDue',
  DossierOverdue: 'dossierOverdue',
  ApologyPrompted: 'apologyPrompt',
};

/** Event types the counts read; every other event (DailyDigestIssued included) is skipped. */
export const DEADLINE_EVENT_TYPES: ReadonlySet<string> = new Set(Object.keys(KIND_OF));

export interface DeadlineEntry {
  eventId: string;
  kind: DeadlineKind;
  /** When it happened (the payload's time, else the event's). */
  at: string;
  dossierId: string;
  /** Step events only. */
  taskId?: string;
  /** Escalations only: 1 = department head, 2 = center leadership. */
  level?: number;
}

/** Where an entry is kept: its center and the departments it concerns (none for some dossier events). */
export interface DeadlineMark {
  centerId: string;
  departmentIds: string[];
  entry: DeadlineEntry;
}

/** The part of a recorded event read here. */
export interface DeadlineEvent {
  eventId: string;
  type: string;
  dossierId: string;
  occurredAt: string;
  payload: Record<string, unknown>;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const TIME_FIELD: Readonly<Record<DeadlineKind, string>> = {
  reminder: 'remindedAt',
  stepOverdue: 'detectedAt',
  escalation: 'escalatedAt',
  dossierNearDue: 'detectedAt',
  dossierOverdue: 'detectedAt',
  apologyPrompt: 'promptedAt',
};

/** The entry of a deadline event and where it belongs; undefined for any other event. */
export function deadlineMarkOf(event: DeadlineEvent): DeadlineMark | undefined {
  const kind = KIND_OF[event.type];
  if (!kind || !event.dossierId) return undefined;
  const p = event.payload;
  const entry: DeadlineEntry = {
    eventId: event.eventId,
    kind,
    at: str(p[TIME_FIELD[kind]]) || event.occurredAt,
    dossierId: event.dossierId,
  };
  const step = kind === 'reminder' || kind === 'stepOverdue' || kind === 'escalation';
  if (step) entry.taskId = str(p.taskId);
  if (kind === 'escalation') entry.level = Number(p.level ?? 0);
  const named = step ? [str(p.departmentId)] : Array.isArray(p.departmentIds) ? p.departmentIds.map(str) : [];
  const departmentIds = [...new Set(named.filter(Boolean))].sort();
  return { centerId: str(p.centerId), departmentIds, entry };
}

/** The month (Vietnam time, `YYYY-MM`) an entry is filed under: the one it happened in. */
export const entryMonth = (entry: DeadlineEntry): string => monthKey(new Date(entry.at));

/** Adds an entry unless that event is held already (redelivery changes nothing). */
export function withEntry(entries: DeadlineEntry[], entry: DeadlineEntry): DeadlineEntry[] {
  return entries.some((e) => e.eventId === entry.eventId) ? entries : [...entries, entry];
}

export interface DeadlineCounts {
  /** Steps whose assignee (or queue) was reminded before the due time. */
  reminders: number;
  /** Steps that passed their due time unfinished. */
  overdueSteps: number;
  /** Escalations, every level. */
  escalations: number;
  /** …to the department head. */
  escalationsLevel1: number;
  /** …to the center leadership. */
  escalationsLevel2: number;
  /** Dossiers whose appointment came within the near-due horizon. */
  nearDueDossiers: number;
  /** Dossiers whose appointment passed without a result. */
  overdueDossiers: number;
  /** Dossiers for which an apology (Mẫu 04) was prompted. */
  apologyPrompts: number;
}

export const zeroDeadlineCounts = (): DeadlineCounts => ({
  reminders: 0,
  overdueSteps: 0,
  escalations: 0,
  escalationsLevel1: 0,
  escalationsLevel2: 0,
  nearDueDossiers: 0,
  overdueDossiers: 0,
  apologyPrompts: 0,
});

/** What one entry counts as: the field and the distinct thing it counts. */
function keyOf(e: DeadlineEntry): { field: keyof DeadlineCounts; key: string } {
  switch (e.kind) {
    case 'reminder':
      return { field: 'reminders', key: e.taskId || e.eventId };
    case 'stepOverdue':
      return { field: 'overdueSteps', key: e.taskId || e.eventId };
    case 'escalation':
      return { field: 'escalations', key: `${e.taskId || e.eventId}@${e.level ?? 0}` };
    case 'dossierNearDue':
      return { field: 'nearDueDossiers', key: e.dossierId };
    case 'dossierOverdue':
      return { field: 'overdueDossiers', key: e.dossierId };
    case 'apologyPrompt':
      return { field: 'apologyPrompts', key: e.dossierId };
  }
}

/** The counts of the entries that happened in [from, to) (ms), each distinct thing once. */
export function countDeadlines(entries: Iterable<DeadlineEntry>, from: number, to: number): DeadlineCounts {
  const counts = zeroDeadlineCounts();
  const seen = new Set<string>();
  for (const e of entries) {
    const t = Date.parse(e.at);
    if (!(t >= from && t < to)) continue;
    const { field, key } = keyOf(e);
    if (seen.has(`${field}:${key}`)) continue;
    seen.add(`${field}:${key}`);
    counts[field]++;
    if (e.kind === 'escalation') {
      if (e.level === 1) counts.escalationsLevel1++;
      if (e.level === 2) counts.escalationsLevel2++;
    }
  }
  return counts;
}
