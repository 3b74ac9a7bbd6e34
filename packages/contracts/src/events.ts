/**
 * The event catalogue: every event type, its schema versions, and typed decoding of payloads.
 * The payload messages in dossier_events.proto are the schemas; this adds what proto3 cannot say
 * (required fields, formats) and upcasting from older versions.
 */
import { DomainError } from './errors.js';
import * as shapes from './event-shapes.js';
import {
  ApologyIssuedV1,
  ApologyPromptedV1,
  ApplicantFeedbackGivenV1,
  ApplicantNotificationFailedV1,
  ApplicantNotifiedV2,
  BranchCompletedV1,
  DailyDigestIssuedV1,
  DossierNearDueV1,
  DossierOverdueV1,
  DossierProcessingClosedV1,
  DossierProcessingCompletedV1,
  DossierProcessingStoppedV1,
  DossierReceivedV2,
  DossierRefusedAfterAppraisalV1,
  DossierRefusedAtIntakeV1,
  DossierRoutedV1,
  DossierSubmittedOnlineV1,
  DossierUnitsSucceededV1,
  DossierWithdrawnV1,
  DossierWorkflowAssignedV2,
  FeePaidV1,
  FinancialObligationNotifiedV1,
  IntakeSupplementRequestedV1,
  OnlineDocumentAttachedV1,
  ProcessingClockRestartedV1,
  ProcessingClockResumedV1,
  ResultFileAttachedV1,
  ResultReceivedAtCounterV1,
  ResultReturnedV1,
  StepCompletedV1,
  StepEscalatedV1,
  StepNearDueV1,
  StepOverdueV1,
  StepReturnedV1,
  SupplementReceivedV1,
  SupplementRequestedV1,
  TaskAssignedV1,
  TaskClaimedV1,
  TaskClosedV1,
  TaskQueuedV1,
  VerificationRecordedV1,
} from './gen/motcua/events/v1/dossier_events.js';
import { checkShape, isJsonObject, type JsonObject, type Shape } from './shape.js';
import { UpcasterRegistry, type UpcastResult } from './upcasting.js';

export const EVENT_TYPES = [
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
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** The current payload type of each event type. */
export interface EventPayloadMap {
  DossierReceived: DossierReceivedV2;
  DossierWorkflowAssigned: DossierWorkflowAssignedV2;
  DossierRouted: DossierRoutedV1;
  TaskQueued: TaskQueuedV1;
  StepCompleted: StepCompletedV1;
  DossierProcessingCompleted: DossierProcessingCompletedV1;
  ResultReceivedAtCounter: ResultReceivedAtCounterV1;
  ResultReturned: ResultReturnedV1;
  ApplicantNotified: ApplicantNotifiedV2;
  ApplicantNotificationFailed: ApplicantNotificationFailedV1;
  DossierSubmittedOnline: DossierSubmittedOnlineV1;
  DossierRefusedAtIntake: DossierRefusedAtIntakeV1;
  IntakeSupplementRequested: IntakeSupplementRequestedV1;
  SupplementReceived: SupplementReceivedV1;
  FeePaid: FeePaidV1;
  DossierWithdrawn: DossierWithdrawnV1;
  SupplementRequested: SupplementRequestedV1;
  ProcessingClockRestarted: ProcessingClockRestartedV1;
  FinancialObligationNotified: FinancialObligationNotifiedV1;
  ProcessingClockResumed: ProcessingClockResumedV1;
  DossierRefusedAfterAppraisal: DossierRefusedAfterAppraisalV1;
  ApologyIssued: ApologyIssuedV1;
  DossierProcessingStopped: DossierProcessingStoppedV1;
  DossierProcessingClosed: DossierProcessingClosedV1;
  BranchCompleted: BranchCompletedV1;
  TaskAssigned: TaskAssignedV1;
  TaskClaimed: TaskClaimedV1;
  VerificationRecorded: VerificationRecordedV1;
  StepReturned: StepReturnedV1;
  TaskClosed: TaskClosedV1;
  StepNearDue: StepNearDueV1;
  StepOverdue: StepOverdueV1;
  StepEscalated: StepEscalatedV1;
  DossierNearDue: DossierNearDueV1;
  DossierOverdue: DossierOverdueV1;
  ApologyPrompted: ApologyPromptedV1;
  DailyDigestIssued: DailyDigestIssuedV1;
  ApplicantFeedbackGiven: ApplicantFeedbackGivenV1;
  OnlineDocumentAttached: OnlineDocumentAttachedV1;
  ResultFileAttached: ResultFileAttachedV1;
  DossierUnitsSucceeded: DossierUnitsSucceededV1;
}

/** A decoded event: narrow on `type` to get the typed payload. */
export type DomainEvent = { [K in EventType]: { type: K; payload: EventPayloadMap[K] } }[EventType];

export type Decoded<T> = { ok: true; value: T } | { ok: false; error: DomainError };

interface Codec<T> {
  fromJSON(object: unknown): T;
  toJSON(message: T): unknown;
}

interface EventSchema<T> {
  current: number;
  /** Codec of the current version. */
  codec: Codec<T>;
  /** Shape of every version still readable (old ones are upcast after the check). */
  shapes: Readonly<Record<number, Shape>>;
}

const SCHEMAS: { readonly [K in EventType]: EventSchema<EventPayloadMap[K]> } = {
  DossierReceived: {
    current: 2,
    codec: DossierReceivedV2,
    shapes: { 1: shapes.dossierReceivedV1, 2: shapes.dossierReceivedV2 },
  },
  DossierWorkflowAssigned: {
    current: 2,
    codec: DossierWorkflowAssignedV2,
    shapes: { 1: shapes.dossierWorkflowAssignedV1, 2: shapes.dossierWorkflowAssignedV2 },
  },
  DossierRouted: { current: 1, codec: DossierRoutedV1, shapes: { 1: shapes.dossierRoutedV1 } },
  TaskQueued: { current: 1, codec: TaskQueuedV1, shapes: { 1: shapes.taskQueuedV1 } },
  StepCompleted: { current: 1, codec: StepCompletedV1, shapes: { 1: shapes.stepCompletedV1 } },
  DossierProcessingCompleted: {
    current: 1,
    codec: DossierProcessingCompletedV1,
    shapes: { 1: shapes.dossierProcessingCompletedV1 },
  },
  ResultReceivedAtCounter: {
    current: 1,
    codec: ResultReceivedAtCounterV1,
    shapes: { 1: shapes.resultReceivedAtCounterV1 },
  },
  ResultReturned: { current: 1, codec: ResultReturnedV1, shapes: { 1: shapes.resultReturnedV1 } },
  ApplicantNotified: {
    current: 2,
    codec: ApplicantNotifiedV2,
    shapes: { 1: shapes.applicantNotifiedV1, 2: shapes.applicantNotifiedV2 },
  },
  ApplicantNotificationFailed: {
    current: 1,
    codec: ApplicantNotificationFailedV1,
    shapes: { 1: shapes.applicantNotificationFailedV1 },
  },
  DossierSubmittedOnline: {
    current: 1,
    codec: DossierSubmittedOnlineV1,
    shapes: { 1: shapes.dossierSubmittedOnlineV1 },
  },
  DossierRefusedAtIntake: {
    current: 1,
    codec: DossierRefusedAtIntakeV1,
    shapes: { 1: shapes.dossierRefusedAtIntakeV1 },
  },
  IntakeSupplementRequested: {
    current: 1,
    codec: IntakeSupplementRequestedV1,
    shapes: { 1: shapes.intakeSupplementRequestedV1 },
  },
  SupplementReceived: { current: 1, codec: SupplementReceivedV1, shapes: { 1: shapes.supplementReceivedV1 } },
  FeePaid: { current: 1, codec: FeePaidV1, shapes: { 1: shapes.feePaidV1 } },
  DossierWithdrawn: { current: 1, codec: DossierWithdrawnV1, shapes: { 1: shapes.dossierWithdrawnV1 } },
  SupplementRequested: {
    current: 1,
    codec: SupplementRequestedV1,
    shapes: { 1: shapes.supplementRequestedV1 },
  },
  ProcessingClockRestarted: {
    current: 1,
    codec: ProcessingClockRestartedV1,
    shapes: { 1: shapes.processingClockRestartedV1 },
  },
  FinancialObligationNotified: {
    current: 1,
    codec: FinancialObligationNotifiedV1,
    shapes: { 1: shapes.financialObligationNotifiedV1 },
  },
  ProcessingClockResumed: {
    current: 1,
    codec: ProcessingClockResumedV1,
    shapes: { 1: shapes.processingClockResumedV1 },
  },
  DossierRefusedAfterAppraisal: {
    current: 1,
    codec: DossierRefusedAfterAppraisalV1,
    shapes: { 1: shapes.dossierRefusedAfterAppraisalV1 },
  },
  ApologyIssued: { current: 1, codec: ApologyIssuedV1, shapes: { 1: shapes.apologyIssuedV1 } },
  DossierProcessingStopped: {
    current: 1,
    codec: DossierProcessingStoppedV1,
    shapes: { 1: shapes.dossierProcessingStoppedV1 },
  },
  DossierProcessingClosed: {
    current: 1,
    codec: DossierProcessingClosedV1,
    shapes: { 1: shapes.dossierProcessingClosedV1 },
  },
  BranchCompleted: { current: 1, codec: BranchCompletedV1, shapes: { 1: shapes.branchCompletedV1 } },
  TaskAssigned: { current: 1, codec: TaskAssignedV1, shapes: { 1: shapes.taskAssignedV1 } },
  TaskClaimed: { current: 1, codec: TaskClaimedV1, shapes: { 1: shapes.taskClaimedV1 } },
  VerificationRecorded: {
    current: 1,
    codec: VerificationRecordedV1,
    shapes: { 1: shapes.verificationRecordedV1 },
  },
  StepReturned: { current: 1, codec: StepReturnedV1, shapes: { 1: shapes.stepReturnedV1 } },
  TaskClosed: { current: 1, codec: TaskClosedV1, shapes: { 1: shapes.taskClosedV1 } },
  StepNearDue: { current: 1, codec: StepNearDueV1, shapes: { 1: shapes.stepNearDueV1 } },
  StepOverdue: { current: 1, codec: StepOverdueV1, shapes: { 1: shapes.stepOverdueV1 } },
  StepEscalated: { current: 1, codec: StepEscalatedV1, shapes: { 1: shapes.stepEscalatedV1 } },
  DossierNearDue: { current: 1, codec: DossierNearDueV1, shapes: { 1: shapes.dossierNearDueV1 } },
  DossierOverdue: { current: 1, codec: DossierOverdueV1, shapes: { 1: shapes.dossierOverdueV1 } },
  ApologyPrompted: { current: 1, codec: ApologyPromptedV1, shapes: { 1: shapes.apologyPromptedV1 } },
  DailyDigestIssued: { current: 1, codec: DailyDigestIssuedV1, shapes: { 1: shapes.dailyDigestIssuedV1 } },
  ApplicantFeedbackGiven: {
    current: 1,
    codec: ApplicantFeedbackGivenV1,
    shapes: { 1: shapes.applicantFeedbackGivenV1 },
  },
  OnlineDocumentAttached: {
    current: 1,
    codec: OnlineDocumentAttachedV1,
    shapes: { 1: shapes.onlineDocumentAttachedV1 },
  },
  ResultFileAttached: {
    current: 1,
    codec: ResultFileAttachedV1,
    shapes: { 1: shapes.resultFileAttachedV1 },
  },
  DossierUnitsSucceeded: {
    current: 1,
    codec: DossierUnitsSucceededV1,
    shapes: { 1: shapes.dossierUnitsSucceededV1 },
  },
};

export const CURRENT_VERSIONS: Readonly<Record<EventType, number>> = Object.fromEntries(
  EVENT_TYPES.map((t) => [t, SCHEMAS[t].current]),
) as Record<EventType, number>;

/** Upcasters of the real catalogue. Register steps here when a V2 payload is introduced. */
export const upcasters = new UpcasterRegistry<EventType>(CURRENT_VERSIONS)
  .register(
    'DossierReceived',
    1,
    // Before Decree 118/2025 the center that received a dossier decided it and returned its result.
    (p) => ({
      ...p,
      receivingCenterId: p.centerId,
      competentCenterId: p.centerId,
      returnCenterId: p.centerId,
    }),
  )
  .register(
    'DossierWorkflowAssigned',
    1,
    // V1 was stamped with the scheduled transfer as its occurredAt and has no transferAt field; the
    // stamp cannot be told apart here, so the field stays absent (the first DossierRouted carries it).
    (payload) => ({ ...payload }),
  )
  .register(
    'ApplicantNotified',
    1,
    // V1 did not say whether the channel confirmed the message; it is not guessed.
    (payload) => ({ ...payload, delivery: 'unrecorded' }),
  );

export function upcast(type: EventType, version: number, payload: JsonObject): UpcastResult {
  return upcasters.upcast(type, version, payload);
}

const EVENT_TYPE_SET: ReadonlySet<string> = new Set(EVENT_TYPES);

export function isEventType(type: unknown): type is EventType {
  return typeof type === 'string' && EVENT_TYPE_SET.has(type);
}

/** True when this build can read `type` at `version`. */
export function isKnownVersion(type: EventType, version: number): boolean {
  return Object.hasOwn(SCHEMAS[type].shapes, version);
}

export function currentVersion(type: EventType): number {
  return SCHEMAS[type].current;
}

function poison(reason: string, details: Record<string, unknown>): { ok: false; error: DomainError } {
  return { ok: false, error: new DomainError('POISON_MESSAGE', { details: { reason, ...details } }) };
}

/**
 * Validates a payload's JSON at `version`, upcasts it to the current version and decodes it.
 * Errors are POISON_MESSAGE with `details.reason` and, for bad fields, `details.issues`.
 */
export function decodePayload<T extends EventType>(
  type: T,
  version: number,
  json: unknown,
): Decoded<EventPayloadMap[T]> {
  const schema: EventSchema<EventPayloadMap[T]> = SCHEMAS[type];
  const shape = Object.hasOwn(schema.shapes, version) ? schema.shapes[version] : undefined;
  if (!shape) return poison('UNKNOWN_SCHEMA_VERSION', { type, schemaVersion: version });
  const issues = checkShape(json, shape);
  if (issues.length > 0 || !isJsonObject(json)) {
    return poison('INVALID_PAYLOAD', { type, schemaVersion: version, issues });
  }
  const up = upcast(type, version, json);
  if (!up.ok) return up;
  if (version !== schema.current) {
    // An upcaster bug must not slip through as a valid current payload.
    const after = schema.shapes[schema.current] ?? {};
    const upIssues = checkShape(up.payload, after);
    if (upIssues.length > 0) {
      return poison('INVALID_PAYLOAD', { type, schemaVersion: version, upcast: true, issues: upIssues });
    }
  }
  return { ok: true, value: schema.codec.fromJSON(up.payload) };
}

/** Decodes into the DomainEvent union (type checked at run time). */
export function decodeEvent(type: string, version: number, json: unknown): Decoded<DomainEvent> {
  if (!isEventType(type)) return poison('UNKNOWN_EVENT_TYPE', { type });
  const decoded = decodePayload(type, version, json);
  return decoded.ok ? { ok: true, value: { type, payload: decoded.value } as DomainEvent } : decoded;
}

/**
 * The proto3 JSON of a current-version payload, for EventEnvelope.payload.
 * Throws INVALID_EVENT when it breaks its schema, so no producer writes a poison message.
 */
export function encodePayload<T extends EventType>(type: T, payload: EventPayloadMap[T]): JsonObject {
  const schema: EventSchema<EventPayloadMap[T]> = SCHEMAS[type];
  const json = schema.codec.toJSON(payload) as JsonObject;
  const issues = checkShape(json, schema.shapes[schema.current] ?? {});
  if (issues.length > 0) {
    throw new DomainError('INVALID_EVENT', { details: { type, schemaVersion: schema.current, issues } });
  }
  return json;
}
