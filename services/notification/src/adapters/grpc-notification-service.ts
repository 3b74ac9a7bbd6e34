import { type ListMessagesResponse, NotificationServiceService } from '@motcua/contracts';
import { defineService, unary } from '@motcua/grpc';
import type { Logger } from '@motcua/logger';
import type { NotificationApp } from '../app/notification-app.js';

export function notificationGrpcService(app: NotificationApp, logger: Logger) {
  return defineService(NotificationServiceService, {
    listMessages: unary(async (request): Promise<ListMessagesResponse> => {
      const records = await app.messages(request.dossierId);
      return {
        messages: records.map((m) => ({
          messageId: m._id,
          dossierId: m.dossierId,
          channel: m.channel,
          template: m.template,
          status: m.status,
          recipientMasked: m.recipientMasked,
          sentAt: m.sentAt?.toISOString(),
          triggeredByEventId: m.triggeredByEventId,
        })),
      };
    }, logger),
  });
}
