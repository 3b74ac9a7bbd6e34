// What the consumer tests publish and consume: `{eventId, text}` notes, and a logger that says nothing.
import type { Admin, Kafka, Producer } from 'kafkajs';
import { createKafka, type Decoded, ensureTopics } from '../src/index.js';

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
