/**
 * The statistics fact of one dossier (domain brief §7), folded from its events in log order: what
 * the periodic report II.06a needs to place the dossier in any period, with the time of every change
 * kept so that a report "as of" an earlier instant sees the dossier as it was then. Pure.
 */

/** A dossier whose procedure the catalogue did not know (yet): reported under this field code. */
export const UNKNOWN_FIELD = 'unknown';

export type FactChannel = 'online' | 'counter' | 'postal';

/** When the appointment in force changed, and why (an apology is kept apart: see `apology`). */
export interface AppointmentChange {
  at: string;
  appointmentAt: string;
  reason: 'received' | 'restarted' | 'resumed';
}

/** A period when the legal clock stood still: awaiting a supplement, or a financial obligation. */
export interface ClockStop {
  from: string;
  to?: string;
  reason: 'supplement' | 'payment';
}

export interface DossierFact {
  dossierId: string;
  dossierCode: string;
  /** The receiving center (its counter's receptions). */
  centerId: string;
  /** The competent center named at reception (DossierReceived V2); absent: the receiving one. */
  competentCenterId?: string;
  receivingUnitCode: string;
  procedureCode: string;
  procedureVersion: number;
  /** From the catalogue; empty while unknown (the report looks it up again). */
  fieldCode: string;
  channel?: FactChannel;
  submittedOnlineAt?: string;
  receivedAt?: string;
  refusedAtIntakeAt?: string;
  /** The appointment on the receipt (Mẫu 01). */
  originalAppointmentAt?: string;
  appointments: AppointmentChange[];
  apology?: { issuedAt: string; previousAppointmentAt: string; newAppointmentAt: string };
  /** Supplement requests during processing (numbered by routing); more than one counts as late. */
  supplementRequests: { requestedAt: string; requestNumber: number }[];
  clockStops: ClockStop[];
  completedAt?: string;
  outcome?: 'approved' | 'refused';
  resultAtCounterAt?: string;
  returnedAt?: string;
  /** How the result was handed over (Decision 766: results issued electronically). */
  returnMethod?: 'counter' | 'postal' | 'electronic';
  /** Fees and charges paid, by how (Decision 766: online payment); absent on facts folded before. */
  payments?: { paidAt: string; method: 'counter' | 'postal' | 'online' }[];
  /**
   * The documents named at reception (or in the online submission until then), and how many of
   * them refer to a digitised copy (a `documentId` of the applicant's stored documents).
   */
  documents?: { total: number; digitised: number };
  withdrawnAt?: string;
  stoppedAt?: string;
  /**
   * The applicant's rating (1–5) once given (intake allows one per dossier; the first is kept). The
   * comment is not copied: the figures need only the rating, and the timeline keeps the event.
   */
  feedback?: { givenAt: string; rating: number };
  /** Events already folded in (redelivery changes nothing). */
  eventIds: string[];
}

/** The part of a recorded event the fact reads. */
export interface FactEvent {
  eventId: string;
  type: string;
  dossierId: string;
  dossierCode: string;
  occurredAt: string;
  payload: Record<string, unknown>;
}

/** Event types that change a fact; every other event is skipped without reading anything. */
export const FACT_EVENT_TYPES: ReadonlySet<string> = new Set([
  'DossierSubmittedOnline',
  'DossierReceived',
  'DossierRefusedAtIntake',
  'SupplementRequested',
  'ProcessingClockRestarted',
  'FinancialObligationNotified',
  'ProcessingClockResumed',
  'ApologyIssued',
  'DossierProcessingCompleted',
  'ResultReceivedAtCounter',
  'ResultReturned',
  'FeePaid',
  'DossierWithdrawn',
  'DossierProcessingClosed',
  'DossierProcessingStopped',
  'ApplicantFeedbackGiven',
]);

export function emptyFact(dossierId: string, dossierCode = ''): DossierFact {
  return {
    dossierId,
    dossierCode,
    centerId: '',
    receivingUnitCode: '',
    procedureCode: '',
    procedureVersion: 0,
    fieldCode: '',
    appointments: [],
    supplementRequests: [],
    clockStops: [],
    eventIds: [],
  };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The documents of a payload: how many, and how many refer to a stored (digitised) copy. */
function documentsOf(list: unknown): DossierFact['documents'] {
  if (!Array.isArray(list)) return undefined;
  const digitised = list.filter((d) => str((d as Record<string, unknown>)?.documentId) !== '').length;
  return { total: list.length, digitised };
}
/** A payload time, else the event's own time. */
const timeOf = (p: Record<string, unknown>, name: string, event: FactEvent): string =>
  str(p[name]) || event.occurredAt;

const closeStops = (stops: ClockStop[], reason: ClockStop['reason'], at: string): ClockStop[] =>
  stops.map((s) => (s.reason === reason && s.to === undefined ? { ...s, to: at } : s));

/**
 * Folds one event into the fact. Returns the same object when the event changes nothing (an
 * unrelated type, or one already folded in). `fieldOf` maps a procedure code to its field.
 */
export function applyToFact(
  fact: DossierFact,
  event: FactEvent,
  fieldOf: (procedureCode: string) => string | undefined = () => undefined,
): DossierFact {
  if (!FACT_EVENT_TYPES.has(event.type) || fact.eventIds.includes(event.eventId)) return fact;
  const p = event.payload;
  const next: DossierFact = {
    ...fact,
    dossierCode: fact.dossierCode || event.dossierCode,
    eventIds: [...fact.eventIds, event.eventId],
  };
  const identify = (procedureCode: string, centerId: string) => {
    if (centerId && !next.centerId) next.centerId = centerId;
    if (procedureCode) {
      next.procedureCode = procedureCode;
      next.fieldCode = fieldOf(procedureCode) ?? next.fieldCode;
    }
  };
  switch (event.type) {
    case 'DossierSubmittedOnline':
      identify(str(p.procedureCode), str(p.centerId));
      next.procedureVersion = Number(p.procedureVersion ?? 0);
      next.channel = 'online';
      next.submittedOnlineAt = timeOf(p, 'submittedAt', event);
      next.documents = documentsOf(p.documents) ?? next.documents;
      break;
    case 'DossierReceived': {
      identify(str(p.procedureCode), '');
      next.centerId = str(p.centerId) || next.centerId;
      next.receivingUnitCode = str(p.receivingUnitCode);
      if (str(p.competentCenterId) && str(p.competentCenterId) !== next.centerId)
        next.competentCenterId = str(p.competentCenterId);
      next.procedureVersion = Number(p.procedureVersion ?? 0);
      const channel = str(p.channel);
      next.channel =
        p.fromOnlineSubmission === true || channel === 'online'
          ? 'online'
          : channel === 'postal'
            ? 'postal'
            : 'counter';
      next.receivedAt = timeOf(p, 'receivedAt', event);
      next.documents = documentsOf(p.documents) ?? next.documents;
      const appointmentAt = str(p.appointmentAt);
      if (appointmentAt) {
        next.originalAppointmentAt = appointmentAt;
        next.appointments = [
          ...next.appointments,
          { at: next.receivedAt, appointmentAt, reason: 'received' },
        ];
      }
      break;
    }
    case 'DossierRefusedAtIntake':
      identify(str(p.procedureCode), str(p.centerId));
      next.refusedAtIntakeAt = timeOf(p, 'refusedAt', event);
      break;
    case 'SupplementRequested': {
      const requestedAt = timeOf(p, 'requestedAt', event);
      const requestNumber = Number(p.requestNumber ?? next.supplementRequests.length + 1);
      if (next.supplementRequests.some((r) => r.requestNumber === requestNumber)) return fact;
      next.supplementRequests = [...next.supplementRequests, { requestedAt, requestNumber }];
      next.clockStops = [...closeStops(next.clockStops, 'supplement', requestedAt)].concat({
        from: requestedAt,
        reason: 'supplement',
      });
      break;
    }
    case 'ProcessingClockRestarted': {
      const at = timeOf(p, 'restartedAt', event);
      next.clockStops = closeStops(next.clockStops, 'supplement', at);
      if (str(p.appointmentAt)) {
        next.appointments = [
          ...next.appointments,
          { at, appointmentAt: str(p.appointmentAt), reason: 'restarted' },
        ];
      }
      break;
    }
    case 'FinancialObligationNotified':
      if (p.pausesClock !== true) return fact;
      next.clockStops = [...next.clockStops, { from: timeOf(p, 'notifiedAt', event), reason: 'payment' }];
      break;
    case 'ProcessingClockResumed': {
      const at = timeOf(p, 'resumedAt', event);
      next.clockStops = closeStops(next.clockStops, 'payment', at);
      const appointmentAt = str(p.appointmentAt);
      // Routing never moves it earlier than an apology's date; for the statistics only the
      // extension by the paused time counts (an apologised dossier is late anyway).
      if (appointmentAt && appointmentAt !== next.apology?.newAppointmentAt) {
        next.appointments = [...next.appointments, { at, appointmentAt, reason: 'resumed' }];
      }
      break;
    }
    case 'ApologyIssued':
      if (next.apology) return fact; // at most once (routing.apology-at-most-once)
      next.apology = {
        issuedAt: timeOf(p, 'issuedAt', event),
        previousAppointmentAt: str(p.previousAppointmentAt),
        newAppointmentAt: str(p.newAppointmentAt),
      };
      break;
    case 'DossierProcessingCompleted':
      if (next.completedAt) return fact;
      next.completedAt = timeOf(p, 'completedAt', event);
      next.outcome = p.outcome === 'refused' ? 'refused' : 'approved';
      next.clockStops = closeStops(
        closeStops(next.clockStops, 'supplement', next.completedAt),
        'payment',
        next.completedAt,
      );
      break;
    case 'ResultReceivedAtCounter':
      next.resultAtCounterAt ??= timeOf(p, 'receivedAt', event);
      break;
    case 'ResultReturned': {
      if (next.returnedAt) break; // the first hand-over is the one
      next.returnedAt = timeOf(p, 'returnedAt', event);
      const method = str(p.method);
      if (method === 'counter' || method === 'postal' || method === 'electronic') next.returnMethod = method;
      break;
    }
    case 'FeePaid': {
      const method = str(p.method);
      if (method !== 'counter' && method !== 'postal' && method !== 'online') return fact;
      next.payments = [...(next.payments ?? []), { paidAt: timeOf(p, 'paidAt', event), method }];
      break;
    }
    case 'DossierWithdrawn':
      next.withdrawnAt = timeOf(p, 'withdrawnAt', event);
      break;
    case 'DossierProcessingClosed':
      // routing closes after intake's withdrawal; the withdrawal's own time wins
      next.withdrawnAt ??= timeOf(p, 'closedAt', event);
      break;
    case 'DossierProcessingStopped':
      next.stoppedAt ??= timeOf(p, 'stoppedAt', event);
      break;
    case 'ApplicantFeedbackGiven': {
      const rating = Number(p.rating);
      // one rating per dossier; a value intake would have refused is not a rating
      if (next.feedback || !Number.isInteger(rating) || rating < 1 || rating > 5) return fact;
      next.feedback = { givenAt: timeOf(p, 'givenAt', event), rating };
      break;
    }
  }
  return next;
}

// ---- Reading a fact at an instant ----

const ms = (iso: string | undefined): number => (iso ? Date.parse(iso) : Number.NaN);
/** True when the instant is known and strictly before `t`. */
export const before = (iso: string | undefined, t: number): boolean => {
  const v = ms(iso);
  return !Number.isNaN(v) && v < t;
};

/** When the dossier stopped being processed: its result, its withdrawal or its stop (the first). */
export function processingEndedAt(
  fact: DossierFact,
): { at: string; kind: 'resolved' | 'withdrawnOrStopped' } | undefined {
  const ends = [
    fact.completedAt && { at: fact.completedAt, kind: 'resolved' as const },
    fact.withdrawnAt && { at: fact.withdrawnAt, kind: 'withdrawnOrStopped' as const },
    fact.stoppedAt && { at: fact.stoppedAt, kind: 'withdrawnOrStopped' as const },
  ].filter((e): e is { at: string; kind: 'resolved' | 'withdrawnOrStopped' } => Boolean(e));
  ends.sort((a, b) => ms(a.at) - ms(b.at));
  return ends[0];
}

/**
 * The appointment a dossier is judged against at instant `t` (ms): the last one set at or before
 * `t` by reception, a restart after a supplement or a resumption after a payment pause. An apology's
 * new date is never used: the dossier it moved is late (domain brief §7).
 */
export function deadlineAt(fact: DossierFact, t: number): number {
  let deadline = ms(fact.originalAppointmentAt);
  for (const change of fact.appointments) {
    if (ms(change.at) <= t) deadline = ms(change.appointmentAt);
  }
  return deadline;
}

/** Late whatever the times: an apology was issued, or more than one supplement was requested. */
export function lateByRule(fact: DossierFact, t: number): boolean {
  if (fact.apology && ms(fact.apology.issuedAt) <= t) return true;
  return fact.supplementRequests.filter((r) => ms(r.requestedAt) <= t).length > 1;
}

/**
 * Whether a dossier still in progress at `end` (ms) is overdue there: late by rule, or past the
 * deadline in force just before `end` (judged when the clock stopped while it stands still). The one
 * definition II.06a's "in progress — overdue" and the board's overdue list both use.
 */
export function overdueInProgressAt(fact: DossierFact, end: number): boolean {
  const state = end - 1; // what happens at `end` belongs to what comes after
  const stop = clockStopAt(fact, state);
  const judgedAt = stop ? Math.min(end, ms(stop.from)) : end;
  const deadline = deadlineAt(fact, state);
  return lateByRule(fact, state) || (!Number.isNaN(deadline) && judgedAt > deadline);
}

/** The clock stop in force at `t`, if any. */
export function clockStopAt(fact: DossierFact, t: number): ClockStop | undefined {
  return fact.clockStops.find((s) => ms(s.from) <= t && (s.to === undefined || ms(s.to) > t));
}

/** A settled dossier leaves the center's pending list: returned, withdrawn or stopped. */
export function settledAt(fact: DossierFact): string | undefined {
  const ends = [fact.returnedAt, fact.withdrawnAt, fact.stoppedAt].filter((v): v is string => Boolean(v));
  ends.sort((a, b) => ms(a) - ms(b));
  return ends[0];
}
