import { randomUUID } from 'node:crypto';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Decider, EventStore, handleCommand } from '../src/index.js';
import { freshDb, officer } from './helpers.js';

// A counter decider: small enough to show the mechanism, not a domain.
type Count = { total: number };
const counter: Decider<Count, { add: number }> = {
  initialState: () => ({ total: 0 }),
  evolve: (state, event) => ({ total: state.total + Number(event.payload.add) }),
  decide: (command, state) => {
    if (state.total + command.add > 10) throw new Error('limit');
    return [{ type: 'Added', schemaVersion: 1, payload: { add: command.add } }];
  },
};

describe('handling a command against its stream', () => {
  let db: Db;
  let close: () => Promise<void>;
  let store: EventStore;
  beforeAll(async () => {
    ({ db, close } = await freshDb('handler'));
    store = new EventStore({ db, producer: 'test' });
  });
  afterAll(async () => close());

  const meta = (dossierId: string) => ({
    streamId: `counter:${dossierId}`,
    dossierId,
    actor: officer,
    correlationId: randomUUID(),
  });

  it('folds the history, decides, and appends the new events', async () => {
    const id = randomUUID();
    await handleCommand(store, counter, { ...meta(id), commandId: randomUUID(), command: { add: 2 } });
    const result = await handleCommand(store, counter, {
      ...meta(id),
      commandId: randomUUID(),
      command: { add: 3 },
    });
    expect(result.state.total).toBe(5);
    expect(result.version).toBe(2);
  });

  it('returns the first result for a retried command and writes nothing', async () => {
    const id = randomUUID();
    const commandId = randomUUID();
    const first = await handleCommand(store, counter, { ...meta(id), commandId, command: { add: 4 } });
    const retry = await handleCommand(store, counter, { ...meta(id), commandId, command: { add: 4 } });
    expect(retry.duplicate).toBe(true);
    expect(retry.events).toEqual(first.events);
    expect(retry.state.total).toBe(4);
  });

  it('refuses a retried command id to anyone but its first caller, and to a caller without its retry proof', async () => {
    const id = randomUUID();
    const commandId = randomUUID();
    await handleCommand(store, counter, { ...meta(id), commandId, command: { add: 1 } });
    const other = {
      ...meta(id),
      actor: { ...officer, userId: 'someone-else' },
      commandId,
      command: { add: 1 },
    };
    await expect(handleCommand(store, counter, other)).rejects.toMatchObject({
      code: 'COMMAND_ID_CONFLICT',
      httpStatus: 409,
    });
    const proven = randomUUID();
    const withProof = { ...meta(proven), commandId, retryProof: 'hash-of-secret', command: { add: 1 } };
    await handleCommand(store, counter, withProof);
    expect((await handleCommand(store, counter, withProof)).duplicate).toBe(true);
    await expect(
      handleCommand(store, counter, { ...withProof, retryProof: 'another-secret' }),
    ).rejects.toMatchObject({ code: 'COMMAND_ID_CONFLICT' });
    await expect(
      handleCommand(store, counter, { ...meta(proven), commandId, command: { add: 1 } }),
    ).rejects.toThrow(/commandId was already used/);
  });

  it('re-decides on fresh state when concurrent commands race', async () => {
    const id = randomUUID();
    await Promise.all(
      [1, 2, 3, 4].map(() =>
        handleCommand(store, counter, { ...meta(id), commandId: randomUUID(), command: { add: 2 } }),
      ),
    );
    expect((await store.read(`counter:${id}`))?.version).toBe(4);
    const last = await handleCommand(store, counter, {
      ...meta(id),
      commandId: randomUUID(),
      command: { add: 1 },
    });
    expect(last.state.total).toBe(9);
  });

  it('writes nothing when the decision refuses the command', async () => {
    const id = randomUUID();
    await expect(
      handleCommand(store, counter, { ...meta(id), commandId: randomUUID(), command: { add: 11 } }),
    ).rejects.toThrow('limit');
    expect(await store.read(`counter:${id}`)).toBeNull();
  });
});

describe('the rulebook a stream records', () => {
  let db: Db;
  let close: () => Promise<void>;
  let store: EventStore;
  beforeAll(async () => {
    ({ db, close } = await freshDb('handler-rulebook'));
    store = new EventStore({ db, producer: 'test' });
  });
  afterAll(async () => close());

  const fixing: Decider<Count, { add: number; rulebookId?: string }> = {
    ...counter,
    decide: (command, state) =>
      counter
        .decide(command, state)
        .map((e) => (command.rulebookId ? { ...e, rulebookId: command.rulebookId } : e)),
  };
  const meta = (dossierId: string) => ({
    streamId: `counter:${dossierId}`,
    dossierId,
    actor: officer,
    correlationId: randomUUID(),
    commandId: randomUUID(),
  });

  it('given an event that fixes the rulebook, every later event of the stream records it too', async () => {
    const id = randomUUID();
    await handleCommand(store, fixing, {
      ...meta(id),
      command: { add: 1, rulebookId: 'decree-118-2025-circular-03' },
    });
    const later = await handleCommand(store, fixing, { ...meta(id), command: { add: 1 } });
    expect(later.events.map((e) => e.rulebookId)).toEqual(['decree-118-2025-circular-03']);
    expect((await store.read(`counter:${id}`))?.rulebookId).toBe('decree-118-2025-circular-03');
  });

  it('given a reaction that names the rulebook, its new stream starts with it', async () => {
    const id = randomUUID();
    const first = await handleCommand(store, counter, {
      ...meta(id),
      rulebookId: 'decree-61-2018',
      command: { add: 1 },
    });
    const next = await handleCommand(store, counter, { ...meta(id), command: { add: 1 } });
    expect([...first.events, ...next.events].map((e) => e.rulebookId)).toEqual([
      'decree-61-2018',
      'decree-61-2018',
    ]);
  });

  it('given no rulebook anywhere (as before rulebooks), records none, so the event keeps its old form', async () => {
    const id = randomUUID();
    const result = await handleCommand(store, counter, { ...meta(id), command: { add: 1 } });
    expect('rulebookId' in result.events[0]!).toBe(false);
    expect((await store.read(`counter:${id}`))?.rulebookId).toBeUndefined();
  });
});

describe('deciding on the streams this process last saw', () => {
  let client: MongoClient;
  let db: Db;
  const reads: string[] = [];
  const ofStreams = (collection: string) => collection === 'streams' || collection === 'commits';
  beforeAll(async () => {
    client = await MongoClient.connect(process.env.MONGO_URL!, { monitorCommands: true });
    db = client.db(`handler_cache_${randomUUID().slice(0, 8)}`);
    client.on('commandStarted', (e) => {
      if (e.databaseName === db.databaseName && e.commandName === 'find') reads.push(String(e.command.find));
    });
  });
  afterAll(async () => {
    await db.dropDatabase();
    await client.close();
  });

  const command = (dossierId: string, add: number) => ({
    streamId: `counter:${dossierId}`,
    dossierId,
    actor: officer,
    correlationId: randomUUID(),
    commandId: randomUUID(),
    command: { add },
  });

  it('decides the next command of a stream it appended to without reading the stream', async () => {
    const store = new EventStore({ db, producer: 'test' });
    const id = randomUUID();
    await handleCommand(store, counter, command(id, 1));
    reads.length = 0;
    const second = await handleCommand(store, counter, command(id, 2));
    const third = await handleCommand(store, counter, command(id, 3));
    expect(reads.filter(ofStreams)).toEqual([]);
    expect([second.version, third.state.total]).toEqual([2, 6]);
  });

  it('decides the first command of a new stream on the absence it just read', async () => {
    const store = new EventStore({ db, producer: 'test' });
    const id = randomUUID();
    expect(await store.read(`counter:${id}`)).toBeNull();
    reads.length = 0;
    const first = await handleCommand(store, counter, command(id, 4));
    expect(reads.filter(ofStreams)).toEqual([]);
    expect(first.version).toBe(1);
  });

  it('decides again when another process created the stream it saw absent', async () => {
    const here = new EventStore({ db, producer: 'test' });
    const elsewhere = new EventStore({ db, producer: 'test' });
    const id = randomUUID();
    expect(await here.read(`counter:${id}`)).toBeNull();
    await handleCommand(elsewhere, counter, command(id, 6));
    await expect(handleCommand(here, counter, command(id, 5))).rejects.toThrow('limit');
    expect((await handleCommand(here, counter, command(id, 4))).state.total).toBe(10);
  });

  it('decides again on the stored stream when another process appended since, refusing what that forbids', async () => {
    const here = new EventStore({ db, producer: 'test' });
    const elsewhere = new EventStore({ db, producer: 'test' });
    const id = randomUUID();
    await handleCommand(here, counter, command(id, 2));
    await handleCommand(elsewhere, counter, command(id, 5));
    // here still sees a total of 2, where 2 + 7 fits the limit; the stored total is 7
    await expect(handleCommand(here, counter, command(id, 7))).rejects.toThrow('limit');
    const next = await handleCommand(here, counter, command(id, 1));
    expect([next.version, next.state.total]).toEqual([3, 8]);
    const stored = await here.read(`counter:${id}`);
    expect(stored?.events.map((e) => e.payload.add)).toEqual([2, 5, 1]);
    expect(stored?.events[2]?.previousHash).toBe(stored?.events[1]?.hash);
  });

  it('starts a stream it expects to be new without reading it', async () => {
    const store = new EventStore({ db, producer: 'test' });
    const id = randomUUID();
    reads.length = 0;
    const first = await handleCommand(store, counter, { ...command(id, 3), likelyNew: true });
    expect(reads.filter(ofStreams)).toEqual([]);
    expect([first.version, first.state.total]).toEqual([1, 3]);
  });

  it('decides again on the stored stream when a stream it expected to be new exists', async () => {
    const here = new EventStore({ db, producer: 'test' });
    const elsewhere = new EventStore({ db, producer: 'test' });
    const id = randomUUID();
    await handleCommand(elsewhere, counter, command(id, 8));
    await expect(handleCommand(here, counter, { ...command(id, 3), likelyNew: true })).rejects.toThrow(
      'limit',
    );
    const next = await handleCommand(here, counter, { ...command(id, 2), likelyNew: true });
    expect([next.version, next.state.total]).toEqual([2, 10]);
  });

  it('answers a command that ran before, though decided on an old copy, with the stored state', async () => {
    const here = new EventStore({ db, producer: 'test' });
    const elsewhere = new EventStore({ db, producer: 'test' });
    const id = randomUUID();
    await handleCommand(here, counter, command(id, 1));
    const redelivered = command(id, 2);
    await handleCommand(elsewhere, counter, redelivered);
    await handleCommand(elsewhere, counter, command(id, 3));
    // here still sees version 1, where the command has not run
    const again = await handleCommand(here, counter, redelivered);
    expect(again.duplicate).toBe(true);
    expect([again.version, again.state.total]).toEqual([3, 6]);
    expect(again.events.map((e) => e.payload.add)).toEqual([2]);
    // a new stream's first command, delivered again to a process that never saw the stream
    const started = command(randomUUID(), 4);
    await handleCommand(elsewhere, counter, started);
    const restarted = await handleCommand(here, counter, { ...started, likelyNew: true });
    expect([restarted.duplicate, restarted.version, restarted.state.total]).toEqual([true, 1, 4]);
  });

  it('keeps no stream when told to keep none', async () => {
    const store = new EventStore({ db, producer: 'test', cachedStreams: 0 });
    const id = randomUUID();
    await handleCommand(store, counter, command(id, 1));
    reads.length = 0;
    await handleCommand(store, counter, command(id, 1));
    // one read of the stream: its head and its commits, asked for together
    expect(reads.filter(ofStreams)).toEqual(['streams', 'commits']);
  });
});
