// What the consumer tests publish and consume: `{eventId, text}` notes, and a logger that says nothing.
import { randomUUID } from 'node:crypto';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { type CommandStartedEvent, type Db, MongoClient } from 'mongodb';
import {
  type ConsumerOptions,
  createKafka,
  type Decoded,
  EventConsumer,
  ensureTopics,
  TOPICS,
} from '../src/index.js';

export const quiet = { debug() {}, info() {}, warn() {}, error() {} };

export type Note = { eventId: string; text: string };

/** The harness is generic over the decoder; this one accepts `{eventId, text}` and nothing else. */
export const decodeNote = (value: Buffer | null): Decoded<Note> => {
  try {
    const parsed = JSON.parse(value?.toString() ?? '');
    if (typeof parsed?.eventId !== 'string')
      return { ok: false, code: 'POISON_MESSAGE', reason: 'no eventId' };
    return { ok: true, event: parsed };
  } catch {
    return { ok: false, code: 'POISON_MESSAGE', reason: 'not JSON' };
  }
};

/**
 * The run's Kafka (`KAFKA_BROKERS`), its admin, the project's topics, a one-partition topic of the
 * test's own and an idempotent producer: what every consumer test starts from.
 */
export async function noteTopic(
  clientId: string,
  topic: string,
): Promise<{ kafka: Kafka; admin: Admin; producer: Producer }> {
  const kafka = createKafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId, logger: quiet });
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin);
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  return { kafka, admin, producer };
}

/** A consumer of the test's topic: the note decoder, the project's dead-letter topic, no logs. */
export function noteConsumer(
  kafka: Kafka,
  db: Db,
  groupId: string,
  topic: string,
  options: Pick<ConsumerOptions<Note>, 'handle'> & Partial<ConsumerOptions<Note>>,
): EventConsumer<Note> {
  return new EventConsumer<Note>({
    kafka,
    db,
    groupId,
    topics: [topic],
    deadLetterTopic: TOPICS.deadLetter,
    decode: decodeNote,
    logger: quiet,
    ...options,
  });
}

/** Notes with these texts (each a new event id), in one produce request. */
export function sendNotes(producer: Producer, topic: string, ...texts: string[]) {
  return producer.send({
    topic,
    acks: -1,
    messages: texts.map((text) => ({ key: 'k', value: JSON.stringify({ eventId: randomUUID(), text }) })),
  });
}

/** The offset the group committed on the test topic's one partition. */
export async function committedOffset(admin: Admin, groupId: string, topic: string) {
  const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return offsets?.partitions[0]?.offset;
}

/** Stops the consumers, then removes what `noteTopic` and the test's database set up. */
export async function tearDown(
  parts: { admin: Admin; producer: Producer; topic: string; mongo: MongoClient; db: Db },
  ...consumers: EventConsumer<Note>[]
): Promise<void> {
  for (const consumer of consumers) await consumer.stop();
  await parts.producer.disconnect();
  await parts.admin.deleteTopics({ topics: [parts.topic] }).catch(() => undefined);
  await parts.admin.disconnect();
  await parts.db.dropDatabase();
  await parts.mongo.close();
}

/** A database of the test's own on the run's server, with every command started on it recorded. */
export async function watchedDb(
  prefix: string,
): Promise<{ mongo: MongoClient; db: Db; commands: CommandStartedEvent[] }> {
  const mongo = await MongoClient.connect(process.env.MONGO_URL!, { monitorCommands: true });
  const db = mongo.db(`${prefix}_${randomUUID().slice(0, 8)}`);
  const commands: CommandStartedEvent[] = [];
  mongo.on('commandStarted', (event) => {
    if (event.databaseName === db.databaseName) commands.push(event);
  });
  return { mongo, db, commands };
}
