import type { FastifyInstance } from 'fastify';

/** Per part: true when healthy, else false or why not (the reason is shown under `problems`). */
export type HealthChecks = Record<string, boolean | string>;
export type ReadinessCheck = () => Promise<HealthChecks> | HealthChecks;
/** Fails only when the process cannot recover by itself (a restart is the cure). */
export type LivenessCheck = ReadinessCheck;

const CHECK_TIMEOUT_MS = 3000;

const reportSchema = {
  type: 'object',
  required: ['status', 'checks'],
  properties: {
    status: { type: 'string', enum: ['ok', 'unavailable'] },
    checks: { type: 'object', additionalProperties: { type: 'boolean' } },
    problems: { type: 'object', additionalProperties: { type: 'string' } },
  },
} as const;

/** A check that throws or hangs must not hang the probe: it reports as unhealthy. */
async function runChecks(check: ReadinessCheck): Promise<HealthChecks> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('health check timed out')), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([Promise.resolve().then(check), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function report(raw: HealthChecks) {
  const checks: Record<string, boolean> = {};
  const problems: Record<string, string> = {};
  for (const [name, verdict] of Object.entries(raw)) {
    checks[name] = verdict === true;
    if (typeof verdict === 'string') problems[name] = verdict;
  }
  const ok = Object.values(checks).every((v) => v);
  const said = Object.keys(problems).length > 0;
  return { ok, body: { status: ok ? 'ok' : 'unavailable', checks, ...(said ? { problems } : {}) } };
}

export function installHealth(
  app: FastifyInstance,
  readiness: ReadinessCheck,
  liveness: LivenessCheck = () => ({}),
): void {
  const probe = (name: string, check: ReadinessCheck) =>
    app.get(
      `/health/${name === 'readiness' ? 'ready' : 'live'}`,
      {
        // Probes hit these every few seconds: log them only when something is wrong.
        logLevel: 'warn',
        schema: {
          tags: ['ops'],
          summary: name === 'readiness' ? 'Readiness probe' : 'Liveness probe',
          response: { 200: reportSchema, 503: reportSchema },
        },
      },
      async (request, reply) => {
        let raw: HealthChecks;
        try {
          raw = await runChecks(check);
        } catch (err) {
          request.log.warn({ err }, `${name} check failed`);
          raw = { [name]: false };
        }
        const { ok, body } = report(raw);
        if (!ok) request.log.warn({ problems: body.problems, checks: body.checks }, `${name}: unhealthy`);
        return reply.code(ok ? 200 : 503).send(body);
      },
    );
  probe('liveness', liveness);
  probe('readiness', readiness);
}
