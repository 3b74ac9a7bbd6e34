import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@motcua/contracts';
import { ProjectionBatch } from '@motcua/eventstore';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatisticsRepository } from '../src/adapters/statistics-repository.js';

// The statistics index must not hold a document that grows with the history, nor with a busy day:
// it keeps the ids per center and minute (and per center and minute of receipt for what is still
// pending), named by a document per day, so more days of history make more documents, each no
// larger than one minute's dossiers.

let mongo: MongoClient;
let db: Db;
const CENTER = 'hue-city';
const PER_DAY = 12;

beforeAll(async () => {
  mongo = await MongoClient.connect(process.env.MONGO_URL as string);
  db = mongo.db(`it_fact_index_${randomUUID().slice(0, 8)}`);
});
afterAll(async () => {
  await db?.dropDatabase();
  await mongo?.close();
});

const vn = (day: string, time = '09:00') => new Date(`${day}T${time}:00+07:00`).toISOString();
const dayOf = (n: number) => new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10);

const event = (
  dossierId: string,
  version: number,
  type: string,
  at: string,
  payload: object,
): RecordedEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  dossierId,
  dossierCode: `000.00.31.H57-${dossierId.slice(0, 6)}`,
  streamId: `intake-dossier:${dossierId}`,
  streamVersion: version,
  occurredAt: at,
  recordedAt: at,
  actor: { userId: 'system:intake', role: 'system' },
  causationId: randomUUID(),
  correlationId: dossierId,
  producer: 'intake',
  payload: payload as Record<string, unknown>,
});

/** `PER_DAY` dossiers received on each of the days, resolved and returned the next day but the last day's first. */
async function feedDays(repository: StatisticsRepository, days: number[]): Promise<Map<string, string[]>> {
  const byDay = new Map<string, string[]>();
  const batch = new ProjectionBatch();
  for (const n of days) {
    const ids = Array.from({ length: PER_DAY }, () => randomUUID());
    byDay.set(dayOf(n), ids);
    const last = n === days[days.length - 1];
    for (const [i, id] of ids.entries()) {
      await repository.apply(
        event(id, 1, 'DossierReceived', vn(dayOf(n)), {
          procedureCode: '1.000001',
          procedureVersion: 1,
          channel: 'counter',
          centerId: CENTER,
          receivedAt: vn(dayOf(n)),
          appointmentAt: vn(dayOf(n + 7), '17:00'),
        }),
        batch,
      );
      if (!(last && i === 0)) {
        const done = vn(dayOf(n + 1), '08:00');
        await repository.apply(
          event(id, 2, 'DossierProcessingCompleted', done, { outcome: 'approved', completedAt: done }),
          batch,
        );
        const at = vn(dayOf(n + 1), '10:00');
        await repository.apply(
          event(id, 3, 'ResultReturned', at, { returnedAt: at, method: 'counter' }),
          batch,
        );
      }
    }
  }
  await batch.flush();
  return byDay;
}

describe('the statistics index', () => {
  const index = () => db.collection<{ _id: string; [list: string]: unknown }>('dossier_fact_index');
  /** A minute's lists, or a pending minute's `[id, version]` pairs (packed, ADR 0002). */
  const unpacked = async (id: string) => {
    const doc = await index().findOne({ _id: id });
    return doc && typeof doc.json === 'string' ? JSON.parse(doc.json) : undefined;
  };
  const largest = async () => {
    const docs = (await index().find({}).toArray()).map((d) => {
      if (typeof d.json !== 'string' || d._id.startsWith('summary:')) return d;
      const value = JSON.parse(d.json);
      return Array.isArray(value) ? { ...d, open: value } : { ...d, ...value };
    });
    const longest = (keys: string[]) =>
      Math.max(...docs.flatMap((d) => keys.map((k) => (Array.isArray(d[k]) ? d[k].length : 0))));
    // dossier ids, and the day lists of the month and pending headers
    return {
      count: docs.length,
      largest: longest(['entered', 'settled', 'rated', 'ids', 'open']),
      days: longest(['days']),
    };
  };

  it('grows by documents, not by document size, as days of history are added', async () => {
    const repository = new StatisticsRepository(db);
    await feedDays(repository, [0, 1, 2, 3, 4]);
    const early = await largest();
    await feedDays(
      repository,
      Array.from({ length: 20 }, (_, k) => 5 + k),
    );
    const later = await largest();

    expect(later.count).toBeGreaterThan(early.count * 3);
    // the largest list is one day's dossiers, after 5 days of history as after 25; a header lists
    // at most a month's days
    expect(early.largest).toBe(PER_DAY);
    expect(later.largest).toBe(PER_DAY);
    expect(later.days).toBeLessThanOrEqual(31);
  });

  it('keeps what a report over the period reads: every dossier entered, settled or still pending', async () => {
    const repository = new StatisticsRepository(db);
    const days = await feedDays(repository, [40, 41, 42]);
    const from = new Date(vn(dayOf(40), '00:00'));
    const to = new Date(vn(dayOf(43), '00:00'));
    const facts = await repository.factsFor([CENTER], from, to, new Date(vn(dayOf(44))));
    const found = new Set(facts.map((f) => f.dossierId));
    for (const ids of days.values()) for (const id of ids) expect(found).toContain(id);

    // a day whose every dossier was settled leaves the pending days; one still open keeps it
    const pending = await index().findOne({ _id: `${CENTER}:pending` });
    expect(pending?.days).toContain(dayOf(42));
    expect(pending?.days).not.toContain(dayOf(41));
    expect(await index().findOne({ _id: `${CENTER}:pending:${dayOf(42)}` })).toMatchObject({
      minutes: ['090000'],
    });
    expect(await unpacked(`${CENTER}:pending:${dayOf(42)}:090000`)).toEqual([[days.get(dayOf(42))![0], 1]]);
  });

  it('drops a day from the pending days once its last dossier is settled', async () => {
    const repository = new StatisticsRepository(db);
    const days = await feedDays(repository, [60]);
    const first = days.get(dayOf(60))![0]!;
    const done = vn(dayOf(62), '08:00');
    await repository.apply(
      event(first, 2, 'DossierProcessingCompleted', done, { outcome: 'approved', completedAt: done }),
    );
    const at = vn(dayOf(62), '10:00');
    await repository.apply(event(first, 3, 'ResultReturned', at, { returnedAt: at, method: 'counter' }));
    const pending = await index().findOne({ _id: `${CENTER}:pending` });
    expect(pending?.days).not.toContain(dayOf(60));
    expect(await index().findOne({ _id: `${CENTER}:pending:${dayOf(60)}` })).toMatchObject({ minutes: [] });
    expect(await unpacked(`${CENTER}:pending:${dayOf(60)}:090000`)).toEqual([]);
  });

  it("keeps a busy day's dossiers by minute, so a batch rewrites the newest minute, not the day", async () => {
    const repository = new StatisticsRepository(db);
    const batch = new ProjectionBatch();
    const ids: string[] = [];
    // 90 receptions, one a second from 10:00 (Vietnam time)
    for (let i = 0; i < 90; i++) {
      const id = randomUUID();
      ids.push(id);
      const at = new Date(Date.parse(vn(dayOf(80), '10:00')) + i * 1000).toISOString();
      await repository.apply(
        event(id, 1, 'DossierReceived', at, {
          procedureCode: '1.000001',
          procedureVersion: 1,
          channel: 'counter',
          centerId: CENTER,
          receivedAt: at,
          appointmentAt: vn(dayOf(87), '17:00'),
        }),
        batch,
      );
    }
    await batch.flush();
    expect(await index().findOne({ _id: `${CENTER}:${dayOf(80)}` })).toMatchObject({
      minutes: ['100000', '100100'],
    });
    expect((await unpacked(`${CENTER}:${dayOf(80)}:100000`))?.entered).toHaveLength(60);
    expect((await unpacked(`${CENTER}:${dayOf(80)}:100100`))?.entered).toHaveLength(30);
    expect(await index().findOne({ _id: `${CENTER}:pending:${dayOf(80)}` })).toMatchObject({
      minutes: ['100000', '100100'],
    });
    const day = { from: new Date(vn(dayOf(80), '00:00')), to: new Date(vn(dayOf(81), '00:00')) };
    const facts = await repository.factsFor([CENTER], day.from, day.to, day.to);
    expect(facts.map((f) => f.dossierId)).toEqual(expect.arrayContaining(ids));
    expect((await repository.openFacts([CENTER])).map((f) => f.dossierId)).toEqual(
      expect.arrayContaining(ids),
    );
  });

  it('still reads the day lists stored before the minutes, and empties the old pending list as they settle', async () => {
    const repository = new StatisticsRepository(db);
    const scratch = mongo.db(`${db.databaseName}_old`);
    // dossiers folded into a scratch index, then their day lists stored the way session 11 kept them
    const days = await feedDays(new StatisticsRepository(scratch), [100]);
    const [open, ...settled] = days.get(dayOf(100))!;
    const facts = await scratch.collection('dossier_facts').find({}).toArray();
    await scratch.dropDatabase();
    await db.collection('dossier_facts').insertMany(facts);
    await index().insertMany([
      {
        _id: `${CENTER}:${dayOf(100).slice(0, 7)}`,
        centerId: CENTER,
        month: dayOf(100).slice(0, 7),
        days: [dayOf(100), dayOf(101)],
        revision: 1,
      },
      {
        _id: `${CENTER}:${dayOf(100)}`,
        centerId: CENTER,
        day: dayOf(100),
        entered: [open, ...settled],
        settled: [],
        revision: 1,
      },
      {
        _id: `${CENTER}:${dayOf(101)}`,
        centerId: CENTER,
        day: dayOf(101),
        entered: [],
        settled,
        revision: 1,
      },
      { _id: `${CENTER}:pending:${dayOf(100)}`, centerId: CENTER, day: dayOf(100), ids: [open], revision: 1 },
    ]);
    await index().updateOne({ _id: `${CENTER}:pending` }, { $push: { days: dayOf(100) } } as never);
    const period = [new Date(vn(dayOf(100), '00:00')), new Date(vn(dayOf(102), '00:00'))] as const;
    const found = await repository.factsFor([CENTER], ...period, period[1]);
    // (and the dossiers other tests left pending)
    expect(found.map((f) => f.dossierId)).toEqual(expect.arrayContaining([open, ...settled]));
    expect((await repository.openFacts([CENTER])).map((f) => f.dossierId)).toContain(open);

    const done = vn(dayOf(103), '08:00');
    await repository.apply(
      event(open!, 2, 'DossierProcessingCompleted', done, { outcome: 'approved', completedAt: done }),
    );
    const at = vn(dayOf(103), '10:00');
    await repository.apply(event(open!, 3, 'ResultReturned', at, { returnedAt: at, method: 'counter' }));
    expect(await index().findOne({ _id: `${CENTER}:pending:${dayOf(100)}` })).toMatchObject({ ids: [] });
    expect((await index().findOne({ _id: `${CENTER}:pending` }))?.days).not.toContain(dayOf(100));
  });

  it('reads an open fact again only when the version its pending list names has changed, for any report', async () => {
    const repository = new StatisticsRepository(db);
    const center = 'hue-cache';
    const id = randomUUID();
    const at = vn(dayOf(120), '11:00');
    const received = event(id, 1, 'DossierReceived', at, {
      procedureCode: '1.000001',
      procedureVersion: 1,
      channel: 'counter',
      centerId: center,
      receivedAt: at,
      appointmentAt: vn(dayOf(127), '17:00'),
    });
    await repository.apply(received);
    expect(await unpacked(`${center}:pending:${dayOf(120)}:110000`)).toEqual([[id, 1]]);
    expect((await repository.openFacts([center])).map((f) => f.fieldCode)).toEqual(['']);
    // changed behind the index's back: the report keeps what it read at version 1
    const facts = db.collection<{ _id: string; json: string }>('dossier_facts');
    const stored = await facts.findOne({ _id: id });
    const edited = { ...JSON.parse(stored!.json), fieldCode: 'changed-behind' };
    await facts.updateOne({ _id: id }, { $set: { json: JSON.stringify(edited) } });
    expect((await repository.openFacts([center])).map((f) => f.fieldCode)).toEqual(['']);
    // so does a report on the day, which reads the day's entered dossiers and the pending ones
    const day = [new Date(vn(dayOf(120), '00:00')), new Date(vn(dayOf(121), '00:00'))] as const;
    expect((await repository.factsFor([center], ...day, day[1])).map((f) => f.fieldCode)).toEqual(['']);
    expect((await new StatisticsRepository(db).openFacts([center])).map((f) => f.fieldCode)).toEqual([
      'changed-behind',
    ]);
    // an event folded in names version 2: read again
    const paused = vn(dayOf(121), '09:00');
    await repository.apply(
      event(id, 2, 'SupplementRequested', paused, { requestedAt: paused, requestNumber: 1 }),
    );
    expect(await unpacked(`${center}:pending:${dayOf(120)}:110000`)).toEqual([[id, 2]]);
    const [again] = await repository.openFacts([center]);
    expect(again?.fieldCode).toBe('changed-behind');
    expect(again?.eventIds).toHaveLength(2);
  });

  it("reads a batch's minutes of a quiet center in one query, not one each", async () => {
    const watched = await MongoClient.connect(process.env.MONGO_URL as string, { monitorCommands: true });
    const finds: unknown[] = [];
    watched.on('commandStarted', (e) => {
      if (e.commandName === 'find' && e.command.find === 'dossier_fact_index') finds.push(e.command.filter);
    });
    try {
      const repository = new StatisticsRepository(watched.db(db.databaseName));
      const events = Array.from({ length: 20 }, (_, i) => {
        const at = vn(
          dayOf(140),
          `${String(8 + Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 13).padStart(2, '0')}`,
        );
        return event(randomUUID(), 1, 'DossierReceived', at, {
          procedureCode: '1.000001',
          procedureVersion: 1,
          channel: 'counter',
          centerId: 'hue-quiet',
          receivedAt: at,
          appointmentAt: vn(dayOf(147), '17:00'),
        });
      });
      const batch = new ProjectionBatch();
      await repository.prefetch(batch, events);
      for (const e of events) await repository.apply(e, batch);
      await batch.flush();
      expect(finds).toHaveLength(1);
      expect(await unpacked(`hue-quiet:${dayOf(140)}:123900`)).toMatchObject({
        entered: [events[19]!.dossierId],
      });
    } finally {
      await watched.close();
    }
  });
});
