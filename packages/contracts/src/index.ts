// Public API of @motcua/contracts: generated messages/services plus the hand-written event catalogue.
export * from './envelope.js';
export * from './errors.js';
export * from './events.js';
export type { TaskServiceServer } from './gen/motcua/department/v1/task_service.js';
export {
  ListQueueRequest,
  ListQueueResponse,
  Task,
  TaskServiceClient,
  TaskServiceService,
} from './gen/motcua/department/v1/task_service.js';
export {
  ApologyPromptedV1,
  Applicant,
  ApplicantNotificationFailedV1,
  ApplicantNotifiedV1,
  ApplicantNotifiedV2,
  DailyDigestIssuedV1,
  DigestItem,
  DossierNearDueV1,
  DossierOverdueV1,
  DossierProcessingCompletedV1,
  DossierReceivedV1,
  DossierReceivedV2,
  DossierRoutedV1,
  ReceivedDocument,
  ResultReceivedAtCounterV1,
  ResultReturnedV1,
  StepCompletedV1,
  StepEscalatedV1,
  StepNearDueV1,
  StepOverdueV1,
  TaskQueuedV1,
  TimeLimit,
} from './gen/motcua/events/v1/dossier_events.js';
export { Actor, EventEnvelope, TraceContext } from './gen/motcua/events/v1/envelope.js';
export type { DossierServiceServer } from './gen/motcua/intake/v1/dossier_service.js';
export {
  Dossier,
  DossierServiceClient,
  DossierServiceService,
  GetDossierRequest,
} from './gen/motcua/intake/v1/dossier_service.js';
export type { AuditServiceServer } from './gen/motcua/monitoring/v1/audit_service.js';
export {
  AuditServiceClient,
  AuditServiceService,
  DossierStateAt,
  GetReportIi06aRequest,
  GetStateAtRequest,
  GetTimelineRequest,
  Ii06aCounts,
  IntegrityVerification,
  ReportIi06a,
  Timeline,
  TimelineEntry,
} from './gen/motcua/monitoring/v1/audit_service.js';
export type { NotificationServiceServer } from './gen/motcua/notification/v1/notification_service.js';
export {
  ListMessagesRequest,
  ListMessagesResponse,
  Message,
  NotificationServiceClient,
  NotificationServiceService,
} from './gen/motcua/notification/v1/notification_service.js';
export type { CatalogueServiceServer } from './gen/motcua/routing/v1/catalogue_service.js';
export {
  CatalogueServiceClient,
  CatalogueServiceService,
  GetProcedureRequest,
  LegalTimeLimit,
  ListProceduresRequest,
  ListProceduresResponse,
  Procedure,
  WorkflowStep,
} from './gen/motcua/routing/v1/catalogue_service.js';
export * from './recorded-event.js';
export type { Issue, JsonObject } from './shape.js';
export * from './upcasting.js';
