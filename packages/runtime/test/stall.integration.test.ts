// A consumer that is connected and heartbeating but whose lag does not move is not ready: the
// health registry sees waiting work and no progress for longer than the stall time.
import { randomUUID } from 'node:crypto';
import { createKafka, type Decoded, EventConsumer, ensureTopics, TOPICS } from '@motcua/kafka';
import { eventually } from '@motcua/testing';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthRegistry } from '../src/health.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
type Note = { eventId: string; text: string };
const decode = (value: Buffer | null): Decoded<Note> => ({
  ok: true,
  event: JSON.parse(value?.toString() ?? '{}'),
});

describe('a consumer whose lag stops moving', () => {
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let mongo: MongoClient;
  let db: Db;
  let consumer: EventConsumer<Note>;
  let release: () => void = () => {};
  const blocked = new Promise<void>((resolve) => {
    release = resolve;
  });
  const topic = `test.stall.${randomUUID().slice(0, 8)}`;
  const groupId = `stall-${randomUUID().slice(0, 8)}`;
  const part = `consumer:${groupId}`;
  const handled: string[] = [];
  const health = new HealthRegistry({ stallMs: 2_000, deadMs: 600_000 });

  beforeAll(async () => {
    kafka = createKafka({
      brokers: process.env.KAFKA_BROKERS!.split(','),
      clientId: 'stall-test',
      logger: quiet,
    });
    admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin);
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    mongo = await MongoClient.connect(process.env.MONGO_URL!);
    db = mongo.db(`stall_${randomUUID().slice(0, 8)}`);
    consumer = new EventConsumer<Note>({
      kafka,
      db,
      groupId,
      topics: [topic],
      deadLetterTopic: TOPICS.deadLetter,
      decode,
      logger: quiet,
      lagIntervalMs: 300,
      handle: async (n) => {
        if (n.text === 'stuck') await blocked;
        handled.push(n.text);
      },
    });
    await consumer.start();
    health.register(part, () => consumer.status());
  });

  afterAll(async () => {
    release();
    await consumer.stop();
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
    await db.dropDatabase();
    await mongo.close();
  });

  const send = (...texts: string[]) =>
    producer.send({
      topic,
      acks: -1,
      messages: texts.map((text) => ({ value: JSON.stringify({ eventId: randomUUID(), text }) })),
    });

  it('is ready while idle, not ready while messages wait behind a stuck handler, and ready once it moves', async () => {
    await send('first');
    await eventually(() => expect(handled).toEqual(['first']));
    await eventually(() => expect(health.readiness()[part]).toBe(true));

    await send('stuck', 'behind');
    await eventually(
      () => expect(health.readiness()[part]).toMatch(/^2 waiting and no progress for/),
      30_000,
    );
    expect(consumer.status().running).toBe(true);

    release();
    await eventually(() => expect(handled).toEqual(['first', 'stuck', 'behind']));
    await eventually(() => expect(health.readiness()[part]).toBe(true));
  });
});
