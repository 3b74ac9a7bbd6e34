import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { AuditServiceClient, type RecordedEvent } from '@motcua/contracts';
import { checkHealth, createClient } from '@motcua/grpc';
import { createKafka, ensureTopics, topicNames } from '@motcua/kafka';
import {
  eventually,
  REPO_ROOT,
  type RunningSystem,
  SERVICES,
  type SmtpSink,
  startSmtpSink,
  startSystem,
} from '@motcua/testing';
import type { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Json, login } from './session.js';

// One household-business registration travels through all five services on real Kafka and the
// real MongoDB-wire server, started as separate processes. Nothing is mocked.
const run = randomUUID().slice(0, 8);
const namespace = `e2e-${run}`;
const topics = topicNames(namespace);
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

// Officers log in at intake (demo accounts) and send their bearer token to every service.
const APPRAISAL = 'hue-city.finance-planning';
const LEADERSHIP = 'hue-city.leadership';
const OFFICERS = { [APPRAISAL]: 'officer.tckh.hue', [LEADERSHIP]: 'leader.hue' } as const;
type Headers = Record<string, string>;
let counterOfficer: Headers;
let board: Headers;
const officers: Record<string, Headers> = {};
const officer = (user: string) => officers[user]!;

describe('a dossier travelling end to end through the five services', () => {
  let smtp: SmtpSink;
  let system: RunningSystem;
  let kafka: Kafka;

  beforeAll(async () => {
    const brokers = process.env.KAFKA_BROKERS!.split(',');
    kafka = createKafka({ brokers, clientId: 'e2e', logger: quiet });
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, topics);
    await admin.disconnect();
    // A poison message waits at the head of the log: every consumer must step over it.
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: topics.lifecycle, messages: [{ key: 'junk', value: '{"not":"an event"' }] });
    await producer.disconnect();

    smtp = await startSmtpSink();
    system = await startSystem({
      kafkaBrokers: brokers,
      mongoUrl: process.env.MONGO_URL!,
      smtpUrl: smtp.url,
      basePort: 17_100,
      mongoDbPrefix: `e2e_${run}`,
      namespace,
      logDir: join(REPO_ROOT, 'test-artifacts', `e2e-${run}`),
    });
    counterOfficer = await login(system.http.intake, 'counter.hue');
    board = await login(system.http.intake, 'board');
    for (const user of Object.values(OFFICERS)) officers[user] = await login(system.http.intake, user);
  });

  afterAll(async () => {
    await system?.stop();
    await smtp?.stop();
  });

  let dossier: Json;
  let lookupKey: string;
  const commandId = randomUUID();
  const applicant = {
    fullName: 'Nguyễn Thị Hoa',
    idNumber: '046190001234',
    phone: '0905123456',
    email: 'hoa.nguyen@example.vn',
    address: '25 Lê Lợi, phường Phú Hội, thành phố Huế',
  };
  const reception = {
    commandId,
    procedureCode: '2.000575',
    applicant,
    documents: [
      { name: 'Giấy đề nghị đăng ký hộ kinh doanh', original: true, count: 1 },
      {
        name: 'Bản sao giấy tờ pháp lý của cá nhân (chủ hộ, thành viên hộ gia đình)',
        original: false,
        count: 1,
      },
    ],
  };

  it('answers readiness on every service, over HTTP and the gRPC health service', async () => {
    for (const service of SERVICES) {
      expect((await fetch(`${system.http[service]}/health/ready`)).status).toBe(200);
      expect(await checkHealth(system.grpc[service])).toBe('SERVING');
    }
  });

  it('receives the dossier at the counter with a code and an appointment 3 working days out', async () => {
    const received = await call('POST', `${system.http.intake}/dossiers`, reception, counterOfficer);
    expect(received.status).toBe(201);
    dossier = received.body.dossier;
    lookupKey = received.body.lookupKey;
    expect(dossier.dossierCode).toMatch(/^000\.00\.31\.H57-\d{6}-\d{4}$/);
    expect(dossier.status).toBe('received');
    expect(lookupKey).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    const due = new Date(dossier.appointmentAt);
    expect(due.getTime()).toBeGreaterThan(new Date(dossier.receivedAt).getTime() + 24 * 3600_000);
    // 17:00 in Huế (UTC+7), the end of a working day
    expect(due.getUTCHours()).toBe(10);
  });

  it('gives the same code when the counter retries the same command', async () => {
    const retried = await call('POST', `${system.http.intake}/dossiers`, reception, counterOfficer);
    expect(retried.status).toBe(200);
    expect(retried.body.dossier.dossierCode).toBe(dossier.dossierCode);
    expect(retried.body.lookupKey).toBe(lookupKey);
  });

  it('refuses a reception with bad input, in both languages, and writes nothing', async () => {
    const bad = await call(
      'POST',
      `${system.http.intake}/dossiers`,
      { ...reception, commandId: randomUUID(), procedureCode: 'abc', documents: [] },
      counterOfficer,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_INPUT');
    expect(bad.body.error.message.vi).toBeTruthy();
    expect(bad.body.error.message.en).toBeTruthy();
  });

  const completeTaskIn = async (departmentId: string, user: string) => {
    const queue = await eventually(async () => {
      const q = await call(
        'GET',
        `${system.http.department}/departments/${departmentId}/queue`,
        undefined,
        officer(user),
      );
      const task = q.body.find?.((t: Json) => t.dossierId === dossier.dossierId);
      expect(task).toBeDefined();
      return task as Json;
    });
    const done = await call(
      'POST',
      `${system.http.department}/tasks/${queue.taskId}/complete`,
      { commandId: randomUUID(), note: 'Hồ sơ hợp lệ' },
      officer(user),
    );
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('completed');
    // read-your-writes: the queue no longer shows it
    const after = await call(
      'GET',
      `${system.http.department}/departments/${departmentId}/queue`,
      undefined,
      officer(user),
    );
    expect(after.body.some((t: Json) => t.taskId === queue.taskId)).toBe(false);
    return queue;
  };

  it('routes it to the finance-planning department, whose officer completes the appraisal', async () => {
    const task = await completeTaskIn(APPRAISAL, OFFICERS[APPRAISAL]);
    expect(task.stepId).toBe('appraise');
    expect(task.dossierCode).toBe(dossier.dossierCode);
  });

  it('refuses an officer of another department', async () => {
    const task = await eventually(async () => {
      const q = await call(
        'GET',
        `${system.http.department}/departments/${LEADERSHIP}/queue`,
        undefined,
        officer(OFFICERS[LEADERSHIP]),
      );
      const t = q.body.find?.((x: Json) => x.dossierId === dossier.dossierId);
      expect(t).toBeDefined();
      return t as Json;
    });
    const refused = await call(
      'POST',
      `${system.http.department}/tasks/${task.taskId}/complete`,
      { commandId: randomUUID() },
      officer(OFFICERS[APPRAISAL]),
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('PERMISSION_DENIED');
  });

  it('hands over to the leadership, who sign; the result comes back to the counter', async () => {
    const task = await completeTaskIn(LEADERSHIP, OFFICERS[LEADERSHIP]);
    expect(task.stepId).toBe('sign');
    await eventually(async () => {
      const d = await call(
        'GET',
        `${system.http.intake}/dossiers/${dossier.dossierCode}`,
        undefined,
        counterOfficer,
      );
      expect(d.body.status).toBe('result_at_counter');
    });
  });

  it('returns the result to the applicant at the counter', async () => {
    const returned = await call(
      'POST',
      `${system.http.intake}/dossiers/${dossier.dossierId}/result-return`,
      { commandId: randomUUID(), method: 'counter', receiverName: applicant.fullName },
      counterOfficer,
    );
    expect(returned.status).toBe(200);
    expect(returned.body.status).toBe('returned');
    const again = await call(
      'POST',
      `${system.http.intake}/dossiers/${dossier.dossierId}/result-return`,
      { commandId: randomUUID(), method: 'counter', receiverName: applicant.fullName },
      counterOfficer,
    );
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('FORBIDDEN_TRANSITION');
  });

  // At reception, when the result is ready early (Decree 61 Art 20) and at the counter, and once returned.
  const MAILS = 4;
  it('e-mails the applicant at reception, when the result is early and ready, and once returned', async () => {
    const mails = await eventually(() => {
      const mine = smtp.received.filter((m) => m.to.includes(applicant.email));
      expect(mine).toHaveLength(MAILS);
      return mine;
    });
    expect(mails.map((m) => m.subject).sort()).toEqual([
      `[Một cửa] Hồ sơ ${dossier.dossierCode} đã có kết quả / Result ready`,
      `[Một cửa] Hồ sơ ${dossier.dossierCode} được giải quyết trước hạn / Ready early`,
      `[Một cửa] Đã tiếp nhận hồ sơ ${dossier.dossierCode} / Dossier received`,
      `[Một cửa] Đã trả kết quả hồ sơ ${dossier.dossierCode} / Result returned`,
    ]);
    const messages = await call(
      'GET',
      `${system.http.notification}/dossiers/${dossier.dossierId}/messages`,
      undefined,
      board,
    );
    expect(messages.body.map((m: Json) => m.status)).toEqual(Array(MAILS).fill('sent'));
  });

  const lifecycle = [
    'DossierReceived',
    'DossierWorkflowAssigned',
    'DossierRouted',
    'TaskQueued',
    'TaskClaimed', // completing an unclaimed task claims it first
    'StepCompleted',
    'DossierRouted',
    'TaskQueued',
    'TaskClaimed',
    'StepCompleted',
    'DossierProcessingCompleted',
    'ResultReceivedAtCounter',
    'ResultReturned',
  ];

  it('rebuilds the whole timeline from the Kafka log, in log order, over HTTP and gRPC', async () => {
    const timeline = await eventually(async () => {
      const t = await call(
        'GET',
        `${system.http.monitoring}/dossiers/${dossier.dossierCode}/timeline`,
        undefined,
        board,
      );
      expect(t.status).toBe(200);
      expect(t.body.entries).toHaveLength(lifecycle.length + MAILS);
      return t.body;
    });
    const entries: Json[] = timeline.entries;
    expect(entries.filter((e) => e.type !== 'ApplicantNotified').map((e) => e.type)).toEqual(lifecycle);
    expect(timeline).toMatchObject({ dossierId: dossier.dossierId, status: 'returned', nationalCode: 10 });

    // every event carries its ids, actor and times; a reaction names the event that caused it
    const byId = new Map(entries.map((e) => [e.eventId, e]));
    for (const e of entries) {
      expect(e.eventId).toMatch(/^[0-9a-f-]{36}$/);
      expect(e.correlationId).toBeTruthy();
      expect(e.actor.userId).toBeTruthy();
      expect(Date.parse(e.recordedAt)).not.toBeNaN();
      expect(Date.parse(e.occurredAt)).not.toBeNaN();
    }
    const offsets = entries.map((e) => BigInt(e.offset));
    expect([...offsets].sort((a, b) => (a < b ? -1 : 1))).toEqual(offsets);
    expect(new Set(entries.map((e) => e.partition)).size).toBe(1);
    for (const notified of entries.filter((e) => e.type === 'ApplicantNotified')) {
      const trigger = byId.get(notified.causationId);
      expect([
        'DossierReceived',
        'DossierProcessingCompleted',
        'ResultReceivedAtCounter',
        'ResultReturned',
      ]).toContain(trigger?.type);
      expect(BigInt(notified.offset)).toBeGreaterThan(BigInt(trigger!.offset));
    }
    const routed = entries.find((e) => e.type === 'DossierRouted')!;
    expect(routed.causationId).toBe(entries[0]!.eventId);
    const completions = entries.filter((e) => e.type === 'StepCompleted');
    expect(completions.map((e) => e.actor.userId)).toEqual(['officer.tckh.hue', 'leader.hue']);
    expect(entries.find((e) => e.type === 'ResultReturned')!.actor).toMatchObject({
      userId: 'counter.hue',
      centerId: 'hue-city',
    });

    const audit = createClient(AuditServiceClient, system.grpc.monitoring, { defaultMetadata: () => board });
    const viaGrpc = await audit.call('getTimeline', {
      ref: { $case: 'dossierCode', value: dossier.dossierCode },
    });
    audit.close();
    expect(viaGrpc.entries.map((e) => e.eventId)).toEqual(entries.map((e) => e.eventId));
  });

  it('holds exactly these events in the lifecycle topic itself, keyed by the dossier', async () => {
    const fromLog: RecordedEvent[] = [];
    const consumer = kafka.consumer({ groupId: `${namespace}.e2e-reader` });
    await consumer.connect();
    await consumer.subscribe({ topic: topics.lifecycle, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (message.key?.toString() !== dossier.dossierId) return;
        fromLog.push(JSON.parse(message.value!.toString()));
      },
    });
    await eventually(() => expect(fromLog.length).toBe(lifecycle.length + MAILS));
    await consumer.disconnect();
    const timeline = await call(
      'GET',
      `${system.http.monitoring}/dossiers/${dossier.dossierId}/timeline`,
      undefined,
      board,
    );
    expect(fromLog.map((e) => e.eventId)).toEqual(timeline.body.entries.map((e: Json) => e.eventId));
    const received = fromLog[0]!;
    expect(received.payload).toMatchObject({ dossierCode: dossier.dossierCode, procedureCode: '2.000575' });
    expect(JSON.stringify(received)).not.toContain(lookupKey);
  });
});
