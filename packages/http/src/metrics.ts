import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Process-wide registry; other packages (kafka, eventstore) register their metrics here too. */
export const metricsRegistry = new Registry();

const prepared = new WeakMap<Registry, Histogram<'method' | 'route' | 'status'>>();

/** Default Node metrics + the request histogram, created once per registry (several apps may share one). */
function httpHistogram(registry: Registry): Histogram<'method' | 'route' | 'status'> {
  let h = prepared.get(registry);
  if (!h) {
    collectDefaultMetrics({ register: registry });
    h = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration in seconds, by method, route pattern and status code',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    prepared.set(registry, h);
  }
  return h;
}

export function installMetrics(app: FastifyInstance, registry: Registry): void {
  const histogram = httpHistogram(registry);
  app.addHook('onResponse', (request, reply, done) => {
    // The route pattern keeps label cardinality bounded; unmatched URLs share one label.
    const route = request.routeOptions.url ?? 'unmatched';
    histogram.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
  app.get(
    '/metrics',
    { logLevel: 'warn', schema: { tags: ['ops'], summary: 'Prometheus metrics', hide: true } },
    async (_request, reply) => {
      reply.type(registry.contentType);
      return registry.metrics();
    },
  );
}
