// The results waiting at a center's counter to be returned (the counter's "today" list): one entry per
// dossier from ResultReceivedAtCounter until ResultReturned (or a withdrawal). Keyed by dossier id, so
// applying an event twice changes nothing.

export interface WaitingResult {
  dossierId: string;
  dossierCode: string;
  procedureName: string;
  applicantFullName: string;
  outcome: string;
  resultAt: string;
  appointmentAt?: string;
}

export interface ReturnQueue {
  waiting: Record<string, WaitingResult>;
}

export const emptyReturnQueue = (): ReturnQueue => ({ waiting: {} });

/** The event types that change a return queue. */
export const RETURN_QUEUE_EVENTS: ReadonlySet<string> = new Set([
  'ResultReceivedAtCounter',
  'ResultReturned',
  'DossierWithdrawn',
]);

/**
 * The queue after an event of one of its dossiers; `entry` is the dossier as it waits (for
 * ResultReceivedAtCounter). The same object when nothing changes.
 */
export function nextReturnQueue(
  queue: ReturnQueue,
  event: { type: string; dossierId: string },
  entry?: WaitingResult,
): ReturnQueue {
  if (event.type === 'ResultReceivedAtCounter' && entry) {
    return { waiting: { ...queue.waiting, [event.dossierId]: entry } };
  }
  if (
    (event.type === 'ResultReturned' || event.type === 'DossierWithdrawn') &&
    queue.waiting[event.dossierId]
  ) {
    const { [event.dossierId]: _gone, ...rest } = queue.waiting;
    return { waiting: rest };
  }
  return queue;
}

/** Oldest result first: the applicant who has waited longest is served first. */
export const waitingInOrder = (queue: ReturnQueue): WaitingResult[] =>
  Object.values(queue.waiting).sort((a, b) => a.resultAt.localeCompare(b.resultAt));
