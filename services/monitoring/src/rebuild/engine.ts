import { randomUUID } from 'node:crypto';
import { decodeRecordedEvent } from '@motcua/contracts';
import { ProjectionBatch } from '@motcua/eventstore';
import { ORGANISATION } from '@motcua/organisation';
import type { Kafka } from 'kafkajs';
import { Binary, BSON, type Collection, type Db, type Document } from 'mongodb';
import { BOARD_COLLECTIONS, BoardRepository } from '../adapters/board-repository.js';
import { DEADLINE_COLLECTION, DeadlineCountsRepository } from '../adapters/deadline-counts-repository.js';
import { IntegrityLedger, IntegrityRepository } from '../adapters/integrity-repository.js';
import { type FieldCatalogue, StatisticsRepository } from '../adapters/statistics-repository.js';
import { TimelineRepository } from '../adapters/timeline-repository.js';
import { MonitoringApp } from '../app/monitoring-app.js';
import { big, nextTurn } from './windows.js';

/**
 * Every projection monitoring builds from the log. Not here: `digests` (each day's root recorded
 * once, the anchor the rebuilt leaves are checked against, never rewritten) and
 * `consumer_processed` (the consumer harness's dedupe).
 */
export const PROJECTION_COLLECTIONS = [
  'timelines',
  'dossier_codes',
  'integrity_chains',
  'digest_leaves',
  'dossier_facts',
  'dossier_fact_index',
  ...BOARD_COLLECTIONS,
  DEADLINE_COLLECTION,
] as const;

export const STATE_COLLECTION = 'rebuild_state';

/**
 * A window: about three weeks of a province-year (~150,000 events a partition). Each turn costs a
 * seek and a fetch; the documents of a window's history stay held (`maxDocuments`) until every
 * partition has read it.
 */
const WINDOW_OFFSETS = 10_000;

/**
 * Bytes per partition and fetch: 4 MiB, where kafkajs's default is 1 MiB. Only the partition of the
 * turn is fetched. At a province-year (1,002,553 events) 1 MiB fetches cost the rebuild ~45 s of CPU
 * more and ran it at 3,224 events/s; 4 MiB at 3,629.
 */
const FETCH_BYTES = 4 << 20;

/** Where a rebuild from scratch keeps its checkpoints: `rebuild_spill_<id>`, dropped once built. */
export const spillOf = (rebuildId: string) => `rebuild_spill_${rebuildId}`;
/**
 * At a checkpoint, documents not read or updated in this many touches (~100,000 events, ~15 touches
 * each) are written as they would be at the end instead of spilled. Colder thresholds cost reads: at
 * 80,000 a province-year's rebuild read back 50,000 documents (a day's index, an officer's month).
 */
const COLD_AFTER_TOUCHES = 1_500_000;
/** A checkpoint's documents go this many, or about this many bytes, to a spill document. */
const SPILL_DOCUMENTS = 500;
const SPILL_BYTES = 4 << 20;

/**
 * A spilled document: its collection, `_id`, body and revision; or, with `e`, one evicted (written to
 * its collection) since the checkpoint before: a copy spilled earlier is older than the stored one.
 */
type Spilled = { c: string; i: string } & ({ d: Document; r: number } | { e: 1 });
/**
 * `rebuild_spill_<id>/<id>:<n>`: spilled documents as consecutive BSON documents in one binary field
 * (FerretDB converts a nested document field by field: 500 spilled documents as an array took ~150
 * ms to insert, a third of a province-year's rebuild). Written before: the array `docs`.
 */
type SpillDocument = { _id: string } & ({ bson: Binary } | { docs: Spilled[] });

function spilledIn(part: SpillDocument): Spilled[] {
  if ('docs' in part) return part.docs;
  const bytes = part.bson.buffer;
  const out: Spilled[] = [];
  for (let at = 0; at < bytes.length; ) {
    const length = new DataView(bytes.buffer, bytes.byteOffset + at, 4).getInt32(0, true);
    out.push(BSON.deserialize(bytes.subarray(at, at + length)) as Spilled);
    at += length;
  }
  return out;
}

/** The suffix of a rebuild's collections: `timelines_rebuild_<id>`, … */
export const suffixOf = (rebuildId: string) => `_rebuild_${rebuildId}`;

/** Where a rebuild stands, one document per rebuild (`_id` = rebuild id), saved after every batch. */
export interface RebuildState {
  _id: string;
  topic: string;
  suffix: string;
  status: 'running' | 'built' | 'switched';
  /** Per partition: the first offset of the log when the rebuild started. */
  low: Record<string, string>;
  /** Per partition: the end offsets (high-water marks) fixed at start (moved on by a catch-up). */
  highWater: Record<string, string>;
  /** Per partition: the next offset to apply. */
  positions: Record<string, string>;
  applied: number;
  poison: number;
  /** Still folding from scratch into empty collections (nothing written there until it is done). */
  fromScratch?: boolean;
  /** Spill documents written by the checkpoints of a rebuild from scratch (`<id>:<n>`, n < spill). */
  spill?: number;
  startedAt: Date;
  updatedAt: Date;
}

export interface Progress {
  rebuildId: string;
  done: number;
  total: number;
  applied: number;
  poison: number;
  eventsPerSecond: number;
  etaSeconds: number | null;
  partition: number | null;
}

export interface RebuildOptions {
  kafka: Kafka;
  db: Db;
  topic: string;
  rebuildId: string;
  /** Events applied between two checkpoints (saved positions; default 20,000). */
  batchSize?: number;
  /** Offsets of each partition read before the next partition's turn (`windows.ts`; default 10,000). */
  windowOffsets?: number;
  /**
   * From scratch: at most one checkpoint per this many milliseconds as well (default 60,000; 0: one
   * every `batchSize` events). A checkpoint from scratch spills every document changed since the
   * previous one: at 45,000 events, checkpoints every 20,000 made the rebuild a third slower. A
   * rebuild that stops resumes from its last checkpoint, so at most this much folding is done again.
   */
  checkpointEveryMs?: number;
  /** From scratch: documents held in memory before the least recently touched are inserted (200,000). */
  maxDocuments?: number;
  /** Procedure → field, as the live service resolves it (routing's catalogue). */
  catalogue?: FieldCatalogue;
  /** Move the end offsets to the current high-water marks first (before a switch). */
  catchUp?: boolean;
  /** Apply into the collections with this suffix instead of the rebuild's ('' = the live ones). */
  intoSuffix?: string;
  /** Stops (as a crash would) after this many batches; the next run resumes. */
  stopAfterBatches?: number;
  /** At most this many bytes per partition and fetch (default `FETCH_BYTES`). */
  maxBytesPerPartition?: number;
  /** Consumer group ids start with this (namespaced like the services' groups). */
  groupPrefix?: string;
  onProgress?: (progress: Progress) => void;
  /** The consumer's group session (kafkajs's default 30 s); heartbeats keep it alive during a batch. */
  sessionTimeoutMs?: number;
  /**
   * A run that fails (lost membership, a crashed consumer, a failed write) resumes from the last
   * saved positions with a new consumer; it gives up after this many failures in a row without
   * progress (default 5).
   */
  maxFailures?: number;
  /** Wait before resuming (default 1 s, doubling while failures repeat, at most 30 s). */
  resumeDelayMs?: number;
  onResume?: (resume: { error: Error; failures: number; done: number }) => void;
  /** Called before each event is applied (tests make a batch slow or fail with it). */
  beforeApply?: (offset: string) => Promise<void>;
}

export interface RebuildResult {
  status: 'built' | 'stopped';
  state: RebuildState;
}

/** The app the live service runs, writing into the collections with this suffix. */
export function projectionApp(db: Db, suffix: string, catalogue?: FieldCatalogue): MonitoringApp {
  const app = new MonitoringApp(new TimelineRepository(db, { suffix }));
  app.statistics = new StatisticsRepository(db, catalogue, { suffix });
  // `now` only dates recorded digests, which a rebuild does not record.
  app.integrity = new IntegrityLedger(new IntegrityRepository(db, { suffix }), () => new Date(0));
  app.board = new BoardRepository(db, ORGANISATION, { suffix });
  app.deadlines = new DeadlineCountsRepository(db, { suffix });
  return app;
}

const sum = (values: bigint[]) => Number(values.reduce((a, b) => a + b, 0n));

function counts(state: RebuildState): { done: number; total: number } {
  const ps = Object.keys(state.highWater);
  return {
    done: sum(ps.map((p) => big(state.positions[p]) - big(state.low[p]))),
    total: sum(ps.map((p) => big(state.highWater[p]) - big(state.low[p]))),
  };
}

async function endOffsets(kafka: Kafka, topic: string) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await admin.fetchTopicOffsets(topic);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Rebuilds every monitoring projection from offset 0 into `<collection>_rebuild_<id>`: reads the
 * topic in windows of offsets, partition by partition in each (`windows.ts`), up to the end offsets
 * fixed at start, applies each event with the live code (MonitoringApp.onEvent), skips and counts
 * poison, and saves the per-partition positions after each batch, so that a rebuild that stopped
 * resumes where it was.
 */
export async function rebuild(options: RebuildOptions): Promise<RebuildResult> {
  const { kafka, db, topic, rebuildId } = options;
  const states = db.collection<RebuildState>(STATE_COLLECTION);
  let state = await states.findOne({ _id: rebuildId });
  if (state && state.topic !== topic) {
    throw new Error(`rebuild ${rebuildId} reads ${state.topic}, not ${topic}`);
  }
  if (!state || options.catchUp) {
    const offsets = await endOffsets(kafka, topic);
    const now = new Date();
    const previous = state;
    const at = (p: number, key: 'low' | 'highWater' | 'positions') => previous?.[key][String(p)];
    state = {
      _id: rebuildId,
      topic,
      suffix: previous?.suffix ?? suffixOf(rebuildId),
      status: previous?.status === 'switched' ? 'switched' : 'running',
      low: Object.fromEntries(offsets.map((o) => [String(o.partition), at(o.partition, 'low') ?? o.low])),
      highWater: Object.fromEntries(offsets.map((o) => [String(o.partition), o.high])),
      positions: Object.fromEntries(
        offsets.map((o) => [String(o.partition), at(o.partition, 'positions') ?? o.low]),
      ),
      applied: previous?.applied ?? 0,
      poison: previous?.poison ?? 0,
      fromScratch: previous ? previous.fromScratch === true : true,
      spill: previous?.spill ?? 0,
      startedAt: previous?.startedAt ?? now,
      updatedAt: now,
    };
    await states.replaceOne({ _id: rebuildId }, state, { upsert: true });
  }
  const app = projectionApp(db, options.intoSuffix ?? state.suffix, options.catalogue);
  for (let failures = 0; ; ) {
    const doneBefore = counts(state).done;
    let writer: Writer | undefined;
    try {
      writer = await writerFor(options, state);
      return await consume(options, states, state, app, writer);
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      // An eviction still being written would land after the next run's writes.
      await writer?.batch.settle().catch(() => undefined);
      // The checkpoint: what was saved after the last batch (projections are idempotent).
      const saved = await states.findOne({ _id: rebuildId });
      if (!saved) throw error;
      failures = counts(saved).done > doneBefore ? 1 : failures + 1;
      if (failures > (options.maxFailures ?? 5)) throw error;
      options.onResume?.({ error, failures, done: counts(saved).done });
      const delay = Math.min(30_000, (options.resumeDelayMs ?? 1_000) * 2 ** (failures - 1));
      await new Promise((resolve) => setTimeout(resolve, delay));
      state = saved;
    }
  }
}

/** How a run holds and writes what it folds. */
interface Writer {
  fromScratch: boolean;
  batch: ProjectionBatch;
  /** At a checkpoint, before the positions are saved. */
  checkpoint(state: RebuildState): Promise<void>;
  /** Once the log is folded, before the rebuild is marked built. */
  finish(state: RebuildState): Promise<void>;
}

/**
 * A rebuild from scratch writes, never rewrites: everything is folded in memory and inserted once
 * at the end (insertMany, in chunks), never read back. Its checkpoints append the documents changed
 * since the previous one to `rebuild_spill_<id>` (inserts too), read only when a run resumes.
 * A catch-up over built collections (or into the live ones) reads what it changes and writes each
 * touched document once per checkpoint.
 */
async function writerFor(options: RebuildOptions, state: RebuildState): Promise<Writer> {
  const { db, rebuildId } = options;
  if (!state.fromScratch || options.intoSuffix !== undefined) {
    const writer: Writer = {
      fromScratch: false,
      batch: new ProjectionBatch(),
      checkpoint: async () => {
        await writer.batch.flush();
        writer.batch = new ProjectionBatch();
      },
      finish: async () => {
        await writer.batch.flush();
      },
    };
    return writer;
  }
  const spill = db.collection<SpillDocument>(spillOf(rebuildId));
  const saved = state.spill ?? 0;
  const batch = new ProjectionBatch({
    fresh: true,
    chunk: 1_000,
    parallel: 3,
    maxDocuments: options.maxDocuments ?? 200_000,
    // a run that stopped may have written evicted documents (or part of its end) already
    maybeStored: saved > 0 || counts(state).done > 0,
  });
  for (let n = 0; n < saved; n++) {
    const part = await spill.findOne({ _id: `${rebuildId}:${n}` });
    if (!part) throw new Error(`rebuild ${rebuildId}: checkpoint ${n} is missing from ${spillOf(rebuildId)}`);
    for (const s of spilledIn(part))
      if ('e' in s) batch.forget(db.collection(s.c), s.i);
      else batch.seed(db.collection(s.c), s.i, s.d, s.r);
  }
  // A checkpoint interrupted before its positions were saved left spill documents past the count.
  await spill.deleteMany({ _id: { $nin: Array.from({ length: saved }, (_, n) => `${rebuildId}:${n}`) } });
  return {
    fromScratch: true,
    batch,
    checkpoint: async (current) => {
      // What has not changed for a while is written as it would be at the end; the rest is spilled.
      await batch.evictCold({ untouchedFor: COLD_AFTER_TOUCHES });
      await batch.settle();
      let n = current.spill ?? 0;
      let parts: Uint8Array[] = [];
      let bytes = 0;
      let documents = 0;
      const write = async () => {
        if (parts.length === 0) return;
        await spill.insertOne({ _id: `${rebuildId}:${n}`, bson: new Binary(Buffer.concat(parts)) });
        n++;
        parts = [];
        bytes = 0;
        documents = 0;
      };
      const add = async (spilled: Spilled) => {
        const part = BSON.serialize(spilled);
        parts.push(part);
        bytes += part.length;
        // An evicted one's id counts by its bytes alone: ~1 million of them at a province-year, 500 to
        // a spill document, doubled the spill's inserts.
        if ('d' in spilled) documents++;
        if (documents >= SPILL_DOCUMENTS || bytes >= SPILL_BYTES) await write();
      };
      // The evicted first: one evicted, read back and changed again is spilled after it.
      for (const { collection, id } of batch.takeEvicted()) await add({ c: collection, i: id, e: 1 });
      for (const { collection, id, doc, revision } of batch.takeChanged())
        await add({ c: collection, i: id, d: doc, r: revision });
      await write();
      current.spill = n;
    },
    finish: async (current) => {
      await batch.flush();
      current.fromScratch = false;
      current.spill = 0;
      await db
        .collection<RebuildState>(STATE_COLLECTION)
        .updateOne({ _id: rebuildId }, { $set: { fromScratch: false, spill: 0 } });
      await spill.drop().catch(() => undefined);
    },
  };
}

async function consume(
  options: RebuildOptions,
  states: Collection<RebuildState>,
  state: RebuildState,
  app: MonitoringApp,
  writer: Writer,
): Promise<RebuildResult> {
  const { kafka, topic, rebuildId } = options;
  const batchSize = Math.max(1, options.batchSize ?? 20_000);
  const checkpointEveryMs = writer.fromScratch ? (options.checkpointEveryMs ?? 60_000) : 0;
  let checkpointedAt = Date.now();
  const window = BigInt(Math.max(1, options.windowOffsets ?? WINDOW_OFFSETS));
  let turn = nextTurn(state, window);

  const startedAt = Date.now();
  const doneAtStart = counts(state).done;
  const report = (partition: number | null) => {
    const { done, total } = counts(state);
    const seconds = (Date.now() - startedAt) / 1000;
    const rate = seconds > 0 ? (done - doneAtStart) / seconds : 0;
    options.onProgress?.({
      rebuildId,
      done,
      total,
      applied: state.applied,
      poison: state.poison,
      eventsPerSecond: Math.round(rate),
      etaSeconds: rate > 0 ? Math.ceil((total - done) / rate) : done >= total ? 0 : null,
      partition,
    });
  };
  const save = async () => {
    await writer.checkpoint(state);
    state.updatedAt = new Date();
    await states.updateOne(
      { _id: rebuildId },
      {
        $set: {
          positions: state.positions,
          applied: state.applied,
          poison: state.poison,
          spill: state.spill ?? 0,
          updatedAt: state.updatedAt,
        },
      },
    );
  };
  const finish = async (): Promise<RebuildResult> => {
    await writer.finish(state);
    if (state.status === 'running') {
      state.status = 'built';
      await states.updateOne({ _id: rebuildId }, { $set: { status: 'built' } });
    }
    report(null);
    return { status: 'built', state };
  };
  report(turn?.partition ?? null);
  if (!turn) return finish();

  // A fresh group each run: nothing is committed, the positions live in rebuild_state.
  const groupId = `${options.groupPrefix ?? 'monitoring'}.rebuild.${rebuildId}.${randomUUID().slice(0, 8)}`;
  const sessionTimeout = options.sessionTimeoutMs ?? 30_000;
  const heartbeatInterval = Math.max(500, Math.floor(sessionTimeout / 10));
  const consumer = kafka.consumer({
    groupId,
    allowAutoTopicCreation: false,
    sessionTimeout,
    heartbeatInterval,
    // A crash ends this run; rebuild() resumes from the checkpoint with a new consumer.
    retry: { restartOnFailure: async () => false },
    // The log is there already: a fetch that finds a paused or finished partition returns at once
    // instead of waiting the default 5 s for data (one such wait per partition switch).
    maxWaitTimeInMs: 100,
    maxBytesPerPartition: options.maxBytesPerPartition ?? FETCH_BYTES,
  });
  let batches = 0;
  /** Events applied since the last checkpoint. */
  let pending = 0;
  let ended = false;
  let settle: (r: 'built' | 'stopped' | Error) => void = () => {};
  const outcome = new Promise<'built' | 'stopped' | Error>((resolve) => {
    settle = resolve;
  });
  const end = (r: 'built' | 'stopped' | Error) => {
    ended = true;
    settle(r);
  };
  const startPartition = (p: number) => {
    consumer.resume([{ topic, partitions: [p] }]);
    consumer.seek({ topic, partition: p, offset: state.positions[String(p)] ?? '0' });
  };

  /** Saves the positions after a batch; true when the rebuild is to stop there. */
  const saved = async () => {
    await save();
    report(turn?.partition ?? null);
    if (options.stopAfterBatches === undefined || ++batches < options.stopAfterBatches) return false;
    end('stopped');
    return true;
  };

  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!ended) end(payload.error);
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, heartbeat, isRunning, isStale, resolveOffset }) => {
        const p = batch.partition;
        if (ended || !turn || p !== turn.partition) return;
        const key = String(p);
        const high = turn.until;
        // kafkajs heartbeats only between batches: keep the membership while a long one is applied.
        const keepAlive = setInterval(() => {
          heartbeat().catch((err) => {
            if (!ended) end(err instanceof Error ? err : new Error(String(err)));
          });
        }, heartbeatInterval);
        try {
          for (const message of batch.messages) {
            if (ended || !isRunning() || isStale()) return;
            const offset = BigInt(message.offset);
            // Resolved offsets are where the next fetch starts (nothing is committed).
            if (offset < big(state.positions[key])) {
              resolveOffset(message.offset);
              continue;
            }
            if (offset >= high) break;
            await options.beforeApply?.(message.offset);
            const decoded = decodeRecordedEvent(message.value);
            if (decoded.ok) {
              await app.fold(decoded.event, { topic, partition: p, offset: message.offset }, writer.batch);
              // Over `maxDocuments`: the coldest are inserted while the next events are folded.
              await writer.batch.evictCold({ background: true });
              state.applied++;
            } else {
              state.poison++;
            }
            state.positions[key] = String(offset + 1n);
            resolveOffset(message.offset);
            if (++pending >= batchSize && Date.now() - checkpointedAt >= checkpointEveryMs) {
              pending = 0;
              checkpointedAt = Date.now();
              if (await saved()) return;
              await heartbeat();
            }
          }
          // Offsets without a message (control records) still count as read.
          const last = BigInt(batch.lastOffset()) + 1n;
          if (batch.messages.length > 0 && big(state.positions[key]) < last) {
            state.positions[key] = String(last < high ? last : high);
            resolveOffset(batch.lastOffset());
          }
          // A membership lost during the batch shows here (the run then resumes from its checkpoint).
          await heartbeat();
          // From scratch, a checkpoint costs a spill: only every `batchSize` events (the end is a flush).
          const due = writer.fromScratch ? false : pending > 0 || big(state.positions[key]) >= high;
          if (due) {
            pending = 0;
            if (await saved()) return;
          } else report(turn.partition);
          if (big(state.positions[key]) >= high) {
            consumer.pause([{ topic, partitions: [p] }]);
            turn = nextTurn(state, window);
            if (!turn) end('built');
            else startPartition(turn.partition);
          }
        } catch (err) {
          if (!ended) end(err instanceof Error ? err : new Error(String(err)));
        } finally {
          clearInterval(keepAlive);
        }
      },
    });
    // Only the partition of the turn is fetched; the others wait theirs.
    const first = turn.partition;
    const others = Object.keys(state.highWater)
      .map(Number)
      .filter((p) => p !== first);
    consumer.pause([{ topic, partitions: others }]);
    startPartition(first);
    const result = await outcome;
    if (result instanceof Error) throw result;
    if (result === 'stopped') return { status: 'stopped', state };
  } finally {
    await consumer.disconnect();
  }
  return finish();
}
