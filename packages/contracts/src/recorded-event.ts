import { decodeEnvelope } from './envelope.js';

/** Who caused an event: an officer, an applicant or a service acting on its own. */
export interface EventActor {
  userId: string;
  role: string;
  centerId?: string;
  departmentId?: string;
  displayName?: string;
}

/**
 * A recorded event as services handle it: the proto3 JSON form of `EventEnvelope`, with the
 * payload decoded (and upcast) to the current schema of its type. The event store writes this
 * shape and the outbox publishes it unchanged.
 */
export interface RecordedEvent<P extends object = Record<string, unknown>> {
  eventId: string;
  type: string;
  schemaVersion: number;
  dossierId: string;
  dossierCode: string;
  streamId: string;
  streamVersion: number;
  occurredAt: string;
  recordedAt: string;
  actor: EventActor;
  causationId: string;
  correlationId: string;
  trace?: { traceparent?: string; tracestate?: string };
  producer: string;
  payload: P;
  /** The hash of the stream's previous event ('' for the first); absent before the chain existed. */
  previousHash?: string;
  /** SHA-256 (hex) of the canonical JSON of this event without `hash` (see the event store). */
  hash?: string;
  /**
   * The rulebook (legal regime, packages/rulebook) the event was decided under; absent on events
   * recorded before rulebooks existed, which were decided under Decree 61/2018 (`rulebookIdOf`).
   */
  rulebookId?: string;
}

/**
 * The envelope exactly as it arrived (parsed JSON), kept beside each decoded event: the decoded
 * payload carries defaults and upcasts, so only the original can be checked against its `hash`.
 */
const originals = new WeakMap<RecordedEvent, Record<string, unknown>>();

/** The parsed JSON a decoded event came from, when it was decoded by decodeRecordedEvent. */
export function originalEnvelopeOf(event: RecordedEvent): Record<string, unknown> | undefined {
  return originals.get(event);
}

export type DecodedRecordedEvent =
  | { ok: true; event: RecordedEvent }
  | { ok: false; code: string; reason: string };

/** Kafka message value → RecordedEvent, or the reason it is poison (for the dead-letter topic). */
export function decodeRecordedEvent(value: Buffer | Uint8Array | string | null): DecodedRecordedEvent {
  if (value === null) return { ok: false, code: 'POISON_MESSAGE', reason: 'EMPTY_MESSAGE' };
  const decoded = decodeEnvelope(value);
  if (!decoded.ok) {
    const reason = String(decoded.error.details.reason ?? 'INVALID');
    return {
      ok: false,
      code: decoded.error.code,
      reason: `${reason}: ${JSON.stringify(decoded.error.details)}`,
    };
  }
  const { envelope, event } = decoded;
  const recorded: RecordedEvent = {
    eventId: envelope.eventId,
    type: envelope.type,
    schemaVersion: envelope.schemaVersion,
    dossierId: envelope.dossierId,
    dossierCode: envelope.dossierCode,
    streamId: envelope.streamId,
    streamVersion: envelope.streamVersion,
    occurredAt: envelope.occurredAt ?? '',
    recordedAt: envelope.recordedAt ?? '',
    actor: {
      userId: envelope.actor?.userId ?? '',
      role: envelope.actor?.role ?? '',
      ...(envelope.actor?.centerId ? { centerId: envelope.actor.centerId } : {}),
      ...(envelope.actor?.departmentId ? { departmentId: envelope.actor.departmentId } : {}),
      ...(envelope.actor?.displayName ? { displayName: envelope.actor.displayName } : {}),
    },
    causationId: envelope.causationId,
    correlationId: envelope.correlationId,
    ...(envelope.trace ? { trace: envelope.trace } : {}),
    producer: envelope.producer,
    payload: event.payload as unknown as Record<string, unknown>,
    ...(envelope.previousHash || envelope.hash ? { previousHash: envelope.previousHash } : {}),
    ...(envelope.hash ? { hash: envelope.hash } : {}),
    ...(envelope.rulebookId ? { rulebookId: envelope.rulebookId } : {}),
  };
  originals.set(recorded, decoded.raw);
  return { ok: true, event: recorded };
}
