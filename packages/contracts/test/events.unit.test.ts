import { describe, expect, it } from 'vitest';
import {
  CURRENT_VERSIONS,
  DossierReceivedV1,
  decodeEvent,
  decodePayload,
  EVENT_TYPES,
  encodePayload,
  type Issue,
  UpcasterRegistry,
  upcast,
} from '../src/index.js';
import { dossierReceived, dossierReceivedV2 } from './fixtures.js';

const issuesOf = (result: { ok: boolean; error?: { details: Record<string, unknown> } }): Issue[] =>
  (result.error?.details.issues as Issue[] | undefined) ?? [];

describe('the event catalogue', () => {
  it('lists every event type of the lifecycle at version 1; reception, workflow assignment and notification at 2', () => {
    expect(EVENT_TYPES).toEqual([
      'DossierReceived',
      'DossierWorkflowAssigned',
      'DossierRouted',
      'TaskQueued',
      'StepCompleted',
      'DossierProcessingCompleted',
      'ResultReceivedAtCounter',
      'ResultReturned',
      'ApplicantNotified',
      'ApplicantNotificationFailed',
      'DossierSubmittedOnline',
      'DossierRefusedAtIntake',
      'IntakeSupplementRequested',
      'SupplementReceived',
      'FeePaid',
      'DossierWithdrawn',
      'SupplementRequested',
      'ProcessingClockRestarted',
      'FinancialObligationNotified',
      'ProcessingClockResumed',
      'DossierRefusedAfterAppraisal',
      'ApologyIssued',
      'DossierProcessingStopped',
      'DossierProcessingClosed',
      'BranchCompleted',
      'TaskAssigned',
      'TaskClaimed',
      'VerificationRecorded',
      'StepReturned',
      'TaskClosed',
      'StepNearDue',
      'StepOverdue',
      'StepEscalated',
      'DossierNearDue',
      'DossierOverdue',
      'ApologyPrompted',
      'DailyDigestIssued',
      'ApplicantFeedbackGiven',
      'OnlineDocumentAttached',
      'ResultFileAttached',
      'DossierUnitsSucceeded',
    ]);
    expect(CURRENT_VERSIONS).toEqual({
      ...Object.fromEntries(EVENT_TYPES.map((t) => [t, 1])),
      DossierReceived: 2,
      DossierWorkflowAssigned: 2,
      ApplicantNotified: 2,
    });
  });

  it('round-trips a payload through encodePayload and decodePayload', () => {
    const payload = dossierReceivedV2();
    const json = encodePayload('DossierReceived', payload);
    expect(json.receivingUnitCode).toBe('UBND-Q1');
    const decoded = decodePayload('DossierReceived', 2, JSON.parse(JSON.stringify(json)));
    expect(decoded).toEqual({ ok: true, value: payload });
  });

  it('reads a V1 reception as received, decided and returned at the one center that received it', () => {
    const v1 = JSON.parse(JSON.stringify(DossierReceivedV1.toJSON(dossierReceived())));
    const decoded = decodePayload('DossierReceived', 1, v1);
    expect(decoded).toEqual({
      ok: true,
      value: {
        ...dossierReceived(),
        receivingCenterId: 'center-q1',
        competentCenterId: 'center-q1',
        returnCenterId: 'center-q1',
      },
    });
  });

  it('refuses a V2 reception that does not name its three centers', () => {
    const json = JSON.parse(JSON.stringify(DossierReceivedV1.toJSON(dossierReceived())));
    const decoded = decodePayload('DossierReceived', 2, json);
    expect(decoded.ok || decoded.error.details.reason).toBe('INVALID_PAYLOAD');
  });

  it('accepts proto field names (snake_case) as proto3 JSON requires', () => {
    const json = {
      task_id: 't-1',
      step_id: 's-1',
      department_id: 'dept-1',
      step_name: 'Thụ lý',
      due_at: '2026-03-04T10:00:00.000Z',
      role: 'department_head',
    };
    const decoded = decodePayload('TaskQueued', 1, json);
    expect(decoded).toEqual({
      ok: true,
      value: {
        taskId: 't-1',
        stepId: 's-1',
        departmentId: 'dept-1',
        stepName: 'Thụ lý',
        dueAt: '2026-03-04T10:00:00.000Z',
        role: 'department_head',
      },
    });
  });

  it('lists every missing or invalid field instead of filling defaults', () => {
    const json = DossierReceivedV1.toJSON(dossierReceived()) as Record<string, unknown>;
    delete json.dossierCode;
    json.channel = 'fax';
    json.appointmentAt = 'next Tuesday';
    json.applicant = { phone: '0901234567' };
    json.documents = [{ original: true }];
    const decoded = decodePayload('DossierReceived', 1, json);
    expect(decoded.ok).toBe(false);
    expect(decoded.ok || decoded.error.code).toBe('POISON_MESSAGE');
    expect(decoded.ok || decoded.error.details.reason).toBe('INVALID_PAYLOAD');
    expect(issuesOf(decoded)).toEqual([
      { path: 'dossierCode', problem: 'missing', expected: 'non-empty string' },
      { path: 'channel', problem: 'invalid', expected: 'one of counter|online|postal' },
      { path: 'applicant.fullName', problem: 'missing', expected: 'non-empty string' },
      { path: 'documents[0].name', problem: 'missing', expected: 'non-empty string' },
      { path: 'appointmentAt', problem: 'invalid', expected: 'RFC 3339 timestamp' },
    ]);
  });

  it('treats an empty string as missing, since proto3 JSON omits defaults', () => {
    const decoded = decodePayload('TaskQueued', 1, {
      taskId: '',
      stepId: 's',
      departmentId: 'd',
      stepName: 'n',
      dueAt: '2026-03-04T10:00:00.000Z',
    });
    expect(issuesOf(decoded)).toEqual([{ path: 'taskId', problem: 'missing', expected: 'non-empty string' }]);
  });

  it('rejects a payload that is not a JSON object', () => {
    expect(issuesOf(decodePayload('TaskQueued', 1, ['t-1']))).toEqual([
      { path: '$', problem: 'invalid', expected: 'object' },
    ]);
  });

  it('rejects a schema version this build does not know', () => {
    const decoded = decodePayload('TaskQueued', 2, { taskId: 't', stepId: 's', departmentId: 'd' });
    expect(decoded.ok || decoded.error.details).toMatchObject({ reason: 'UNKNOWN_SCHEMA_VERSION' });
  });

  it('decodes into a union narrowed by type, and refuses unknown types', () => {
    const decoded = decodeEvent('ResultReceivedAtCounter', 1, { receivedAt: '2025-03-10T03:00:00Z' });
    expect(
      decoded.ok && decoded.value.type === 'ResultReceivedAtCounter' && decoded.value.payload.receivedAt,
    ).toBe('2025-03-10T03:00:00Z');
    const unknown = decodeEvent('DossierTeleported', 1, {});
    expect(unknown.ok || unknown.error.details).toMatchObject({ reason: 'UNKNOWN_EVENT_TYPE' });
  });

  it('refuses to encode a payload that breaks its schema', () => {
    const bad = { ...dossierReceivedV2(), appointmentAt: undefined };
    expect(() => encodePayload('DossierReceived', bad)).toThrow(
      expect.objectContaining({ code: 'INVALID_EVENT' }),
    );
  });

  it('reads a V1 workflow assignment, stamped with its transfer, as V2 without a transfer time', () => {
    const v1 = {
      procedureCode: '2.000575',
      procedureVersion: 1,
      workflow: [
        {
          stepId: 's',
          name: 'Thụ lý',
          departmentId: 'd',
          role: 'department_officer',
          allottedWorkingHours: 8,
        },
      ],
      receivedAt: '2026-03-06T17:40:00Z',
      appointmentAt: '2026-03-12T10:00:00Z',
      legalTimeLimit: { value: 3, unit: 'working_days' },
      centerId: 'hue-city',
    };
    const decoded = decodePayload('DossierWorkflowAssigned', 1, v1);
    expect(decoded.ok && decoded.value.procedureCode).toBe('2.000575');
    expect(decoded.ok && decoded.value.transferAt).toBeUndefined();
    const v2 = decodePayload('DossierWorkflowAssigned', 2, { ...v1, transferAt: '2026-03-09T00:30:00Z' });
    expect(v2.ok && v2.value.transferAt).toBe('2026-03-09T00:30:00Z');
  });

  it('reads an ApplicantNotified V1 as a delivery that was not recorded, never as a confirmed one', () => {
    const v1 = {
      channel: 'email',
      template: 'dossier-received',
      recipientMasked: 'n***@example.com',
      messageId: 'e1:email',
      triggeredByEventId: 'e1',
      sentAt: '2026-03-06T03:00:00Z',
    };
    const decoded = decodePayload('ApplicantNotified', 1, v1);
    expect(decoded.ok && decoded.value.delivery).toBe('unrecorded');
    const v2 = decodePayload('ApplicantNotified', 2, {
      ...v1,
      delivery: 'unconfirmed',
      deliveryNote: 'lost',
    });
    expect(v2.ok && [v2.value.delivery, v2.value.deliveryNote]).toEqual(['unconfirmed', 'lost']);
  });

  it('refuses an ApplicantNotified V2 without its delivery, or with one it does not know', () => {
    const v2 = {
      channel: 'sms',
      template: 'result-ready',
      recipientMasked: '09******12',
      messageId: 'e2:sms',
      triggeredByEventId: 'e2',
      sentAt: '2026-03-06T03:00:00Z',
    };
    expect(decodePayload('ApplicantNotified', 2, v2).ok).toBe(false);
    expect(decodePayload('ApplicantNotified', 2, { ...v2, delivery: 'delivered' }).ok).toBe(false);
  });

  it('leaves a current-version payload unchanged when upcasting', () => {
    const payload = { receivedAt: '2025-03-10T03:00:00Z' };
    expect(upcast('ResultReceivedAtCounter', 1, payload)).toEqual({ ok: true, version: 1, payload });
  });
});

describe('an upcaster registry', () => {
  // Test-only catalogue: "Sample" is at v3; v1 named the field `name`, v2 split it, v3 added `unit`.
  const registry = () =>
    new UpcasterRegistry<'Sample' | 'Other'>({ Sample: 3, Other: 1 })
      .register('Sample', 1, ({ name, ...rest }) => {
        const [first, ...others] = String(name).split(' ');
        return { ...rest, firstName: first, lastName: others.join(' ') };
      })
      .register('Sample', 2, (p) => ({ ...p, unit: 'working_days' }));

  it('chains every step from an old version to the current one', () => {
    expect(registry().upcast('Sample', 1, { name: 'Trần Thị Bình', id: 7 })).toEqual({
      ok: true,
      version: 3,
      payload: { id: 7, firstName: 'Trần', lastName: 'Thị Bình', unit: 'working_days' },
    });
    expect(registry().upcast('Sample', 2, { firstName: 'A', lastName: 'B' })).toMatchObject({
      ok: true,
      payload: { firstName: 'A', lastName: 'B', unit: 'working_days' },
    });
  });

  it('reports a missing step as poison with a stable reason', () => {
    const partial = new UpcasterRegistry<'Sample'>({ Sample: 3 }).register('Sample', 2, (p) => p);
    const result = partial.upcast('Sample', 1, {});
    expect(result.ok || result.error.details).toEqual({
      reason: 'NO_UPCASTER',
      type: 'Sample',
      fromVersion: 1,
    });
  });

  it('reports a version newer than the current one as unknown', () => {
    const result = registry().upcast('Sample', 4, {});
    expect(result.ok || result.error.details).toMatchObject({ reason: 'UNKNOWN_SCHEMA_VERSION' });
  });

  it('reports an upcaster that throws as poison and keeps the cause', () => {
    const boom = new Error('boom');
    const failing = new UpcasterRegistry<'Sample'>({ Sample: 2 }).register('Sample', 1, () => {
      throw boom;
    });
    const result = failing.upcast('Sample', 1, {});
    expect(result.ok || result.error.details.reason).toBe('UPCAST_FAILED');
    expect(result.ok || result.error.cause).toBe(boom);
  });

  it('refuses steps that do not lead to the current version, and duplicates', () => {
    expect(() => registry().register('Other', 1, (p) => p)).toThrow(RangeError);
    expect(() => registry().register('Sample', 1, (p) => p)).toThrow(/already registered/);
  });
});
