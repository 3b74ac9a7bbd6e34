import { errorResponseSchema, type HttpApp } from '@motcua/http';
import type { MonitoringApp } from '../app/monitoring-app.js';
import { dossierRefParams } from './schemas.js';

const entry = {
  type: 'object',
  properties: {
    eventId: { type: 'string' },
    type: { type: 'string' },
    schemaVersion: { type: 'integer' },
    occurredAt: { type: 'string', format: 'date-time' },
    recordedAt: { type: 'string', format: 'date-time' },
    actor: { type: 'object', additionalProperties: { type: 'string' } },
    producer: { type: 'string' },
    streamId: { type: 'string' },
    streamVersion: { type: 'integer' },
    causationId: { type: 'string' },
    correlationId: { type: 'string' },
    partition: { type: 'integer' },
    offset: { type: 'string' },
    payload: { type: 'object', additionalProperties: true },
    // The rulebook the event was decided under; absent on events from before rulebooks (Decree 61/2018).
    rulebookId: { type: 'string' },
  },
} as const;

export function monitoringRoutes(app: MonitoringApp) {
  return async (http: HttpApp) => {
    http.get<{ Params: { ref: string } }>(
      '/dossiers/:ref/timeline',
      {
        schema: {
          summary: "A dossier's full lifecycle, rebuilt from the Kafka log, in log order",
          tags: ['audit'],
          params: dossierRefParams,
          response: {
            200: {
              type: 'object',
              properties: {
                dossierId: { type: 'string' },
                dossierCode: { type: 'string' },
                status: { type: 'string' },
                nationalCode: { type: 'integer', nullable: true },
                entries: { type: 'array', items: entry },
              },
            },
            404: errorResponseSchema,
          },
        },
      },
      async (request) => app.timeline(request.params.ref),
    );
  };
}
