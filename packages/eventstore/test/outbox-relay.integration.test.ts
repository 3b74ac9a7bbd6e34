import { randomUUID } from 'node:crypto';
import { createKafka, EventPublisher } from '@motcua/kafka';
import type { Admin, Consumer, Kafka } from 'kafkajs';
import type { Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventStore, OutboxRelay, type RecordedEvent } from '../src/index.js';
import { appendRequest, freshDb } from './helpers.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

describe('the outbox relay publishing to real Kafka', () => {
  let db: Db;
  let close: () => Promise<void>;
  let kafka: Kafka;
  let admin: Admin;
  let publisher: EventPublisher;
  let consumer: Consumer;
  const topic = `test.relay.${randomUUID().slice(0, 8)}`;
  const received: { key: string; event: RecordedEvent }[] = [];

  beforeAll(async () => {
    ({ db, close } = await freshDb('relay'));
    kafka = createKafka({
      brokers: process.env.KAFKA_BROKERS!.split(','),
      clientId: 'relay-test',
      logger: quiet,
    });
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    publisher = new EventPublisher(kafka);
    await publisher.connect();
    consumer = kafka.consumer({ groupId: `relay-test-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        received.push({ key: message.key!.toString(), event: JSON.parse(message.value!.toString()) });
      },
    });
  });

  afterAll(async () => {
    await consumer.disconnect();
    await publisher.disconnect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
    await close();
  });

  const relayFor = (
    store: EventStore,
    publish = (events: RecordedEvent[]) => publisher.publish(events, topic),
  ) => new OutboxRelay({ store, publish, logger: quiet, intervalMs: 50 });

  const eventually = async (check: () => void, timeoutMs = 20_000) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      try {
        return check();
      } catch (err) {
        if (Date.now() > until) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };

  it('publishes, keyed by dossier and in stream order, events appended before it started', async () => {
    // Events written while no relay runs stand for a crash between the write and the publish.
    const store = new EventStore({ db, producer: 'test' });
    const request = appendRequest();
    await store.append(request);
    await store.append({ ...request, commandId: randomUUID(), expectedVersion: 1 });
    await store.append({ ...request, commandId: randomUUID(), expectedVersion: 2 });

    const relay = relayFor(store);
    relay.start();
    await eventually(() => {
      const mine = received.filter((r) => r.event.dossierId === request.dossierId);
      expect(mine.map((r) => r.event.streamVersion)).toEqual([1, 2, 3]);
      expect(mine.every((r) => r.key === request.dossierId)).toBe(true);
    });
    await relay.stop();
    expect(await relay.backlog()).toBe(0);
    expect((await store.read(request.streamId))?.published).toBe(3);
  });

  it('keeps its lease while a send outlasts it, so a second instance does not publish the same events', async () => {
    const store = new EventStore({ db, producer: 'test' });
    const request = appendRequest();
    await store.append(request);
    let sending = false;
    const slow = new OutboxRelay({
      store,
      logger: quiet,
      leaseMs: 300,
      // a broker that answers only after five leases, as kafkajs retrying through an outage
      publish: async (events) => {
        sending = true;
        await new Promise((r) => setTimeout(r, 1_500));
        await publisher.publish(events, topic);
        sending = false;
      },
    });
    const other = new OutboxRelay({
      store,
      logger: quiet,
      leaseMs: 300,
      publish: (events) => publisher.publish(events, topic),
    });
    const first = slow.drainOnce();
    while (!sending) await new Promise((r) => setTimeout(r, 20));
    let tookOver = 0;
    while (sending) {
      tookOver += await other.drainOnce();
      await new Promise((r) => setTimeout(r, 100));
    }
    await first;
    await eventually(() => expect(received.some((r) => r.event.dossierId === request.dossierId)).toBe(true));
    expect(tookOver).toBe(0);
  });

  it('publishes at once when woken after an append', async () => {
    const relay = relayFor(new EventStore({ db, producer: 'test' }));
    const store = new EventStore({ db, producer: 'test', onAppended: () => relay.wake() });
    relay.start();
    const request = appendRequest();
    await store.append(request);
    await eventually(() => expect(received.some((r) => r.event.dossierId === request.dossierId)).toBe(true));
    await relay.stop();
  });

  it('loses nothing when publishing fails, and tries again on the next pass', async () => {
    const store = new EventStore({ db, producer: 'test' });
    let failures = 2;
    const relay = relayFor(store, async (events) => {
      if (failures-- > 0) throw new Error('broker unreachable');
      await publisher.publish(events, topic);
    });
    const request = appendRequest();
    await store.append(request);
    relay.start();
    await eventually(() => expect(received.some((r) => r.event.dossierId === request.dossierId)).toBe(true));
    await relay.stop();
    expect(await relay.backlog()).toBe(0);
  });

  it('reports its backlog and its failing passes while publishing fails, for the health registry', async () => {
    const store = new EventStore({ db, producer: 'test' });
    let failing = true;
    const relay = relayFor(store, async (events) => {
      if (failing) throw new Error('broker unreachable');
      await publisher.publish(events, topic);
    });
    const request = appendRequest();
    await store.append(request);
    relay.start();
    await eventually(() =>
      expect(relay.status()).toMatchObject({ running: true, detail: 'last pass failed: broker unreachable' }),
    );
    expect(relay.status().waiting).toBeGreaterThanOrEqual(1);
    const stuckSince = relay.status().progressAt;

    failing = false;
    await eventually(() => expect(received.some((r) => r.event.dossierId === request.dossierId)).toBe(true));
    await eventually(() =>
      expect(relay.status()).toEqual({ running: true, waiting: 0, progressAt: expect.any(Number) }),
    );
    expect(relay.status().progressAt).toBeGreaterThan(stuckSince);
    await relay.stop();
    expect(relay.status()).toMatchObject({ running: false });
  });

  it('keeps a pointer while an announced append has not landed, and drops it once stale', async () => {
    const store = new EventStore({ db, producer: 'test' });
    const streamId = `test-dossier:${randomUUID()}`;
    const old = new Date(Date.now() - 60_000);
    await store.outbox.insertOne({ _id: streamId, dossierId: 'x', upTo: 1, updatedAt: new Date() });
    const relay = relayFor(store);
    await relay.drainOnce();
    expect(await store.outbox.findOne({ _id: streamId })).not.toBeNull();
    await store.outbox.updateOne({ _id: streamId }, { $set: { updatedAt: old } });
    await relay.drainOnce();
    expect(await store.outbox.findOne({ _id: streamId })).toBeNull();
  });
});
