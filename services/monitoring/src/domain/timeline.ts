/** One event of a dossier as the log holds it, with its place in the log. */
export interface TimelineEntry {
  eventId: string;
  type: string;
  schemaVersion: number;
  occurredAt: string;
  recordedAt: string;
  actor: { userId: string; role: string; centerId?: string; departmentId?: string; displayName?: string };
  producer: string;
  streamId: string;
  streamVersion: number;
  causationId: string;
  correlationId: string;
  partition: number;
  offset: string;
  payload: Record<string, unknown>;
  /** The rulebook the event was decided under; absent before rulebooks (read as Decree 61/2018). */
  rulebookId?: string;
}

export interface Timeline {
  dossierId: string;
  dossierCode: string;
  entries: TimelineEntry[];
}

/**
 * Log order: a dossier's events share one partition (keyed by dossier id), so the offset is the
 * order the board sees. Offsets are decimal strings of 64-bit numbers, so compare as BigInt.
 */
export function inLogOrder(entries: TimelineEntry[]): TimelineEntry[] {
  return [...entries].sort((a, b) =>
    a.partition !== b.partition ? a.partition - b.partition : Number(BigInt(a.offset) - BigInt(b.offset)),
  );
}

/** Adds an entry unless the same event is already there (redelivery). */
export function addEntry(timeline: Timeline, entry: TimelineEntry, dossierCode: string): Timeline {
  if (timeline.entries.some((e) => e.eventId === entry.eventId)) return timeline;
  return {
    dossierId: timeline.dossierId,
    dossierCode: timeline.dossierCode || dossierCode,
    entries: inLogOrder([...timeline.entries, entry]),
  };
}

export type DossierStatus =
  | 'submitted'
  | 'received'
  | 'refused_at_intake'
  | 'processing'
  | 'awaiting_supplement'
  | 'awaiting_payment'
  | 'withdrawn'
  | 'stopped'
  | 'result_ready'
  | 'returned'
  | 'unknown';

/** National status codes used when syncing with the national portal (domain brief §3). */
const NATIONAL_CODE: Record<DossierStatus, number | null> = {
  submitted: 1,
  received: 2,
  refused_at_intake: 3,
  processing: 4,
  awaiting_supplement: 5,
  awaiting_payment: 6,
  withdrawn: 7,
  stopped: 8,
  result_ready: 9,
  returned: 10,
  unknown: null,
};

/** What each event type makes of the dossier's status; events not listed leave it as it is. */
const STATUS_AFTER: Readonly<Record<string, DossierStatus>> = {
  DossierSubmittedOnline: 'submitted',
  DossierReceived: 'received',
  DossierRefusedAtIntake: 'refused_at_intake',
  DossierRouted: 'processing',
  TaskQueued: 'processing',
  StepCompleted: 'processing',
  ProcessingClockRestarted: 'processing',
  ProcessingClockResumed: 'processing',
  SupplementRequested: 'awaiting_supplement',
  FinancialObligationNotified: 'awaiting_payment',
  DossierWithdrawn: 'withdrawn',
  DossierProcessingClosed: 'withdrawn',
  DossierProcessingStopped: 'stopped',
  DossierProcessingCompleted: 'result_ready',
  ResultReceivedAtCounter: 'result_ready',
  ResultReturned: 'returned',
};

/** A dossier that ended stays ended: later bookkeeping events (tasks closing) do not reopen it. */
const FINAL: ReadonlySet<DossierStatus> = new Set(['refused_at_intake', 'withdrawn', 'stopped', 'returned']);

/**
 * Work moving between steps (routing, a department queueing its task, a step done) says the dossier
 * is processed, but it does not end a wait: only the clock restarting (the supplement arrived) or
 * resuming (paid) does. Department events may land after routing's supplement request in the log.
 */
const STEP_WORK: ReadonlySet<string> = new Set(['DossierRouted', 'TaskQueued', 'StepCompleted']);
const WAITING: ReadonlySet<DossierStatus> = new Set([
  'awaiting_supplement',
  'awaiting_payment',
  'result_ready',
]);

/** The national status a dossier had after its last event (domain brief §3). */
export function statusOf(timeline: Timeline): { status: DossierStatus; nationalCode: number | null } {
  let status: DossierStatus = 'unknown';
  for (const { type } of timeline.entries) {
    const next = STATUS_AFTER[type];
    if (!next || FINAL.has(status)) continue;
    // neither a result nor a wait is undone by task bookkeeping, whatever order the log has them in
    if (STEP_WORK.has(type) && WAITING.has(status)) continue;
    status = next;
  }
  return { status, nationalCode: NATIONAL_CODE[status] };
}
