import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@motcua/contracts';
import { EventStore } from '@motcua/eventstore';
import type { ServiceDeps } from '@motcua/runtime';
import { type SmtpSink, startSmtpSink } from '@motcua/testing';
import Fastify from 'fastify';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelRouter, EmailChannel } from '../src/adapters/channel-router.js';
import { notificationRoutes } from '../src/adapters/http-routes.js';
import { Mailer } from '../src/adapters/mailer.js';
import { MessageRepository } from '../src/adapters/message-repository.js';
import { NotificationApp } from '../src/app/notification-app.js';

const refusal = (responseCode: number) =>
  Object.assign(new Error(`${responseCode} mailbox busy`), { responseCode });

/** What the consumer harness does with a failing handler: call it again, up to `times`. */
async function deliverLikeTheConsumer(app: NotificationApp, event: RecordedEvent, times = 5) {
  let failures = 0;
  for (let i = 0; i < times; i++) {
    try {
      await app.onEvent(event);
      return failures;
    } catch {
      failures++;
    }
  }
  return failures;
}

describe('e-mail through a real SMTP server: retries, refusals and failed-after-retries', () => {
  // Per recipient: the answers the sink gives to RCPT before it accepts (a 4xx or 5xx each).
  const refusals = new Map<string, number[]>();
  let smtp: SmtpSink;
  let mongo: MongoClient;
  let db: Db;
  let app: NotificationApp;
  let store: EventStore;

  beforeAll(async () => {
    smtp = await startSmtpSink({
      beforeRcpt: async (address) => {
        const code = refusals.get(address)?.shift();
        if (code) throw refusal(code);
      },
    });
    mongo = await MongoClient.connect(process.env.MONGO_URL!);
    db = mongo.db(`notification_smtp_${randomUUID().slice(0, 8)}`);
    store = new EventStore({ db, producer: 'notification' });
    const deps = { store, clock: { now: () => new Date() } } as unknown as ServiceDeps;
    const router = new ChannelRouter({ email: new EmailChannel(new Mailer(smtp.url, 'Trung tâm <a@b.vn>')) });
    app = new NotificationApp(deps, new MessageRepository(db), router, { maxAttempts: 3 });
  });

  afterAll(async () => {
    await db.dropDatabase();
    await mongo.close();
    await smtp.stop();
  });

  async function received(email: string): Promise<RecordedEvent> {
    const dossierId = randomUUID();
    const event: RecordedEvent = {
      eventId: randomUUID(),
      type: 'DossierReceived',
      schemaVersion: 1,
      dossierId,
      dossierCode: 'HUE-261128-0009',
      streamId: `intake-dossier:${dossierId}`,
      streamVersion: 1,
      occurredAt: new Date().toISOString(),
      recordedAt: new Date().toISOString(),
      actor: { userId: 'counter.hue', role: 'counter_officer' },
      causationId: '',
      correlationId: dossierId,
      producer: 'intake',
      payload: {
        dossierCode: 'HUE-261128-0009',
        procedureName: 'Đăng ký hộ kinh doanh',
        centerId: 'hue-city',
        appointmentAt: '2026-12-03T09:00:00.000Z',
        applicant: { fullName: 'Lê Văn C', email },
      },
    };
    return event;
  }

  const mailsTo = (email: string) => smtp.received.filter((m) => m.to.includes(email));
  /** What the dossier's notification stream says became of its messages. */
  const outcomes = async (dossierId: string) =>
    ((await store.read(`notification:${dossierId}`))?.events ?? []).map((e) => ({
      type: e.type,
      ...(e.payload as Record<string, unknown>),
    }));

  it('a busy server (451) is retried and the mail arrives once, after the third attempt', async () => {
    refusals.set('busy@example.vn', [451, 451]);
    const event = await received('busy@example.vn');
    expect(await deliverLikeTheConsumer(app, event)).toBe(2);
    await app.onEvent(event); // a redelivery after success sends nothing
    expect(mailsTo('busy@example.vn')).toHaveLength(1);
    expect(mailsTo('busy@example.vn')[0]!.messageId).toBe(`<${event.eventId}:email@motcua.local>`);
    expect(await app.messages(event.dossierId)).toEqual([
      expect.objectContaining({ status: 'sent', attempts: 3, lastError: expect.stringContaining('451') }),
    ]);
    expect(await outcomes(event.dossierId)).toEqual([
      expect.objectContaining({ type: 'ApplicantNotified', delivery: 'accepted', channel: 'email' }),
    ]);
  });

  it('a server that stays busy ends the message failed-after-retries, visible on the messages route', async () => {
    refusals.set('down@example.vn', [451, 451, 451, 451, 451, 451]);
    const event = await received('down@example.vn');
    expect(await deliverLikeTheConsumer(app, event)).toBe(2); // the third attempt records the failure
    await app.onEvent(event); // redelivered: no fourth attempt
    expect(mailsTo('down@example.vn')).toHaveLength(0);
    expect(refusals.get('down@example.vn')).toHaveLength(3);
    const http = Fastify();
    await http.register(notificationRoutes(app));
    try {
      const listed = await http.inject({ method: 'GET', url: `/dossiers/${event.dossierId}/messages` });
      expect(listed.json()).toEqual([
        expect.objectContaining({
          messageId: `${event.eventId}:email`,
          status: 'failed',
          failedAfterRetries: true,
          attempts: 3,
          lastError: expect.stringContaining('failed after 3 attempts'),
        }),
      ]);
    } finally {
      await http.close();
    }
    // the dossier's log says the applicant was not reached, so the center can try another way
    expect(await outcomes(event.dossierId)).toEqual([
      expect.objectContaining({
        type: 'ApplicantNotificationFailed',
        messageId: `${event.eventId}:email`,
        afterRetries: true,
        attempts: 3,
        reason: expect.stringContaining('451'),
      }),
    ]);
  });

  it('a mail the server accepted is not sent again when recording it failed (the database gone for a moment)', async () => {
    // the repository loses its database right after the end of data: `sent` cannot be recorded
    const repository = new MessageRepository(db);
    let failSent = true;
    const realMarkSent = repository.markSent.bind(repository);
    repository.markSent = async (...args: Parameters<MessageRepository['markSent']>) => {
      if (failSent) {
        failSent = false;
        throw Object.assign(new Error('read ECONNRESET'), { name: 'MongoNetworkError' });
      }
      return realMarkSent(...args);
    };
    const router = new ChannelRouter({ email: new EmailChannel(new Mailer(smtp.url, 'Trung tâm <a@b.vn>')) });
    const flaky = new NotificationApp(
      { store, clock: { now: () => new Date() } } as unknown as ServiceDeps,
      repository,
      router,
      { maxAttempts: 3 },
    );
    const event = await received('once@example.vn');
    expect(await deliverLikeTheConsumer(flaky, event)).toBe(1);
    expect(mailsTo('once@example.vn')).toHaveLength(1);
    expect(await flaky.messages(event.dossierId)).toEqual([
      expect.objectContaining({ status: 'sent', attempts: 1 }),
    ]);
    // the retry cannot know the server's answer was 250: the log says so
    expect(await outcomes(event.dossierId)).toEqual([
      expect.objectContaining({
        type: 'ApplicantNotified',
        delivery: 'unconfirmed',
        deliveryNote: expect.stringContaining('not resent'),
      }),
    ]);
  });

  it('a refusal for good (550) fails at once and is not retried', async () => {
    refusals.set('nobody@example.vn', [550]);
    const event = await received('nobody@example.vn');
    expect(await deliverLikeTheConsumer(app, event)).toBe(0);
    expect(mailsTo('nobody@example.vn')).toHaveLength(0);
    const [message] = await app.messages(event.dossierId);
    expect(message).toMatchObject({ status: 'failed', attempts: 1 });
    expect(message?.failedAfterRetries).toBeUndefined();
    await app.onEvent(event); // redelivered: the failure is recorded once
    expect(await outcomes(event.dossierId)).toEqual([
      expect.objectContaining({
        type: 'ApplicantNotificationFailed',
        afterRetries: false,
        attempts: 1,
        reason: expect.stringContaining('550'),
      }),
    ]);
  });
});
