// Proves the broker the tests get (local, container or env) is set up as the project expects.
import { randomUUID } from 'node:crypto';
import kafkajs, { type Admin, Kafka, logLevel, Partitioners } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTopics, topicConfigs, topicNames } from '../src/index.js';

const { ConfigResourceTypes } = kafkajs;
const TOPICS = topicConfigs();
let kafka: Kafka;
let admin: Admin;

beforeAll(async () => {
  kafka = new Kafka({
    clientId: 'motcua-infra-test',
    brokers: process.env.KAFKA_BROKERS!.split(','),
    logLevel: logLevel.WARN,
  });
  admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin);
});

afterAll(async () => {
  await admin?.disconnect();
});

describe('the Kafka broker the project runs on', () => {
  it('has the project topics with their partitions', async () => {
    const { topics } = await admin.fetchTopicMetadata({ topics: TOPICS.map((t) => t.topic) });
    const partitions = Object.fromEntries(topics.map((t) => [t.name, t.partitions.length]));
    expect(partitions).toEqual({ 'motcua.dossier.lifecycle.v1': 6, 'motcua.deadletter.v1': 3 });
  });

  it('keeps the lifecycle topic forever and dead letters for 30 days', async () => {
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: TOPICS.map((t) => ({ type: ConfigResourceTypes.TOPIC, name: t.topic })),
    });
    const config = (topic: string, name: string) =>
      resources.find((r) => r.resourceName === topic)?.configEntries.find((c) => c.configName === name)
        ?.configValue;
    expect(config('motcua.dossier.lifecycle.v1', 'retention.ms')).toBe('-1');
    expect(config('motcua.dossier.lifecycle.v1', 'cleanup.policy')).toBe('delete');
    expect(config('motcua.deadletter.v1', 'retention.ms')).toBe(String(30 * 24 * 60 * 60 * 1000));
  });

  it('delivers a message from an idempotent producer (acks=all) to a consumer group', async () => {
    // A throwaway topic: the lifecycle topic is kept forever and replayed by the services.
    const topic = `motcua.test.infra.${randomUUID()}`;
    const groupId = `motcua-infra-test-${randomUUID()}`;
    const key = randomUUID();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: 3, replicationFactor: 1 }],
    });
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    const consumer = kafka.consumer({ groupId });
    try {
      await producer.connect();
      const [meta] = await producer.send({ topic, acks: -1, messages: [{ key, value: 'xin chào' }] });
      expect(meta?.errorCode).toBe(0);

      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      const received = await new Promise<{ key: string; value: string }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no message within 30 s')), 30_000);
        void consumer.run({
          eachMessage: async ({ message }) => {
            clearTimeout(timer);
            resolve({ key: String(message.key), value: String(message.value) });
          },
        });
      });
      expect(received).toEqual({ key, value: 'xin chào' });

      await consumer.disconnect(); // commits the group's offset
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const committed = offsets?.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
      expect(committed).toBe(1);
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
      await admin.deleteTopics({ topics: [topic] }).catch(() => {});
    }
  });

  it('lets ten services create the same new topics at once, each finding them ready', async () => {
    const names = topicNames(`race-${randomUUID().slice(0, 8)}`);
    const admins = Array.from({ length: 10 }, () => kafka.admin());
    await Promise.all(admins.map((a) => a.connect()));
    try {
      const results = await Promise.all(admins.map((a) => ensureTopics(a, names)));
      expect(new Set(results.flatMap((r) => r.warnings))).toEqual(new Set());
      const { topics } = await admin.fetchTopicMetadata({ topics: [names.lifecycle, names.deadLetter] });
      expect(topics.map((t) => t.partitions.length).sort()).toEqual([3, 6]);
    } finally {
      await admin.deleteTopics({ topics: [names.lifecycle, names.deadLetter] }).catch(() => {});
      await Promise.all(admins.map((a) => a.disconnect()));
    }
  });
});
