import { statusOf, type Timeline, type TimelineEntry } from './timeline.js';

/** A dossier as it stood at an instant: what the log had recorded by then. */
export interface StateAt {
  at: string;
  status: string;
  nationalCode: number | null;
  /**
   * The appointment in force then (set at reception, replaced by a restarted or resumed clock). An
   * apology never replaces it: the dossier stays late against it (Decree 61 Art 19 k9, statistics.md).
   */
  appointmentAt: string | null;
  /** The new return date an apology gave (Mẫu 04), once issued: when the applicant is now expected. */
  rescheduledReturnAt: string | null;
  openSteps: {
    stepId: string;
    stepName: string;
    departmentId: string;
    dueAt: string;
    assignee: string | null;
  }[];
}

type Payload = Record<string, unknown>;
const str = (p: Payload, key: string) => (typeof p[key] === 'string' ? (p[key] as string) : '');

/** Events that change the appointment in force, and the payload field holding the new one. */
const APPOINTMENT_FIELD: Readonly<Record<string, string>> = {
  DossierReceived: 'appointmentAt',
  ProcessingClockRestarted: 'appointmentAt',
  ProcessingClockResumed: 'appointmentAt',
};

/** Replays the log up to `at` (by the time each event was recorded): the board's "as of" view. */
export function stateAt(timeline: Timeline, at: Date): StateAt {
  const known = timeline.entries.filter((e) => Date.parse(e.recordedAt) <= at.getTime());
  let appointmentAt: string | null = null;
  let rescheduledReturnAt: string | null = null;
  const open = new Map<string, StateAt['openSteps'][number]>();
  const tasks = new Map<string, string>(); // taskId → stepId
  for (const e of known) {
    const p = e.payload as Payload;
    const field = APPOINTMENT_FIELD[e.type];
    if (field && str(p, field)) appointmentAt = str(p, field);
    if (e.type === 'ApologyIssued' && str(p, 'newAppointmentAt'))
      rescheduledReturnAt = str(p, 'newAppointmentAt');
    switch (e.type) {
      case 'DossierRouted':
        open.set(str(p, 'stepId'), {
          stepId: str(p, 'stepId'),
          stepName: str(p, 'stepName'),
          departmentId: str(p, 'departmentId'),
          dueAt: str(p, 'stepDueAt'),
          assignee: null,
        });
        break;
      case 'TaskQueued':
        tasks.set(str(p, 'taskId'), str(p, 'stepId'));
        break;
      case 'TaskAssigned':
      case 'TaskClaimed': {
        const step = open.get(tasks.get(str(p, 'taskId')) ?? '');
        if (step) step.assignee = str(p, 'officerId');
        break;
      }
      case 'StepCompleted':
      case 'StepReturned':
      case 'BranchCompleted':
        open.delete(str(p, 'stepId'));
        break;
      case 'DossierProcessingCompleted':
      case 'DossierProcessingStopped':
      case 'DossierProcessingClosed':
      case 'DossierWithdrawn':
        open.clear();
        break;
    }
  }
  const { status, nationalCode } = statusOf({ ...timeline, entries: known });
  return {
    at: at.toISOString(),
    status,
    nationalCode,
    appointmentAt,
    rescheduledReturnAt,
    openSteps: [...open.values()],
  };
}

/** One hand-over of the processing control sheet (Mẫu 05, Circular 01/2018). */
export interface ControlSheetRow {
  stepId: string;
  stepName: string;
  departmentId: string;
  departmentName: string;
  /** When the unit received the dossier (the transfer) and when it handed it on. */
  receivedAt: string;
  handedOverAt: string | null;
  /** Who handed the dossier over (the officer who completed the step) and who took it next. */
  giver: string | null;
  receiver: string | null;
  dueAt: string;
  result: 'early' | 'on_time' | 'late' | 'in_progress';
}

const VIETNAM_OFFSET_MS = 7 * 3600_000;
const localDay = (iso: string) => new Date(Date.parse(iso) + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);

/** As registers read it: before the due day is early, on the due day by the due time on time, after late. */
export function outcome(done: string | null, due: string): ControlSheetRow['result'] {
  if (!done) return 'in_progress';
  if (Date.parse(done) > Date.parse(due)) return 'late';
  return localDay(done) < localDay(due) ? 'early' : 'on_time';
}

/**
 * When the unit got the dossier: when routing sent it. The law's transfer time (`transferAt`) is the
 * latest it may arrive and may lie in the future (after the cut-off, over a weekend), so it is not a
 * receipt; routing events before schema 2 of DossierWorkflowAssigned were stamped with it, so the
 * earlier of the stamp and the recording time is the true one.
 */
function routedAt(e: TimelineEntry): string {
  const recorded = Date.parse(e.recordedAt);
  return Number.isNaN(recorded) || Date.parse(e.occurredAt) <= recorded ? e.occurredAt : e.recordedAt;
}

/**
 * The control sheet of a dossier, from its log: every transfer, who gave and received it (by full name,
 * as the officers' own events carry it, or as the head named the assignee; the login only for an
 * assignment recorded before names travelled with it), and on
 * time or not.
 */
export function controlSheet(timeline: Timeline): ControlSheetRow[] {
  const names = new Map<string, string>();
  // An assignee who never acted is named as the head chose them (TaskAssigned's officerName).
  for (const e of timeline.entries) {
    const p = e.payload as Payload;
    if (e.type === 'TaskAssigned' && str(p, 'officerName'))
      names.set(str(p, 'officerId'), str(p, 'officerName'));
  }
  for (const e of timeline.entries) if (e.actor.displayName) names.set(e.actor.userId, e.actor.displayName);
  const named = (userId: string | null) => (userId ? (names.get(userId) ?? userId) : null);
  return sheetRows(timeline).map((r) => ({ ...r, giver: named(r.giver), receiver: named(r.receiver) }));
}

function sheetRows(timeline: Timeline): ControlSheetRow[] {
  const rows: ControlSheetRow[] = [];
  const taskStep = new Map<string, ControlSheetRow>();
  const byStep = (stepId: string) => [...rows].reverse().find((r) => r.stepId === stepId && !r.handedOverAt);
  for (const e of timeline.entries as TimelineEntry[]) {
    const p = e.payload as Payload;
    if (e.type === 'DossierRouted') {
      rows.push({
        stepId: str(p, 'stepId'),
        stepName: str(p, 'stepName'),
        departmentId: str(p, 'departmentId'),
        departmentName: str(p, 'departmentName'),
        receivedAt: routedAt(e),
        handedOverAt: null,
        giver: null,
        receiver: null,
        dueAt: str(p, 'stepDueAt'),
        result: 'in_progress',
      });
    } else if (e.type === 'TaskQueued') {
      const row = byStep(str(p, 'stepId'));
      if (row) taskStep.set(str(p, 'taskId'), row);
    } else if (e.type === 'TaskClaimed' || e.type === 'TaskAssigned') {
      const row = taskStep.get(str(p, 'taskId'));
      if (row && !row.receiver) row.receiver = str(p, 'officerId');
    } else if (e.type === 'StepCompleted' || e.type === 'StepReturned') {
      const row = taskStep.get(str(p, 'taskId')) ?? byStep(str(p, 'stepId'));
      if (row) {
        row.handedOverAt = str(p, e.type === 'StepCompleted' ? 'completedAt' : 'returnedAt');
        row.giver = str(p, 'officerId');
        row.result = outcome(row.handedOverAt, row.dueAt);
      }
    }
  }
  return rows;
}
