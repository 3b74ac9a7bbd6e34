import type { OutgoingHttpHeaders } from 'node:http';
import { DomainError } from '@motcua/contracts';
import { errorResponseSchema, type HttpApp } from '@motcua/http';
import type { LiveEvents } from './live-stream.js';

export interface LiveStreamOptions {
  /** How often an SSE comment is sent to every open stream. Default 15 s. */
  heartbeatMs?: number;
}

/**
 * `GET /events/stream`: the events monitoring projects, live, as Server-Sent Events (`event: <type>`,
 * `data: <timeline entry with its dossierId>`), every dossier's or one's (`?dossierId=`).
 */
export function liveStreamRoutes(live: LiveEvents, options: LiveStreamOptions = {}) {
  return async (http: HttpApp) => {
    const heartbeat = setInterval(() => live.heartbeat(), options.heartbeatMs ?? 15_000);
    heartbeat.unref();
    // Open streams would hold the server's close: end them first.
    http.addHook('preClose', async () => live.closeAll());
    http.addHook('onClose', async () => clearInterval(heartbeat));

    http.get<{ Querystring: { dossierId?: string } }>(
      '/events/stream',
      {
        schema: {
          summary:
            'New events as they are recorded, live (Server-Sent Events: `event: <type>`, `data: <timeline entry>`)',
          tags: ['audit'],
          querystring: {
            type: 'object',
            additionalProperties: false,
            properties: { dossierId: { type: 'string', minLength: 1, maxLength: 64 } },
          },
          response: {
            200: { type: 'string', description: 'text/event-stream' },
            400: errorResponseSchema,
            401: errorResponseSchema,
            403: errorResponseSchema,
            503: errorResponseSchema,
          },
        },
      },
      async (request, reply) => {
        const res = reply.raw;
        const stop = live.subscribe(res, request.query.dossierId);
        if (!stop) throw new DomainError('UNAVAILABLE', { details: { reason: 'too-many-live-streams' } });
        reply.hijack();
        // The client went away (or was dropped): forget it, and release a socket left half-open.
        res.on('close', () => {
          stop();
          if (!res.writableEnded) res.destroy();
        });
        res.writeHead(200, {
          ...(reply.getHeaders() as OutgoingHttpHeaders),
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        res.write(': connected\n\n');
        if (request.raw.destroyed || res.destroyed) stop();
      },
    );
  };
}
