import { createHmac, timingSafeEqual } from 'node:crypto';
import { errorResponseSchema, type HttpApp, type HttpErrorBody } from '@motcua/http';
import type { NotificationApp } from '../app/notification-app.js';
import { CHANNELS, type ChannelName } from '../domain/channels.js';
import type { PreferenceChange } from '../domain/preferences.js';

export interface NotificationRouteOptions {
  /** Secret of `x-provider-signature` (HMAC-SHA256 of the raw body, hex); empty = receipts refused. */
  callbackSecret?: string;
}

/** True when `signature` is the hex HMAC-SHA256 of `body` under `secret`. */
export function validSignature(secret: string, body: string, signature: string | undefined): boolean {
  if (!signature) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(body).digest('hex'));
  const given = Buffer.from(signature.trim().toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given);
}

const errorBody = (code: string, vi: string, en: string): HttpErrorBody => ({
  error: { code, message: { vi, en }, details: {} },
});

export function notificationRoutes(app: NotificationApp, options: NotificationRouteOptions = {}) {
  return async (http: HttpApp) => {
    // Delivery receipts: the raw body is kept to check the provider's signature.
    await http.register(async (scope) => {
      scope.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
        (request as unknown as { rawBody: string }).rawBody = String(body);
        try {
          done(null, JSON.parse(String(body)));
        } catch (err) {
          (err as { statusCode?: number }).statusCode = 400;
          done(err as Error, undefined);
        }
      });
      scope.post<{
        Params: { channel: ChannelName };
        Body: { providerMessageId: string; status: 'delivered' | 'failed'; at: string };
      }>(
        '/provider-callbacks/:channel',
        {
          schema: {
            summary: "A provider's delivery receipt for a message it was given",
            tags: ['messages'],
            params: {
              type: 'object',
              required: ['channel'],
              properties: { channel: { type: 'string', enum: [...CHANNELS] } },
            },
            body: {
              type: 'object',
              required: ['providerMessageId', 'status', 'at'],
              properties: {
                providerMessageId: { type: 'string', minLength: 1 },
                status: { type: 'string', enum: ['delivered', 'failed'] },
                at: { type: 'string', format: 'date-time' },
              },
            },
            response: {
              204: { type: 'null' },
              400: errorResponseSchema,
              401: errorResponseSchema,
              404: errorResponseSchema,
            },
          },
        },
        async (request, reply) => {
          // No secret configured = receipts are refused: a public route must not change records unchecked.
          const raw = (request as unknown as { rawBody?: string }).rawBody ?? '';
          const signature = request.headers['x-provider-signature'];
          if (
            !options.callbackSecret ||
            !validSignature(
              options.callbackSecret,
              raw,
              typeof signature === 'string' ? signature : undefined,
            )
          )
            return reply
              .code(401)
              .send(errorBody('BAD_SIGNATURE', 'Chữ ký không hợp lệ', 'x-provider-signature does not match'));
          const { providerMessageId, status, at } = request.body;
          const known = await app.deliveryReceipt(
            request.params.channel,
            providerMessageId,
            status,
            new Date(at),
          );
          if (!known)
            return reply
              .code(404)
              .send(errorBody('MESSAGE_NOT_FOUND', 'Không rõ tin nhắn', 'Unknown provider message id'));
          return reply.code(204).send();
        },
      );
    });

    const channelFlags = {
      type: 'object',
      additionalProperties: false,
      required: [...CHANNELS],
      properties: Object.fromEntries(CHANNELS.map((c) => [c, { type: 'boolean' }])),
    };
    http.put<{ Params: { dossierId: string }; Body: PreferenceChange }>(
      '/dossiers/:dossierId/preferences',
      {
        schema: {
          summary: "The applicant's channels for their dossier's messages, and the channels they opt out of",
          tags: ['messages', 'applicants'],
          params: {
            type: 'object',
            required: ['dossierId'],
            properties: { dossierId: { type: 'string', format: 'uuid' } },
          },
          body: {
            type: 'object',
            additionalProperties: false,
            required: ['preferences', 'optedOut'],
            properties: {
              preferences: channelFlags,
              optedOut: {
                type: 'array',
                uniqueItems: true,
                items: { type: 'string', enum: [...CHANNELS] },
              },
            },
          },
          response: {
            200: {
              type: 'object',
              properties: {
                dossierId: { type: 'string' },
                preferences: channelFlags,
                optedOut: { type: 'array', items: { type: 'string' } },
                channels: { type: 'array', items: { type: 'string' } },
              },
            },
            400: errorResponseSchema,
            401: errorResponseSchema,
            403: errorResponseSchema,
            404: errorResponseSchema,
            422: errorResponseSchema,
          },
        },
      },
      async (request) => app.changePreferences(request.params.dossierId, request.body),
    );

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
                  status: {
                    type: 'string',
                    enum: ['queued', 'sending', 'committing', 'sent', 'failed'],
                  },
                  recipientMasked: { type: 'string' },
                  attempts: { type: 'integer' },
                  unconfirmed: { type: 'boolean' },
                  failedAfterRetries: { type: 'boolean' },
                  lastError: { type: 'string' },
                  sentAt: { type: 'string', format: 'date-time' },
                  deliveredAt: { type: 'string', format: 'date-time' },
                  deliveryFailedAt: { type: 'string', format: 'date-time' },
                  triggeredByEventId: { type: 'string' },
                },
              },
            },
            400: errorResponseSchema,
          },
        },
      },
      async (request) =>
        (await app.messages(request.params.dossierId)).map(
          ({ _id, sentAt, deliveredAt, deliveryFailedAt, ...m }) => ({
            messageId: _id,
            ...m,
            ...(sentAt ? { sentAt: sentAt.toISOString() } : {}),
            ...(deliveredAt ? { deliveredAt: deliveredAt.toISOString() } : {}),
            ...(deliveryFailedAt ? { deliveryFailedAt: deliveryFailedAt.toISOString() } : {}),
          }),
        ),
    );
  };
}
