import { randomUUID } from 'node:crypto';
import { eventually } from '@motcua/testing';
import type { Admin, Consumer, Kafka, Producer } from 'kafkajs';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventConsumer, TOPICS } from '../src/index.js';
import { decodeNote as decode, type Note, noteTopic, quiet } from './notes.js';

describe('the consumer harness in batch mode (projections)', () => {
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let mongo: MongoClient;
  let db: Db;
  let dlqReader: Consumer;
  const topic = `test.harness-batch.${randomUUID().slice(0, 8)}`;
  const groupId = `harness-batch-${randomUUID().slice(0, 8)}`;
  const deadLetters: { code: string; value: string; attempts: string }[] = [];
  /** Each call's texts, in the order handed over. */
  const calls: string[][] = [];
  const broken = new Set<string>();
  let consumer: EventConsumer<Note>;

  const start = (into: string[][]) => {
    consumer = new EventConsumer<Note>({
      kafka,
      db,
      groupId,
      topics: [topic],
      deadLetterTopic: TOPICS.deadLetter,
      decode,
      logger: quiet,
      maxAttempts: 2,
      backoffMs: 20,
      batchSize: 3,
      handle: async () => {
        throw new Error('batch mode never calls handle');
      },
      handleBatch: async (items) => {
        const texts = items.map((i) => i.event.text);
        if (texts.some((t) => broken.has(t))) throw new Error(`failing ${texts.join(',')}`);
        into.push(texts);
      },
    });
    return consumer.start();
  };

  beforeAll(async () => {
    ({ kafka, admin, producer } = await noteTopic('batch-test', topic));
    mongo = await MongoClient.connect(process.env.MONGO_URL!);
    db = mongo.db(`harness_batch_${randomUUID().slice(0, 8)}`);
    dlqReader = kafka.consumer({ groupId: `dlq-reader-${randomUUID()}` });
    await dlqReader.connect();
    await dlqReader.subscribe({ topic: TOPICS.deadLetter, fromBeginning: true });
    await dlqReader.run({
      eachMessage: async ({ message }) => {
        if (message.headers?.['dlq-group']?.toString() !== groupId) return;
        deadLetters.push({
          code: message.headers['dlq-code']!.toString(),
          value: message.value!.toString(),
          attempts: message.headers['dlq-attempts']!.toString(),
        });
      },
    });
    // Written before the consumer starts: they arrive as one fetched batch.
    const note = (text: string) => JSON.stringify({ eventId: randomUUID(), text });
    broken.add('n5');
    await producer.send({
      topic,
      acks: -1,
      messages: ['n1', 'n2', '{not json', 'n3', 'n4', 'n5', 'n6'].map((t) => ({
        key: 'k',
        value: t.startsWith('{') ? t : note(t),
      })),
    });
    await start(calls);
  });

  afterAll(async () => {
    await consumer.stop();
    await dlqReader.disconnect();
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
    await db.dropDatabase();
    await mongo.close();
  });

  it('hands the decoded events over in log order, a part of at most batchSize at a time', async () => {
    await eventually(() => expect(calls.flat()).toContain('n6'));
    expect(calls[0]).toEqual(['n1', 'n2']); // the poison of that part is not handed over
    expect(calls.every((c) => c.length <= 3)).toBe(true);
    expect(calls.flat()).toEqual(['n1', 'n2', 'n3', 'n4', 'n6']);
  });

  it('sends poison to the dead-letter topic, and a part that keeps failing is handled event by event', async () => {
    await eventually(() => expect(deadLetters.map((d) => d.value)).toContain('{not json'));
    await eventually(() => expect(deadLetters.find((d) => d.value.includes('"n5"'))?.attempts).toBe('2'));
    // n3 and n4 came in n5's part and were then handed over alone
    expect(calls).toContainEqual(['n3']);
    expect(calls).toContainEqual(['n4']);
  });

  it('writes no dedupe marker and commits its position: a restarted group goes on after it', async () => {
    expect(await db.collection('consumer_processed').countDocuments()).toBe(0);
    await consumer.stop();
    const after: string[][] = [];
    await start(after);
    await producer.send({
      topic,
      acks: -1,
      messages: [{ key: 'k', value: JSON.stringify({ eventId: randomUUID(), text: 'n7' }) }],
    });
    await eventually(() => expect(after.flat()).toContain('n7'));
    expect(after.flat()).toEqual(['n7']);
  });
});
