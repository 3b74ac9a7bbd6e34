import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@motcua/contracts';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TimelineRepository } from '../src/adapters/timeline-repository.js';
import { MonitoringApp } from '../src/app/monitoring-app.js';

// A batch writes its collections one after the other (no transactions): monitoring killed between the
// timeline's write and its code document's left a timeline naming a code nobody could look up, and the
// redelivered batch took the timeline as proof the code was written (seen in the chaos suite at 300
// dossiers: the rebuild had a `dossier_codes` document the live board did not).
let client: MongoClient;
let db: Db;
beforeAll(async () => {
  client = await MongoClient.connect(process.env.MONGO_URL as string);
  db = client.db(`timeline_codes_${randomUUID().slice(0, 8)}`);
});
afterAll(async () => {
  await db?.dropDatabase().catch(() => undefined);
  await client?.close();
});

const received = (dossierId: string, dossierCode: string): RecordedEvent => ({
  eventId: randomUUID(),
  type: 'DossierReceived',
  schemaVersion: 1,
  dossierId,
  dossierCode,
  streamId: `intake-dossier:${dossierId}`,
  streamVersion: 1,
  occurredAt: '2026-12-05T02:00:00.000Z',
  recordedAt: '2026-12-05T02:00:00.000Z',
  actor: { userId: 'counter.ancuu', role: 'counter_officer' },
  causationId: randomUUID(),
  correlationId: dossierId,
  producer: 'intake',
  payload: { procedureCode: '2.000575', centerId: 'an-cuu-pasc', receivedAt: '2026-12-05T02:00:00.000Z' },
});

describe("a dossier's code document", () => {
  it('is written again when the batch is redelivered after a crash left the timeline without it', async () => {
    const dossierId = randomUUID();
    const code = '000.03.00.H57-261205-0148';
    const event = received(dossierId, code);
    await new MonitoringApp(new TimelineRepository(db)).onEvent(event, {
      topic: 't',
      partition: 0,
      offset: '7',
    });
    expect(await db.collection('dossier_codes').findOne({ _id: code as never })).toMatchObject({ dossierId });

    // the crash: the timeline was written, its code document was not
    await db.collection('dossier_codes').deleteOne({ _id: code as never });
    const restarted = new MonitoringApp(new TimelineRepository(db));
    await restarted.onEvent(event, { topic: 't', partition: 0, offset: '7' });

    expect(await db.collection('dossier_codes').findOne({ _id: code as never })).toMatchObject({ dossierId });
    expect((await restarted.timeline(code)).dossierId).toBe(dossierId);
    expect((await restarted.timeline(code)).entries).toHaveLength(1);
  });
});

describe('a timeline stored before its entries were packed', () => {
  it('reads as before, and is packed whole at its next write with no list left behind', async () => {
    const dossierId = randomUUID();
    const code = '000.03.00.H57-261205-0149';
    const first = received(dossierId, code);
    const entry = { eventId: first.eventId, type: first.type, partition: 0, offset: '3' };
    await db.collection('timelines').insertOne({
      _id: dossierId as never,
      dossierId,
      dossierCode: code,
      entries: [entry],
      revision: 4,
    });
    await db.collection('dossier_codes').insertOne({ _id: code as never, dossierId, revision: 1 });
    const app = new MonitoringApp(new TimelineRepository(db));
    expect((await app.timeline(code)).entries).toEqual([entry]);

    const next = { ...received(dossierId, code), type: 'DossierRoutingStarted', streamVersion: 2 };
    await app.onEvent(next, { topic: 't', partition: 0, offset: '9' });
    const stored = await db.collection('timelines').findOne({ _id: dossierId as never });
    expect(Object.keys(stored ?? {}).sort()).toEqual(['_id', 'dossierCode', 'dossierId', 'json', 'revision']);
    expect(stored?.revision).toBe(5);
    expect((await app.timeline(code)).entries.map((e) => e.eventId)).toEqual([first.eventId, next.eventId]);
  });
});
