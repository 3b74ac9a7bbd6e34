/**
 * What each payload message (proto/motcua/events/v1/dossier_events.proto) requires beyond its proto
 * types. Keep in step with the proto: a field added there is optional here until stated otherwise.
 */
import type { FieldRule, Shape } from './shape.js';

export const CHANNELS = ['counter', 'online', 'postal'] as const;
export const TIME_LIMIT_UNITS = ['working_days', 'calendar_days', 'working_hours', 'same_day'] as const;
export const RETURN_METHODS = ['counter', 'postal', 'electronic'] as const;
export const NOTIFICATION_CHANNELS = ['email', 'sms', 'zalo'] as const;
/** `unrecorded`: an ApplicantNotified V1, written before the delivery was recorded. */
export const NOTIFICATION_DELIVERIES = ['accepted', 'unconfirmed', 'unrecorded'] as const;
export const OUTCOMES = ['approved', 'refused'] as const;
export const PAYMENT_METHODS = ['counter', 'postal', 'online'] as const;

const text = { kind: 'string', required: true } as const;
const optionalText = { kind: 'string' } as const;
const time = { kind: 'timestamp', required: true } as const;
const optionalTime = { kind: 'timestamp' } as const;
const flag = { kind: 'bool' } as const;
const count = { kind: 'uint', required: true } as const;
const document: Shape = {
  name: text,
  original: flag,
  count: { kind: 'uint' },
  documentId: optionalText,
  sha256: optionalText,
};
const applicant: FieldRule = {
  kind: 'object',
  required: true,
  fields: {
    fullName: text,
    idNumber: optionalText,
    phone: optionalText,
    email: optionalText,
    address: optionalText,
  },
};
const timeLimit: FieldRule = {
  kind: 'object',
  required: true,
  fields: { value: { kind: 'uint' }, unit: { kind: 'string', required: true, oneOf: TIME_LIMIT_UNITS } },
};

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
  documents: { kind: 'array', items: document },
  receivedAt: time,
  appointmentAt: time,
  legalTimeLimit: {
    kind: 'object',
    required: true,
    // value is 0 (so absent) for same_day.
    fields: { value: { kind: 'uint' }, unit: { kind: 'string', required: true, oneOf: TIME_LIMIT_UNITS } },
  },
  checklist: {
    kind: 'array',
    items: { documentName: text, required: { kind: 'bool' }, provided: { kind: 'bool' } },
  },
  guidance: optionalText,
  cutoffApplies: { kind: 'bool' },
  fromOnlineSubmission: { kind: 'bool' },
};

/** V2 (Decree 118/2025): the receiving, competent and return centers apart. */
export const dossierReceivedV2: Shape = {
  ...dossierReceivedV1,
  receivingCenterId: text,
  competentCenterId: text,
  returnCenterId: text,
};

export const dossierRoutedV1: Shape = {
  stepId: text,
  stepName: text,
  stepIndex: { kind: 'uint' },
  departmentId: text,
  departmentName: optionalText,
  transferAt: time,
  stepDueAt: time,
  stage: { kind: 'uint' },
  returnedFromStepId: optionalText,
  role: { kind: 'string', oneOf: ['department_officer', 'department_head', 'district_leader'] },
};

export const taskQueuedV1: Shape = {
  taskId: text,
  stepId: text,
  departmentId: text,
  stepName: text,
  dueAt: time,
  role: { kind: 'string', oneOf: ['department_officer', 'department_head', 'district_leader'] },
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
      stage: { kind: 'uint' },
    },
  },
  receivedAt: time,
  appointmentAt: time,
  legalTimeLimit: timeLimit,
  clockExclusions: { kind: 'strings' },
  cutoffApplies: flag,
  centerId: optionalText,
};

/**
 * V2 adds the scheduled transfer (optional because V1 events upcast without one) and the applicant's
 * address (which successor takes the dossier should its center end while it is open).
 */
export const dossierWorkflowAssignedV2: Shape = {
  ...dossierWorkflowAssignedV1,
  transferAt: optionalTime,
  applicantAddress: optionalText,
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
  outcome: { kind: 'string', required: true, oneOf: OUTCOMES },
  resultSummary: optionalText,
  completedAt: time,
  appointmentAt: optionalTime,
  early: flag,
};

export const resultReceivedAtCounterV1: Shape = {
  receivedAt: time,
  outcome: { kind: 'string', oneOf: OUTCOMES },
};

export const resultReturnedV1: Shape = {
  returnedAt: time,
  method: { kind: 'string', required: true, oneOf: RETURN_METHODS },
  receiverName: optionalText,
  proxy: { kind: 'bool' },
  authorizationReference: optionalText,
  trackingNumber: optionalText,
};

/** What every event about one message to the applicant says of it. */
const applicantMessage: Shape = {
  channel: { kind: 'string', required: true, oneOf: NOTIFICATION_CHANNELS },
  template: text,
  recipientMasked: text,
  messageId: text,
  triggeredByEventId: text,
};

export const applicantNotifiedV1: Shape = { ...applicantMessage, sentAt: time };

export const applicantNotifiedV2: Shape = {
  ...applicantNotifiedV1,
  delivery: { kind: 'string', required: true, oneOf: NOTIFICATION_DELIVERIES },
  deliveryNote: optionalText,
};

export const applicantNotificationFailedV1: Shape = {
  ...applicantMessage,
  failedAt: time,
  reason: text,
  afterRetries: flag,
  attempts: { kind: 'uint' },
};

// ---- Intake ----

export const dossierSubmittedOnlineV1: Shape = {
  procedureCode: text,
  procedureVersion: count,
  procedureName: text,
  centerId: text,
  applicant,
  documents: { kind: 'array', items: document },
  submittedAt: time,
};

export const dossierRefusedAtIntakeV1: Shape = {
  reasons: { kind: 'strings', required: true },
  refusedAt: time,
  procedureCode: text,
  centerId: text,
};

export const intakeSupplementRequestedV1: Shape = {
  missingDocuments: { kind: 'strings', required: true },
  guidance: optionalText,
  requestedAt: time,
};

export const supplementReceivedV1: Shape = {
  documents: { kind: 'array', required: true, items: document },
  receivedAt: time,
  requestNumber: count,
};

export const feePaidV1: Shape = {
  amountVnd: { kind: 'uint' },
  method: { kind: 'string', required: true, oneOf: PAYMENT_METHODS },
  paidAt: time,
  receiptNumber: optionalText,
};

export const dossierWithdrawnV1: Shape = { reason: text, withdrawnAt: time };

/** rating 1…5 (the proto says uint32; the range is checked by intake's decider). */
export const applicantFeedbackGivenV1: Shape = { rating: count, comment: optionalText, givenAt: time };

export const onlineDocumentAttachedV1: Shape = {
  documentId: text,
  name: text,
  sha256: text,
  size: count,
  contentType: text,
  attachedAt: time,
  reusedFromDossierId: optionalText,
};

export const resultFileAttachedV1: Shape = {
  documentId: text,
  name: text,
  sha256: text,
  size: count,
  contentType: text,
  attachedAt: time,
};

// ---- Routing ----

export const dossierUnitsSucceededV1: Shape = {
  previousCenterId: text,
  centerId: text,
  centerName: text,
  units: {
    kind: 'array',
    items: { fromUnitId: text, toUnitId: text, toUnitName: text },
  },
  succeededAt: time,
  chosenBy: {
    kind: 'string',
    required: true,
    oneOf: ['only-successor', 'applicant-address', 'first-listed'],
  },
  legalBasis: text,
};

export const supplementRequestedV1: Shape = {
  requestNumber: count,
  missingDocuments: { kind: 'strings', required: true },
  reason: optionalText,
  stepId: text,
  requestedAt: time,
};

export const processingClockRestartedV1: Shape = { restartedAt: time, appointmentAt: time, reason: text };

export const financialObligationNotifiedV1: Shape = {
  amountVnd: count,
  description: text,
  pausesClock: flag,
  notifiedAt: time,
};

export const processingClockResumedV1: Shape = {
  resumedAt: time,
  pausedFrom: optionalTime,
  appointmentAt: time,
};

export const dossierRefusedAfterAppraisalV1: Shape = {
  reasons: { kind: 'strings', required: true },
  refusedAt: time,
  stepId: optionalText,
};

export const apologyIssuedV1: Shape = {
  previousAppointmentAt: time,
  newAppointmentAt: time,
  reason: text,
  issuedAt: time,
};

export const dossierProcessingStoppedV1: Shape = { reason: text, stoppedAt: time };

export const branchCompletedV1: Shape = {
  stepId: text,
  completedAt: time,
  remainingStepIds: { kind: 'strings', required: true },
};

export const dossierProcessingClosedV1: Shape = { reason: text, closedAt: time };

// ---- Department ----

export const taskAssignedV1: Shape = { taskId: text, officerId: text, assignedAt: time };

export const taskClaimedV1: Shape = { taskId: text, officerId: text, claimedAt: time };

export const verificationRecordedV1: Shape = {
  taskId: text,
  kind: { kind: 'string', required: true, oneOf: ['verification', 'consultation'] },
  counterpart: text,
  note: optionalText,
  deadline: optionalTime,
  recordedAt: time,
};

export const stepReturnedV1: Shape = {
  taskId: text,
  stepId: text,
  toStepId: text,
  reason: text,
  officerId: text,
  returnedAt: time,
};

export const taskClosedV1: Shape = { taskId: text, reason: text, closedAt: time };

// ---- Deadlines (docs/deadlines.md) ----

export const UNIT_KINDS = ['department', 'center'] as const;
export const ESCALATION_ROLES = ['department_head', 'center_leader'] as const;

const stepRef: Shape = {
  taskId: text,
  stepId: text,
  stepName: text,
  departmentId: text,
  centerId: text,
  assigneeId: optionalText,
  dueAt: time,
  procedureCode: optionalText,
};

export const stepNearDueV1: Shape = {
  ...stepRef,
  horizonWorkingMinutes: count,
  remindedAt: time,
};

export const stepOverdueV1: Shape = { ...stepRef, detectedAt: time };

export const stepEscalatedV1: Shape = {
  ...stepRef,
  level: count,
  escalatedToRole: { kind: 'string', required: true, oneOf: ESCALATION_ROLES },
  ruleId: text,
  ruleVersion: count,
  overdueWorkingMinutes: { kind: 'uint' },
  escalatedAt: time,
};

export const dossierNearDueV1: Shape = {
  centerId: text,
  procedureCode: optionalText,
  appointmentAt: time,
  horizonWorkingMinutes: count,
  departmentIds: { kind: 'strings' },
  detectedAt: time,
};

export const dossierOverdueV1: Shape = {
  centerId: text,
  procedureCode: optionalText,
  appointmentAt: time,
  departmentIds: { kind: 'strings' },
  detectedAt: time,
};

export const apologyPromptedV1: Shape = {
  centerId: text,
  procedureCode: optionalText,
  appointmentAt: time,
  apologyDeadline: time,
  departmentIds: { kind: 'strings', required: true },
  promptedAt: time,
};

const digestItem: Shape = {
  dossierId: text,
  dossierCode: optionalText,
  taskId: text,
  stepId: text,
  stepName: optionalText,
  departmentId: text,
  assigneeId: optionalText,
  dueAt: time,
  overdueWorkingMinutes: { kind: 'uint' },
  overdueWorkingDays: { kind: 'uint' },
};

export const dailyDigestIssuedV1: Shape = {
  unitId: text,
  unitKind: { kind: 'string', required: true, oneOf: UNIT_KINDS },
  centerId: text,
  workingDate: text,
  nextWorkingDate: text,
  dueToday: { kind: 'array', items: digestItem },
  dueTomorrow: { kind: 'array', items: digestItem },
  overdue: { kind: 'array', items: digestItem },
  issuedAt: time,
};
