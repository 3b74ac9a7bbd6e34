import { randomBytes } from 'node:crypto';
import { decodeRecordedEvent, type RecordedEvent } from '@motcua/contracts';
import { EventConsumer, ensureTopics, topicNames } from '@motcua/kafka';
import type { Kafka } from 'kafkajs';
import { projectionApp, rebuild } from '../../services/monitoring/src/rebuild/engine.js';
import { verifyRebuild } from '../../services/monitoring/src/rebuild/verify.js';
import { history } from '../lib/history.js';
import { type Connected, logger } from '../lib/infra.js';
import type { Db } from '../lib/mongodb.js';
import { now } from '../lib/stats.js';

// The board at the speed of the log: a synthetic history on a bench topic (kept, reused by size),
// the rebuild's rate beside raw kafkajs consume and raw insertMany on the same servers, and the
// live consumers' rate (batch mode) over the same history and on a tail after it.

const log = (msg: string) => console.error(`[bench] ${msg}`);

export interface BoardFigure {
  stage: string;
  events: number;
  seconds: number;
  perSecond: number;
  note?: string;
}
const figure = (stage: string, events: number, ms: number, note?: string): BoardFigure => ({
  stage,
  events,
  seconds: Number((ms / 1000).toFixed(2)),
  perSecond: Math.round(events / (ms / 1000)),
  ...(note ? { note } : {}),
});

/** The bench topic of a history size: `motcua-bench-history-<dossiers>.dossier.lifecycle.v1`. */
export const historyNamespace = (dossiers: number) => `motcua-bench-history-${dossiers}`;

async function messagesIn(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((n, o) => n + Number(BigInt(o.high) - BigInt(o.low)), 0);
  } finally {
    await admin.disconnect();
  }
}

/** Writes the history to its topic unless it is there already; the number of events in it. */
export async function writeHistory(
  conn: Connected,
  dossiers: number,
): Promise<{ events: number; figure?: BoardFigure }> {
  const namespace = historyNamespace(dossiers);
  const topic = topicNames(namespace).lifecycle;
  const admin = conn.kafka.admin();
  await admin.connect();
  await ensureTopics(admin, topicNames(namespace));
  await admin.disconnect();
  const held = await messagesIn(conn.kafka, topic);
  if (held > 0) {
    log(`history: ${topic} holds ${held} events already (delete the topic to write it again)`);
    return { events: held };
  }
  const producer = conn.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const started = now();
  let events = 0;
  let pending: { key: string; value: string }[] = [];
  const send = async () => {
    if (pending.length === 0) return;
    await producer.send({ topic, acks: -1, messages: pending });
    events += pending.length;
    pending = [];
    if (events % 20_000 < 1_000) log(`history: ${events} events written`);
  };
  try {
    for (const e of history(dossiers)) {
      pending.push({ key: e.key, value: e.value });
      if (pending.length >= 1_000) await send();
    }
    await send();
  } finally {
    await producer.disconnect();
  }
  return { events, figure: figure('log: write the history (produce, acks=all)', events, now() - started) };
}

/** Raw kafkajs: every message of the topic, nothing done with it. */
async function rawConsume(conn: Connected, topic: string, events: number): Promise<BoardFigure> {
  const consumer = conn.kafka.consumer({ groupId: `bench-raw-${randomBytes(4).toString('hex')}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  const started = now();
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachBatch: async ({ batch }) => {
        seen += batch.messages.length;
        if (seen >= events) resolve();
      },
    });
  });
  const ms = now() - started;
  await consumer.disconnect();
  return figure('ceiling: raw kafkajs consume (eachBatch, no work)', seen, ms);
}

/** Raw insertMany of as many documents as events, shaped like a dossier's timeline entry. */
async function rawInsertMany(db: Db, topic: string, sample: string, events: number): Promise<BoardFigure> {
  const docs = db.collection(`raw_insert_${topic.replaceAll('.', '_')}`);
  const body = JSON.parse(sample) as Record<string, unknown>;
  const started = now();
  for (let i = 0; i < events; i += 1_000) {
    const n = Math.min(1_000, events - i);
    await docs.insertMany(Array.from({ length: n }, (_, k) => ({ ...body, _id: `raw-${i + k}` })) as never, {
      ordered: false,
    });
  }
  const ms = now() - started;
  await docs.drop();
  return figure('ceiling: raw insertMany (1,000 per call, one event-sized doc each)', events, ms);
}

/** The live projection consumer (EventConsumer in batch mode) from offset 0 until it holds `until` events. */
async function liveConsume(conn: Connected, db: Db, topics: string[], until: number, groupId: string) {
  const app = projectionApp(db, '');
  let handled = 0;
  const samples: [number, number][] = [];
  let done: () => void = () => {};
  const check = () => {
    if (handled >= until) done();
  };
  const consumer = new EventConsumer<RecordedEvent>({
    kafka: conn.kafka,
    db,
    groupId,
    topics,
    deadLetterTopic: topicNames(groupId).deadLetter,
    decode: decodeRecordedEvent,
    logger,
    handle: (event, context) => app.onEvent(event, context),
    handleBatch: async (items) => {
      await app.onBatch(items);
      handled += items.length;
      samples.push([handled, now()]);
      check();
    },
  });
  return {
    start: () => consumer.start(),
    stop: () => consumer.stop(),
    reached: (n: number) =>
      new Promise<void>((resolve) => {
        until = n;
        done = resolve;
        check();
      }),
    /** Events per second from the first batch folded to the last. */
    steadyRate: () => {
      const first = samples[0];
      const last = samples[samples.length - 1];
      return first && last && last[1] > first[1]
        ? Math.round((last[0] - first[0]) / ((last[1] - first[1]) / 1000))
        : 0;
    },
    handled: () => handled,
    /** Events per second between two fractions of `total` handled events. */
    rate: (total: number, from: number, to: number) => {
      const at = (f: number) => samples.find(([n]) => n >= f * total) ?? samples[samples.length - 1];
      const a = at(from);
      const b = at(to);
      return a && b && b[1] > a[1] ? Math.round((b[0] - a[0]) / ((b[1] - a[1]) / 1000)) : 0;
    },
  };
}

export async function runBoard(conn: Connected, dossiers: number, dbName: string): Promise<BoardFigure[]> {
  const figures: BoardFigure[] = [];
  const written = await writeHistory(conn, dossiers);
  if (written.figure) figures.push(written.figure);
  const events = written.events;
  const namespace = historyNamespace(dossiers);
  const topic = topicNames(namespace).lifecycle;
  const db = conn.mongo.db(dbName);
  const sample = history(1).next().value?.value ?? '{}';

  log(`raw consume of ${events} events`);
  figures.push(await rawConsume(conn, topic, events));
  log(`raw insertMany of ${events} documents`);
  figures.push(await rawInsertMany(db, topic, sample, events));

  log(`rebuild of ${events} events`);
  conn.commands.clear();
  let started = now();
  const built = await rebuild({
    kafka: conn.kafka,
    db,
    topic,
    rebuildId: 'bench',
    groupPrefix: `bench-${randomBytes(4).toString('hex')}`,
    onProgress: (p) => {
      if (p.done % 20_000 < 1 || p.done === p.total)
        log(`rebuild: ${p.done}/${p.total}, ${p.eventsPerSecond} ev/s`);
    },
  });
  const rebuildMs = now() - started;
  const commands = [...conn.commands].map(([k, v]) => `${k} ${v}`).join(', ');
  figures.push(
    figure(
      'rebuild from scratch (inserts only)',
      built.state.applied,
      rebuildMs,
      `Mongo commands: ${commands}`,
    ),
  );

  log(`live projection consumer (batch mode) over the ${events} events`);
  conn.commands.clear();
  const tailNamespace = `bench-tail-${randomBytes(4).toString('hex')}`;
  const tailTopic = topicNames(tailNamespace).lifecycle;
  const admin = conn.kafka.admin();
  await admin.connect();
  await ensureTopics(admin, topicNames(tailNamespace));
  const live = await liveConsume(conn, db, [topic, tailTopic], events, tailNamespace);
  conn.stoppers.add(live.stop);
  started = now();
  await live.start();
  await live.reached(events);
  const liveMs = now() - started;
  const liveCommands = [...conn.commands].map(([k, v]) => `${k} ${v}`).join(', ');
  figures.push(
    figure(
      'live projections, from an empty board (batch mode)',
      live.handled(),
      liveMs,
      `first fifth ${live.rate(events, 0, 0.2)} ev/s, last fifth ${live.rate(events, 0.8, 1)} ev/s; Mongo commands: ${liveCommands}`,
    ),
  );

  log('rebuild verified against the live projections');
  const comparison = await verifyRebuild(db, built.state);
  const differing = comparison.collections.filter(
    (c) => c.missing.length + c.extra.length + c.different.length,
  );
  figures.push({
    stage: `rebuild compared with the live projections: ${comparison.equal ? 'equal' : 'DIFFERENT'}`,
    events,
    seconds: 0,
    perSecond: 0,
    ...(differing.length
      ? {
          note: differing
            .map((c) => `${c.collection} ${c.different[0]?._id ?? c.missing[0] ?? c.extra[0]}`)
            .join(', '),
        }
      : {}),
  });

  await live.stop();
  conn.stoppers.delete(live.stop);

  // A tail after the whole history: what the live board does with the history in place. Written
  // while the consumer is stopped; it resumes from its committed offsets.
  const tailDossiers = Math.max(50, Math.round(dossiers / 20));
  const tail = [
    ...history(tailDossiers, { seed: dossiers + 1, startMs: Date.parse('2026-01-05T01:00:00Z') }),
  ];
  const producer = conn.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  for (let i = 0; i < tail.length; i += 1_000) {
    await producer.send({
      topic: tailTopic,
      acks: -1,
      messages: tail.slice(i, i + 1_000).map(({ key, value }) => ({ key, value })),
    });
  }
  await producer.disconnect();
  log(`live: a tail of ${tail.length} events on top of the history`);
  conn.commands.clear();
  const again = await liveConsume(conn, db, [topic, tailTopic], tail.length, tailNamespace);
  conn.stoppers.add(again.stop);
  started = now();
  await again.start();
  await again.reached(tail.length);
  const tailMs = now() - started;
  const tailCommands = [...conn.commands].map(([k, v]) => `${k} ${v}`).join(', ');
  figures.push(
    figure(
      'live projections, a tail with the history in place (batch mode)',
      again.handled(),
      tailMs,
      `${again.steadyRate()} ev/s from the first batch folded to the last (the wall time includes joining the group); Mongo commands: ${tailCommands}`,
    ),
  );
  await again.stop();
  conn.stoppers.delete(again.stop);
  await admin.deleteTopics({ topics: Object.values(topicNames(tailNamespace)) }).catch(() => undefined);
  await admin.disconnect();
  return figures;
}

export function renderBoard(figures: BoardFigure[]): string {
  const rows = figures.map((f) => [
    f.stage,
    String(f.events),
    f.seconds ? f.seconds.toFixed(1) : '',
    f.perSecond ? String(f.perSecond) : '',
  ]);
  const head = ['stage', 'events', 's', 'per s'];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  const notes = figures.filter((f) => f.note).map((f) => `  ${f.stage}: ${f.note}`);
  return [
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    ...(notes.length ? ['', 'notes:', ...notes] : []),
  ].join('\n');
}
