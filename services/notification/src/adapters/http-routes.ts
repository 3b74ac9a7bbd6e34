import { errorResponseSchema, type HttpApp } from '@motcua/http';
import type { NotificationApp } from '../app/notification-app.js';

export function notificationRoutes(app: NotificationApp) {
  return async (http: HttpApp) => {
    http.get<{ Params: { dossierId: string } }>(
      '/dossiers/:dossierId/messages',
      {
        schema: {
          summary: 'Messages sent (or being sent) to the applicant of a dossier',
          tags: ['messages'],
          params: {
            type: 'object',
            required: ['dossierId'],
            properties: { dossierId: { type: 'string', format: 'uuid' } },
          },
          response: {
            200: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  messageId: { type: 'string' },
                  channel: { type: 'string' },
                  template: { type: 'string' },
                  status: { type: 'string', enum: ['queued', 'sent', 'failed'] },
                  recipientMasked: { type: 'string' },
                  attempts: { type: 'integer' },
                  sentAt: { type: 'string', format: 'date-time' },
                  triggeredByEventId: { type: 'string' },
                },
              },
            },
            400: errorResponseSchema,
          },
        },
      },
      async (request) =>
        (await app.messages(request.params.dossierId)).map(({ _id, sentAt, ...m }) => ({
          messageId: _id,
          ...m,
          ...(sentAt ? { sentAt: sentAt.toISOString() } : {}),
        })),
    );
  };
}
