import type { Resource } from './authorize.js';
import type { Action } from './matrix.js';

/**
 * Where the resource a scope is checked against comes from:
 * - `actor`: the command acts in the actor's own center/department (receiving at one's counter);
 * - `duties`: a task's step: the guard checks the role; the unit, the step's required role and the
 *   assignee are decided once, by the department's task decider with duties.ts (mayActOnTask);
 * - `input`: fields of the route's params (HTTP) or of the request message (gRPC);
 * - `lookup`: loaded by the service before the handler runs, from a loader it registers by `kind`
 *   (ServiceParts.resources), keyed by the param `key`: commands on an existing dossier;
 * - `result`: a read is checked on what it would answer, before it is sent.
 * Without a source the resource is empty: only `any` grants pass.
 */
export type ResourceSource =
  | { from: 'actor' }
  | { from: 'duties' }
  | { from: 'input'; fields: { [K in Exclude<keyof Resource, 'centerIds'>]?: string } }
  | { from: 'lookup'; kind: string; key: string }
  | { from: 'result'; pick?: (result: unknown) => Resource };

export interface Binding {
  action: Action;
  resource?: ResourceSource;
}

const ACTOR = { from: 'actor' } as const;
const DUTIES = { from: 'duties' } as const;
const RESULT = { from: 'result' } as const;
type SingleField = Exclude<keyof Resource, 'centerIds'>;
const input = (fields: { [K in SingleField]?: string }) => ({ from: 'input', fields }) as const;
const lookup = (kind: string, key: string) => ({ from: 'lookup', kind, key }) as const;
const DOSSIER = lookup('dossier', 'dossierId');
/** The center where the applicant collects the result (Decree 118/2025: the applicant's choice). */
const DOSSIER_RETURN = lookup('dossier-return', 'dossierId');

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const field = (o: unknown, name: string): unknown =>
  typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[name] : undefined;

/**
 * The default `result` pick: top-level centerId / departmentId / applicantId, and a dossier's
 * competent and return centers (the other centers it belongs to).
 */
export function pickResource(result: unknown): Resource {
  const r: Resource = {};
  for (const name of ['centerId', 'departmentId', 'applicantId'] as const) {
    const v = text(field(result, name));
    if (v) r[name] = v;
  }
  const others = ['competentCenterId', 'returnCenterId'].flatMap((name) => text(field(result, name)) ?? []);
  if (others.length > 0) r.centerIds = others;
  return r;
}

/** A timeline belongs to the center that received the dossier. */
const timelineCenter = (timeline: unknown): Resource => {
  const entries = field(timeline, 'entries');
  const received = Array.isArray(entries)
    ? entries.find((e) => field(e, 'type') === 'DossierReceived')
    : undefined;
  const centerId = text(field(field(received, 'payload'), 'centerId'));
  return centerId ? { centerId } : {};
};

/**
 * Every HTTP route of every service, `<service> <METHOD> <url pattern>` → its action. A route not
 * listed is refused (fail closed); the service logs it at start.
 */
export const HTTP_BINDINGS: Readonly<Record<string, Binding>> = {
  'intake POST /auth/login': { action: 'auth.login' },
  'intake POST /auth/applicant': { action: 'auth.login' },
  'intake POST /dossiers': { action: 'dossier.receive', resource: ACTOR },
  'intake POST /public/lookup': { action: 'dossier.lookup' },
  'intake GET /security-events': { action: 'security.read' },
  'intake GET /centers/:centerId/officers': {
    action: 'officers.read',
    resource: input({ centerId: 'centerId' }),
  },
  'intake GET /dossiers/:ref': { action: 'dossier.read', resource: RESULT },
  'intake GET /centers/:centerId/results-to-return': {
    action: 'dossier.read',
    resource: input({ centerId: 'centerId' }),
  },
  'intake GET /dossiers/:dossierId/receipt': { action: 'dossier.printReceipt', resource: DOSSIER },
  'intake GET /dossiers/:dossierId/receipt.pdf': { action: 'dossier.printReceipt', resource: DOSSIER },
  'intake POST /dossiers/:dossierId/result-return': {
    action: 'dossier.returnResult',
    resource: DOSSIER_RETURN,
  },
  'intake POST /online-submissions': { action: 'dossier.submitOnline' },
  'intake POST /online-submissions/:dossierId/documents': { action: 'document.attachToSubmission' },
  'intake POST /online-submissions/:dossierId/reused-documents': { action: 'document.attachToSubmission' },
  // The upload key in the body is the credential (ADR 0013): intake checks it.
  'intake POST /online-submissions/:dossierId/state': { action: 'document.attachToSubmission' },
  // Drafts: the resume secret in the body is the credential (ADR 0013); intake checks it, throttled.
  'intake POST /online-drafts': { action: 'dossier.submitOnline' },
  'intake POST /online-drafts/:draftId/form': { action: 'dossier.submitOnline' },
  'intake POST /online-drafts/:draftId/state': { action: 'dossier.submitOnline' },
  'intake POST /online-drafts/:draftId/submission': { action: 'dossier.submitOnline' },
  'intake POST /dossiers/:dossierId/result-file': { action: 'dossier.attachResultFile', resource: DOSSIER },
  'intake GET /dossiers/:dossierId/result-file': { action: 'dossier.downloadResult', resource: DOSSIER },
  // Name, phone, ID number in the body; the center's staff search their own center's dossiers.
  'intake POST /centers/:centerId/dossier-search': {
    action: 'dossier.read',
    resource: input({ centerId: 'centerId' }),
  },
  'intake GET /centers/:centerId/online-submissions': {
    action: 'dossier.checkOnline',
    resource: input({ centerId: 'centerId' }),
  },
  'intake POST /dossier-refusals': { action: 'dossier.refuseAtIntake', resource: ACTOR },
  'intake POST /dossiers/:dossierId/reception': { action: 'dossier.acceptOnline', resource: DOSSIER },
  'intake POST /dossiers/:dossierId/refusal': { action: 'dossier.refuseAtIntake', resource: DOSSIER },
  'intake POST /dossiers/:dossierId/intake-supplement-requests': {
    action: 'dossier.requestSupplementAtIntake',
    resource: DOSSIER,
  },
  'intake POST /dossiers/:dossierId/supplements': { action: 'dossier.receiveSupplement', resource: DOSSIER },
  'intake POST /dossiers/:dossierId/payments': { action: 'dossier.recordPayment', resource: DOSSIER },
  'intake POST /dossiers/:dossierId/withdrawal': { action: 'dossier.withdraw', resource: DOSSIER },
  'intake POST /dossiers/:dossierId/feedback': { action: 'dossier.giveFeedback', resource: DOSSIER },
  'intake POST /documents': { action: 'document.upload', resource: ACTOR },
  'intake GET /documents/:documentId': {
    action: 'document.read',
    resource: lookup('document', 'documentId'),
  },
  // The ID number travels in the body; the answer lists only documents uploaded at the actor's center.
  'intake POST /applicant-documents/search': { action: 'document.read', resource: ACTOR },
  'routing GET /fields': { action: 'procedure.read' },
  'routing GET /procedures': { action: 'procedure.read' },
  // The organisation on any day (public like the catalogue): today's units and the 2018 history.
  'routing GET /organisation/units': { action: 'procedure.read' },
  'routing GET /organisation/units/:unitId/successors': { action: 'procedure.read' },
  'routing GET /procedures/:code': { action: 'procedure.read' },
  'routing GET /procedures/:code/versions': { action: 'procedure.read' },
  'routing GET /procedure-groups': { action: 'procedure.read' },
  'routing GET /procedure-groups/:groupId': { action: 'procedure.read' },
  'routing GET /dossiers/:dossierId/route': { action: 'dossier.read', resource: RESULT },
  'routing POST /dossiers/:dossierId/supplement-requests': {
    action: 'dossier.requestSupplement',
    resource: lookup('dossier', 'dossierId'),
  },
  'routing POST /dossiers/:dossierId/financial-obligations': {
    action: 'dossier.notifyFinancialObligation',
    resource: lookup('dossier', 'dossierId'),
  },
  'routing POST /dossiers/:dossierId/refusal': {
    action: 'dossier.refuse',
    resource: lookup('dossier', 'dossierId'),
  },
  'routing POST /dossiers/:dossierId/apology': {
    action: 'dossier.apologize',
    resource: lookup('dossier', 'dossierId'),
  },
  'routing POST /dossiers/:dossierId/stop': {
    action: 'dossier.stop',
    resource: lookup('dossier', 'dossierId'),
  },
  // The applicant's request (Decree 118 Art 21) is recorded by whoever may stop the dossier.
  'routing POST /dossiers/:dossierId/stop-on-request': {
    action: 'dossier.stop',
    resource: lookup('dossier', 'dossierId'),
  },
  'department GET /departments/:departmentId/queue': {
    action: 'queue.read',
    resource: input({ departmentId: 'departmentId' }),
  },
  'department GET /tasks/:taskId': { action: 'task.read', resource: RESULT },
  // DUTIES: the task decider applies the task's unit, step role and assignee (duties.ts).
  'department POST /tasks/:taskId/assignment': { action: 'task.assign', resource: DUTIES },
  'department POST /tasks/:taskId/claim': { action: 'task.claim', resource: DUTIES },
  'department POST /tasks/:taskId/records': { action: 'task.record', resource: DUTIES },
  'department POST /tasks/:taskId/complete': { action: 'task.complete', resource: DUTIES },
  'department POST /tasks/:taskId/return': { action: 'task.returnStep', resource: DUTIES },
  // A department digest answers with its departmentId, a center digest with its centerId only.
  'department GET /digests/:unitKind/:unitId/latest': { action: 'digest.read', resource: RESULT },
  'department POST /test/timers/tick': { action: 'test.clock' },
  // The dossier's contact names its center and applicant (a list of messages names neither).
  'notification GET /dossiers/:dossierId/messages': { action: 'messages.read', resource: DOSSIER },
  'notification POST /provider-callbacks/:channel': { action: 'provider.callback' },
  'notification PUT /dossiers/:dossierId/preferences': { action: 'preferences.set', resource: DOSSIER },
  // ACTOR: an officer reads only the notices addressed to them, their department and their role.
  'notification GET /inbox': { action: 'inbox.read', resource: ACTOR },
  'routing GET /calendar/years/:year': { action: 'calendar.read' },
  'routing PUT /calendar/years/:year': { action: 'calendar.publish' },
  'routing GET /centers/:centerId/working-hours': { action: 'calendar.read' },
  'routing PUT /centers/:centerId/working-hours': {
    action: 'workingHours.publish',
    resource: input({ centerId: 'centerId' }),
  },
  ...Object.fromEntries(
    ['intake', 'routing', 'department', 'notification', 'monitoring'].flatMap((service) => [
      [`${service} GET /test/clock`, { action: 'test.clock' }],
      [`${service} PUT /test/clock`, { action: 'test.clock' }],
    ]),
  ),
  'monitoring GET /dossiers/:ref/timeline': {
    action: 'timeline.read',
    resource: { from: 'result', pick: timelineCenter },
  },
  // The integrity answer carries the receiving center (centerId) of the dossier, like its timeline.
  'monitoring GET /dossiers/:ref/integrity': { action: 'timeline.read', resource: RESULT },
  'monitoring GET /integrity/digests/:day': { action: 'integrity.read' },
  'monitoring GET /dossiers/:ref/state': { action: 'timeline.read', resource: lookup('dossier', 'ref') },
  'monitoring GET /dossiers/:ref/control-sheet': {
    action: 'timeline.read',
    resource: lookup('dossier', 'ref'),
  },
  'monitoring GET /dossiers/:ref/control-sheet.html': {
    action: 'timeline.read',
    resource: lookup('dossier', 'ref'),
  },
  'monitoring GET /dossiers/:ref/control-sheet.pdf': {
    action: 'timeline.read',
    resource: lookup('dossier', 'ref'),
  },
  'monitoring GET /events/stream': { action: 'events.follow' },
  // ACTOR: the report's handler checks the center it is asked for (the `centerId` query) itself.
  'monitoring GET /reports/ii06a': { action: 'report.read', resource: ACTOR },
  'monitoring GET /reports/ii06a.csv': { action: 'report.read', resource: ACTOR },
  'monitoring GET /reports/ii06a.xlsx': { action: 'report.read', resource: ACTOR },
  // The supervision board: the handlers check the `centerId` query like the report's.
  'monitoring GET /board/workload': { action: 'report.read', resource: ACTOR },
  'monitoring GET /board/due': { action: 'report.read', resource: ACTOR },
  'monitoring GET /board/comparison': { action: 'report.read', resource: ACTOR },
  'monitoring GET /board/dashboard': { action: 'report.read', resource: ACTOR },
  'monitoring GET /board/deadlines': { action: 'report.read', resource: ACTOR },
  'monitoring GET /board/deadlines.csv': { action: 'report.read', resource: ACTOR },
  'monitoring GET /board/deadlines.xlsx': { action: 'report.read', resource: ACTOR },
  // Circular 01/2018 indices and Decision 766 indicators: the handlers check `centerId` likewise.
  'monitoring GET /reports/indices': { action: 'report.read', resource: ACTOR },
  'monitoring GET /reports/decision-766': { action: 'report.read', resource: ACTOR },
  // The mapping view across a reorganisation: organisation data and rulebooks, no dossier.
  'monitoring GET /board/succession': { action: 'report.read', resource: ACTOR },
};

/** Every gRPC method (full path) → its action; the health service is outside (always open). */
export const GRPC_BINDINGS: Readonly<Record<string, Binding>> = {
  '/motcua.routing.v1.CatalogueService/GetProcedure': { action: 'procedure.read' },
  '/motcua.routing.v1.CatalogueService/ListProcedures': { action: 'procedure.read' },
  '/motcua.routing.v1.CatalogueService/ComputeDueTimes': { action: 'calendar.read' },
  '/motcua.intake.v1.DossierService/GetDossier': { action: 'dossier.read', resource: RESULT },
  '/motcua.department.v1.TaskService/ListQueue': {
    action: 'queue.read',
    resource: input({ departmentId: 'departmentId' }),
  },
  '/motcua.notification.v1.NotificationService/ListMessages': { action: 'messages.read', resource: DOSSIER },
  '/motcua.monitoring.v1.AuditService/GetTimeline': {
    action: 'timeline.read',
    resource: { from: 'result', pick: timelineCenter },
  },
  // Both answers carry the receiving center (centerId), checked before they are sent.
  '/motcua.monitoring.v1.AuditService/GetStateAt': { action: 'timeline.read', resource: RESULT },
  '/motcua.monitoring.v1.AuditService/VerifyIntegrity': { action: 'timeline.read', resource: RESULT },
  // The center asked for; without one only the board and the system admin (any center) pass.
  '/motcua.monitoring.v1.AuditService/GetPeriodicReport': {
    action: 'report.read',
    resource: input({ centerId: 'centerId' }),
  },
};

export const httpBindingKey = (service: string, method: string, url: string) =>
  `${service} ${method === 'HEAD' ? 'GET' : method} ${url}`;

/** The resource named by `input` fields of a params object or request message. */
export function inputResource(fields: { [K in SingleField]?: string }, source: unknown): Resource {
  const r: Resource = {};
  for (const [name, from] of Object.entries(fields) as [SingleField, string][]) {
    const v = text(field(source, from));
    if (v) r[name] = v;
  }
  return r;
}

/** The resource of a command acting in the actor's own unit. */
export const actorResource = (actor: {
  userId: string;
  centerId?: string;
  departmentId?: string;
}): Resource => ({
  ...(actor.centerId ? { centerId: actor.centerId } : {}),
  ...(actor.departmentId ? { departmentId: actor.departmentId } : {}),
  applicantId: actor.userId,
});
