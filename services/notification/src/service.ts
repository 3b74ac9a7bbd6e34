import { DEVELOPMENT_LOOKUP_SECRET, LOOKUP_SECRET_NAME } from '@motcua/auth';
import { int, readConfig, str } from '@motcua/config';
import type { ServiceSpec } from '@motcua/runtime';
import { ChannelRouter, EmailChannel } from './adapters/channel-router.js';
import { notificationGrpcService } from './adapters/grpc-notification-service.js';
import { HttpProviderChannel } from './adapters/http-provider.js';
import { notificationRoutes } from './adapters/http-routes.js';
import { Mailer } from './adapters/mailer.js';
import { MessageRepository } from './adapters/message-repository.js';
import { OfficerInbox } from './adapters/officer-inbox.js';
import { NotificationApp, notificationReactsTo, type OfficerContact } from './app/notification-app.js';

export const NOTIFICATION_PORTS = { httpPort: 7104, grpcPort: 7204 };

export function notificationService(overrides: Partial<ServiceSpec> = {}): ServiceSpec {
  return {
    name: 'notification',
    description: 'Messages to applicants about their dossiers (e-mail now; SMS and Zalo to come)',
    ports: NOTIFICATION_PORTS,
    // intake's look-up secret: the reception message carries the receipt's key (ADR 0016).
    secrets: [{ name: LOOKUP_SECRET_NAME, developmentValue: DEVELOPMENT_LOOKUP_SECRET }],
    ...overrides,
    build: async (deps) => {
      const config = readConfig(
        {
          SMTP_URL: str('smtp://127.0.0.1:2525'),
          MAIL_FROM: str('Trung tâm Hành chính công <motcua@hue.gov.vn>'),
          // A channel without a provider URL is off.
          SMS_PROVIDER_URL: str(''),
          SMS_PROVIDER_TOKEN: str(''),
          SMS_RATE_PER_SECOND: int(10, { min: 1 }),
          ZALO_PROVIDER_URL: str(''),
          ZALO_PROVIDER_TOKEN: str(''),
          ZALO_RATE_PER_SECOND: int(10, { min: 1 }),
          PROVIDER_TIMEOUT_MS: int(5_000, { min: 100 }),
          // Attempts per message (across the consumer's retries and restarts) before it is `failed`.
          NOTIFY_MAX_ATTEMPTS: int(5, { min: 1 }),
          // Officers who get their deadline notices by e-mail too: JSON [{userId, role, centerId,
          // departmentId, email}]. Everyone else reads them in GET /inbox.
          OFFICER_DIRECTORY: str('[]'),
          // Delivery receipts must carry x-provider-signature = HMAC-SHA256(body, secret); empty = refused.
          PROVIDER_CALLBACK_SECRET: str(''),
        },
        overrides.env ?? process.env,
      );
      const mailer = new Mailer(config.SMTP_URL, config.MAIL_FROM);
      const provider = (url: string, token: string, ratePerSecond: number) =>
        url
          ? new HttpProviderChannel({ url, token, ratePerSecond, timeoutMs: config.PROVIDER_TIMEOUT_MS })
          : undefined;
      const sms = provider(config.SMS_PROVIDER_URL, config.SMS_PROVIDER_TOKEN, config.SMS_RATE_PER_SECOND);
      const zalo = provider(
        config.ZALO_PROVIDER_URL,
        config.ZALO_PROVIDER_TOKEN,
        config.ZALO_RATE_PER_SECOND,
      );
      const router = new ChannelRouter({
        email: new EmailChannel(mailer),
        ...(sms ? { sms } : {}),
        ...(zalo ? { zalo } : {}),
      });
      const app = new NotificationApp(deps, new MessageRepository(deps.db), router, {
        maxAttempts: config.NOTIFY_MAX_ATTEMPTS,
        inbox: new OfficerInbox(deps.db),
        officers: officerDirectory(config.OFFICER_DIRECTORY),
        lookupSecret: deps.secrets[LOOKUP_SECRET_NAME]!,
      });
      return {
        consumers: [
          {
            groupId: 'notification.applicants',
            relevant: notificationReactsTo,
            handle: (event) => app.onEvent(event),
          },
        ],
        grpcServices: [notificationGrpcService(app, deps.logger)],
        routes: notificationRoutes(app, { callbackSecret: config.PROVIDER_CALLBACK_SECRET }),
        resources: { dossier: (dossierId) => app.dossierResource(dossierId) },
      };
    },
  };
}

/** The configured officers with an address; a malformed directory stops the start. */
function officerDirectory(json: string): OfficerContact[] {
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) throw new Error('OFFICER_DIRECTORY must be a JSON array');
  return parsed.map((o: Partial<OfficerContact>) => {
    if (typeof o?.userId !== 'string' || typeof o.role !== 'string' || typeof o.email !== 'string')
      throw new Error('OFFICER_DIRECTORY entries need userId, role and email');
    return {
      userId: o.userId,
      role: o.role,
      email: o.email,
      ...(o.centerId ? { centerId: o.centerId } : {}),
      ...(o.departmentId ? { departmentId: o.departmentId } : {}),
    };
  });
}
