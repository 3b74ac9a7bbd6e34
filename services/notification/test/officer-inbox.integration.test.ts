import { randomUUID } from 'node:crypto';
import { DEVELOPMENT_JWT_SECRET, installHttpGuard, Tokens } from '@motcua/auth';
import type { RecordedEvent } from '@motcua/contracts';
import { EventStore } from '@motcua/eventstore';
import { buildHttpApp, type HttpApp } from '@motcua/http';
import { createLogger } from '@motcua/logger';
import type { ServiceDeps } from '@motcua/runtime';
import { type SmtpSink, startSmtpSink } from '@motcua/testing';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelRouter, EmailChannel } from '../src/adapters/channel-router.js';
import { notificationRoutes } from '../src/adapters/http-routes.js';
import { Mailer } from '../src/adapters/mailer.js';
import { MessageRepository } from '../src/adapters/message-repository.js';
import { OfficerInbox } from '../src/adapters/officer-inbox.js';
import { NotificationApp } from '../src/app/notification-app.js';

const FINANCE = 'hue-city.finance-planning';
const HEAD = {
  userId: 'head.tckh.hue',
  role: 'department_head',
  centerId: 'hue-city',
  departmentId: FINANCE,
};
const LEADER = {
  userId: 'leader.hue',
  role: 'district_leader',
  centerId: 'hue-city',
  departmentId: 'hue-city.leadership',
};

describe("officers' deadline notices: an inbox over HTTP, and e-mail for officers with an address", () => {
  const tokens = new Tokens({ secret: DEVELOPMENT_JWT_SECRET });
  const logger = createLogger({ service: 'notification', level: 'silent' });
  const dossierId = randomUUID();
  const headers: Record<string, Record<string, string>> = {};
  let smtp: SmtpSink;
  let mongo: MongoClient;
  let db: Db;
  let app: NotificationApp;
  let http: HttpApp;

  const fact = (type: string, payload: Record<string, unknown>): RecordedEvent => ({
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    dossierId,
    dossierCode: 'HUE-260504-0007',
    streamId: `routing-dossier:${dossierId}`,
    streamVersion: 5,
    occurredAt: '2026-05-04T00:30:00.000Z',
    recordedAt: '2026-05-04T00:30:00.000Z',
    actor: { userId: 'system:routing', role: 'system' },
    causationId: '',
    correlationId: dossierId,
    producer: 'routing',
    payload,
  });
  const inboxOf = async (who: string) =>
    http.inject({ method: 'GET', url: '/inbox', headers: headers[who] ?? {} });

  beforeAll(async () => {
    for (const [who, claims] of Object.entries({
      head: HEAD,
      leader: LEADER,
      officer: {
        userId: 'officer.tckh.hue',
        role: 'department_officer',
        centerId: 'hue-city',
        departmentId: FINANCE,
      },
      applicant: { userId: 'applicant:046190001234', role: 'applicant' },
    })) {
      headers[who] = { authorization: `Bearer ${(await tokens.issue(claims)).accessToken}` };
    }
    smtp = await startSmtpSink();
    mongo = await MongoClient.connect(process.env.MONGO_URL!);
    db = mongo.db(`notification_inbox_${randomUUID().slice(0, 8)}`);
    const deps = {
      store: new EventStore({ db, producer: 'notification' }),
      clock: { now: () => new Date() },
    } as unknown as ServiceDeps;
    const router = new ChannelRouter({ email: new EmailChannel(new Mailer(smtp.url, 'Một cửa <a@b.vn>')) });
    app = new NotificationApp(deps, new MessageRepository(db), router, {
      maxAttempts: 3,
      inbox: new OfficerInbox(db),
      officers: [{ ...HEAD, email: 'head.tckh@hue.gov.vn' }],
    });
    http = await buildHttpApp({
      service: 'notification',
      version: 'test',
      logger,
      routes: async (scope) => {
        installHttpGuard(scope, { service: 'notification', tokens, logger });
        await notificationRoutes(app)(scope);
      },
    });
  });

  afterAll(async () => {
    await http.close();
    await db.dropDatabase();
    await mongo.close();
    await smtp.stop();
  });

  it('keeps each notice once across redeliveries and shows each officer theirs', async () => {
    const facts = [
      fact('StepNearDue', {
        stepName: 'Thẩm định',
        departmentId: FINANCE,
        centerId: 'hue-city',
        assigneeId: '',
        dueAt: '2026-05-04T10:00:00.000Z',
      }),
      fact('ApologyPrompted', {
        departmentIds: [FINANCE],
        appointmentAt: '2026-05-05T10:00:00.000Z',
        apologyDeadline: '2026-05-04T17:00:00.000Z',
      }),
      fact('StepEscalated', {
        stepName: 'Thẩm định',
        departmentId: FINANCE,
        centerId: 'hue-city',
        level: 2,
        dueAt: '2026-05-04T10:00:00.000Z',
      }),
    ];
    for (const f of [...facts, ...facts]) await app.onEvent(f);

    const head = await inboxOf('head');
    expect(head.statusCode).toBe(200);
    expect(
      head
        .json()
        .map((n: { type: string }) => n.type)
        .sort(),
    ).toEqual(['ApologyPrompted', 'StepNearDue']);
    const officer = await inboxOf('officer');
    expect(officer.json().map((n: { type: string }) => n.type)).toEqual(['StepNearDue']);
    const leader = await inboxOf('leader');
    expect(leader.json()).toEqual([
      expect.objectContaining({
        type: 'StepEscalated',
        audience: 'leader:hue-city',
        dossierCode: 'HUE-260504-0007',
      }),
    ]);

    // The head has an address: the queue's reminder and the apology prompt, each mailed once.
    const mails = smtp.received.filter((m) => m.to.includes('head.tckh@hue.gov.vn'));
    expect(mails.map((m) => m.subject).sort()).toEqual([
      '[Một cửa] Cần văn bản xin lỗi và hẹn lại – hồ sơ HUE-260504-0007',
      '[Một cửa] Sắp đến hạn: Thẩm định – hồ sơ HUE-260504-0007',
    ]);
    expect(smtp.received).toHaveLength(2); // the leader has no address in the directory
    // Officers' mail is not listed among the applicant's messages.
    expect(await app.messages(dossierId)).toEqual([]);
  });

  it("keeps an audience's newest notices only, each once, however many arrive", async () => {
    const inbox = new OfficerInbox(db, 3);
    const notice = (n: number) => ({
      id: `e-${n}:head:small`,
      audience: 'head:small',
      eventId: `e-${n}`,
      type: 'StepNearDue',
      dossierId,
      dossierCode: 'HUE-260504-0007',
      subject: `notice ${n}`,
      text: '',
      at: `2026-05-04T00:0${n}:00.000Z`,
    });
    for (const n of [1, 2]) await inbox.add(notice(n));
    // concurrent adds, one of them a redelivery
    await Promise.all([3, 4, 5, 5].map((n) => inbox.add(notice(n))));
    await inbox.add(notice(5));
    const kept = await inbox.read(['head:small']);
    expect(kept.map((n) => n.subject)).toEqual(['notice 5', 'notice 4', 'notice 3']);
    const doc = await db.collection('officer_inboxes').findOne({ _id: 'head:small' as never });
    expect(doc?.noticeIds).toHaveLength(3);
  });

  it('answers 401 without a token and 403 to an applicant', async () => {
    expect((await inboxOf('nobody')).statusCode).toBe(401);
    const applicant = await inboxOf('applicant');
    expect(applicant.statusCode).toBe(403);
    expect(applicant.json().error.details.rule).toBe('auth.role');
  });
});
