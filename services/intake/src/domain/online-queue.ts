// The online submissions waiting at a center for the counter to check them: one entry per dossier
// from DossierSubmittedOnline until it is received, refused or withdrawn. Keyed by dossier id, and the
// attached files by document id, so applying an event twice changes nothing.

export interface WaitingSubmission {
  dossierId: string;
  procedureCode: string;
  procedureName: string;
  applicantFullName: string;
  submittedAt: string;
  /** Files attached so far (document ids). */
  attachedDocumentIds: string[];
  /** Set once the counter asked for what is missing (Mẫu 02). */
  supplementRequestedAt?: string;
}

export interface OnlineQueue {
  waiting: Record<string, WaitingSubmission>;
}

export const emptyOnlineQueue = (): OnlineQueue => ({ waiting: {} });

/** The event types that change a center's online queue. */
export const ONLINE_QUEUE_EVENTS: ReadonlySet<string> = new Set([
  'DossierSubmittedOnline',
  'OnlineDocumentAttached',
  'IntakeSupplementRequested',
  'DossierReceived',
  'DossierRefusedAtIntake',
  'DossierWithdrawn',
]);

type QueueEvent = { type: string; dossierId: string; payload: Record<string, unknown> };

/** The queue after one event of one of its dossiers; the same object when nothing changes. */
export function nextOnlineQueue(queue: OnlineQueue, event: QueueEvent): OnlineQueue {
  const p = event.payload;
  const entry = queue.waiting[event.dossierId];
  const put = (next: WaitingSubmission) => ({ waiting: { ...queue.waiting, [event.dossierId]: next } });
  switch (event.type) {
    case 'DossierSubmittedOnline': {
      if (entry) return queue;
      const applicant = p.applicant as { fullName?: string } | undefined;
      return put({
        dossierId: event.dossierId,
        procedureCode: String(p.procedureCode),
        procedureName: String(p.procedureName ?? ''),
        applicantFullName: String(applicant?.fullName ?? ''),
        submittedAt: String(p.submittedAt),
        attachedDocumentIds: [],
      });
    }
    case 'OnlineDocumentAttached': {
      const documentId = String(p.documentId);
      if (!entry || entry.attachedDocumentIds.includes(documentId)) return queue;
      return put({ ...entry, attachedDocumentIds: [...entry.attachedDocumentIds, documentId] });
    }
    case 'IntakeSupplementRequested':
      if (!entry || entry.supplementRequestedAt) return queue;
      return put({ ...entry, supplementRequestedAt: String(p.requestedAt) });
    case 'DossierReceived':
    case 'DossierRefusedAtIntake':
    case 'DossierWithdrawn': {
      if (!entry) return queue;
      const { [event.dossierId]: _gone, ...rest } = queue.waiting;
      return { waiting: rest };
    }
    default:
      return queue;
  }
}

/** Oldest submission first: checked in the order they arrived. */
export const submissionsInOrder = (queue: OnlineQueue): WaitingSubmission[] =>
  Object.values(queue.waiting).sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
