import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SERVICES, type ServiceName } from './config.js';

// Hop-by-hop headers (RFC 9110 §7.6.1) are the proxy's own business, never forwarded.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);

const withoutHopByHop = (headers: IncomingHttpHeaders) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())));

const problem = (code: string, vi: string, en: string) => ({ error: { code, message: { vi, en } } });

/**
 * `/api/<service>/<path>` → `<service's URL>/<path>`, bodies and answers streamed as they are (uploads,
 * PDFs, Server-Sent Events). The services check the token the browser sends; the proxy adds nothing.
 */
export function proxyRoutes(upstreams: Record<ServiceName, string>) {
  return async (scope: FastifyInstance) => {
    // Leave bodies unread: they are piped to the service untouched.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));

    const forward = (request: FastifyRequest, reply: FastifyReply) => {
      const { service } = request.params as { service: string };
      if (!(SERVICES as readonly string[]).includes(service)) {
        return reply
          .code(404)
          .send(problem('NOT_FOUND', `Không có dịch vụ "${service}"`, `No service "${service}"`));
      }
      const target = new URL(upstreams[service as ServiceName]);
      const path = request.raw.url!.slice(`/api/${service}`.length) || '/';
      return new Promise<void>((resolve) => {
        const upstream = httpRequest(
          {
            protocol: target.protocol,
            hostname: target.hostname,
            port: target.port,
            method: request.method,
            path,
            headers: {
              ...withoutHopByHop(request.headers),
              host: target.host,
              'x-forwarded-for': request.ip,
              'x-forwarded-host': request.headers.host ?? '',
              ...(request.headers['transfer-encoding'] ? { 'transfer-encoding': 'chunked' } : {}),
            },
          },
          (answer) => {
            reply.code(answer.statusCode ?? 502).headers(withoutHopByHop(answer.headers));
            reply.send(answer);
            resolve();
          },
        );
        upstream.on('error', (err) => {
          request.log.warn({ err, service }, 'service unreachable');
          if (!reply.sent) {
            reply
              .code(502)
              .send(
                problem(
                  'SERVICE_UNAVAILABLE',
                  'Dịch vụ tạm thời không phản hồi, vui lòng thử lại',
                  'The service is not answering; please try again',
                ),
              );
          }
          resolve();
        });
        request.raw.pipe(upstream);
      });
    };
    scope.all('/api/:service', forward);
    scope.all('/api/:service/*', forward);
  };
}
