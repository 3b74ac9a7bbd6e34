import { randomUUID } from 'node:crypto';
import { type Decider, EventStore, handleCommand, ManualClock } from '@motcua/eventstore';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  firingKey,
  type Timer,
  type TimerHandler,
  TimerRunner,
  type TimerRunnerOptions,
  TimerStore,
} from '../src/index.js';

const quiet = { info() {}, warn() {}, error() {} };
const T0 = new Date('2025-08-29T01:00:00.000Z');
const MINUTE = 60_000;

describe('durable timers on the real MongoDB-wire server', () => {
  let client: MongoClient;
  let db: Db;
  let store: TimerStore;
  let clock: ManualClock;
  let fired: string[];
  const record: TimerHandler = async (timer) => {
    fired.push(firingKey(timer));
  };
  const runner = (handlers: Record<string, TimerHandler> = { test: record }, leaseMs = 10 * MINUTE) =>
    new TimerRunner({ store, handlers, logger: quiet, clock, leaseMs, retryDelayMs: MINUTE });

  let scans: number;

  beforeAll(async () => {
    client = await MongoClient.connect(process.env.MONGO_URL!, { monitorCommands: true });
    db = client.db(`timers_${randomUUID().slice(0, 8)}`);
    client.on('commandStarted', (e) => {
      // a find on the timers (the roster of runners beside them is read apart)
      if (e.databaseName === db.databaseName && e.command.find === store.timers.collectionName) scans++;
    });
  });
  afterAll(async () => {
    await db.dropDatabase().catch(() => undefined);
    await client.close();
  });
  beforeEach(async () => {
    store = new TimerStore(db, `timers_${randomUUID().slice(0, 8)}`);
    clock = new ManualClock(T0);
    fired = [];
    scans = 0;
  });

  it('fires a timer once it is due and not before, then forgets it', async () => {
    await store.schedule({ id: 'a', kind: 'test', dueAt: new Date(T0.getTime() + 5 * MINUTE) });
    const r = runner();
    expect(await r.tick()).toHaveLength(0);
    clock.advance(5 * MINUTE);
    expect(await r.tick()).toHaveLength(1);
    expect(await r.tick()).toHaveLength(0);
    expect(fired).toEqual(['timer:a@2025-08-29T01:05:00.000Z']);
    expect(await store.pendingCount()).toBe(0);
  });

  it('never fires a timer twice when two runners race over the same due timers', async () => {
    for (let i = 0; i < 20; i++) await store.schedule({ id: `t${i}`, kind: 'test', dueAt: T0 });
    const slow: TimerHandler = async (timer) => {
      await new Promise((resolve) => setImmediate(resolve));
      fired.push(timer.id);
    };
    const [a, b] = [runner({ test: slow }), runner({ test: slow })];
    const [fa, fb] = await Promise.all([a.tick(), b.tick()]);
    expect(fa.length + fb.length).toBe(20);
    expect(new Set(fired).size).toBe(20);
    expect(fired).toHaveLength(20);
  });

  it('scheduling the same id again moves the unfired timer instead of adding one', async () => {
    await store.schedule({ id: 'm', kind: 'test', dueAt: new Date(T0.getTime() + MINUTE) });
    await store.schedule({
      id: 'm',
      kind: 'test',
      dueAt: new Date(T0.getTime() + 10 * MINUTE),
      data: { n: 2 },
    });
    expect(await store.pendingCount()).toBe(1);
    const r = runner();
    clock.advance(5 * MINUTE);
    expect(await r.tick()).toHaveLength(0);
    clock.advance(5 * MINUTE);
    expect(await r.tick()).toHaveLength(1);
    expect(fired).toEqual(['timer:m@2025-08-29T01:10:00.000Z']);
  });

  it('schedules new timers in one insert, and moves one that existed after all', async () => {
    await store.schedule({ id: 'n2', kind: 'test', dueAt: T0 });
    await store.scheduleNew([
      { id: 'n1', kind: 'test', dueAt: new Date(T0.getTime() + MINUTE), data: { n: 1 } },
      { id: 'n2', kind: 'test', dueAt: new Date(T0.getTime() + 2 * MINUTE) },
    ]);
    expect(await store.pendingCount()).toBe(2);
    expect((await store.get('n1'))?.data).toEqual({ n: 1 });
    expect((await store.get('n2'))?.dueAt).toEqual(new Date(T0.getTime() + 2 * MINUTE));
    clock.advance(2 * MINUTE);
    expect(await runner().tick()).toHaveLength(2);
  });

  it('ensuring a timer that exists leaves its due time alone', async () => {
    await store.ensure({ id: 'e', kind: 'test', dueAt: T0 });
    await store.ensure({ id: 'e', kind: 'test', dueAt: new Date(T0.getTime() + MINUTE) });
    expect((await store.get('e'))?.dueAt).toEqual(T0);
  });

  it('a cancelled timer never fires', async () => {
    await store.schedule({ id: 'c', kind: 'test', dueAt: T0 });
    expect(await store.cancel('c')).toBe(true);
    expect(await runner().tick()).toHaveLength(0);
    expect(fired).toEqual([]);
  });

  it('fires on start the timers that fell due while no runner was up', async () => {
    await store.schedule({
      id: 'late-1',
      kind: 'test',
      dueAt: new Date(T0.getTime() - 3 * 24 * 60 * MINUTE),
    });
    await store.schedule({ id: 'late-2', kind: 'test', dueAt: new Date(T0.getTime() - MINUTE) });
    await store.schedule({ id: 'future', kind: 'test', dueAt: new Date(T0.getTime() + MINUTE) });
    const r = runner();
    r.start();
    await waitFor(() => fired.length >= 2);
    await r.stop();
    expect(fired.sort()).toEqual([
      'timer:late-1@2025-08-26T01:00:00.000Z',
      'timer:late-2@2025-08-29T00:59:00.000Z',
    ]);
    expect((await store.get('future'))?.id).toBe('future');
  });

  it('retries a firing after its lease runs out when the instance died mid-fire', async () => {
    await store.schedule({ id: 'crash', kind: 'test', dueAt: T0 });
    // The first instance claims the timer and dies inside its handler: it never settles it.
    const dying = runner({ test: () => new Promise<never>(() => {}) });
    void dying.tick();
    await waitFor(async () => (await store.timers.findOne({ _id: 'crash' }))?.lockedBy === dying.owner);
    const survivor = runner();
    expect(await survivor.tick()).toHaveLength(0);
    clock.advance(10 * MINUTE);
    expect(await survivor.tick()).toHaveLength(1);
    expect(fired).toEqual(['timer:crash@2025-08-29T01:00:00.000Z']);
    expect(await store.pendingCount()).toBe(0);
  });

  it('appends through the event store once even when a firing repeats after a crash', async () => {
    const events = new EventStore({ db, producer: 'timers-test' });
    const noted: Decider<number, string> = {
      initialState: () => 0,
      evolve: (n) => n + 1,
      decide: (firing) => [{ type: 'ReminderNoted', schemaVersion: 1, payload: { firing } }],
    };
    const streamId = `timers-test:${randomUUID()}`;
    const append = (timer: Timer) =>
      handleCommand(events, noted, {
        streamId,
        dossierId: 'd-1',
        commandId: firingKey(timer),
        actor: { userId: 'system', role: 'system' },
        correlationId: timer.id,
        command: firingKey(timer),
      });
    await store.schedule({ id: 'remind', kind: 'test', dueAt: T0 });
    // The first instance appends, then dies before it can settle the timer.
    const dying = runner({
      test: async (timer) => {
        await append(timer);
        await new Promise<never>(() => {});
      },
    });
    void dying.tick();
    await waitFor(async () => ((await events.read(streamId))?.version ?? 0) === 1);
    clock.advance(10 * MINUTE);
    const survivor = runner({
      test: async (timer) => {
        const result = await append(timer);
        fired.push(result.duplicate ? 'duplicate' : 'appended');
      },
    });
    expect(await survivor.tick()).toHaveLength(1);
    expect(fired).toEqual(['duplicate']);
    expect((await events.read(streamId))?.version).toBe(1);
  });

  it('keeps a timer whose handler failed and fires it again after the retry delay', async () => {
    await store.schedule({ id: 'flaky', kind: 'test', dueAt: T0 });
    let calls = 0;
    const flaky: TimerHandler = async (timer) => {
      calls++;
      if (calls === 1) throw new Error('Kafka is away');
      fired.push(timer.id);
    };
    const r = runner({ test: flaky });
    expect(await r.tick()).toHaveLength(0);
    expect((await store.timers.findOne({ _id: 'flaky' }))?.lastError).toBe('Kafka is away');
    expect(await r.tick()).toHaveLength(0);
    clock.advance(MINUTE);
    expect(await r.tick()).toHaveLength(1);
    expect(fired).toEqual(['flaky']);
  });

  it('re-arms a recurring timer at the time its handler returns', async () => {
    await store.schedule({ id: 'daily', kind: 'test', dueAt: T0 });
    const seen: Timer[] = [];
    const daily: TimerHandler = async (timer) => {
      seen.push(timer);
      return new Date(timer.dueAt.getTime() + 24 * 60 * MINUTE);
    };
    const r = runner({ test: daily });
    expect(await r.tick()).toHaveLength(1);
    expect(await r.tick()).toHaveLength(0);
    clock.advance(24 * 60 * MINUTE);
    expect(await r.tick()).toHaveLength(1);
    expect(seen.map(firingKey)).toEqual([
      'timer:daily@2025-08-29T01:00:00.000Z',
      'timer:daily@2025-08-30T01:00:00.000Z',
    ]);
  });

  it('keeps the new due time of a timer rescheduled while it was firing', async () => {
    await store.schedule({ id: 'moved', kind: 'test', dueAt: T0 });
    const moving: TimerHandler = async (timer) => {
      fired.push(firingKey(timer));
      await store.schedule({ id: 'moved', kind: 'test', dueAt: new Date(T0.getTime() + MINUTE) });
    };
    const r = runner({ test: moving });
    expect(await r.tick()).toHaveLength(1);
    clock.advance(MINUTE);
    expect(await r.tick()).toHaveLength(1);
    expect(fired).toEqual(['timer:moved@2025-08-29T01:00:00.000Z', 'timer:moved@2025-08-29T01:01:00.000Z']);
  });

  // The runner's scans are its finds on the timers collection (claims are findAndModify).
  const polling = (options: Partial<TimerRunnerOptions> = {}) =>
    new TimerRunner({
      store,
      handlers: { test: record },
      logger: quiet,
      clock,
      scanEveryMs: 3_600_000,
      ...options,
    });
  const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);
  const ids = () => fired.map((key) => key.slice('timer:'.length, key.lastIndexOf('@')));
  /** A timer written by another process's store: this runner's store does not tell it. */
  const scheduleElsewhere = () =>
    new TimerStore(db, store.timers.collectionName).schedule({ id: 'elsewhere', kind: 'test', dueAt: T0 });

  it('fires the timers its own store schedules after its first scan without scanning again', async () => {
    const r = polling();
    await r.poll();
    expect(scans).toBe(1);
    await store.schedule({ id: 'a', kind: 'test', dueAt: at(5) });
    await store.schedule({ id: 'b', kind: 'test', dueAt: at(10) });
    await r.poll();
    clock.advance(5 * MINUTE);
    await r.poll();
    clock.advance(5 * MINUTE);
    await r.poll();
    expect(ids()).toEqual(['a', 'b']);
    expect(scans).toBe(1);
  });

  it('learns the earliest timers of a long list and scans again when the clock reaches the last', async () => {
    for (let i = 1; i <= 5; i++) await store.schedule({ id: `t${i}`, kind: 'test', dueAt: at(i) });
    const r = polling({ batchSize: 2 });
    await r.poll(); // learns t1, t2
    clock.advance(1 * MINUTE);
    await r.poll();
    expect([ids(), scans]).toEqual([['t1'], 1]);
    clock.advance(1 * MINUTE); // at t2's time: the list was whole only up to there
    await r.poll();
    clock.advance(10 * MINUTE);
    await r.poll();
    await r.poll();
    await r.poll();
    expect(ids()).toEqual(['t1', 't2', 't3', 't4', 't5']);
  });

  it('reads a list longer than a page in pages, and keeps the earliest of all of them', async () => {
    // due in an order the pages do not follow: the earliest sit in the last page read
    for (const i of [9, 7, 8, 6, 5, 4, 3, 2, 1])
      await store.schedule({ id: `t${i}`, kind: 'test', dueAt: at(i) });
    let pages = 0;
    const countPages = (e: { commandName: string; databaseName: string }) => {
      if (e.databaseName === db.databaseName && e.commandName === 'getMore') pages++;
    };
    client.on('commandStarted', countPages);
    try {
      const r = polling({ batchSize: 3, scanPageSize: 2 });
      await r.poll();
      expect([scans, pages]).toEqual([1, 4]); // 9 timers, 2 a page: the find's page and four more
      clock.advance(2 * MINUTE);
      await r.poll();
      expect([ids(), scans]).toEqual([['t1', 't2'], 1]);
      clock.advance(2 * MINUTE); // past the third: the list was whole only up to there
      await r.poll();
      expect([ids(), scans]).toEqual([['t1', 't2', 't3', 't4'], 2]);
    } finally {
      client.off('commandStarted', countPages);
    }
  });

  it('finds what another process scheduled at its next scan', async () => {
    await polling().poll(); // the other process's runner, beating
    const r = polling({ scanEveryMs: 0 });
    await r.poll();
    await scheduleElsewhere();
    await r.poll();
    expect(ids()).toEqual(['elsewhere']);
  });

  it('misses what another process scheduled until then, and a tick finds it at once', async () => {
    const r = polling();
    await r.poll();
    await scheduleElsewhere();
    await r.poll();
    expect(ids()).toEqual([]);
    await r.tick();
    expect(ids()).toEqual(['elsewhere']);
  });

  it('moves a timer its store moved later, and never fires it early', async () => {
    const r = polling();
    await store.schedule({ id: 'm', kind: 'test', dueAt: at(1) });
    await r.poll();
    await store.schedule({ id: 'm', kind: 'test', dueAt: at(3) });
    clock.advance(2 * MINUTE);
    await r.poll();
    expect(ids()).toEqual([]);
    clock.advance(1 * MINUTE);
    await r.poll();
    expect([ids(), scans]).toEqual([['m'], 1]);
  });

  it('keeps the due time it knows of a timer ensured again for later', async () => {
    const r = polling();
    await store.schedule({ id: 'daily', kind: 'test', dueAt: at(1) });
    await r.poll();
    await store.ensure({ id: 'daily', kind: 'test', dueAt: at(60) });
    clock.advance(1 * MINUTE);
    await r.poll();
    expect([ids(), scans]).toEqual([['daily'], 1]);
  });

  it('learns a timer its store scheduled while a scan was under way', async () => {
    const r = polling();
    const find = store.timers.find.bind(store.timers);
    let during: Promise<void> | undefined;
    // the scan's read finishes only after the store has scheduled a timer
    store.timers.find = ((...args: Parameters<typeof find>) => {
      const cursor = find(...args);
      const next = cursor.next.bind(cursor);
      cursor.next = (async () => {
        const found = await next();
        if (found === null) {
          during ??= store.schedule({ id: 'meanwhile', kind: 'test', dueAt: at(1) });
          await during;
        }
        return found;
      }) as typeof cursor.next;
      return cursor;
    }) as typeof store.timers.find;
    await r.poll();
    clock.advance(1 * MINUTE);
    await r.poll();
    expect([ids(), scans]).toEqual([['meanwhile'], 1]);
  });

  it('scans less often while scans find nothing new, and at the base rate again after news', async () => {
    let wall = 0;
    await polling({ wallClock: () => wall }).poll(); // another runner, alive throughout
    scans = 0;
    const r = polling({ scanEveryMs: 100, maxScanEveryMs: 400, wallClock: () => wall });
    await store.schedule({ id: 'later', kind: 'test', dueAt: at(60) });
    const scansAt = async (...times: number[]) => {
      const counts = [];
      for (const t of times) {
        wall = t;
        await r.poll();
        counts.push(scans);
      }
      return counts;
    };
    // first scan at 0; nothing new at 100 (next after 200), at 300 (next after 400), at 700 (capped)
    expect(await scansAt(0, 100, 250, 300, 650, 700, 1050, 1100)).toEqual([1, 2, 2, 3, 3, 4, 4, 5]);
    await scheduleElsewhere();
    expect(await scansAt(1500)).toEqual([6]);
    expect(ids()).toEqual(['elsewhere']);
    // news: the base rate again
    expect(await scansAt(1600, 1650)).toEqual([7, 7]);
  });

  it('never scans for news while it is the only runner, and still fires what its own store schedules', async () => {
    let wall = 0;
    const r = polling({ scanEveryMs: 100, wallClock: () => wall });
    await r.poll();
    await store.schedule({ id: 'own', kind: 'test', dueAt: at(1) });
    for (wall = 100; wall <= 2_000; wall += 100) await r.poll();
    clock.advance(1 * MINUTE);
    await r.poll();
    expect([ids(), scans]).toEqual([['own'], 1]);
  });

  it('takes over the timers of a runner that stopped beating, then forgets it', async () => {
    let wall = 0;
    const gone = polling({ wallClock: () => wall });
    await gone.poll(); // beats once, then dies without a word
    const r = polling({ scanEveryMs: 100, wallClock: () => wall });
    await r.poll();
    await scheduleElsewhere(); // known only to the runner that died
    scans = 0;
    wall = 30_000; // silent, but not for long enough yet: scanned for as any other runner
    await r.poll();
    expect([ids(), scans]).toEqual([['elsewhere'], 1]);
    wall = 120_000; // silent past the limit: one more scan takes over the rest, and forgets it
    await r.poll();
    expect(scans).toBe(2);
    expect(await db.collection(`${store.timers.collectionName}_runners`).countDocuments({})).toBe(1);
    wall = 900_000;
    await r.poll();
    expect(scans).toBe(2);
  });

  it('leaves the roster when it stops, so the others need not take it over', async () => {
    let wall = 0;
    const leaving = polling({ wallClock: () => wall });
    await leaving.poll();
    await leaving.stop();
    const r = polling({ scanEveryMs: 100, wallClock: () => wall });
    await r.poll();
    scans = 0;
    wall = 1_000;
    await r.poll();
    expect(scans).toBe(0);
  });
});

async function waitFor(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('condition not met');
}
