/**
 * What each payload message (proto/motcua/events/v1/dossier_events.proto) requires beyond its proto
 * types. Keep in step with the proto: a field added there is optional here until stated otherwise.
 */
import type { Shape } from './shape.js';

const text = { kind: 'string', required: true } as const;
const optionalText = { kind: 'string' } as const;
const time = { kind: 'timestamp', required: true } as const;

export const CHANNELS = ['counter', 'online', 'postal'] as const;
export const TIME_LIMIT_UNITS = ['working_days', 'calendar_days', 'working_hours', 'same_day'] as const;
export const RETURN_METHODS = ['counter', 'postal', 'electronic'] as const;
export const NOTIFICATION_CHANNELS = ['email', 'sms', 'zalo'] as const;

export const dossierReceivedV1: Shape = {
  dossierCode: text,
  lookupKeyHash: text,
  procedureCode: text,
  procedureVersion: { kind: 'uint', required: true },
  procedureName: text,
  channel: { kind: 'string', required: true, oneOf: CHANNELS },
  receivingUnitCode: text,
  centerId: text,
  applicant: {
    kind: 'object',
    required: true,
    fields: {
      fullName: text,
      idNumber: optionalText,
      phone: optionalText,
      email: optionalText,
      address: optionalText,
    },
  },
  documents: {
    kind: 'array',
    items: { name: text, original: { kind: 'bool' }, count: { kind: 'uint' } },
  },
  receivedAt: time,
  appointmentAt: time,
  legalTimeLimit: {
    kind: 'object',
    required: true,
    // value is 0 (so absent) for same_day.
    fields: { value: { kind: 'uint' }, unit: { kind: 'string', required: true, oneOf: TIME_LIMIT_UNITS } },
  },
};

export const dossierRoutedV1: Shape = {
  stepId: text,
  stepName: text,
  stepIndex: { kind: 'uint' },
  departmentId: text,
  departmentName: optionalText,
  transferAt: time,
  stepDueAt: time,
};

export const taskQueuedV1: Shape = {
  taskId: text,
  stepId: text,
  departmentId: text,
  stepName: text,
  dueAt: time,
};

export const dossierWorkflowAssignedV1: Shape = {
  procedureCode: text,
  procedureVersion: { kind: 'uint', required: true },
  workflow: {
    kind: 'array',
    required: true,
    items: {
      stepId: text,
      name: text,
      departmentId: text,
      departmentName: optionalText,
      role: text,
      allottedWorkingHours: { kind: 'uint', required: true },
    },
  },
};

export const stepCompletedV1: Shape = {
  taskId: text,
  stepId: text,
  departmentId: text,
  officerId: text,
  outcome: text,
  note: optionalText,
  completedAt: time,
};

export const dossierProcessingCompletedV1: Shape = {
  outcome: text,
  resultSummary: optionalText,
  completedAt: time,
};

export const resultReceivedAtCounterV1: Shape = { receivedAt: time };

export const resultReturnedV1: Shape = {
  returnedAt: time,
  method: { kind: 'string', required: true, oneOf: RETURN_METHODS },
  receiverName: optionalText,
  proxy: { kind: 'bool' },
};

export const applicantNotifiedV1: Shape = {
  channel: { kind: 'string', required: true, oneOf: NOTIFICATION_CHANNELS },
  template: text,
  recipientMasked: text,
  messageId: text,
  triggeredByEventId: text,
  sentAt: time,
};
