import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { ORGANISATION_NAME } from '@motcua/organisation';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ServiceName } from './config.js';
import { proxyRoutes } from './proxy.js';
import { installSecurityHeaders } from './security-headers.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};
// Built files only (no directories, no dotfiles): everything else is the app's own route.
const ASSET = /^\/assets\/([a-z0-9-]+\.(?:js|css|map))$/;

export interface WebServerOptions {
  upstreams: Record<ServiceName, string>;
  distDir: string;
  logLevel?: string;
  /** Strict-Transport-Security max-age (WEB_HSTS_MAX_AGE_SECONDS); 0 sends none. */
  hstsMaxAgeSeconds?: number;
}

/** One origin: the single-page app and, under /api/<service>/, the services' HTTP APIs. */
export async function buildWebServer(options: WebServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel ?? 'info', redact: ['req.headers.authorization'] },
    bodyLimit: 1024 * 1024,
  });
  installSecurityHeaders(app, { hstsMaxAgeSeconds: options.hstsMaxAgeSeconds ?? 31_536_000 });
  await app.register(proxyRoutes(options.upstreams));

  app.get('/health/live', async () => ({ status: 'ok' }));
  app.get('/health/ready', async (_request, reply) => {
    const built = await readFile(join(options.distDir, 'index.html')).then(
      () => true,
      () => false,
    );
    return reply.code(built ? 200 : 503).send({ status: built ? 'ok' : 'building' });
  });

  app.get('/assets/*', async (request, reply) => {
    const match = ASSET.exec(request.url.split('?')[0]!);
    if (!match) return reply.code(404).send({ error: { code: 'NOT_FOUND' } });
    const file = normalize(join(options.distDir, match[1]!));
    const body = await readFile(file).catch(() => undefined);
    if (!body) return reply.code(404).send({ error: { code: 'NOT_FOUND' } });
    return reply
      .type(TYPES[extname(file)] ?? 'application/octet-stream')
      .header('cache-control', 'no-cache')
      .send(body);
  });

  // Every other page is the app: it routes in the browser (deep links and reloads work).
  app.setNotFoundHandler(async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return reply.code(404).send({ error: { code: 'NOT_FOUND' } });
    }
    // The organisation data the services run with, for the app's bundled copy to pick the same.
    const html = (await readFile(join(options.distDir, 'index.html'), 'utf8')).replace(
      '<html lang="vi">',
      `<html lang="vi" data-organisation="${ORGANISATION_NAME}">`,
    );
    return reply.type(TYPES['.html']!).header('cache-control', 'no-cache').send(html);
  });
  return app;
}
