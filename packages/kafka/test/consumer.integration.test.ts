import { randomUUID } from 'node:crypto';
import { eventually } from '@motcua/testing';
import type { Admin, Consumer, Kafka, Producer } from 'kafkajs';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventConsumer, TOPICS } from '../src/index.js';
import { decodeNote as decode, type Note, noteTopic, quiet } from './notes.js';

describe('the consumer harness on real Kafka and MongoDB', () => {
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let mongo: MongoClient;
  let db: Db;
  let dlqReader: Consumer;
  const topic = `test.harness.${randomUUID().slice(0, 8)}`;
  const groupId = `harness-${randomUUID().slice(0, 8)}`;
  const deadLetters: { code: string; value: string; attempts: string }[] = [];
  const handled: string[] = [];
  const failuresLeft = new Map<string, number>();
  let consumer: EventConsumer<Note>;

  beforeAll(async () => {
    ({ kafka, admin, producer } = await noteTopic('harness-test', topic));
    mongo = await MongoClient.connect(process.env.MONGO_URL!);
    db = mongo.db(`harness_${randomUUID().slice(0, 8)}`);

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

    consumer = new EventConsumer<Note>({
      kafka,
      db,
      groupId,
      topics: [topic],
      deadLetterTopic: TOPICS.deadLetter,
      decode,
      logger: quiet,
      maxAttempts: 3,
      backoffMs: 20,
      handle: async (note) => {
        const left = failuresLeft.get(note.text) ?? 0;
        if (left > 0) {
          failuresLeft.set(note.text, left - 1);
          throw new Error(`failing ${note.text}`);
        }
        handled.push(note.text);
      },
    });
    await consumer.start();
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

  const send = (...values: string[]) =>
    producer.send({ topic, acks: -1, messages: values.map((value) => ({ key: 'k', value })) });

  it('handles each event once even when it is delivered twice', async () => {
    const twice = JSON.stringify({ eventId: randomUUID(), text: 'twice' });
    await send(twice, twice);
    await send(JSON.stringify({ eventId: randomUUID(), text: 'after-twice' }));
    await eventually(() => expect(handled).toContain('after-twice'));
    expect(handled.filter((t) => t === 'twice')).toHaveLength(1);
  });

  it('sends a poison message to the dead-letter topic and goes on with the next one', async () => {
    await send('{not json', JSON.stringify({ eventId: randomUUID(), text: 'after-poison' }));
    await eventually(() => expect(handled).toContain('after-poison'));
    await eventually(() =>
      expect(deadLetters.find((d) => d.value === '{not json')?.code).toBe('POISON_MESSAGE'),
    );
  });

  it('retries a failing handler with backoff until it succeeds', async () => {
    failuresLeft.set('flaky', 2);
    await send(JSON.stringify({ eventId: randomUUID(), text: 'flaky' }));
    await eventually(() => expect(handled).toContain('flaky'));
    expect(deadLetters.some((d) => d.value.includes('flaky'))).toBe(false);
  });

  it('dead-letters an event that keeps failing, and the partition moves on', async () => {
    failuresLeft.set('broken', 99);
    await send(JSON.stringify({ eventId: randomUUID(), text: 'broken' }));
    await send(JSON.stringify({ eventId: randomUUID(), text: 'after-broken' }));
    await eventually(() => expect(handled).toContain('after-broken'));
    await eventually(() => expect(deadLetters.find((d) => d.value.includes('"broken"'))?.attempts).toBe('3'));
  });

  it('commits its position so a restarted group does not handle old events again', async () => {
    await consumer.stop();
    const before = handled.length;
    // A database without the dedupe markers: only the committed offsets can hold old events back.
    const empty = mongo.db(`harness_empty_${randomUUID().slice(0, 8)}`);
    consumer = new EventConsumer<Note>({
      kafka,
      db: empty,
      groupId,
      topics: [topic],
      deadLetterTopic: TOPICS.deadLetter,
      decode,
      logger: quiet,
      handle: async (note) => void handled.push(note.text),
    });
    await consumer.start();
    await send(JSON.stringify({ eventId: randomUUID(), text: 'after-restart' }));
    await eventually(() => expect(handled).toContain('after-restart'));
    expect(handled.slice(before)).toEqual(['after-restart']);
  });
});
