import { type BilingualMessage, DomainError } from '@motcua/contracts';
import { type Action, grantOf, isPublic, type Scope } from './matrix.js';

/** The verified identity a request acts with (the token's claims). */
export interface Principal {
  userId: string;
  role: string;
  centerId?: string;
  departmentId?: string;
  displayName?: string;
}

/** What a scope is checked against: where the dossier, task or queue belongs, and whose it is. */
export interface Resource {
  centerId?: string;
  /**
   * Other centers it belongs to: a dossier received at one center and decided at another (Decree
   * 118/2025 Art 14(2)) belongs to its receiving, competent and return centers.
   */
  centerIds?: string[];
  departmentId?: string;
  /** The applicant's user id, for `own` grants. */
  applicantId?: string;
}

export type DenyRule = 'auth.role' | 'auth.own-center' | 'auth.own-department' | 'auth.own-dossier';

export type Decision = { allowed: true; scope: Scope } | { allowed: false; rule: DenyRule };

const DENIALS: Record<DenyRule, BilingualMessage> = {
  'auth.role': {
    vi: 'Vai trò của bạn không được phép thực hiện thao tác này',
    en: 'Your role may not perform this action',
  },
  'auth.own-center': {
    vi: 'Dữ liệu này thuộc Trung tâm hành chính công khác',
    en: 'This belongs to another service center',
  },
  'auth.own-department': {
    vi: 'Dữ liệu này thuộc phòng chuyên môn khác',
    en: 'This belongs to another department',
  },
  'auth.own-dossier': {
    vi: 'Bạn chỉ được truy cập hồ sơ của chính mình',
    en: 'You may only access your own dossiers',
  },
};

// A scope holds only when both sides name the same unit: a missing value never matches.
const same = (a: string | undefined, b: string | undefined) => a !== undefined && a !== '' && a === b;

const SCOPE_CHECKS: Record<Scope, [DenyRule, (actor: Principal, resource: Resource) => boolean]> = {
  any: ['auth.role', () => true],
  center: [
    'auth.own-center',
    (a, r) => same(a.centerId, r.centerId) || (r.centerIds ?? []).some((c) => same(a.centerId, c)),
  ],
  department: ['auth.own-department', (a, r) => same(a.departmentId, r.departmentId)],
  own: ['auth.own-dossier', (a, r) => same(a.userId, r.applicantId)],
};

/** The matrix's answer, without throwing. */
export function decide(actor: Principal, action: Action, resource: Resource = {}): Decision {
  const scope = grantOf(actor.role, action);
  if (!scope) return { allowed: false, rule: 'auth.role' };
  const [rule, holds] = SCOPE_CHECKS[scope];
  return holds(actor, resource) ? { allowed: true, scope } : { allowed: false, rule };
}

export function permissionDenied(rule: string, details: Record<string, unknown> = {}): DomainError {
  const messages = DENIALS[rule as DenyRule];
  return new DomainError('PERMISSION_DENIED', {
    details: { rule, ...details },
    ...(messages ? { messages } : {}),
  });
}

export const unauthenticated = (reason: string) =>
  new DomainError('UNAUTHENTICATED', { details: { reason } });

/**
 * The one check every service makes: throws UNAUTHENTICATED without an actor (unless the action is
 * public) and PERMISSION_DENIED (`details.rule`) when the matrix does not allow it.
 */
export function authorize(actor: Principal | undefined, action: Action, resource: Resource = {}): void {
  if (isPublic(action)) return;
  if (!actor) throw unauthenticated('missing-token');
  const decision = decide(actor, action, resource);
  if (!decision.allowed) throw permissionDenied(decision.rule, { action, role: actor.role });
}

/** The role check alone, before the resource is known (e.g. a read checked on what it returns). */
export function authorizeRole(actor: Principal | undefined, action: Action): void {
  if (isPublic(action)) return;
  if (!actor) throw unauthenticated('missing-token');
  if (!grantOf(actor.role, action)) throw permissionDenied('auth.role', { action, role: actor.role });
}
