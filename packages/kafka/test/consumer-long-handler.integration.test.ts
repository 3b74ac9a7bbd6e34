// kafkajs heartbeats only between messages; the harness keeps heartbeating while one message is
// handled or retried, so work longer than the session neither loses the group nor repeats itself.
import { randomUUID } from 'node:crypto';
import { eventually } from '@motcua/testing';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Decoded, EventConsumer, TOPICS } from '../src/index.js';
import { type Note, noteTopic, quiet } from './notes.js';

const decode = (value: Buffer | null): Decoded<Note> => ({
  ok: true,
  event: JSON.parse(value?.toString() ?? '{}'),
});
const SESSION_MS = 6_000; // the broker's smallest allowed session

describe('a handler slower than the consumer session', () => {
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let mongo: MongoClient;
  let db: Db;
  let consumer: EventConsumer<Note>;
  const topic = `test.long.${randomUUID().slice(0, 8)}`;
  const groupId = `long-${randomUUID().slice(0, 8)}`;
  const calls: string[] = [];
  const effects: string[] = [];
  let failuresLeft = 0;

  beforeAll(async () => {
    ({ kafka, admin, producer } = await noteTopic('long-test', topic));
    mongo = await MongoClient.connect(process.env.MONGO_URL!);
    db = mongo.db(`long_${randomUUID().slice(0, 8)}`);
    consumer = new EventConsumer<Note>({
      kafka,
      db,
      groupId,
      topics: [topic],
      deadLetterTopic: TOPICS.deadLetter,
      decode,
      logger: quiet,
      sessionTimeoutMs: SESSION_MS,
      heartbeatIntervalMs: 1_000,
      maxAttempts: 4,
      backoffMs: 3_000,
      handle: async (n) => {
        calls.push(n.text);
        if (n.text === 'slow') await new Promise((resolve) => setTimeout(resolve, SESSION_MS * 2.5));
        if (n.text === 'flaky' && failuresLeft-- > 0) throw new Error('not yet');
        effects.push(n.text);
      },
    });
    await consumer.start();
  });

  afterAll(async () => {
    await consumer.stop();
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
    await db.dropDatabase();
    await mongo.close();
  });

  const send = (text: string) =>
    producer.send({
      topic,
      acks: -1,
      messages: [{ value: JSON.stringify({ eventId: randomUUID(), text }) }],
    });

  async function committedOffset(): Promise<string | undefined> {
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return offsets?.partitions[0]?.offset;
  }

  it('keeps its membership and its place through a handler longer than the session', async () => {
    await send('slow');
    await send('after-slow');
    await eventually(() => expect(effects).toContain('after-slow'), 90_000, 250);
    expect(calls.filter((c) => c === 'slow')).toHaveLength(1);
    expect(effects).toEqual(['slow', 'after-slow']);
    expect(consumer.status().joins).toBe(1);
    await eventually(async () => expect(await committedOffset()).toBe('2'), 30_000);
  }, 120_000);

  it('keeps its membership while retries with backoff outlast the session, and has the effect once', async () => {
    failuresLeft = 3; // waits 3 + 6 + 12 s between the attempts
    await send('flaky');
    await send('after-flaky');
    await eventually(() => expect(effects).toContain('after-flaky'), 90_000, 250);
    expect(calls.filter((c) => c === 'flaky')).toHaveLength(4);
    expect(effects.filter((e) => e === 'flaky')).toHaveLength(1);
    expect(consumer.status().joins).toBe(1);
    await eventually(async () => expect(await committedOffset()).toBe('4'), 30_000);
  }, 120_000);
});
