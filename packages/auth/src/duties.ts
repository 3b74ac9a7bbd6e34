// Who may do what at a workflow step, and who may decide on the whole dossier: the workflow's step
// (its unit and required role) and Decree 61/2018 Arts 19–20, as one pure module. The services enforce
// it once (department's task decider, routing's decisions) and the web consoles import it to show only
// the buttons it allows: no DOM, no Node, no I/O here (the client bundles it with esbuild).
import { type Action, grantOf, type Scope } from './matrix.js';

/** Whose hands a request is in (the token's claims). */
export interface DutyActor {
  userId: string;
  role: string;
  centerId?: string;
  departmentId?: string;
}

/** A step as the workflow names it: the unit that works it and the role its decision needs. */
export interface StepDuty {
  departmentId: string;
  /** The workflow step's role; tasks queued before steps carried it are officers' steps. */
  role?: string;
}

/** A department's task: one step of one dossier. */
export interface TaskDuty extends StepDuty {
  status: string;
  assignee?: string;
}

export type TaskAction = 'task.claim' | 'task.assign' | 'task.record' | 'task.complete' | 'task.returnStep';
export type DossierDecision =
  | 'dossier.requestSupplement'
  | 'dossier.notifyFinancialObligation'
  | 'dossier.refuse'
  | 'dossier.apologize'
  | 'dossier.stop';

export const TASK_ACTIONS: readonly TaskAction[] = [
  'task.claim',
  'task.assign',
  'task.record',
  'task.complete',
  'task.returnStep',
];
export const DOSSIER_DECISIONS: readonly DossierDecision[] = [
  'dossier.requestSupplement',
  'dossier.notifyFinancialObligation',
  'dossier.refuse',
  'dossier.apologize',
  'dossier.stop',
];

export type DutyRule =
  | 'auth.role'
  | 'department.own-queue'
  | 'workflow.step-role'
  | 'department.assignee-only'
  | 'department.task-open'
  | 'law.step-holder';

export type DutyDecision = { allowed: true } | { allowed: false; rule: DutyRule };

/** Bilingual reasons, for the services' errors and the consoles' hints. */
export const DUTY_DENIALS: Readonly<Record<DutyRule, { vi: string; en: string }>> = {
  'auth.role': {
    vi: 'Vai trò của bạn không được phép thực hiện thao tác này',
    en: 'Your role may not perform this action',
  },
  'department.own-queue': {
    vi: 'Công việc này thuộc phòng khác',
    en: "This task belongs to another department's queue",
  },
  'workflow.step-role': {
    vi: 'Bước này do cán bộ có thẩm quyền cao hơn thực hiện (theo quy trình)',
    en: 'The workflow assigns this step to a higher role',
  },
  'department.assignee-only': {
    vi: 'Công việc đã được giao cho cán bộ khác',
    en: 'The task is assigned to another officer',
  },
  'department.task-open': { vi: 'Công việc này đã kết thúc', en: 'This task is no longer open' },
  'law.step-holder': {
    vi: 'Chỉ đơn vị đang giải quyết hồ sơ (bước hiện tại) mới được quyết định việc này',
    en: 'Only the unit handling the dossier at its current step may decide this',
  },
};

/**
 * Seniority inside a unit: a step needing a role is done by that role or a more senior one of the
 * same unit (the head may do an officer's step; an officer may not sign the head's).
 */
const RANK: Readonly<Record<string, number>> = {
  department_officer: 1,
  department_head: 2,
  district_leader: 3,
};
const OFFICERS_STEP = 'department_officer';

export const meetsStepRole = (actorRole: string, stepRole: string | undefined): boolean =>
  (RANK[actorRole] ?? 0) >= (RANK[stepRole ?? OFFICERS_STEP] ?? Number.POSITIVE_INFINITY);

const allow: DutyDecision = { allowed: true };
const deny = (rule: DutyRule): DutyDecision => ({ allowed: false, rule });
const same = (a: string | undefined, b: string | undefined) => a !== undefined && a !== '' && a === b;

/** The matrix's scope for the action, checked against the step's unit (a center scope is the guard's). */
function unitScope(actor: DutyActor, action: Action, departmentId: string): DutyDecision {
  const scope: Scope | undefined = grantOf(actor.role, action);
  if (!scope) return deny('auth.role');
  if (scope === 'department' && !same(actor.departmentId, departmentId)) return deny('department.own-queue');
  return allow;
}

/**
 * A task of a department's queue (Decree 61 Art 19 k1–3): the department's head assigns it; an
 * officer of that department with the step's role takes it when free, records verification and
 * consultation, completes it or sends it back; once assigned, only the assignee (or the head).
 */
export function mayActOnTask(actor: DutyActor, action: TaskAction, task: TaskDuty): DutyDecision {
  const unit = unitScope(actor, action, task.departmentId);
  if (!unit.allowed) return unit;
  if (task.status !== 'queued') return deny('department.task-open');
  if (action === 'task.assign') return allow; // the matrix gives it to the head alone
  if (!meetsStepRole(actor.role, task.role)) return deny('workflow.step-role');
  const head = actor.role === 'department_head';
  if (task.assignee && task.assignee !== actor.userId && !head) return deny('department.assignee-only');
  return allow;
}

/**
 * A decision on the whole dossier belongs to the unit holding one of its current steps (the
 * matrix says which of its roles; the guard has checked the dossier's center):
 * - supplement request (Art 19 k4) and financial obligation: the appraising unit, while it appraises;
 * - refusal after appraisal (Art 19 k8): the unit that appraised, in writing (Mẫu 03) — so the
 *   leadership refuses only once the dossier has reached its own step, not during another unit's
 *   appraisal;
 * - apology and new appointment (Art 19 k9): "the agency or unit competent to resolve the dossier":
 *   the unit holding it (it is the one late), or the leadership, who speak for the competent agency
 *   (the district People's Committee) at any step — no appraisal has to be finished first;
 * - stop (practice, not in the 2018 text): as a refusal, the unit holding the dossier.
 */
export function mayDecideOnDossier(
  actor: DutyActor,
  action: DossierDecision,
  currentSteps: readonly StepDuty[],
): DutyDecision {
  if (!grantOf(actor.role, action)) return deny('auth.role');
  if (action === 'dossier.apologize' && actor.role === 'district_leader') return allow;
  const holds = currentSteps.some((s) => same(actor.departmentId, s.departmentId));
  return holds ? allow : deny('law.step-holder');
}

/** What the consoles show for a task: every action the rules above allow, by name. */
export function allowedOnTask(actor: DutyActor, task: TaskDuty) {
  const task_ = (a: TaskAction) => mayActOnTask(actor, a, task).allowed;
  const dossier = (a: DossierDecision) =>
    task.status === 'queued' && mayDecideOnDossier(actor, a, [task]).allowed;
  return {
    claim: task_('task.claim') && task.assignee !== actor.userId,
    assign: task_('task.assign'),
    record: task_('task.record'),
    complete: task_('task.complete'),
    returnStep: task_('task.returnStep'),
    requestSupplement: dossier('dossier.requestSupplement'),
    notifyFinancialObligation: dossier('dossier.notifyFinancialObligation'),
    refuse: dossier('dossier.refuse'),
    apologize: dossier('dossier.apologize'),
    stop: dossier('dossier.stop'),
  };
}

export type AllowedOnTask = ReturnType<typeof allowedOnTask>;
