import { requestActor } from '@motcua/auth';
import { DomainError, type EventActor } from '@motcua/contracts';
import type { CommandMeta } from '@motcua/eventstore';
import type { FastifyRequest } from 'fastify';

// Services check the matrix through the runtime, without depending on @motcua/auth themselves.
export {
  ACTIONS,
  type Action,
  authorize,
  authorizeRole,
  decide,
  PERMISSIONS,
  type Principal,
  type Resource,
  ROLES,
  type Role,
  type Scope,
} from '@motcua/auth';

/**
 * OpenAPI description of the bearer token every command route needs (ADR 0008). The runtime's guard
 * verifies it before validation, so a call without one is answered 401, not 400.
 */
export const actorHeadersSchema = {
  type: 'object',
  properties: {
    authorization: {
      type: 'string',
      maxLength: 4096,
      description: 'Bearer <accessToken>, from intake POST /auth/login (15 minutes)',
    },
  },
} as const;

/**
 * Who is acting: the actor of the request's verified access token, set by the guard the runtime
 * installs on every route. Without one (a public route) the command is refused.
 */
export function actorOf(request: FastifyRequest): EventActor {
  const actor = requestActor(request);
  if (!actor) throw new DomainError('UNAUTHENTICATED', { details: { reason: 'missing-token' } });
  const { userId, role, centerId, departmentId, displayName } = actor;
  return {
    userId,
    role,
    ...(centerId ? { centerId } : {}),
    ...(departmentId ? { departmentId } : {}),
    ...(displayName ? { displayName } : {}),
  };
}

/** The metadata a command from an HTTP request carries into its events. */
export function commandMetaOf(request: FastifyRequest, commandId: string): CommandMeta {
  return {
    commandId,
    actor: actorOf(request),
    correlationId: String(request.id),
    causationId: commandId,
  };
}

/** The metadata of a reaction to an event: the event id is the command id, so redelivery is a no-op. */
export function reactionMetaOf(
  event: { eventId: string; correlationId: string },
  service: string,
  purpose: string,
): CommandMeta {
  return {
    commandId: `${purpose}:${event.eventId}`,
    actor: { userId: `system:${service}`, role: 'system' },
    correlationId: event.correlationId,
    causationId: event.eventId,
  };
}
