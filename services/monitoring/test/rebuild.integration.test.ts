import { randomUUID } from 'node:crypto';
import { decodeRecordedEvent, newEventId } from '@motcua/contracts';
import { topicNames } from '@motcua/kafka';
import type { Kafka, Producer } from 'kafkajs';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntegrityLedger, IntegrityRepository } from '../src/adapters/integrity-repository.js';
import {
  PROJECTION_COLLECTIONS,
  type Progress,
  projectionApp,
  rebuild,
  STATE_COLLECTION,
  suffixOf,
} from '../src/rebuild/engine.js';
import { checkDigests, compareProjections, switchCollections, verifyRebuild } from '../src/rebuild/verify.js';
import { openTopics, type Topics } from './support.js';

// Hand-built events on a throwaway namespace's lifecycle topic; "live" is the same messages fed
// through the app's onEvent in the order they were published (partitions interleaved).

const vn = (day: string, time: string) => new Date(`${day}T${time}:00+07:00`).toISOString();

function dossierEvents(i: number): Record<string, unknown>[] {
  const id = randomUUID();
  const code = `000.00.31.H57-2503${String(1 + (i % 9)).padStart(2, '0')}-${String(i).padStart(4, '0')}`;
  const day = `2025-03-${String(1 + (i % 9)).padStart(2, '0')}`;
  const center = ['hue-city', 'huong-thuy', 'a-luoi'][i % 3] as string;
  let intake = 0;
  let routing = 0;
  const event = (
    type: string,
    producer: 'intake' | 'routing',
    at: string,
    payload: Record<string, unknown>,
  ) => ({
    eventId: newEventId(),
    type,
    schemaVersion: 1,
    dossierId: id,
    dossierCode: code,
    streamId: `${producer}-dossier:${id}`,
    streamVersion: producer === 'intake' ? ++intake : ++routing,
    occurredAt: at,
    recordedAt: at,
    actor: { userId: `system:${producer}`, role: 'system' },
    causationId: newEventId(),
    correlationId: id,
    producer,
    payload,
    previousHash: '',
    hash: '',
  });
  const received = vn(day, '08:30');
  const events = [
    event('DossierReceived', 'intake', received, {
      dossierCode: code,
      lookupKeyHash: 'a3f1c9e0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a6',
      procedureCode: `1.00000${1 + (i % 3)}`,
      procedureVersion: 1,
      procedureName: 'Thủ tục',
      channel: 'counter',
      receivingUnitCode: '000.00.31.H57',
      centerId: center,
      applicant: { fullName: 'Nguyễn Văn A' },
      documents: [],
      receivedAt: received,
      appointmentAt: vn('2025-03-20', '16:00'),
      legalTimeLimit: { value: 5, unit: 'working_days' },
      checklist: [],
    }),
    event('DossierRouted', 'routing', vn(day, '09:00'), {
      stepId: 'review',
      stepName: 'Thẩm định',
      departmentId: 'dept-land',
      transferAt: vn(day, '09:00'),
      stepDueAt: vn('2025-03-18', '16:00'),
    }),
  ];
  if (i % 2 === 0) {
    events.push(
      event('DossierProcessingCompleted', 'routing', vn('2025-03-12', '10:00'), {
        outcome: 'approved',
        completedAt: vn('2025-03-12', '10:00'),
      }),
      event('ResultReturned', 'intake', vn('2025-03-13', '10:00'), {
        returnedAt: vn('2025-03-13', '10:00'),
        method: 'counter',
      }),
    );
  }
  return events;
}

describe('rebuilding the monitoring projections from the log', () => {
  const namespace = `test-rebuild-${randomUUID().slice(0, 8)}`;
  const topic = topicNames(namespace).lifecycle;
  let topics: Topics;
  let kafka: Kafka;
  let producer: Producer;
  let mongo: MongoClient;
  let db: Db;
  let published = 0;
  let poison = 0;
  const live = () => projectionApp(db, '');

  /** Publishes one message at a time and applies it live where it landed. */
  async function publish(values: (Record<string, unknown> | string)[]) {
    for (const value of values) {
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      const key = typeof value === 'string' ? 'poison' : String(value.dossierId);
      const [meta] = await producer.send({ topic, acks: -1, messages: [{ key, value: text }] });
      const decoded = decodeRecordedEvent(Buffer.from(text));
      if (!decoded.ok) {
        poison++;
        continue;
      }
      published++;
      await live().onEvent(decoded.event, {
        topic,
        partition: meta?.partition ?? -1,
        offset: String(meta?.baseOffset),
      });
    }
  }

  beforeAll(async () => {
    topics = await openTopics(namespace, 'rebuild-test');
    ({ kafka, producer } = topics);
    mongo = await MongoClient.connect(process.env.MONGO_URL!);
    db = mongo.db(`test_rebuild_${randomUUID().slice(0, 8)}`);
    const events = Array.from({ length: 10 }, (_, i) => dossierEvents(i));
    // Interleave the dossiers, as the log does.
    const mixed: (Record<string, unknown> | string)[] = [];
    for (let step = 0; step < 4; step++) for (const d of events) if (d[step]) mixed.push(d[step] as never);
    mixed.splice(7, 0, 'not an envelope');
    // At-least-once: a relay that retried after a fault published these again, same event ids.
    mixed.splice(15, 0, mixed[3] as never);
    mixed.push(mixed[12] as never, mixed[20] as never);
    await publish(mixed);
  });

  afterAll(async () => {
    await topics?.close();
    await db?.dropDatabase().catch(() => undefined);
    await mongo?.close();
  });

  const run = (rebuildId: string, extra: Partial<Parameters<typeof rebuild>[0]> = {}) =>
    rebuild({
      kafka,
      db,
      topic,
      rebuildId,
      batchSize: 4,
      checkpointEveryMs: 0,
      groupPrefix: namespace,
      ...extra,
    });

  it('rebuilds into new collections what the live consumer built, with progress, skipping poison and events published twice', async () => {
    const progress: Progress[] = [];
    const result = await run('a', { onProgress: (p) => progress.push(p) });
    expect(result.status).toBe('built');
    expect(result.state).toMatchObject({
      applied: published,
      poison,
      status: 'built',
      suffix: suffixOf('a'),
    });
    const last = progress.at(-1);
    expect(last).toMatchObject({ done: published + poison, total: published + poison, etaSeconds: 0 });
    expect(progress.length).toBeGreaterThan(3);

    const comparison = await verifyRebuild(db, result.state);
    expect(
      comparison.collections.filter((c) => !c.missing.length && !c.extra.length && !c.different.length),
    ).toHaveLength(PROJECTION_COLLECTIONS.length);
    expect(comparison.equal).toBe(true);
    expect((await db.collection('timelines_rebuild_a').countDocuments()) > 0).toBe(true);
    expect(await db.collection('dossier_facts_rebuild_a').countDocuments()).toBe(10);

    // The digests the live board recorded hold against the rebuilt leaves; a changed leaf does not.
    const ledger = new IntegrityLedger(new IntegrityRepository(db), () => new Date('2025-04-01T00:00:00Z'));
    // A day's digest attests every message of the day in the log: the event published twice counts twice,
    // live and rebuilt alike (the chains' verification reports it as one event delivered again).
    expect((await ledger.digest('2025-03-02')).count).toBe(3);
    expect(await checkDigests(db, suffixOf('a'))).toEqual([]);
    await db.collection('digest_leaves_rebuild_b').insertOne({ _id: '2025-03-02', chunks: {} } as never);
    expect(await checkDigests(db, suffixOf('b'))).toMatchObject([
      { day: '2025-03-02', count: 3, rebuiltCount: 0 },
    ]);
    await db.collection('digest_leaves_rebuild_b').drop();
  });

  it('is deterministic: a second rebuild of the same log is byte-identical', async () => {
    // Small fetches: a partition takes several, as a long log does.
    await run('b', { batchSize: 7, maxBytesPerPartition: 600 });
    const strict = await compareProjections(db, suffixOf('a'), suffixOf('b'), { strict: true });
    expect(strict.equal).toBe(true);
    // and the comparison does see a difference
    const one = await db.collection('dossier_facts_rebuild_b').findOne({});
    await db.collection('dossier_facts_rebuild_b').updateOne({ _id: one?._id }, { $set: { centerId: 'x' } });
    const changed = await compareProjections(db, suffixOf('a'), suffixOf('b'));
    expect(changed.equal).toBe(false);
    expect(changed.collections.find((c) => c.collection === 'dossier_facts')?.different[0]?._id).toBe(
      one?._id,
    );
  });

  it('reads the log in windows of offsets, partition by partition in each, to the same projections', async () => {
    const turns: number[] = [];
    const windows = await run('windows', {
      windowOffsets: 2,
      onProgress: ({ partition }) => {
        if (partition !== null && turns.at(-1) !== partition) turns.push(partition);
      },
    });
    expect(windows.state.applied).toBe(published);
    // a partition has its turn again after others had theirs in the first window
    expect(turns.length).toBeGreaterThan(new Set(turns).size);
    expect((await verifyRebuild(db, windows.state)).equal).toBe(true);
    // the order depends on the offsets alone, not on how the fetches cut the log
    await run('windows2', { windowOffsets: 2, batchSize: 7, maxBytesPerPartition: 600 });
    const strict = await compareProjections(db, suffixOf('windows'), suffixOf('windows2'), { strict: true });
    expect(strict.equal).toBe(true);
  });

  it('resumes after checkpoints that followed evictions without going back to an older copy', async () => {
    // A document spilled at one checkpoint, then evicted (written) before the next, is newer in its
    // collection than in the spill: the resumed run must not take the spilled copy.
    for (const stopAfter of [2, 3, 4, 5]) {
      const id = `evicted-${stopAfter}`;
      const options = { maxDocuments: 8, windowOffsets: 3 };
      expect((await run(id, { ...options, stopAfterBatches: stopAfter })).status).toBe('stopped');
      const resumed = await run(id, options);
      expect(resumed.state.applied).toBe(published);
      const comparison = await verifyRebuild(db, resumed.state);
      expect(comparison.collections.filter((c) => c.different.length).map((c) => c.collection)).toEqual([]);
      expect(comparison.equal).toBe(true);
    }
  });

  it('holds a bounded number of documents, writing the coldest early and reading back only those touched again', async () => {
    const small = await run('small', { maxDocuments: 8 });
    expect(small.status).toBe('built');
    expect(small.state.applied).toBe(published);
    expect((await compareProjections(db, suffixOf('a'), suffixOf('small'))).equal).toBe(true);
  });

  it('resumes a run that failed before its first checkpoint, after evicting documents, with the same result', async () => {
    const resumes: { done: number }[] = [];
    let applied = 0;
    const result = await run('early', {
      maxDocuments: 8,
      checkpointEveryMs: 3_600_000,
      resumeDelayMs: 100,
      onResume: (r) => resumes.push(r),
      beforeApply: async () => {
        if (++applied === 30) throw new Error('the process died');
      },
    });
    expect(result.status).toBe('built');
    // nothing was saved: the second run folds from the start over what the first one wrote
    expect(resumes.map((r) => r.done)).toEqual([0]);
    expect((await verifyRebuild(db, result.state)).equal).toBe(true);
  });

  it('resumes a rebuild that stopped after a batch, with the same result', async () => {
    const first = await run('c', { stopAfterBatches: 2 });
    expect(first.status).toBe('stopped');
    const saved = await db.collection(STATE_COLLECTION).findOne({ _id: 'c' as never });
    const done = saved?.applied + saved?.poison;
    expect(done).toBeGreaterThanOrEqual(2);
    expect(done).toBeLessThan(published + poison);
    expect(saved?.status).toBe('running');
    const second = await run('c');
    expect(second.status).toBe('built');
    expect(second.state.applied).toBe(published);
    const strict = await compareProjections(db, suffixOf('a'), suffixOf('c'), { strict: true });
    expect(strict.equal).toBe(true);
  });

  it('from scratch, checkpoints no more often than it is told, however many events it folds', async () => {
    // a checkpoint would stop this run after its first batch of 4 events
    const result = await run('gate', { stopAfterBatches: 1, checkpointEveryMs: 3_600_000 });
    expect(result.status).toBe('built');
    expect(result.state.applied).toBe(published);
    expect((await compareProjections(db, suffixOf('a'), suffixOf('gate'), { strict: true })).equal).toBe(
      true,
    );
  });

  it('keeps its membership through a batch slower than the session, without resuming', async () => {
    const resumes: unknown[] = [];
    let applied = 0;
    const result = await run('slow', {
      batchSize: 1_000, // one batch per partition: the first one takes longer than the session
      sessionTimeoutMs: 6_000,
      onResume: (r) => resumes.push(r),
      beforeApply: async () => {
        if (++applied <= 10) await new Promise((resolve) => setTimeout(resolve, 800));
      },
    });
    expect(result.status).toBe('built');
    expect(resumes).toEqual([]);
    expect(result.state.applied).toBe(published);
    expect((await compareProjections(db, suffixOf('a'), suffixOf('slow'), { strict: true })).equal).toBe(
      true,
    );
  }, 120_000);

  it('resumes by itself from its last saved position when the group forgets it mid-batch', async () => {
    const resumes: { error: Error; done: number }[] = [];
    let applied = 0;
    const result = await run('lost', {
      sessionTimeoutMs: 6_000,
      resumeDelayMs: 100,
      onResume: (r) => resumes.push(r),
      beforeApply: async () => {
        // The whole process stalls (as in a long GC pause or SIGSTOP): no heartbeat leaves it.
        if (++applied === 10) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 9_000);
      },
    });
    expect(result.status).toBe('built');
    expect(resumes).toHaveLength(1);
    expect(resumes[0]?.done).toBeGreaterThanOrEqual(4);
    expect(resumes[0]?.done).toBeLessThan(published + poison);
    // Counted once although the events after the checkpoint were applied twice.
    expect(result.state.applied).toBe(published);
    expect(result.state.poison).toBe(poison);
    expect((await compareProjections(db, suffixOf('a'), suffixOf('lost'), { strict: true })).equal).toBe(
      true,
    );
  }, 120_000);

  it('catches up with new events and switches over, keeping the old collections', async () => {
    await publish(dossierEvents(20));
    const caught = await run('a', { catchUp: true });
    expect(caught.state.applied).toBe(published);
    expect((await verifyRebuild(db, caught.state)).equal).toBe(true);
    const renamed = await switchCollections(db, 'a', caught.state.suffix);
    expect(renamed).toHaveLength(PROJECTION_COLLECTIONS.length);
    // The live names now hold the rebuild; the old live collections are kept beside them.
    expect((await compareProjections(db, '_previous_a', '')).equal).toBe(true);
    expect(await db.collection('timelines_rebuild_a').countDocuments()).toBe(0);
    const state = await db.collection(STATE_COLLECTION).findOne({ _id: 'a' as never });
    expect(state?.status).toBe('switched');
    // The final catch-up into the live names applies nothing twice.
    const after = await run('a', { catchUp: true, intoSuffix: '' });
    expect(after.state.applied).toBe(published);
    expect((await compareProjections(db, '_previous_a', '')).equal).toBe(true);
  });
});
