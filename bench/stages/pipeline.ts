import type { RecordedEvent } from '@motcua/contracts';
import { EventConsumer, EventPublisher, groupIdIn, topicNames } from '@motcua/kafka';
import {
  EventStore,
  handleCommand,
  OutboxRelay,
  updateProjection,
} from '../../packages/eventstore/src/index.js';
import { benchDossier, decodeBenchEvent, EVENTS_PER_DOSSIER } from '../lib/dossier.js';
import { type Connected, logger } from '../lib/infra.js';
import type { Db } from '../lib/mongodb.js';
import { inParallel, now, type StageResult, stage } from '../lib/stats.js';

interface DossierView {
  _id: string;
  revision: number;
  dossierCode: string;
  lastType: string;
  version: number;
  timeline: { type: string; at: string }[];
}

/** Timestamps of one event on its way; keyed by `dossierId:streamVersion`. */
interface Trace {
  start: number;
  appended?: number;
  acked?: number;
  handled?: number;
  projected?: number;
  done: () => void;
}

const EVENT_TIMEOUT_MS = 60_000;

/**
 * Write → outbox → Kafka → consumer → projection, closed loop: each dossier issues its next
 * command once its previous event is in the projection (as a reaction would), `concurrency`
 * dossiers at a time. Returns the end-to-end row and its breakdown.
 */
export async function runPipeline(
  { kafka, commands, targets, stoppers }: Connected,
  db: Db,
  namespace: string,
  dossiers: number,
  concurrency: number,
): Promise<StageResult[]> {
  const topics = topicNames(namespace);
  const traces = new Map<string, Trace>();
  const key = (e: { dossierId: string; streamVersion: number }) => `${e.dossierId}:${e.streamVersion}`;

  const publisher = new EventPublisher(kafka, topics.lifecycle);
  let relay: OutboxRelay | undefined;
  const store = new EventStore({
    db,
    producer: 'bench',
    onAppended: (id, events) => relay?.appended(id, events),
  });
  relay = new OutboxRelay({
    store,
    logger,
    publish: async (events) => {
      await publisher.publish(events);
      const t = now();
      for (const e of events) {
        const trace = traces.get(key(e));
        if (trace) trace.acked = t;
      }
    },
  });
  const views = db.collection<DossierView>('bench_dossier_views');
  const consumer = new EventConsumer<RecordedEvent>({
    kafka,
    db,
    groupId: groupIdIn(namespace, 'bench-projection'),
    topics: [topics.lifecycle],
    deadLetterTopic: topics.deadLetter,
    decode: decodeBenchEvent,
    logger,
    lagIntervalMs: 3_600_000,
    handle: async (event) => {
      const trace = traces.get(key(event));
      if (trace) trace.handled = now();
      await updateProjection<Omit<DossierView, '_id' | 'revision'>>(
        views,
        event.dossierId,
        () => ({ dossierCode: '', lastType: '', version: 0, timeline: [] }),
        (view) =>
          event.streamVersion <= view.version
            ? view
            : {
                dossierCode: event.dossierCode || view.dossierCode,
                lastType: event.type,
                version: event.streamVersion,
                timeline: [...view.timeline, { type: event.type, at: event.recordedAt }],
              },
      );
      if (trace) {
        trace.projected = now();
        trace.done();
      }
    },
  });

  const stop = async () => {
    stoppers.delete(stop);
    await consumer.stop();
    await relay.stop();
    await publisher.disconnect();
  };
  stoppers.add(stop);
  await store.ensureIndexes();
  await publisher.connect();
  await consumer.start();
  relay.start();

  const runDossier = async (id: string) => {
    for (let step = 0; step < EVENTS_PER_DOSSIER; step++) {
      let timer: NodeJS.Timeout | undefined;
      const projected = new Promise<void>((resolve, reject) => {
        const start = now();
        traces.set(`${id}:${step + 1}`, { start, done: resolve });
        timer = setTimeout(
          () => reject(new Error(`event ${id}:${step + 1} not projected within ${EVENT_TIMEOUT_MS} ms`)),
          EVENT_TIMEOUT_MS,
        );
      });
      try {
        await handleCommand(store, benchDossier, {
          streamId: `bench-dossier:${id}`,
          dossierId: id,
          commandId: `${id}:${step}`,
          actor: { userId: 'bench-officer', role: 'counter_officer', centerId: 'hcc-ha-noi' },
          correlationId: id,
          command:
            step === 0
              ? { type: 'Receive', dossierCode: `HCC-HN-261128-${id.slice(-4)}` }
              : { type: 'Advance' },
        });
        traces.get(`${id}:${step + 1}`)!.appended = now();
        await projected;
      } finally {
        clearTimeout(timer);
      }
    }
  };

  try {
    // Warm-up: connections, JIT and the first SQLite pages, outside the figures.
    await inParallel(concurrency, concurrency, (i) => runDossier(`warmup-${String(i).padStart(6, '0')}`));
    traces.clear();
    commands.clear();
    targets.clear();
    const start = now();
    await inParallel(dossiers, concurrency, (i) => runDossier(`dossier-${String(i).padStart(6, '0')}`));
    const seconds = (now() - start) / 1000;
    const issued = [...commands.values()].reduce((a, b) => a + b, 0);
    return summarise([...traces.values()], seconds, issued, commands, targets);
  } finally {
    await stop();
  }
}

const WRITE_SIDE = ['streams', 'commits', 'outbox', 'outbox_lease'];

function summarise(
  traces: Trace[],
  seconds: number,
  issued: number,
  commands: Map<string, number>,
  targets: Map<string, number>,
) {
  const span = (from: keyof Trace, to: keyof Trace) =>
    traces.map((t) => (t[to] as number) - (t[from] as number)).filter((x) => Number.isFinite(x));
  const byName = [...commands.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([name, n]) => `${name} ${(n / traces.length).toFixed(1)}`)
    .join(', ');
  const events = traces.length;
  const writeSide = [...targets.entries()]
    .filter(([k]) => WRITE_SIDE.includes(k.split(' ')[1] ?? ''))
    .reduce((a, [, n]) => a + n, 0);
  return [
    stage(
      'pipeline: end-to-end (append → projection)',
      events,
      seconds,
      span('start', 'projected'),
      `${(issued / events).toFixed(1)} Mongo commands/event (${byName}): ${(writeSide / events).toFixed(1)} on the write side (event store, outbox, relay), ${((issued - writeSide) / events).toFixed(1)} in the consumer and projection`,
    ),
    stage('  ├ command: read + decide + append', events, undefined, span('start', 'appended')),
    stage('  ├ outbox relay → Kafka ack', events, undefined, span('appended', 'acked')),
    stage('  ├ Kafka ack → consumer handler', events, undefined, span('acked', 'handled')),
    stage('  └ projection read-modify-write', events, undefined, span('handled', 'projected')),
  ];
}
