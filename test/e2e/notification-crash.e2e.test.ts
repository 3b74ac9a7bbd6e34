// The notification service killed (SIGKILL, a real separate process) in the middle of a send, then
// restarted: every message reaches the real SMTP sink and the provider stand-in exactly once (ADR 0011).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { newEventId } from '@motcua/contracts';
import { createKafka, ensureTopics, topicNames } from '@motcua/kafka';
import { e2ePort, eventually, REPO_ROOT, type SmtpSink, startSmtpSink } from '@motcua/testing';
import type { Kafka, Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventStore, type EventStoreOptions } from '../../packages/eventstore/src/event-store.js';

const HTTP_PORT = e2ePort(18501);
const GRPC_PORT = e2ePort(18502);
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

interface MessageDoc {
  _id: string;
  channel: string;
  status: string;
  attempts: number;
  unconfirmed?: boolean;
}
interface Db {
  collection(name: string): {
    find(filter: object): { toArray(): Promise<MessageDoc[]> };
  };
  dropDatabase(): Promise<unknown>;
}
// The root package does not depend on the driver; the testing package does.
const { MongoClient } = createRequire(join(REPO_ROOT, 'packages/testing/package.json'))('mongodb') as {
  MongoClient: { connect(url: string): Promise<{ db(name: string): Db; close(): Promise<void> }> };
};

/** A point a test can hold a peer at: `reached` resolves when the peer arrives, `release` lets it go. */
class Gate {
  private arrive!: () => void;
  private open!: () => void;
  readonly reached = new Promise<void>((resolve) => {
    this.arrive = resolve;
  });
  private readonly opened = new Promise<void>((resolve) => {
    this.open = resolve;
  });

  pass(): Promise<void> {
    this.arrive();
    return this.opened;
  }

  release(): void {
    this.open();
  }
}

/** An SMS provider stand-in that, like a real one, delivers each Idempotency-Key once. */
class ProviderStandIn {
  readonly seen: string[] = [];
  readonly delivered = new Map<string, string>();
  /** Deliveries made: a key seen again is recognised, not delivered again. */
  deliveries = 0;
  /** Holds the answer to the next message to the named phone, after accepting it. */
  readonly holds = new Map<string, Gate>();
  private readonly server: Server = createServer((req, res) => this.handle(req, res));

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/sms`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', async () => {
      const key = String(req.headers['idempotency-key']);
      const to = String((JSON.parse(raw) as { to: string }).to);
      this.seen.push(key);
      if (!this.delivered.has(key)) {
        this.delivered.set(key, `prov-${randomUUID()}`);
        this.deliveries++;
      }
      const hold = this.holds.get(to);
      if (hold) {
        this.holds.delete(to);
        await hold.pass();
      }
      if (res.destroyed) return;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ providerMessageId: this.delivered.get(key) }));
    });
  }
}

describe('notifications survive a crash of the notification service mid-send', () => {
  const run = randomUUID().slice(0, 8);
  const namespace = `e2e-notify-crash-${run}`;
  const mongoDb = `e2e_notifycrash_${run}`;
  const logDir = join(REPO_ROOT, 'test-artifacts', `e2e-notification-crash-${run}`);
  const rcptHolds = new Map<string, Gate>();
  const answerHolds = new Map<string, Gate>();
  const standIn = new ProviderStandIn();
  let smtp: SmtpSink;
  let providerUrl: string;
  let kafka: Kafka;
  let producer: Producer;
  let mongo: { close(): Promise<void> };
  let db: Db;
  let service: ChildProcess | undefined;

  const hold = (holds: Map<string, Gate>, key: string) => {
    const gate = new Gate();
    holds.set(key, gate);
    return gate;
  };
  const passHold = async (holds: Map<string, Gate>, key: string) => {
    const gate = holds.get(key);
    if (!gate) return;
    holds.delete(key);
    await gate.pass();
  };

  async function startService(): Promise<void> {
    mkdirSync(logDir, { recursive: true });
    const log = createWriteStream(join(logDir, 'notification.log'), { flags: 'a' });
    // node itself with tsx as a loader (not the tsx CLI, which runs the service in a child process):
    // the SIGKILL must hit the process that is sending.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: join(REPO_ROOT, 'services/notification'),
      env: {
        ...process.env,
        MONGO_DB: mongoDb,
        MOTCUA_NAMESPACE: namespace,
        SMTP_URL: smtp.url,
        SMS_PROVIDER_URL: providerUrl,
        SMS_PROVIDER_TOKEN: 'token',
        NOTIFICATION_HTTP_HOST: '127.0.0.1',
        NOTIFICATION_HTTP_PORT: String(HTTP_PORT),
        NOTIFICATION_GRPC_HOST: '127.0.0.1',
        NOTIFICATION_GRPC_PORT: String(GRPC_PORT),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    service = child;
    await eventually(async () => {
      if (child.exitCode !== null) throw new Error(`notification exited: see ${logDir}`);
      const ready = await fetch(`http://127.0.0.1:${HTTP_PORT}/health/ready`);
      expect(ready.status).toBe(200);
    }, 90_000);
  }

  async function kill(): Promise<void> {
    const child = service;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  /** A dossier received at the counter, as intake publishes it: its applicant has e-mail and phone. */
  async function receive(
    email: string,
    phone = '0912345678',
  ): Promise<{ dossierId: string; eventId: string }> {
    const dossierId = randomUUID();
    const eventId = newEventId();
    const at = new Date().toISOString();
    const code = `000.00.31.H57-261128-${run.slice(0, 4)}`;
    const envelope = {
      eventId,
      type: 'DossierReceived',
      schemaVersion: 1,
      dossierId,
      dossierCode: code,
      streamId: `intake-dossier:${dossierId}`,
      streamVersion: 1,
      occurredAt: at,
      recordedAt: at,
      actor: { userId: 'counter.hue', role: 'counter_officer', centerId: 'hue-city' },
      causationId: eventId,
      correlationId: dossierId,
      producer: 'intake',
      payload: {
        dossierCode: code,
        lookupKeyHash: 'a3f1c9e0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a6',
        procedureCode: '2.000575',
        procedureVersion: 1,
        procedureName: 'Đăng ký thành lập hộ kinh doanh',
        channel: 'counter',
        receivingUnitCode: '000.00.31.H57',
        centerId: 'hue-city',
        applicant: { fullName: 'Nguyễn Văn An', email, phone },
        documents: [],
        receivedAt: at,
        appointmentAt: at,
        legalTimeLimit: { value: 3, unit: 'working_days' },
        checklist: [],
      },
    };
    await producer.send({
      topic: topicNames(namespace).lifecycle,
      acks: -1,
      messages: [{ key: dossierId, value: JSON.stringify(envelope) }],
    });
    return { dossierId, eventId };
  }

  const messages = async (dossierId: string) => db.collection('messages').find({ dossierId }).toArray();
  const bothSent = (dossierId: string) =>
    eventually(async () => {
      const found = await messages(dossierId);
      expect(found.map((m) => m.status)).toEqual(['sent', 'sent']);
      return Object.fromEntries(found.map((m) => [m.channel, m]));
    }, 120_000);
  const mailsWith = (key: string) =>
    smtp.received.filter((m) => m.headers['x-motcua-message-id'] === key).length;
  /** The notification service's streams, read as it reads them (the driver's own Db). */
  const notificationStore = () =>
    new EventStore({ db: db as unknown as EventStoreOptions['db'], producer: 'e2e', cachedStreams: 0 });
  /** The dossier's ApplicantNotified events: channel → delivery. */
  const deliveries = async (dossierId: string): Promise<Record<string, string>> =>
    Object.fromEntries(
      ((await notificationStore().read(`notification:${dossierId}`))?.events ?? [])
        .filter((e) => e.type === 'ApplicantNotified')
        .map((e) => {
          const p = e.payload as { channel: string; delivery: string };
          return [p.channel, p.delivery];
        }),
    );

  beforeAll(async () => {
    smtp = await startSmtpSink({
      beforeRcpt: (address) => passHold(rcptHolds, address),
      beforeAnswer: (mail) => passHold(answerHolds, mail.to[0] ?? ''),
    });
    providerUrl = await standIn.start();
    kafka = createKafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'e2e', logger: quiet });
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, topicNames(namespace));
    await admin.disconnect();
    producer = kafka.producer();
    await producer.connect();
    const client = await MongoClient.connect(process.env.MONGO_URL!);
    mongo = client;
    db = client.db(mongoDb);
    await startService();
  });

  afterAll(async () => {
    await kill();
    await producer?.disconnect();
    await db?.dropDatabase();
    await mongo?.close();
    await standIn.stop();
    await smtp?.stop();
  });

  it('a kill after the end of data (the SMTP answer not yet recorded) does not send the e-mail again', async () => {
    const gate = hold(answerHolds, 'an.after-data@example.vn');
    const { dossierId, eventId } = await receive('an.after-data@example.vn');
    await gate.reached; // the sink has the whole mail and has not answered yet
    await kill();
    gate.release();
    await startService();
    const sent = await bothSent(dossierId);
    expect(sent.email).toMatchObject({ unconfirmed: true, attempts: 1 });
    expect(mailsWith(`${eventId}:email`)).toBe(1);
    expect(standIn.delivered.has(`${eventId}:sms`)).toBe(true);
    // the log tells the board the mail may not have arrived
    await eventually(async () =>
      expect(await deliveries(dossierId)).toEqual({ email: 'unconfirmed', sms: 'accepted' }),
    );
  });

  it('a kill while the SMS provider is answering resends with the same key and is delivered once', async () => {
    const gate = hold(standIn.holds, '0987654321');
    const { dossierId, eventId } = await receive('binh.sms@example.vn', '0987654321');
    await gate.reached; // the provider accepted the message and has not answered yet
    await kill();
    gate.release();
    await startService();
    const sent = await bothSent(dossierId);
    expect(sent.sms).toMatchObject({ attempts: 2 });
    expect(standIn.seen.filter((k) => k === `${eventId}:sms`)).toHaveLength(2);
    expect(standIn.delivered.has(`${eventId}:sms`)).toBe(true);
    expect(standIn.deliveries).toBe(standIn.delivered.size); // every key delivered once
    expect(mailsWith(`${eventId}:email`)).toBe(1);
    await eventually(async () =>
      expect(await deliveries(dossierId)).toEqual({ email: 'accepted', sms: 'accepted' }),
    );
  });

  it('a kill before the end of data sends the e-mail on restart: none lost, none doubled', async () => {
    const gate = hold(rcptHolds, 'chi.before-data@example.vn');
    const { dossierId, eventId } = await receive('chi.before-data@example.vn');
    await gate.reached; // the sink holds the recipient: no DATA yet
    await kill();
    gate.release();
    await startService();
    const sent = await bothSent(dossierId);
    expect(sent.email).toMatchObject({ attempts: 2 });
    expect(sent.email?.unconfirmed).toBeUndefined();
    expect(mailsWith(`${eventId}:email`)).toBe(1);
    await eventually(async () =>
      expect(await deliveries(dossierId)).toEqual({ email: 'accepted', sms: 'accepted' }),
    );
  });
});
