import type { Role } from './roles.js';

/**
 * How far a grant reaches: `any` resource; only resources of the actor's own `center` or own
 * `department`; or only the applicant's `own` dossiers.
 */
export type Scope = 'any' | 'center' | 'department' | 'own';
export const SCOPES: readonly Scope[] = ['any', 'center', 'department', 'own'];

/** Anyone, logged in or not: the public catalogue, login itself. */
export const PUBLIC = 'public';

export type Grants = Readonly<Partial<Record<Role, Scope>>>;

// Read-only over everything: the supervision board audits, the system admin operates.
const AUDITORS = { supervision_board: 'any', system_admin: 'any' } as const;
const CENTER_STAFF = {
  counter_officer: 'center',
  department_officer: 'center',
  department_head: 'center',
  district_leader: 'center',
  center_admin: 'center',
} as const;
// The leadership signs in its own "department" (e.g. hue-city.leadership), so `department` covers it.
const DEPARTMENT_WORKERS = {
  department_officer: 'department',
  department_head: 'department',
  district_leader: 'department',
} as const;

/**
 * The permission matrix: action → role → scope. A role not listed may not act. Adding an action is
 * one line here (plus, for a new route, one line in bindings.ts).
 */
export const PERMISSIONS = {
  'auth.login': PUBLIC,
  'procedure.read': PUBLIC,
  // Code + the secret key printed on the receipt: shows only code and status (Circular 01/2018 Art 16).
  'dossier.lookup': PUBLIC,
  // Logins and receipt look-ups, succeeded, failed and throttled (intake's security log).
  'security.read': AUDITORS,
  'dossier.receive': { counter_officer: 'center' },
  'dossier.returnResult': { counter_officer: 'center' },
  // The receipt (Mẫu 01) carries the look-up key: only the receiving center's counter prints it.
  'dossier.printReceipt': { counter_officer: 'center' },
  'dossier.read': { ...CENTER_STAFF, ...AUDITORS, applicant: 'own' },
  // Colleagues' full names (the consoles show names, not logins): the center's staff and the auditors.
  'officers.read': { ...CENTER_STAFF, ...AUDITORS },
  'task.read': { ...DEPARTMENT_WORKERS, ...AUDITORS },
  'task.complete': DEPARTMENT_WORKERS,
  'queue.read': { ...DEPARTMENT_WORKERS, ...AUDITORS },
  // The dossier's history (issue 14): the officer appraising it needs what happened before, as the
  // center's counter, managers and the auditors do.
  'timeline.read': {
    counter_officer: 'center',
    department_officer: 'center',
    department_head: 'center',
    district_leader: 'center',
    center_admin: 'center',
    ...AUDITORS,
  },
  'messages.read': { counter_officer: 'center', center_admin: 'center', ...AUDITORS, applicant: 'own' },
  // Delivery receipts from the SMS/Zalo providers: no user logs in, so the route itself checks
  // `x-provider-signature` = HMAC-SHA256 of the body with PROVIDER_CALLBACK_SECRET (401 when wrong);
  // a deployment also puts it behind the provider's shared secret at the gateway.
  'provider.callback': PUBLIC,
  // The applicant's own channels and opt-outs: theirs alone to choose, not an officer's.
  'preferences.set': { applicant: 'own' },
  // Deadline notices (reminders, escalations, apology prompts, digests) for the officers they address.
  'inbox.read': DEPARTMENT_WORKERS,
  // Applicants upload supplements to their own dossiers (intake checks the ID number is theirs).
  'document.upload': { counter_officer: 'center', applicant: 'own' },
  'document.read': { ...CENTER_STAFF, ...AUDITORS },
  // Proposed with the lifecycle routes being added; the lead decides.
  // Until applicant login (VNeID) an online submission names its applicant in the body.
  'dossier.submitOnline': PUBLIC,
  // The submission's own upload key (answered only to its submitter) is the credential, checked by
  // intake; re-use also needs the earlier dossier's code + look-up key. No token proves more today.
  'document.attachToSubmission': PUBLIC,
  // The counter's list of online submissions to check at its center.
  'dossier.checkOnline': { counter_officer: 'center', center_admin: 'center', ...AUDITORS },
  // The electronic result: the counter or the officers who sign the last step attach it (intake's data
  // does not say which department holds that step, so the receiving center's department workers may);
  // the applicant (their receipt's code + key gave the token) and the counter download it.
  'dossier.attachResultFile': {
    counter_officer: 'center',
    department_officer: 'center',
    department_head: 'center',
    district_leader: 'center',
  },
  'dossier.downloadResult': { counter_officer: 'center', applicant: 'own' },
  'dossier.acceptOnline': { counter_officer: 'center' },
  'dossier.refuseAtIntake': { counter_officer: 'center' },
  'dossier.requestSupplementAtIntake': { counter_officer: 'center' },
  'dossier.receiveSupplement': { counter_officer: 'center', applicant: 'own' },
  // The applicant records an online payment of their own dossier (intake refuses other methods from them).
  'dossier.recordPayment': { counter_officer: 'center', applicant: 'own' },
  'dossier.withdraw': { counter_officer: 'center', applicant: 'own' },
  // Satisfaction with the handling: the applicant's own word on their own dossier.
  'dossier.giveFeedback': { applicant: 'own' },
  // During processing the department at work asks; the counter asks only at intake (above).
  'dossier.requestSupplement': { department_officer: 'center', department_head: 'center' },
  'dossier.notifyFinancialObligation': { department_officer: 'center', department_head: 'center' },
  'dossier.refuse': { department_head: 'center', district_leader: 'center' },
  'dossier.apologize': { department_head: 'center', district_leader: 'center' },
  'dossier.stop': { department_head: 'center', district_leader: 'center' },
  'task.assign': { department_head: 'department' },
  'task.claim': DEPARTMENT_WORKERS,
  'task.record': DEPARTMENT_WORKERS,
  'task.returnStep': DEPARTMENT_WORKERS,
  // The working-day calendar: official days off are published nationally, working hours per center.
  'calendar.read': PUBLIC,
  'calendar.publish': { system_admin: 'any' },
  'workingHours.publish': { center_admin: 'center', system_admin: 'any' },
  // The periodic report II.06a: the board and the system admin over every center, a center's
  // managers over their own (the route names the center; without one only `any` passes).
  'report.read': {
    supervision_board: 'any',
    system_admin: 'any',
    center_admin: 'center',
    district_leader: 'center',
  },
  // Only registered when a service runs with MOTCUA_TEST_CLOCK=on (end-to-end tests move time).
  'test.clock': { system_admin: 'any' },
  // The daily digests of the whole event log (hash-chain integrity): auditors only.
  'integrity.read': AUDITORS,
  // Following new events live (GET /events/stream, every center's): auditors only.
  'events.follow': AUDITORS,
  // Daily deadline digests (docs/deadlines.md): the department's head for the department, the
  // center's leadership for the center and its departments, and the auditors.
  'digest.read': { department_head: 'department', district_leader: 'center', ...AUDITORS },
} as const satisfies Record<string, Grants | typeof PUBLIC>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

export const isAction = (value: unknown): value is Action =>
  typeof value === 'string' && Object.hasOwn(PERMISSIONS, value);

export const isPublic = (action: Action): boolean => PERMISSIONS[action] === PUBLIC;

/** The scope a role holds for an action, if any. */
export function grantOf(role: string, action: Action): Scope | undefined {
  const grants: Grants | typeof PUBLIC = PERMISSIONS[action];
  if (grants === PUBLIC) return 'any';
  return Object.hasOwn(grants, role) ? grants[role as Role] : undefined;
}
