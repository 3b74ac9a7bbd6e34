import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Logger } from '@motcua/logger';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { correlationIdOf, installCorrelation } from './correlation.js';
import { installErrorHandling } from './errors.js';
import { installHealth, type LivenessCheck, type ReadinessCheck } from './health.js';
import { installMetrics, metricsRegistry } from './metrics.js';

export type HttpApp = FastifyInstance;

export interface BuildHttpAppOptions {
  service: string;
  version: string;
  logger: Logger;
  description?: string;
  /** Per-dependency readiness, e.g. `{ kafka: true, mongo: false }`; /health/ready is 200 only if all are true. */
  readiness?: ReadinessCheck;
  /** Per part: false (or why) only when the process cannot recover by itself; /health/live is 503 then. */
  liveness?: LivenessCheck;
  /** Registers the service's routes; runs after swagger so their schemas land in the OpenAPI doc. */
  routes?: (app: HttpApp) => Promise<void> | void;
  /** Defaults to the process-wide `metricsRegistry`. */
  metricsRegistry?: Registry;
  bodyLimit?: number;
  /**
   * Which proxies' X-Forwarded-For to believe for `request.ip` (throttling per source address):
   * fastify's trustProxy, e.g. 'loopback' (the default: the web console on the same host) or
   * '127.0.0.1,10.0.0.0/8'. Anything else is the socket's address.
   */
  trustProxy?: string;
}

export async function buildHttpApp(opts: BuildHttpAppOptions): Promise<HttpApp> {
  const app = Fastify({
    loggerInstance: opts.logger,
    genReqId: correlationIdOf,
    requestIdHeader: false, // genReqId validates the header itself
    bodyLimit: opts.bodyLimit ?? 1024 * 1024,
    trustProxy: opts.trustProxy ?? 'loopback',
    // Report every bad field at once: counter officers fix a form in one pass. Body size is capped above.
    ajv: { customOptions: { allErrors: true } },
  }) as unknown as HttpApp;

  installCorrelation(app);
  installErrorHandling(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: `motcua ${opts.service}`,
        version: opts.version,
        description: opts.description ?? `HTTP API of the motcua ${opts.service} service`,
      },
      // Officers log in at intake (POST /auth/login) and send the token as a bearer token.
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  installMetrics(app, opts.metricsRegistry ?? metricsRegistry);
  installHealth(app, opts.readiness ?? (() => ({})), opts.liveness);

  const routes = opts.routes;
  if (routes) await app.register(async (scope) => routes(scope));
  await app.ready();
  return app;
}

export interface RunningHttp {
  address: string;
  /** Stops accepting connections, lets in-flight requests finish (bounded by `graceMs`), then closes. */
  close(graceMs?: number): Promise<void>;
}

export async function startHttp(app: HttpApp, where: { host: string; port: number }): Promise<RunningHttp> {
  const address = await app.listen({ host: where.host, port: where.port });
  app.log.info({ address }, 'http listening');
  return {
    address,
    async close(graceMs = 10_000) {
      let timer: NodeJS.Timeout | undefined;
      const forced = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          app.log.warn({ graceMs }, 'http close timed out, dropping open connections');
          app.server.closeAllConnections();
          resolve();
        }, graceMs);
        timer.unref();
      });
      try {
        await Promise.race([app.close(), forced]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
