import { readConfig, str } from '@motcua/config';
import type { ServiceSpec } from '@motcua/runtime';
import { notificationGrpcService } from './adapters/grpc-notification-service.js';
import { notificationRoutes } from './adapters/http-routes.js';
import { Mailer } from './adapters/mailer.js';
import { MessageRepository } from './adapters/message-repository.js';
import { NotificationApp } from './app/notification-app.js';

export const NOTIFICATION_PORTS = { httpPort: 7104, grpcPort: 7204 };

export function notificationService(overrides: Partial<ServiceSpec> = {}): ServiceSpec {
  return {
    name: 'notification',
    description: 'Messages to applicants about their dossiers (e-mail now; SMS and Zalo to come)',
    ports: NOTIFICATION_PORTS,
    ...overrides,
    build: async (deps) => {
      const config = readConfig(
        {
          SMTP_URL: str('smtp://127.0.0.1:2525'),
          MAIL_FROM: str('Trung tâm Hành chính công <motcua@hue.gov.vn>'),
        },
        overrides.env ?? process.env,
      );
      const mailer = new Mailer(config.SMTP_URL, config.MAIL_FROM);
      const app = new NotificationApp(deps, new MessageRepository(deps.db), mailer);
      return {
        consumers: [{ groupId: 'notification.applicants', handle: (event) => app.onEvent(event) }],
        grpcServices: [notificationGrpcService(app, deps.logger)],
        routes: notificationRoutes(app),
        onStop: async () => mailer.close(),
      };
    },
  };
}
