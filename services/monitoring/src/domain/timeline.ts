/** One event of a dossier as the log holds it, with its place in the log. */
export interface TimelineEntry {
  eventId: string;
  type: string;
  schemaVersion: number;
  occurredAt: string;
  recordedAt: string;
  actor: { userId: string; role: string; centerId?: string; departmentId?: string };
  producer: string;
  streamId: string;
  streamVersion: number;
  causationId: string;
  correlationId: string;
  partition: number;
  offset: string;
  payload: Record<string, unknown>;
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

export type DossierStatus = 'received' | 'processing' | 'result_ready' | 'returned' | 'unknown';

/** The national status a dossier had after its last event (domain brief §3). */
export function statusOf(timeline: Timeline): { status: DossierStatus; nationalCode: number | null } {
  let status: DossierStatus = 'unknown';
  for (const { type } of timeline.entries) {
    if (type === 'DossierReceived') status = 'received';
    else if (type === 'DossierRouted' || type === 'TaskQueued' || type === 'StepCompleted')
      status = 'processing';
    else if (type === 'DossierProcessingCompleted' || type === 'ResultReceivedAtCounter')
      status = 'result_ready';
    else if (type === 'ResultReturned') status = 'returned';
  }
  const codes: Record<DossierStatus, number | null> = {
    received: 2,
    processing: 4,
    result_ready: 9,
    returned: 10,
    unknown: null,
  };
  return { status, nationalCode: codes[status] };
}
