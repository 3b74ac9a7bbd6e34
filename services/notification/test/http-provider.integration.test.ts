import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lookupKeyFor } from '@motcua/auth';
import type { RecordedEvent } from '@motcua/contracts';
import { EventStore } from '@motcua/eventstore';
import type { ServiceDeps } from '@motcua/runtime';
import Fastify from 'fastify';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ChannelRouter, PermanentDeliveryError } from '../src/adapters/channel-router.js';
import { HttpProviderChannel } from '../src/adapters/http-provider.js';
import { notificationRoutes } from '../src/adapters/http-routes.js';
import { MessageRepository } from '../src/adapters/message-repository.js';
import { NotificationApp } from '../src/app/notification-app.js';

interface Seen {
  at: number;
  key: string | undefined;
  authorization: string | undefined;
  body: { to: string; text: string };
}

/**
 * A stand-in for an SMS/Zalo provider's API. Like a real provider it dedupes by Idempotency-Key:
 * a key it has accepted returns the same provider message id and is not delivered again.
 * `script` answers the next requests (status, headers, and whether the message is accepted first).
 */
class StandIn {
  readonly seen: Seen[] = [];
  readonly deliveries = new Map<string, string>();
  script: { status: number; headers?: Record<string, string>; acceptFirst?: boolean }[] = [];
  private readonly server: Server = createServer((req, res) => this.handle(req, res));

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/messages`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  reset(): void {
    this.seen.length = 0;
    this.deliveries.clear();
    this.script = [];
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      const key = req.headers['idempotency-key'] as string | undefined;
      this.seen.push({
        at: Date.now(),
        key,
        authorization: req.headers.authorization,
        body: JSON.parse(raw),
      });
      const step = this.script.shift() ?? { status: 200 };
      const accept = () => {
        if (key && !this.deliveries.has(key)) this.deliveries.set(key, `prov-${randomUUID()}`);
      };
      if (step.status === 200 || step.acceptFirst) accept();
      res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers });
      res.end(
        JSON.stringify(
          step.status === 200
            ? { providerMessageId: this.deliveries.get(key ?? '') }
            : { reason: step.status === 400 ? 'invalid phone number' : 'try later' },
        ),
      );
    });
  }
}

const message = { to: '0912345678', subject: 'Hồ sơ', text: 'Hồ sơ của ông/bà đã được tiếp nhận' };

describe('the HTTP provider adapter against a real local server', () => {
  const standIn = new StandIn();
  let url: string;
  let mongo: MongoClient;
  let db: Db;
  const channel = (extra: Partial<ConstructorParameters<typeof HttpProviderChannel>[0]> = {}) =>
    new HttpProviderChannel({ url, token: 'secret-token', backoffMs: 20, timeoutMs: 2_000, ...extra });

  beforeAll(async () => {
    url = await standIn.start();
    mongo = await MongoClient.connect(process.env.MONGO_URL!);
    db = mongo.db(`notification_provider_${randomUUID().slice(0, 8)}`);
  });

  afterAll(async () => {
    await standIn.stop();
    await db.dropDatabase();
    await mongo.close();
  });

  beforeEach(() => standIn.reset());

  it('(a) sends once, with the Idempotency-Key and the bearer token', async () => {
    const { providerMessageId } = await channel().send(message, 'evt-a:sms');
    expect(standIn.seen).toHaveLength(1);
    expect(standIn.seen[0]).toMatchObject({
      key: 'evt-a:sms',
      authorization: 'Bearer secret-token',
      body: { to: '0912345678', text: message.text },
    });
    expect(providerMessageId).toBe(standIn.deliveries.get('evt-a:sms'));
  });

  it('(b) 503 then 200: sent after a retry, delivered exactly once', async () => {
    standIn.script = [{ status: 503, acceptFirst: true }, { status: 200 }];
    const { providerMessageId } = await channel().send(message, 'evt-b:sms');
    expect(standIn.seen.map((s) => s.key)).toEqual(['evt-b:sms', 'evt-b:sms']);
    expect(standIn.deliveries.size).toBe(1);
    expect(providerMessageId).toBe(standIn.deliveries.get('evt-b:sms'));
  });

  it('(c) 400: failed with the provider reason, not retried', async () => {
    standIn.script = [{ status: 400 }];
    const error = await channel()
      .send(message, 'evt-c:sms')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect((error as Error).message).toBe('HTTP 400: invalid phone number');
    expect(standIn.seen).toHaveLength(1);
  });

  it('(d) 429 with Retry-After: waits, then succeeds', async () => {
    standIn.script = [{ status: 429, headers: { 'retry-after': '1' } }, { status: 200 }];
    await channel().send(message, 'evt-d:sms');
    expect(standIn.seen).toHaveLength(2);
    expect(standIn.seen[1]!.at - standIn.seen[0]!.at).toBeGreaterThanOrEqual(950);
    expect(standIn.deliveries.size).toBe(1);
  });

  it('(e) the rate limit lets a burst through, then spaces requests one token apart', async () => {
    // A virtual clock: waiting advances it, so the spacing is checked without timing real requests.
    let virtualNow = 0;
    const waits: number[] = [];
    const limited = channel({
      ratePerSecond: 4, // burst of 4, then one every 250 ms
      now: () => virtualNow,
      sleep: async (ms) => {
        waits.push(ms);
        virtualNow += ms;
      },
    });
    await Promise.all(Array.from({ length: 6 }, (_, i) => limited.send(message, `evt-e${i}:sms`)));
    expect(standIn.seen.filter((s) => s.key?.startsWith('evt-e'))).toHaveLength(6);
    expect(waits).toEqual([250, 250]);
    expect(virtualNow).toBe(500);
  });

  it('(f) a delivery receipt updates the message record; a wrong signature is refused', async () => {
    const repository = new MessageRepository(db);
    const dossierId = randomUUID();
    await repository.saveContact({
      _id: dossierId,
      dossierCode: 'HUE-261128-0001',
      procedureName: 'Cấp giấy phép',
      fullName: 'Nguyễn Văn A',
      email: '',
      phone: '0912345678',
      appointmentAt: '',
    });
    const messageId = 'evt-f:sms';
    await repository.recordQueued({
      _id: messageId,
      dossierId,
      channel: 'sms',
      template: 'received',
      recipientMasked: '0912***678',
      triggeredByEventId: 'evt-f',
    });
    await repository.beginAttempt(messageId, new Date());
    const { providerMessageId } = await channel().send(message, messageId);
    await repository.markSent(messageId, new Date(), providerMessageId);

    const secret = 'callback-secret';
    const app = new NotificationApp({} as ServiceDeps, repository, new ChannelRouter({}));
    const http = Fastify();
    await http.register(notificationRoutes(app, { callbackSecret: secret }));
    const body = JSON.stringify({ providerMessageId, status: 'delivered', at: '2026-11-28T09:00:00.000Z' });
    const sign = (b: string) => createHmac('sha256', secret).update(b).digest('hex');
    try {
      const refused = await http.inject({
        method: 'POST',
        url: '/provider-callbacks/sms',
        headers: { 'content-type': 'application/json', 'x-provider-signature': sign('{}') },
        payload: body,
      });
      expect(refused.statusCode).toBe(401);
      const accepted = await http.inject({
        method: 'POST',
        url: '/provider-callbacks/sms',
        headers: { 'content-type': 'application/json', 'x-provider-signature': sign(body) },
        payload: body,
      });
      expect(accepted.statusCode).toBe(204);
      const listed = await http.inject({ method: 'GET', url: `/dossiers/${dossierId}/messages` });
      expect(listed.json()).toEqual([
        expect.objectContaining({
          messageId,
          channel: 'sms',
          status: 'sent',
          attempts: 1,
          deliveredAt: '2026-11-28T09:00:00.000Z',
        }),
      ]);
    } finally {
      await http.close();
    }
  });

  it('(g) the app: one record per channel, sent or failed, each seen once across a redelivery', async () => {
    const zaloStandIn = new StandIn();
    const zaloUrl = await zaloStandIn.start();
    try {
      const repository = new MessageRepository(db);
      const store = new EventStore({ db, producer: 'notification' });
      const mails: string[] = [];
      const router = new ChannelRouter({
        email: {
          send: async (_m, key) => {
            mails.push(key);
            return { providerMessageId: `<${key}@motcua.local>` };
          },
        },
        sms: channel(),
        zalo: new HttpProviderChannel({ url: zaloUrl, token: 't', backoffMs: 20 }),
      });
      const deps = { store, clock: { now: () => new Date() } } as unknown as ServiceDeps;
      const app = new NotificationApp(deps, repository, router);
      const dossierId = randomUUID();
      const event = (type: string, payload: Record<string, unknown>): RecordedEvent => ({
        eventId: randomUUID(),
        type,
        schemaVersion: 1,
        dossierId,
        dossierCode: 'HUE-261128-0002',
        streamId: `dossier:${dossierId}`,
        streamVersion: 1,
        occurredAt: new Date().toISOString(),
        recordedAt: new Date().toISOString(),
        actor: { userId: 'counter.hue', role: 'counter_officer' },
        causationId: '',
        correlationId: randomUUID(),
        producer: 'intake',
        payload,
      });
      const received = event('DossierReceived', {
        dossierCode: 'HUE-261128-0002',
        procedureName: 'Cấp giấy phép xây dựng',
        appointmentAt: '2026-12-05T09:00:00.000Z',
        applicant: { fullName: 'Trần Thị B', email: 'b@example.vn', phone: '0912345678' },
      });
      await app.onEvent(received);
      await app.onEvent(received); // redelivered: nothing is sent twice
      expect(mails).toEqual([`${received.eventId}:email`]);
      expect(standIn.seen.map((s) => s.key)).toEqual([`${received.eventId}:sms`]);
      expect(standIn.seen[0]!.body.text).toContain('HUE-261128-0002');
      expect(zaloStandIn.seen).toHaveLength(0); // Zalo is off by default

      await repository.setPreferences(dossierId, { email: false, sms: false, zalo: true }, []);
      zaloStandIn.script = [{ status: 400 }];
      const ready = event('ResultReceivedAtCounter', {});
      await app.onEvent(ready);
      await app.onEvent(ready);
      expect(zaloStandIn.seen).toHaveLength(1); // refused for good: not retried, not resent

      const byId = Object.fromEntries((await app.messages(dossierId)).map((m) => [m._id, m]));
      expect(byId[`${received.eventId}:email`]).toMatchObject({
        channel: 'email',
        status: 'sent',
        attempts: 1,
      });
      expect(byId[`${received.eventId}:sms`]).toMatchObject({
        channel: 'sms',
        status: 'sent',
        attempts: 1,
        recipientMasked: '0912***678',
      });
      expect(byId[`${ready.eventId}:zalo`]).toMatchObject({
        channel: 'zalo',
        status: 'failed',
        attempts: 1,
        lastError: 'HTTP 400: invalid phone number',
      });
      const stream = await store.read(`notification:${dossierId}`);
      // the refused Zalo message is on the dossier's log too, as a failure the center can act on
      expect(stream?.events.map((e) => [e.type, (e.payload as { channel: string }).channel])).toEqual([
        ['ApplicantNotified', 'email'],
        ['ApplicantNotified', 'sms'],
        ['ApplicantNotificationFailed', 'zalo'],
      ]);
    } finally {
      await zaloStandIn.stop();
    }
  });

  it('(h) the reception message carries the look-up key by e-mail and SMS, once across a redelivery, and no record keeps it', async () => {
    standIn.reset();
    const repository = new MessageRepository(db);
    const store = new EventStore({ db, producer: 'notification' });
    const mails: string[] = [];
    const router = new ChannelRouter({
      email: {
        send: async (m) => {
          mails.push(m.text);
          return { providerMessageId: `<${randomUUID()}@motcua.local>` };
        },
      },
      sms: channel(),
    });
    const deps = { store, clock: { now: () => new Date() } } as unknown as ServiceDeps;
    const secret = 'a-lookup-secret-for-this-test-only-0123456789';
    const app = new NotificationApp(deps, repository, router, { maxAttempts: 5, lookupSecret: secret });
    const dossierId = randomUUID();
    const key = lookupKeyFor(dossierId, secret);
    const received: RecordedEvent = {
      eventId: randomUUID(),
      type: 'DossierReceived',
      schemaVersion: 1,
      dossierId,
      dossierCode: 'HUE-261204-0007',
      streamId: `intake-dossier:${dossierId}`,
      streamVersion: 2,
      occurredAt: new Date().toISOString(),
      recordedAt: new Date().toISOString(),
      actor: { userId: 'counter.hue', role: 'counter_officer' },
      causationId: '',
      correlationId: randomUUID(),
      producer: 'intake',
      payload: {
        dossierCode: 'HUE-261204-0007',
        procedureName: 'Đăng ký thành lập hộ kinh doanh',
        appointmentAt: '2026-12-09T10:00:00.000Z',
        applicant: { fullName: 'Ngô Văn Trực Tuyến', email: 'tt@example.vn', phone: '0905123456' },
      },
    };
    await app.onEvent(received);
    await app.onEvent(received); // redelivered: no second e-mail, no second SMS
    expect(mails).toHaveLength(1);
    expect(mails[0]).toContain(`Mã tra cứu: ${key}`);
    expect(standIn.seen).toHaveLength(1);
    expect(standIn.seen[0]!.body.text).toContain('HUE-261204-0007');
    expect(standIn.seen[0]!.body.text).toContain(key);

    const records = JSON.stringify(await db.collection('messages').find({ dossierId }).toArray());
    const events = JSON.stringify(await store.read(`notification:${dossierId}`));
    expect(records).toContain('dossier-received');
    expect(records).not.toContain(key);
    expect(events).not.toContain(key);
  });
});
