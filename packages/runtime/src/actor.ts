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
  const trace = traceOf(request);
  return {
    commandId,
    actor: actorOf(request),
    correlationId: String(request.id),
    causationId: commandId,
    ...(trace ? { trace } : {}),
  };
}

// W3C Trace Context: version-traceid-parentid-flags, lower-case hex.
const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** The caller's W3C trace context, kept on the events a request causes (ignored when malformed). */
export function traceOf(
  request: Pick<FastifyRequest, 'headers'>,
): { traceparent: string; tracestate?: string } | undefined {
  const traceparent = request.headers.traceparent;
  if (typeof traceparent !== 'string' || !TRACEPARENT.test(traceparent)) return undefined;
  const tracestate = request.headers.tracestate;
  return {
    traceparent,
    ...(typeof tracestate === 'string' && tracestate.length <= 512 ? { tracestate } : {}),
  };
}

/**
 * The metadata of a reaction to an event: the event id is the command id, so redelivery is a no-op;
 * the trace context travels on.
 */
export function reactionMetaOf(
  event: { eventId: string; correlationId: string; trace?: { traceparent?: string; tracestate?: string } },
  service: string,
  purpose: string,
): CommandMeta {
  return {
    commandId: `${purpose}:${event.eventId}`,
    actor: { userId: `system:${service}`, role: 'system' },
    correlationId: event.correlationId,
    causationId: event.eventId,
    ...(event.trace?.traceparent ? { trace: event.trace } : {}),
  };
}
