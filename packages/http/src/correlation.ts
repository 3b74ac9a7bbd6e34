import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { withLogContext } from '@motcua/logger';
import type { FastifyInstance } from 'fastify';

export const CORRELATION_HEADER = 'x-correlation-id';
const VALID_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** fastify genReqId: a caller's well-formed id is kept, anything else (missing, too long, odd chars) is replaced. */
export function correlationIdOf(req: IncomingMessage): string {
  const raw = req.headers[CORRELATION_HEADER];
  return typeof raw === 'string' && VALID_ID.test(raw) ? raw : randomUUID();
}

/**
 * Runs every later hook and the handler inside the request's log context: `done` continues the
 * lifecycle synchronously, and fastify 5's body parser resumes in the request's async context
 * (an AsyncResource), so the context survives a body that arrives later from the socket (tested).
 */
export function installCorrelation(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(CORRELATION_HEADER, request.id);
    withLogContext({ correlationId: request.id }, done);
  });
}
