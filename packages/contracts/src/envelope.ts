/**
 * EventEnvelope on the wire: the proto3 JSON form (UTF-8), as stored on Kafka.
 * decodeEnvelope is strict: anything a consumer could not safely process is POISON_MESSAGE, with a
 * stable `details.reason` so the consumer can dead-letter it without retrying.
 */
import { v7 as uuidv7 } from 'uuid';
import { DomainError } from './errors.js';
import { type DomainEvent, decodeEvent, isEventType, isKnownVersion } from './events.js';
import { EventEnvelope } from './gen/motcua/events/v1/envelope.js';
import { checkShape, field, isJsonObject, type Shape } from './shape.js';

/** Stable values of `error.details.reason` when decodeEnvelope fails. */
export type PoisonReason =
  | 'INVALID_JSON'
  | 'INVALID_ENVELOPE'
  | 'UNKNOWN_EVENT_TYPE'
  | 'UNKNOWN_SCHEMA_VERSION'
  | 'INVALID_PAYLOAD'
  | 'NO_UPCASTER'
  | 'UPCAST_FAILED';

export type DecodedEnvelope =
  /** `raw`: the JSON as parsed, never changed by decoding (upcasters are pure; no payload keeps a Struct). */
  | { ok: true; envelope: EventEnvelope; event: DomainEvent; raw: Record<string, unknown> }
  | { ok: false; error: DomainError };

const id = { kind: 'string', required: true } as const;
const optionalText = { kind: 'string' } as const;

const ENVELOPE: Shape = {
  eventId: { kind: 'uuid', required: true },
  type: id,
  schemaVersion: { kind: 'uint', required: true },
  dossierId: id,
  // Empty until reception gives the dossier its code (an online submission has none yet).
  dossierCode: optionalText,
  streamId: id,
  streamVersion: { kind: 'uint', required: true },
  occurredAt: { kind: 'timestamp', required: true },
  recordedAt: { kind: 'timestamp', required: true },
  actor: {
    kind: 'object',
    fields: {
      userId: optionalText,
      role: optionalText,
      centerId: optionalText,
      departmentId: optionalText,
      displayName: optionalText,
    },
  },
  causationId: optionalText,
  correlationId: optionalText,
  trace: { kind: 'object', fields: { traceparent: optionalText, tracestate: optionalText } },
  producer: id,
  payload: { kind: 'object', required: true, fields: {} },
  // The stream's hash chain; absent on events recorded before it existed.
  previousHash: optionalText,
  hash: optionalText,
  // The rulebook the event was decided under; absent before rulebooks existed (packages/rulebook).
  rulebookId: optionalText,
};

/** A new event id: UUIDv7, time-ordered. */
export function newEventId(): string {
  return uuidv7();
}

export function encodeEnvelope(envelope: EventEnvelope): Buffer {
  return Buffer.from(JSON.stringify(EventEnvelope.toJSON(envelope)), 'utf8');
}

function poison(
  reason: PoisonReason,
  details: Record<string, unknown> = {},
  cause?: unknown,
): DecodedEnvelope {
  return { ok: false, error: new DomainError('POISON_MESSAGE', { details: { reason, ...details }, cause }) };
}

export function decodeEnvelope(input: Buffer | Uint8Array | string): DecodedEnvelope {
  let raw: unknown;
  try {
    raw = JSON.parse(typeof input === 'string' ? input : textOf(input));
  } catch (err) {
    return poison('INVALID_JSON', {}, err);
  }
  const issues = checkShape(raw, ENVELOPE);
  if (issues.length > 0) {
    const eventId = isJsonObject(raw) ? field(raw, 'eventId') : undefined;
    return poison('INVALID_ENVELOPE', { issues, ...(typeof eventId === 'string' ? { eventId } : {}) });
  }
  const envelope = EventEnvelope.fromJSON(raw);
  const where = { eventId: envelope.eventId, type: envelope.type, schemaVersion: envelope.schemaVersion };
  if (!isEventType(envelope.type)) return poison('UNKNOWN_EVENT_TYPE', where);
  if (!isKnownVersion(envelope.type, envelope.schemaVersion)) return poison('UNKNOWN_SCHEMA_VERSION', where);
  const decoded = decodeEvent(envelope.type, envelope.schemaVersion, envelope.payload);
  if (!decoded.ok) {
    const { details, cause } = decoded.error;
    return {
      ok: false,
      error: new DomainError('POISON_MESSAGE', { details: { ...details, ...where }, cause }),
    };
  }
  return { ok: true, envelope, event: decoded.value, raw: raw as Record<string, unknown> };
}

/** UTF-8 text of the bytes, without copying them first. */
function textOf(input: Buffer | Uint8Array): string {
  const bytes = Buffer.isBuffer(input)
    ? input
    : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  return bytes.toString('utf8');
}
