import { randomUUID } from 'node:crypto';
import { createKafka, EventPublisher } from '@motcua/kafka';
import type { Admin, Consumer, Kafka } from 'kafkajs';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventStore, OutboxRelay, POINTERS, pointerId, type RecordedEvent } from '../src/index.js';
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

  const eventually = async (check: () => void | Promise<void>, timeoutMs = 20_000) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await check();
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
  });

  it('keeps its lease while a send outlasts it, so a second instance does not publish the same events', async () => {
    // A database of its own: the lease of the relays above is not this test's to wait for.
    const own = await freshDb('relay-lease');
    const store = new EventStore({ db: own.db, producer: 'test' });
    const request = appendRequest();
    await store.append(request);
    const leaseMs = 1_000;
    let sends = 0;
    let sending = false;
    const slow = new OutboxRelay({
      store,
      logger: quiet,
      leaseMs,
      // a broker that answers only after three leases, as kafkajs retrying through an outage
      publish: async (events) => {
        sends++;
        sending = true;
        await new Promise((r) => setTimeout(r, 3 * leaseMs));
        await publisher.publish(events, topic);
        sending = false;
      },
    });
    const other = new OutboxRelay({
      store,
      logger: quiet,
      leaseMs,
      publish: (events) => publisher.publish(events, topic),
    });
    // A first pass only notes a pointer it has not seen (the append may still be landing).
    expect(await slow.drainOnce()).toBe(0);
    let done = false;
    const first = slow.drainOnce().finally(() => {
      done = true;
    });
    while (!sending && !done) await new Promise((r) => setTimeout(r, 20));
    let tookOver = 0;
    while (sending) {
      tookOver += await other.drainOnce();
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await first).toBe(1);
    expect(sends).toBe(1);
    await eventually(() => expect(received.some((r) => r.event.dossierId === request.dossierId)).toBe(true));
    expect(tookOver).toBe(0);
    await Promise.all([slow.stop(), other.stop()]);
    await own.close();
  });

  it("lets the relay restarted in a dead relay's slot take its lease at once, and nobody else", async () => {
    const own = await freshDb('relay-slot');
    const store = new EventStore({ db: own.db, producer: 'test' });
    const relay = (owner?: string) =>
      new OutboxRelay({
        store,
        logger: quiet,
        leaseMs: 60_000,
        ...(owner ? { owner } : {}),
        publish: (events) => publisher.publish(events, topic),
      });
    const request = appendRequest();
    await store.append(request);
    // the first process of slot intake#0 takes the lease (a first pass only notes the pointer), then
    // dies without releasing it (kill -9)
    expect(await relay('intake#0').drainOnce()).toBe(0);
    const stranger = relay();
    expect((await stranger.drainOnce()) + (await stranger.drainOnce())).toBe(0);
    const restarted = relay('intake#0');
    expect((await restarted.drainOnce()) + (await restarted.drainOnce())).toBe(1);
    await eventually(() => expect(received.some((r) => r.event.dossierId === request.dossierId)).toBe(true));
    await own.close();
  });

  it('publishes at once when woken after an append', async () => {
    const relay = relayFor(new EventStore({ db, producer: 'test' }));
    const store = new EventStore({
      db,
      producer: 'test',
      onAppended: (id, events) => relay.appended(id, events),
    });
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
    const _id = pointerId(streamId, 1);
    // as an append that failed after writing its pointer beside the head it never wrote
    const pointers = store.pointersIn('streams');
    await pointers.insertOne({ _id, streamId, dossierId: 'x', from: 1, upTo: 1, updatedAt: new Date() });
    const relay = relayFor(store);
    await relay.drainOnce();
    await relay.drainOnce();
    expect(await pointers.findOne({ _id })).not.toBeNull();
    await pointers.updateOne({ _id }, { $set: { updatedAt: old } });
    await relay.drainOnce();
    expect(await pointers.findOne({ _id })).toBeNull();
    await relay.stop();
  });

  it('publishes a pointer written before per-append pointers from where the stream was published', async () => {
    const store = new EventStore({ db, producer: 'test' });
    const request = appendRequest();
    await store.append(request);
    await store.append({ ...request, commandId: randomUUID(), expectedVersion: 1 });
    for (const home of ['streams', 'commits'] as const) {
      await store.pointersIn(home).deleteMany({ ...POINTERS, streamId: request.streamId });
    }
    await store.streams.updateOne({ _id: request.streamId }, { $set: { published: 1 } });
    await store.pointersIn('outbox').insertOne({
      _id: request.streamId,
      dossierId: request.dossierId,
      upTo: 2,
      updatedAt: new Date(),
    });
    const relay = relayFor(store);
    relay.start();
    await eventually(() => {
      const mine = received.filter((r) => r.event.dossierId === request.dossierId);
      expect(mine.map((r) => r.event.streamVersion)).toEqual([2]);
    });
    await relay.stop();
    expect(await store.pointersIn('outbox').findOne({ _id: request.streamId })).toBeNull();
  });

  it("keeps a stream's order when a pass cannot read all the pointers beside the heads", async () => {
    const { db: own, close } = await freshDb('relay_cut');
    const store = new EventStore({ db: own, producer: 'test' });
    // three new streams whose pointers sort a < b < c, and c's second append beside its commit
    const [a, b, c] = ['a', 'b', 'c'].map((k) => appendRequest({ streamId: `test-cut:${k}` }));
    for (const request of [a!, b!, c!]) await store.append(request);
    await store.append({ ...c!, commandId: randomUUID(), expectedVersion: 1 });
    const published: string[] = [];
    const relay = new OutboxRelay({
      store,
      logger: quiet,
      batchSize: 2, // the pass reads a's and b's pointers beside the heads, not c's
      publish: async (events) => {
        published.push(...events.map((e) => `${e.streamId.slice(-1)}${e.streamVersion}`));
      },
    });
    for (let i = 0; i < 6 && (await relay.backlog()) > 0; i++) await relay.drainOnce();
    expect(await relay.backlog()).toBe(0);
    expect(published.filter((e) => e.startsWith('c'))).toEqual(['c1', 'c2']);
    expect(published.sort()).toEqual(['a1', 'b1', 'c1', 'c2']);
    await relay.stop();
    await close();
  });

  it('costs one read of each collection of pointers and one delete per pass, the lease written once, no stream read back', async () => {
    const watched = await watchedDb('relay_costs');
    let relay: OutboxRelay | undefined;
    const store = new EventStore({
      db: watched.db,
      producer: 'test',
      onAppended: (id, events) => relay?.appended(id, events),
    });
    relay = relayFor(store);
    const requests = Array.from({ length: 10 }, () => appendRequest());
    for (const request of requests) await store.append(request);
    watched.commands.length = 0;
    expect(await relay.drainOnce()).toBe(10);
    const firstPass = watched.commands.splice(0);
    for (const request of requests) {
      await store.append({ ...request, commandId: randomUUID(), expectedVersion: 1 });
    }
    watched.commands.length = 0;
    expect(await relay.drainOnce()).toBe(10);
    // Taking the lease for the first time reads the pointers again: the previous holder may just have published them.
    // the three collections are read at once, in any order
    const reads = ['find streams', 'find commits', 'find outbox'];
    const sorted = (commands: string[]) => [...commands].sort();
    expect(sorted(firstPass)).toEqual(
      sorted([...reads, 'update outbox_lease', 'insert outbox_lease', ...reads, 'delete streams']),
    );
    // the pointers of appends after the first are beside their commits
    expect(sorted(watched.commands)).toEqual(sorted([...reads, 'delete commits']));
    await relay.stop();
    await watched.close();
  });

  /**
   * A store whose appends are handed to a started relay that full-passes only when woken, once it
   * holds its lease: its first lease costs a full pass (what did the previous holder publish?).
   */
  const leaseHeld = async (db: Db) => {
    let relay: OutboxRelay | undefined;
    const store = new EventStore({
      db,
      producer: 'test',
      onAppended: (id, events) => relay?.appended(id, events),
    });
    relay = new OutboxRelay({
      store,
      logger: quiet,
      intervalMs: 3_600_000,
      publish: (events) => publisher.publish(events, topic),
    });
    relay.start();
    await store.append(appendRequest());
    relay.wake();
    await eventually(async () => expect(await relay.backlog()).toBe(0));
    return { store, relay };
  };

  it("publishes its own process's appends from memory, and deletes their pointers without reading the outbox", async () => {
    const watched = await watchedDb('relay_handoff');
    const { store, relay } = await leaseHeld(watched.db);
    watched.commands.length = 0;
    const requests = Array.from({ length: 5 }, () => appendRequest());
    for (const request of requests) {
      await store.append(request);
      await store.append({ ...request, commandId: randomUUID(), expectedVersion: 1 });
    }
    const ours = new Set(requests.map((r) => r.dossierId));
    await eventually(() => expect(received.filter((r) => ours.has(r.event.dossierId))).toHaveLength(10));
    await eventually(async () => expect(await relay.backlog()).toBe(0));
    // one delete per publish at most (those asked for during a delete go in the next), no read
    const deletes = watched.commands.filter((c) => c.startsWith('delete '));
    expect(deletes.length).toBeGreaterThan(0);
    expect(deletes.length).toBeLessThanOrEqual(10);
    expect(watched.commands.filter((c) => c.startsWith('find '))).toEqual([]);
    for (const request of requests) {
      const versions = received
        .filter((r) => r.event.dossierId === request.dossierId)
        .map((r) => r.event.streamVersion);
      expect(versions).toEqual([1, 2]);
    }
    await relay.stop();
    await watched.close();
  });

  it('reads no pointers when the appends that woke it were published by the pass already running', async () => {
    const watched = await watchedDb('relay_kicks');
    const { store, relay } = await leaseHeld(watched.db);
    watched.commands.length = 0;
    // Appended together: the first wakes the relay, the others ask it again while it takes them all.
    const requests = Array.from({ length: 4 }, () => appendRequest());
    await Promise.all(requests.map((r) => store.append(r)));
    const ours = new Set(requests.map((r) => r.dossierId));
    await eventually(() => expect(received.filter((r) => ours.has(r.event.dossierId))).toHaveLength(4));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(watched.commands.filter((c) => c.startsWith('find '))).toEqual([]);
    await relay.stop();
    await watched.close();
  });

  it('leaves the pointers of a background delete that failed to the next full pass', async () => {
    const { db: own, close } = await freshDb('relay_sweep');
    const { store, relay } = await leaseHeld(own);
    // the next delete fails, as it would while the server is away
    // (the pointer of a stream's first append is beside its head)
    const pointers = store.pointersIn('streams');
    const deleteMany = pointers.deleteMany.bind(pointers);
    let failures = 1;
    pointers.deleteMany = ((...args: Parameters<typeof deleteMany>) =>
      failures-- > 0 ? Promise.reject(new Error('server away')) : deleteMany(...args)) as typeof deleteMany;
    const request = appendRequest();
    await store.append(request);
    await eventually(() => expect(received.some((r) => r.event.dossierId === request.dossierId)).toBe(true));
    await eventually(() => expect(failures).toBe(0));
    expect(await relay.backlog()).toBe(1);
    relay.wake();
    await eventually(async () => expect(await relay.backlog()).toBe(0));
    expect(received.filter((r) => r.event.dossierId === request.dossierId)).toHaveLength(1);
    await relay.stop();
    await close();
  });

  it('lets only one of two relays publish: every event once, each stream in order', async () => {
    const seen: RecordedEvent[] = [];
    const relays: OutboxRelay[] = [];
    const stores = [0, 1].map(
      (i) =>
        new EventStore({ db, producer: 'test', onAppended: (id, events) => relays[i]?.appended(id, events) }),
    );
    for (const store of stores) {
      relays.push(
        relayFor(store, async (events) => {
          seen.push(...events);
          await publisher.publish(events, topic);
        }),
      );
    }
    for (const relay of relays) relay.start();
    const requests = Array.from({ length: 12 }, () => appendRequest());
    await Promise.all(
      requests.map(async (request, i) => {
        for (let v = 0; v < 3; v++) {
          await stores[(i + v) % 2]!.append({ ...request, commandId: randomUUID(), expectedVersion: v });
        }
      }),
    );
    const ours = new Set(requests.map((r) => r.dossierId));
    const mine = () => seen.filter((e) => ours.has(e.dossierId));
    await eventually(() => expect(mine()).toHaveLength(36));
    for (const relay of relays) await relay.stop();
    expect(new Set(mine().map((e) => e.eventId)).size).toBe(36);
    for (const request of requests) {
      const versions = mine()
        .filter((e) => e.dossierId === request.dossierId)
        .map((e) => e.streamVersion);
      expect(versions).toEqual([1, 2, 3]);
    }
  });

  it('is taken over by a second relay once the lease of one that died runs out, and at once when it stops', async () => {
    const store = new EventStore({ db, producer: 'test' });
    const publishedBy = { first: [] as string[], second: [] as string[] };
    const relay = (name: keyof typeof publishedBy, leaseMs: number) =>
      new OutboxRelay({
        store,
        logger: quiet,
        leaseMs,
        publish: async (events) => {
          publishedBy[name].push(...events.map((e) => e.dossierId));
        },
      });
    const first = relay('first', 1_000);
    const second = relay('second', 60_000);
    await drainAll(first);

    const early = appendRequest();
    await store.append(early);
    await eventually(async () => expect(await first.drainOnce()).toBe(1));
    expect(publishedBy.first).toContain(early.dossierId);

    // The first relay now dies: it never runs again and never gives its lease back.
    const late = appendRequest();
    await store.append(late);
    expect(await second.drainOnce()).toBe(0);
    expect(await store.pointersIn('streams').countDocuments({ ...POINTERS, dossierId: late.dossierId })).toBe(
      1,
    );
    await eventually(async () => expect(await second.drainOnce()).toBe(1));
    expect(publishedBy.second).toEqual([late.dossierId]);

    await second.stop();
    const after = appendRequest();
    await store.append(after);
    await eventually(async () => expect(await first.drainOnce()).toBe(1));
    expect(publishedBy.first).toContain(after.dossierId);
    expect(publishedBy.second).not.toContain(after.dossierId);
    await first.stop();
  });
});

/** A database on a client that records every command as `<command> <collection>`. */
async function watchedDb(prefix: string) {
  const { db: fresh, close } = await freshDb(prefix);
  const client = await MongoClient.connect(process.env.MONGO_URL!, { monitorCommands: true });
  const commands: string[] = [];
  client.on('commandStarted', (e) => {
    const target = e.command[e.commandName];
    if (typeof target === 'string') commands.push(`${e.commandName} ${target}`);
  });
  return {
    db: client.db(fresh.databaseName),
    commands,
    close: async () => {
      await client.close();
      await close();
    },
  };
}

/** Publishes whatever earlier tests left in the shared database. */
async function drainAll(relay: OutboxRelay) {
  for (let i = 0; i < 5 && (await relay.drainOnce()) + (await relay.backlog()) > 0; i++);
}
