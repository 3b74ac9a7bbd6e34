// A relay whose "published" mark failed sends the same events again: the publisher must not put them in
// the log twice (docs/reliability.md, events published twice).
import { randomUUID } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKafka, EventPublisher } from '../src/index.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

describe('the event publisher on real Kafka', () => {
  let kafka: Kafka;
  let admin: Admin;
  let publisher: EventPublisher;
  const topic = `test.publisher.${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    kafka = createKafka({
      brokers: process.env.KAFKA_BROKERS!.split(','),
      clientId: 'publisher-test',
      logger: quiet,
    });
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    publisher = new EventPublisher(kafka, topic, { logger: quiet });
    await publisher.connect();
  });

  afterAll(async () => {
    await publisher?.disconnect();
    await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin?.disconnect();
  });

  const event = (eventId: string) => ({
    eventId,
    type: 'DossierReceived',
    schemaVersion: 1,
    dossierId: 'd-1',
    correlationId: 'c-1',
  });

  it('sends an event it already had acknowledged only once, and the new events of the same batch', async () => {
    await publisher.publish([event('e-1'), event('e-2')]);
    await publisher.publish([event('e-1'), event('e-2'), event('e-3')]);
    const [offsets] = await admin.fetchTopicOffsets(topic);
    expect(Number(offsets!.high)).toBe(3);
  });
});
