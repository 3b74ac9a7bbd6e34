import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createKafka, topicNames } from '@motcua/kafka';
import { eventually, REPO_ROOT } from '@motcua/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The attacker knows the (public, keyless) hash algorithm and re-chains a forgery with it.
import { EventStore, type EventStoreOptions } from '../../packages/eventstore/src/event-store.js';
import { eventHash } from '../../packages/eventstore/src/hash-chain.js';
import {
  completeIn,
  household,
  type Lifecycle,
  startLifecycle,
  timelineWith,
  vn,
} from './lifecycle-harness.js';
import { call, type Json } from './session.js';

// The hash chains of a dossier's streams, verified by the board from the Kafka log alone, and the
// daily digest of the log; then history is rewritten as an attacker with access to a service's
// database and to Kafka would, and both notice.

interface StreamDoc {
  events: Json[];
}
interface Mongo {
  db(name: string): {
    collection(name: string): {
      findOne(filter: object): Promise<StreamDoc | null>;
      updateOne(filter: object, update: object): Promise<unknown>;
    };
  };
  close(): Promise<void>;
}
// The root package does not depend on the driver; the testing package does.
const { MongoClient } = createRequire(join(REPO_ROOT, 'packages/testing/package.json'))('mongodb') as {
  MongoClient: { connect(url: string): Promise<Mongo> };
};

const FINANCE = 'hue-city.finance-planning';
const DAY = '2026-03-02';
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

let life: Lifecycle;
let mongo: Mongo;

beforeAll(async () => {
  life = await startLifecycle(17_700);
  mongo = await MongoClient.connect(process.env.MONGO_URL!);
});
afterAll(async () => {
  await mongo?.close();
  await life?.stop();
});

const board = () => life.as('board');
const integrity = async (dossierId: string) =>
  (
    await call(
      'GET',
      `${life.system.http.monitoring}/dossiers/${dossierId}/integrity`,
      undefined,
      await board(),
    )
  ).body;
const digest = async (day: string) => {
  const r = await call(
    'GET',
    `${life.system.http.monitoring}/integrity/digests/${day}`,
    undefined,
    await board(),
  );
  expect(r.status).toBe(200);
  return r.body;
};
/** A day not sealed yet: 409 DIGEST_NOT_SEALED with the root computed so far (never "matches: false"). */
const unsealed = async (day: string) => {
  const r = await call(
    'GET',
    `${life.system.http.monitoring}/integrity/digests/${day}`,
    undefined,
    await board(),
  );
  expect(r.status).toBe(409);
  expect(r.body.error.code).toBe('DIGEST_NOT_SEALED');
  return r.body.error.details;
};
/** A stream's events as stored in a service's database, read as the service reads them. */
const stream = async (service: string, streamId: string): Promise<Json[]> => {
  // the driver's own Db, typed here only by what the test uses
  const db = mongo.db(`${life.dbPrefix}_${service}`) as unknown as EventStoreOptions['db'];
  const stored = await new EventStore({ db, producer: 'e2e', cachedStreams: 0 }).read(streamId);
  return (stored?.events ?? []) as unknown as Json[];
};

async function republish(events: Json[]) {
  const kafka = createKafka({
    brokers: process.env.KAFKA_BROKERS!.split(','),
    clientId: 'attacker',
    logger: quiet,
  });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({
    topic: topicNames(life.namespace).lifecycle,
    messages: events.map((event) => ({ key: event.dossierId, value: JSON.stringify(event) })),
  });
  await producer.disconnect();
}

describe('the integrity of the event log', () => {
  let dossierId: string;

  it('verifies the hash chain of every stream of a dossier walked a step', async () => {
    await life.setClock(`${DAY}T09:00`);
    const received = await call(
      'POST',
      `${life.system.http.intake}/dossiers`,
      household('Lê Văn Chuỗi', 'chuoi@example.vn'),
      await life.as('counter.hue'),
    );
    expect(received.status).toBe(201);
    dossierId = received.body.dossier.dossierId;
    await completeIn(life, FINANCE, dossierId, 'officer.tckh.hue');
    await timelineWith(life, dossierId, 'DossierRouted', 2);
    await timelineWith(life, dossierId, 'TaskQueued', 2);
    await timelineWith(life, dossierId, 'ApplicantNotified');

    const report = await eventually(async () => {
      const r = await integrity(dossierId);
      const streams = (r.streams ?? []).map((s: Json) => s.streamId.split(':')[0]);
      for (const kind of ['intake-dossier', 'routing-dossier', 'department-task', 'notification']) {
        if (!streams.includes(kind)) throw new Error(`no ${kind} stream yet`);
      }
      return r;
    });
    expect(report).toMatchObject({ dossierId, verified: true, problems: [] });
    const routing = await stream('routing', `routing-dossier:${dossierId}`);
    expect(report.streams).toContainEqual({
      streamId: `routing-dossier:${dossierId}`,
      events: routing.length,
      lastHash: routing.at(-1)?.hash,
    });
  });

  it("records the day's digest once the day is over, matching the log", async () => {
    // The log of the day is quiet when two looks a while apart hold as many events.
    await eventually(async () => {
      const before = (await unsealed(DAY)).recomputedCount;
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      if ((await unsealed(DAY)).recomputedCount !== before) throw new Error('the day is still moving');
    });
    const early = await unsealed(DAY);
    expect(early).toMatchObject({ day: DAY, recomputedCount: expect.any(Number) });

    // Only the board's clock moves to the next morning: the day is over, its digest is recorded.
    const moved = await call(
      'PUT',
      `${life.system.http.monitoring}/test/clock`,
      { now: vn('2026-03-03T02:00').toISOString() },
      await life.as('sysadmin'),
    );
    expect(moved.status).toBe(200);
    // sealed once the board's committed offsets pass the day (they trail what it handled by ~1 s)
    const sealed = await eventually(() => digest(DAY));
    expect(sealed.root).toMatch(/^[0-9a-f]{64}$/);
    expect(sealed).toMatchObject({ recomputedRoot: sealed.root, matches: true });
    expect(sealed.count).toBeGreaterThanOrEqual(8);
  });

  it('detects an event edited in the intake database and published again', async () => {
    const intake = `intake-dossier:${dossierId}`;
    const streams = mongo.db(`${life.dbPrefix}_intake`).collection('streams');
    // the attacker rewrites the stored event (one JSON string per event)
    const [stored] = await stream('intake', intake);
    const forged = {
      ...stored,
      payload: { ...stored?.payload, applicant: { ...stored?.payload.applicant, fullName: 'Kẻ Giả Mạo' } },
    };
    await streams.updateOne({ _id: intake as never }, { $set: { 'events.0': JSON.stringify(forged) } });
    const [edited] = await stream('intake', intake);
    expect(edited?.payload.applicant.fullName).toBe('Kẻ Giả Mạo');
    // Every consumer drops an event id it has seen, so a rewrite meant to be believed needs a new id.
    const forgedId = randomUUID();
    await republish([{ ...edited, eventId: forgedId }]);

    const report = await eventually(async () => {
      const r = await integrity(dossierId);
      if (!r.problems.some((p: Json) => p.eventId === forgedId)) throw new Error('not seen yet');
      return r;
    });
    expect(report.verified).toBe(false);
    const kinds = report.problems.filter((p: Json) => p.eventId === forgedId).map((p: Json) => p.kind);
    expect(kinds).toContain('altered');
    expect(report.problems).toContainEqual(
      expect.objectContaining({ kind: 'altered', streamId: intake, streamVersion: 1 }),
    );
  });

  it('detects a stream republished with one event removed and the rest re-chained', async () => {
    const routing = await stream('routing', `routing-dossier:${dossierId}`);
    expect(routing.length).toBeGreaterThanOrEqual(3);
    const [kept, , last] = routing.slice(-3) as [Json, Json, Json];
    // The event before `last` is dropped; `last` takes its place, chained to `kept`, with a valid hash.
    const moved: Json = {
      ...last,
      eventId: randomUUID(),
      streamVersion: last.streamVersion - 1,
      previousHash: kept.hash,
    };
    delete moved.hash;
    const forged: Json = { ...moved, hash: eventHash(moved) };
    await republish([forged]);

    const report = await eventually(async () => {
      const r = await integrity(dossierId);
      if (!r.problems.some((p: Json) => p.eventId === forged.eventId)) throw new Error('not seen yet');
      return r;
    });
    const kinds = report.problems.filter((p: Json) => p.eventId === forged.eventId).map((p: Json) => p.kind);
    expect(kinds).toEqual(['reordered']);
  });

  it('shows that the recorded digest of the day no longer matches the log', async () => {
    const after = await eventually(async () => {
      const d = await digest(DAY);
      if (d.matches) throw new Error('the rewrite has not reached the digest yet');
      return d;
    });
    expect(after.root).toMatch(/^[0-9a-f]{64}$/);
    expect(after.recomputedRoot).not.toBe(after.root);
    expect(after.recomputedCount).toBeGreaterThan(after.count);
  });

  it('lets only auditors read the digests', async () => {
    const r = await call(
      'GET',
      `${life.system.http.monitoring}/integrity/digests/${DAY}`,
      undefined,
      await life.as('counter.hue'),
    );
    expect(r.status).toBe(403);
  });
});
