// A broker outage longer than kafkajs's own retries, on a broker of this test's own (the shared
// test broker is never stopped): the consumer and the publisher come back by themselves, resume
// from the committed offsets, and readiness says which part is down while they are.
import { randomUUID } from 'node:crypto';
import { createKafka, type Decoded, EventConsumer, EventPublisher } from '@motcua/kafka';
import { type DedicatedServer, dedicatedKafka, eventually } from '@motcua/testing';
import type { Admin, Kafka } from 'kafkajs';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthRegistry } from '../src/health.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
type Note = {
  eventId: string;
  type: string;
  schemaVersion: number;
  dossierId: string;
  correlationId: string;
  text: string;
};
const decode = (value: Buffer | null): Decoded<Note> => ({
  ok: true,
  event: JSON.parse(value?.toString() ?? '{}'),
});
const note = (text: string): Note => ({
  eventId: randomUUID(),
  type: 'Noted',
  schemaVersion: 1,
  dossierId: 'd-1',
  correlationId: randomUUID(),
  text,
});

describe('a consumer and a publisher through a broker outage', () => {
  let broker: DedicatedServer;
  let kafka: Kafka;
  let admin: Admin;
  let mongo: MongoClient;
  let db: Db;
  let consumer: EventConsumer<Note>;
  let publisher: EventPublisher;
  const topic = 'test.recovery';
  const groupId = 'recovery-test';
  const calls: string[] = [];
  // Readiness as runService wires it; a short stall time is not needed: "down" shows at once.
  const health = new HealthRegistry({ stallMs: 60_000, deadMs: 300_000 });
  const part = `consumer:${groupId}`;

  beforeAll(async () => {
    broker = dedicatedKafka({ name: 'runtime-recovery', port: 21294 });
    await broker.start();
    // A tiny retry budget, so kafkajs gives up within a second of the broker going away.
    kafka = createKafka({
      brokers: [broker.address],
      clientId: 'recovery-test',
      logger: quiet,
      config: {
        retry: { initialRetryTime: 100, retries: 2 },
        requestTimeout: 5_000,
        connectionTimeout: 2_000,
      },
    });
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [
        { topic, numPartitions: 1 },
        { topic: `${topic}.dlq`, numPartitions: 1 },
      ],
      waitForLeaders: true,
    });
    mongo = await MongoClient.connect(process.env.MONGO_URL!);
    db = mongo.db(`recovery_${randomUUID().slice(0, 8)}`);
    publisher = new EventPublisher(kafka, topic, { recreateAfterMs: 1_000, logger: quiet });
    await publisher.connect();
    consumer = new EventConsumer<Note>({
      kafka,
      db,
      groupId,
      topics: [topic],
      deadLetterTopic: `${topic}.dlq`,
      decode,
      logger: quiet,
      handle: async (n) => {
        calls.push(n.text);
      },
      kafkaRetry: { initialRetryTime: 100, retries: 2 },
      sessionTimeoutMs: 10_000,
      heartbeatIntervalMs: 1_000,
      lagIntervalMs: 500,
      recovery: { initialMs: 200, maxMs: 2_000, joinTimeoutMs: 60_000, silenceMs: 60_000 },
    });
    await consumer.start();
    health.register('publisher', () => publisher.status());
    health.register(part, () => consumer.status());
  }, 180_000);

  afterAll(async () => {
    await consumer?.stop().catch(() => undefined);
    await publisher?.disconnect().catch(() => undefined);
    await admin?.disconnect().catch(() => undefined);
    await db?.dropDatabase().catch(() => undefined);
    await mongo?.close();
    await broker?.destroy();
  }, 120_000);

  const allReady = () => expect(Object.values(health.readiness()).every((v) => v === true)).toBe(true);

  async function survives(
    outage: () => Promise<void> | void,
    label: string,
    restore: () => Promise<void> | void = () => broker.start(),
  ) {
    await publisher.publish([note(`before-${label}`)]);
    await eventually(() => expect(calls).toContain(`before-${label}`), 60_000);
    await eventually(allReady, 30_000);
    const generation = consumer.status().generation;

    await outage();
    await expect(publisher.publish([note(`lost-${label}`)])).rejects.toThrow();
    await eventually(() => {
      const ready = health.readiness();
      expect(ready[part]).toMatch(/^not running/);
      expect(ready.publisher).toMatch(/^not running/);
    }, 60_000);

    await restore();
    const after = note(`after-${label}`);
    await eventually(() => publisher.publish([after]), 90_000, 500);
    await eventually(() => expect(calls).toContain(`after-${label}`), 120_000, 250);
    await eventually(allReady, 30_000);
    expect(consumer.status().generation).toBeGreaterThan(generation);
    // Resumed from the committed offsets: nothing handled before the outage was handled again.
    expect(calls.filter((c) => c === `before-${label}`)).toHaveLength(1);
    expect(calls.filter((c) => c === `after-${label}`)).toHaveLength(1);
  }

  it('comes back by itself after the broker was stopped for longer than kafkajs retries', async () => {
    await survives(() => broker.stop(), 'stop');
  }, 300_000);

  it('comes back by itself after the broker was killed with SIGKILL and restarted', async () => {
    await survives(() => broker.signal('SIGKILL'), 'kill');
  }, 300_000);

  it('comes back by itself after the broker froze (SIGSTOP) and thawed', async () => {
    await survives(
      () => broker.signal('SIGSTOP'),
      'freeze',
      () => broker.signal('SIGCONT'),
    );
  }, 300_000);
});
