import type { FastifyInstance } from 'fastify';

export type ReadinessCheck = () => Promise<Record<string, boolean>> | Record<string, boolean>;

const READINESS_TIMEOUT_MS = 3000;

const readySchema = {
  type: 'object',
  required: ['status', 'checks'],
  properties: {
    status: { type: 'string', enum: ['ok', 'unavailable'] },
    checks: { type: 'object', additionalProperties: { type: 'boolean' } },
  },
} as const;

/** A check that throws or hangs must not hang the probe: it reports as not ready. */
async function runChecks(readiness: ReadinessCheck): Promise<Record<string, boolean>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('readiness check timed out')), READINESS_TIMEOUT_MS);
  });
  try {
    return await Promise.race([Promise.resolve().then(readiness), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function installHealth(app: FastifyInstance, readiness: ReadinessCheck): void {
  // Probes hit these every few seconds: log them only when something is wrong.
  app.get(
    '/health/live',
    {
      logLevel: 'warn',
      schema: {
        tags: ['ops'],
        summary: 'Liveness probe',
        response: { 200: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] } } } },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/health/ready',
    {
      logLevel: 'warn',
      schema: { tags: ['ops'], summary: 'Readiness probe', response: { 200: readySchema, 503: readySchema } },
    },
    async (request, reply) => {
      let checks: Record<string, boolean>;
      try {
        checks = await runChecks(readiness);
      } catch (err) {
        request.log.warn({ err }, 'readiness check failed');
        checks = { readiness: false };
      }
      const ready = Object.values(checks).every((v) => v === true);
      if (!ready) request.log.warn({ checks }, 'not ready');
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ok' : 'unavailable', checks });
    },
  );
}
