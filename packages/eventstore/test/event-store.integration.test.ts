import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventStore, ManualClock, VersionConflictError } from '../src/index.js';
import { appendRequest, freshDb } from './helpers.js';

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

  it('leaves a pointer in the outbox for every stream with unpublished events', async () => {
    const request = appendRequest();
    await store.append(request);
    const pointer = await store.outbox.findOne({ _id: request.streamId });
    expect(pointer).toMatchObject({ upTo: 1, dossierId: request.dossierId });
  });
});
