import { randomUUID } from 'node:crypto';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  commitId,
  EventStore,
  eventHash,
  ManualClock,
  POINTERS,
  pointerId,
  type RecordedEvent,
  VersionConflictError,
  verifyStream,
} from '../src/index.js';
import { appendRequest, freshDb } from './helpers.js';

/** A stream's commits, not the pointers stored beside them. */
const ofStream = (streamId: string) => ({ streamId, ordinal: { $exists: true } });

describe('the event store on the MongoDB-wire server', () => {
  let db: Db;
  let close: () => Promise<void>;
  const clock = new ManualClock(new Date('2026-03-02T08:00:00+07:00'));
  let store: EventStore;

  beforeAll(async () => {
    ({ db, close } = await freshDb('eventstore'));
    store = new EventStore({ db, producer: 'test', clock });
    await store.ensureIndexes();
  });
  afterAll(async () => close());

  it('records events with ids, stream version, times, actor, causation and correlation', async () => {
    const request = appendRequest({ dossierCode: 'H57-260302-0001' });
    const result = await store.append(request);
    expect(result.duplicate).toBe(false);
    expect(result.version).toBe(1);
    const [event] = result.events;
    expect(event).toMatchObject({
      type: 'Noted',
      schemaVersion: 1,
      dossierId: request.dossierId,
      dossierCode: 'H57-260302-0001',
      streamId: request.streamId,
      streamVersion: 1,
      recordedAt: '2026-03-02T01:00:00.000Z',
      occurredAt: '2026-03-02T01:00:00.000Z',
      actor: request.actor,
      causationId: request.commandId,
      correlationId: request.correlationId,
      producer: 'test',
    });
    expect(event?.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
    const stored = await store.read(request.streamId);
    expect(stored?.events).toEqual(result.events);
  });

  it('appends at the expected version and refuses a stale one with a version conflict', async () => {
    const first = appendRequest();
    await store.append(first);
    const second = await store.append({ ...first, commandId: randomUUID(), expectedVersion: 1 });
    expect(second.version).toBe(2);
    await expect(
      store.append({ ...first, commandId: randomUUID(), expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(VersionConflictError);
    expect((await store.read(first.streamId))?.version).toBe(2);
  });

  it('refuses to create a stream that already exists under another command', async () => {
    const first = appendRequest();
    await store.append(first);
    await expect(store.append({ ...first, commandId: randomUUID() })).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
      actualVersion: 1,
    });
  });

  it('treats a retried command id as a no-op that returns the first events', async () => {
    const request = appendRequest();
    const first = await store.append(request);
    const again = await store.append(request);
    expect(again.duplicate).toBe(true);
    expect(again.events).toEqual(first.events);
    const next = await store.append({ ...request, commandId: randomUUID(), expectedVersion: 1 });
    const retriedLater = await store.append({ ...request, expectedVersion: 2 });
    expect(retriedLater.duplicate).toBe(true);
    expect((await store.read(request.streamId))?.version).toBe(next.version);
  });

  it('lets exactly one of two concurrent writers at the same version win', async () => {
    const request = appendRequest();
    await store.append(request);
    const results = await Promise.allSettled(
      [1, 2, 3].map(() => store.append({ ...request, commandId: randomUUID(), expectedVersion: 1 })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await store.read(request.streamId))?.version).toBe(2);
  });

  it('leaves a pointer beside the head or commit of every append, naming the versions it wrote', async () => {
    const request = appendRequest();
    await store.append(request);
    await store.append({
      ...request,
      commandId: randomUUID(),
      expectedVersion: 1,
      events: [request.events[0]!, request.events[0]!],
    });
    const pointers = (home: 'streams' | 'commits') =>
      store
        .pointersIn(home)
        .find({ ...POINTERS, streamId: request.streamId })
        .toArray();
    expect(await pointers('streams')).toMatchObject([
      { _id: pointerId(request.streamId, 1), from: 1, upTo: 1, dossierId: request.dossierId },
    ]);
    expect(await pointers('commits')).toMatchObject([
      { _id: pointerId(request.streamId, 3), from: 2, upTo: 3, dossierId: request.dossierId },
    ]);
    expect(await store.pointersIn('outbox').countDocuments()).toBe(0);
  });

  it('refreshes a pointer an earlier failed attempt left at the same id, then writes the commit', async () => {
    const request = appendRequest();
    await store.append(request);
    // an attempt that wrote its pointer and then failed, long ago
    const pointers = store.pointersIn('commits');
    const _id = pointerId(request.streamId, 2);
    const old = new Date('2026-03-01T08:00:00+07:00');
    await pointers.insertOne({
      _id,
      streamId: request.streamId,
      dossierId: 'x',
      from: 2,
      upTo: 2,
      updatedAt: old,
    });
    const second = await store.append({ ...request, commandId: randomUUID(), expectedVersion: 1 });
    expect(second.version).toBe(2);
    expect(await pointers.findOne({ _id })).toMatchObject({
      dossierId: request.dossierId,
      updatedAt: clock.now(),
    });
    expect(await store.commits.findOne({ _id: commitId(request.streamId, 2) })).toMatchObject({ ordinal: 2 });
  });

  it('writes each append after the first as a commit of its own, never rewriting the head', async () => {
    const request = appendRequest({ dossierCode: 'H57-260302-0002' });
    await store.append(request);
    const headBefore = await store.streams.findOne({ _id: request.streamId });
    for (let v = 1; v <= 3; v++) {
      await store.append({ ...request, commandId: randomUUID(), expectedVersion: v });
    }
    expect(await store.streams.findOne({ _id: request.streamId })).toEqual(headBefore);
    const commits = await store.commits
      .find({ ...ofStream(request.streamId) })
      .sort({ ordinal: 1 })
      .toArray();
    expect(commits.map((c) => [c._id, c.ordinal, c.command.from, c.command.to, c.events.length])).toEqual([
      [commitId(request.streamId, 2), 2, 2, 2, 1],
      [commitId(request.streamId, 3), 3, 3, 3, 1],
      [commitId(request.streamId, 4), 4, 4, 4, 1],
    ]);
    // a fresh process reads the head and its commits as one stream
    const fresh = await new EventStore({ db, producer: 'test', cachedStreams: 0 }).read(request.streamId);
    expect(fresh).toMatchObject({ version: 4, dossierCode: 'H57-260302-0002' });
    expect(fresh?.events.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4]);
    expect(fresh?.commands).toHaveLength(4);
    expect(fresh?.lastHash).toBe(fresh?.events.at(-1)?.hash);
  });

  it('reads a stream longer than one query of commits', async () => {
    const request = appendRequest();
    await store.append(request);
    for (let v = 1; v <= 40; v++)
      await store.append({ ...request, commandId: randomUUID(), expectedVersion: v });
    const fresh = await new EventStore({ db, producer: 'test', cachedStreams: 0 }).read(request.streamId);
    expect(fresh?.version).toBe(41);
    expect(fresh?.events.map((e) => e.streamVersion)).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
  });

  it('reads a stream written before commits, with every append in its head, and appends after it', async () => {
    // two appends as the store wrote them before commits: one document, both commands in it
    const request = appendRequest();
    const scratch = await freshDb('eventstore_before');
    const before = new EventStore({ db: scratch.db, producer: 'test', clock });
    await before.append(request);
    await before.append({ ...request, commandId: randomUUID(), expectedVersion: 1 });
    const older = (await before.read(request.streamId))!;
    await scratch.close();
    await store.streams.insertOne({
      ...older,
      events: older.events.map((e) => JSON.stringify(e)),
      createdAt: clock.now(),
      updatedAt: clock.now(),
    });

    const third = await store.append({ ...request, commandId: randomUUID(), expectedVersion: 2 });
    expect(third.events[0]?.previousHash).toBe(older.lastHash);
    const commits = await store.commits.find(ofStream(request.streamId)).toArray();
    expect(commits.map((c) => c._id)).toEqual([commitId(request.streamId, 3)]);
    const fresh = await new EventStore({ db, producer: 'test', cachedStreams: 0 }).read(request.streamId);
    expect(fresh?.events.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
    expect(verifyStream(fresh!.events)).toEqual([]);
  });

  it('refuses an append decided on a version the stream never had', async () => {
    const request = appendRequest({
      events: [1, 2, 3].map((n) => ({ type: 'Noted', schemaVersion: 1, payload: { n } })),
    });
    await store.append(request);
    // versions 1 to 3 came in one append: nobody could have decided on version 2
    await expect(
      store.append({ ...request, commandId: randomUUID(), expectedVersion: 2 }),
    ).rejects.toMatchObject({ code: 'VERSION_CONFLICT', actualVersion: 3 });
    expect(await store.commits.countDocuments(ofStream(request.streamId))).toBe(0);
  });

  it('sends the pointers and the commits of concurrent appends in one command', async () => {
    const requests = Array.from({ length: 6 }, () => appendRequest());
    await Promise.all(requests.map((r) => store.append(r)));
    const watched = await MongoClient.connect(process.env.MONGO_URL!, { monitorCommands: true });
    const sent: string[] = [];
    const inserted: { _id: unknown }[][] = [];
    watched.on('commandStarted', (e) => {
      if (e.commandName !== 'insert') return;
      sent.push(`${e.command.insert} ${e.command.documents.length}`);
      inserted.push(e.command.documents);
    });
    const other = new EventStore({ db: watched.db(db.databaseName), producer: 'test' });
    await Promise.all(requests.map((r) => other.read(r.streamId)));
    await Promise.all(
      requests.map((r) => other.append({ ...r, commandId: randomUUID(), expectedVersion: 1 })),
    );
    await watched.close();
    expect(sent).toEqual(['commits 12']);
    // each pointer just before the commit it announces
    const [command] = inserted;
    expect(command?.map((d) => String(d._id))).toEqual(
      requests.flatMap((r) => [pointerId(r.streamId, 2), commitId(r.streamId, 2)]),
    );
  });
});

describe('the hash chain the event store writes', () => {
  let db: Db;
  let close: () => Promise<void>;
  let store: EventStore;

  beforeAll(async () => {
    ({ db, close } = await freshDb('eventstore_chain'));
    store = new EventStore({
      db,
      producer: 'test',
      clock: new ManualClock(new Date('2026-03-02T08:00:00+07:00')),
    });
  });
  afterAll(async () => close());

  it('chains every event of a stream across several appends, as stored', async () => {
    const first = appendRequest({
      events: [
        { type: 'Noted', schemaVersion: 1, payload: { n: 1 } },
        { type: 'Noted', schemaVersion: 1, payload: { n: 2, note: undefined } },
      ],
    });
    const one = await store.append(first);
    expect(one.events[0]?.previousHash).toBe('');
    expect(one.events[1]?.previousHash).toBe(one.events[0]?.hash);
    // handleCommand passes the head it loaded; a caller that does not is given it by the store
    const two = await store.append({
      ...first,
      commandId: randomUUID(),
      expectedVersion: 2,
      previousHash: one.events[1]!.hash!,
    });
    const three = await store.append({ ...first, commandId: randomUUID(), expectedVersion: 4 });
    expect(two.events[0]?.previousHash).toBe(one.events[1]?.hash);
    expect(three.events[0]?.previousHash).toBe(two.events[1]?.hash);

    const stream = await store.read(first.streamId);
    expect(stream?.events).toHaveLength(6);
    expect(verifyStream(stream!.events)).toEqual([]);
    expect(stream?.lastHash).toBe(stream?.events.at(-1)?.hash);
    // what the relay publishes (the stored events as JSON) still gives every hash
    const published = JSON.parse(JSON.stringify(stream!.events)) as RecordedEvent[];
    for (const event of published) expect(eventHash(event)).toBe(event.hash);
  });

  it('keeps the chain whole when a conflicting append loses', async () => {
    const first = appendRequest();
    const one = await store.append(first);
    const head = one.events[0]!.hash!;
    const results = await Promise.allSettled([
      store.append({ ...first, commandId: randomUUID(), expectedVersion: 1, previousHash: head }),
      store.append({ ...first, commandId: randomUUID(), expectedVersion: 1, previousHash: head }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    // a writer that chains to a head the stream no longer has is refused
    await expect(
      store.append({ ...first, commandId: randomUUID(), expectedVersion: 2, previousHash: head }),
    ).rejects.toBeInstanceOf(VersionConflictError);
    const next = await store.append({ ...first, commandId: randomUUID(), expectedVersion: 2 });
    const stream = await store.read(first.streamId);
    expect(stream?.version).toBe(3);
    expect(next.events[0]?.previousHash).toBe(stream?.events[1]?.hash);
    expect(verifyStream(stream!.events)).toEqual([]);
  });

  it('detects an event edited or deleted in the stored stream', async () => {
    const first = appendRequest({
      events: [1, 2, 3].map((n) => ({ type: 'Noted', schemaVersion: 1, payload: { n } })),
    });
    await store.append(first);
    const streamId = first.streamId;
    const stored = (await store.read(streamId))!.events[1]!;
    const tampered = JSON.stringify({ ...stored, payload: { ...stored.payload, n: 20 } });
    await store.streams.updateOne({ _id: streamId }, { $set: { 'events.1': tampered } });
    const edited = (await store.read(streamId))!.events;
    expect(verifyStream(edited).map((p) => [p.kind, p.streamVersion])).toEqual([['altered', 2]]);
    const deleted = edited.filter((e) => e.streamVersion !== 2);
    expect(verifyStream(deleted).map((p) => p.kind)).toEqual(['gap', 'reordered']);
  });
});
