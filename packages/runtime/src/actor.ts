import { DomainError, type EventActor } from '@motcua/contracts';
import type { CommandMeta } from '@motcua/eventstore';
import type { FastifyRequest } from 'fastify';

const HEADER = {
  user: 'x-motcua-user',
  role: 'x-motcua-role',
  center: 'x-motcua-center',
  department: 'x-motcua-department',
} as const;

/** OpenAPI description of the identity headers every command route reads. */
export const actorHeadersSchema = {
  type: 'object',
  required: [HEADER.user, HEADER.role],
  properties: {
    [HEADER.user]: { type: 'string', minLength: 1, maxLength: 128 },
    [HEADER.role]: { type: 'string', minLength: 1, maxLength: 64 },
    [HEADER.center]: { type: 'string', maxLength: 64 },
    [HEADER.department]: { type: 'string', maxLength: 128 },
  },
} as const;

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
};

/**
 * Who is acting. Until officer login exists (JWT, the lifecycle issue), the identity comes from
 * these headers, set by the web console; every command still records it on its events.
 */
export function actorOf(request: FastifyRequest): EventActor {
  const userId = header(request, HEADER.user);
  const role = header(request, HEADER.role);
  if (!userId || !role) {
    throw new DomainError('UNAUTHENTICATED', { details: { required: [HEADER.user, HEADER.role] } });
  }
  const centerId = header(request, HEADER.center);
  const departmentId = header(request, HEADER.department);
  return { userId, role, ...(centerId ? { centerId } : {}), ...(departmentId ? { departmentId } : {}) };
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
