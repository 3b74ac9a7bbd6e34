import { describe, expect, it } from 'vitest';
import {
  DossierReceivedV1,
  decodeEnvelope,
  decodeRecordedEvent,
  encodeEnvelope,
  newEventId,
  originalEnvelopeOf,
} from '../src/index.js';
import { isTimestamp } from '../src/shape.js';
import { dossierReceived, envelope } from './fixtures.js';

const reasonOf = (input: Buffer | string): unknown => {
  const decoded = decodeEnvelope(input);
  return decoded.ok ? 'ok' : { code: decoded.error.code, reason: decoded.error.details.reason };
};

const withRaw = (edit: (raw: Record<string, unknown>) => void): string => {
  const raw = JSON.parse(encodeEnvelope(envelope()).toString('utf8')) as Record<string, unknown>;
  edit(raw);
  return JSON.stringify(raw);
};

describe('event ids', () => {
  it('are UUIDv7 and sort by creation time', () => {
    const ids = Array.from({ length: 50 }, () => newEventId());
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
  });
});

describe('the envelope codec', () => {
  it('round-trips an envelope through its proto3 JSON form', () => {
    const env = envelope();
    const decoded = decodeEnvelope(encodeEnvelope(env));
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.envelope).toEqual(env);
    expect(decoded.event.type).toBe('DossierRouted');
    if (decoded.event.type === 'DossierRouted') expect(decoded.event.payload.stepIndex).toBe(0);
  });

  it('writes lowerCamelCase proto3 JSON', () => {
    const json = JSON.parse(encodeEnvelope(envelope()).toString('utf8')) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining(['eventId', 'schemaVersion', 'streamVersion', 'occurredAt', 'payload']),
    );
    expect(json.occurredAt).toBe('2025-03-01T02:00:01.000Z');
  });

  it('accepts 64-bit integers as strings, the canonical proto3 JSON form', () => {
    const decoded = decodeEnvelope(withRaw((raw) => (raw.streamVersion = '2')));
    expect(decoded.ok && decoded.envelope.streamVersion).toBe(2);
  });

  it('rejects bytes that are not JSON as poison', () => {
    expect(reasonOf('{"eventId":')).toEqual({ code: 'POISON_MESSAGE', reason: 'INVALID_JSON' });
  });

  it('rejects an envelope with missing ids or bad timestamps, listing each', () => {
    const decoded = decodeEnvelope(
      withRaw((raw) => {
        delete raw.dossierId;
        raw.eventId = 'not-a-uuid';
        raw.occurredAt = '2025-02-30T10:00:00Z';
        raw.streamVersion = -1;
      }),
    );
    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(decoded.error.details.reason).toBe('INVALID_ENVELOPE');
    expect(decoded.error.details.issues).toEqual([
      { path: 'eventId', problem: 'invalid', expected: 'UUID' },
      { path: 'dossierId', problem: 'missing', expected: 'non-empty string' },
      { path: 'streamVersion', problem: 'invalid', expected: 'integer >= 1' },
      { path: 'occurredAt', problem: 'invalid', expected: 'RFC 3339 timestamp' },
    ]);
  });

  it('rejects an unknown event type or schema version as poison', () => {
    expect(reasonOf(encodeEnvelope(envelope({ type: 'DossierTeleported' })))).toEqual({
      code: 'POISON_MESSAGE',
      reason: 'UNKNOWN_EVENT_TYPE',
    });
    expect(reasonOf(encodeEnvelope(envelope({ schemaVersion: 9 })))).toEqual({
      code: 'POISON_MESSAGE',
      reason: 'UNKNOWN_SCHEMA_VERSION',
    });
  });

  it('rejects a payload that breaks its schema, naming the event', () => {
    const decoded = decodeEnvelope(encodeEnvelope(envelope({ payload: { stepId: 's-1' } })));
    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(decoded.error.details).toMatchObject({
      reason: 'INVALID_PAYLOAD',
      eventId: '0195514c-7c00-7a2b-8c3d-4e5f60718293',
      type: 'DossierRouted',
      schemaVersion: 1,
    });
    expect((decoded.error.details.issues as { path: string }[]).map((i) => i.path)).toEqual([
      'stepName',
      'departmentId',
      'transferAt',
      'stepDueAt',
    ]);
  });
});

describe('timestamps in events', () => {
  it('must be RFC 3339 with a zone and a real calendar date', () => {
    expect(isTimestamp('2025-03-01T02:00:00Z')).toBe(true);
    expect(isTimestamp('2025-03-01T09:00:00.123456789+07:00')).toBe(true);
    expect(isTimestamp('2025-03-01T02:00:00')).toBe(false);
    expect(isTimestamp('2025-03-01')).toBe(false);
    expect(isTimestamp('2024-02-29T00:00:00Z')).toBe(true);
    expect(isTimestamp('2025-02-29T00:00:00Z')).toBe(false);
    expect(isTimestamp(1740794400000)).toBe(false);
  });
});

describe('the rulebook an event was decided under', () => {
  it('travels in the envelope when the event has one', () => {
    const decoded = decodeRecordedEvent(
      encodeEnvelope(envelope({ rulebookId: 'decree-118-2025-circular-03' })),
    );
    expect(decoded.ok && decoded.event.rulebookId).toBe('decree-118-2025-circular-03');
  });

  it('is absent on an event recorded before rulebooks existed, which still decodes as it was', () => {
    const old = withRaw((raw) => {
      delete raw.rulebookId;
    });
    const decoded = decodeRecordedEvent(old);
    expect(decoded.ok).toBe(true);
    expect(decoded.ok && 'rulebookId' in decoded.event).toBe(false);
    expect(decoded.ok && originalEnvelopeOf(decoded.event)).toEqual(JSON.parse(old));
  });
});

describe('the envelope as it arrived', () => {
  it('stays exactly what arrived when an old payload is upcast (it is what the hash covers)', () => {
    const wire = JSON.stringify(
      JSON.parse(
        encodeEnvelope(
          envelope({
            type: 'DossierReceived',
            schemaVersion: 1,
            payload: DossierReceivedV1.toJSON(dossierReceived()) as Record<string, unknown>,
          }),
        ).toString('utf8'),
      ),
    );
    const decoded = decodeRecordedEvent(Buffer.from(wire));
    expect(decoded.ok && decoded.event.payload.competentCenterId).toBe('center-q1');
    expect(decoded.ok && JSON.stringify(originalEnvelopeOf(decoded.event))).toBe(wire);
  });
});
