import { EventPublisher, topicNames } from '@motcua/kafka';
import { EventStore, handleCommand, OutboxRelay } from '../../packages/eventstore/src/index.js';
import { benchDossier, EVENTS_PER_DOSSIER } from '../lib/dossier.js';
import { type Connected, logger } from '../lib/infra.js';
import type { Db } from '../lib/mongodb.js';
import { inParallel, now, type StageResult, stage } from '../lib/stats.js';

const WRITE_SIDE = ['streams', 'commits', 'outbox', 'outbox_lease'];

/**
 * The write side alone: command (read + decide + append) → relay → Kafka ack, `concurrency`
 * commands in flight, each dossier's next command once its previous one is appended. The figure
 * to set beside raw single inserts, and the Mongo commands it costs per event.
 */
export async function runWritePath(
  { kafka, targets, stoppers }: Connected,
  db: Db,
  namespace: string,
  dossiers: number,
  concurrency: number,
): Promise<StageResult[]> {
  const publisher = new EventPublisher(kafka, topicNames(namespace).lifecycle);
  const started = new Map<string, number>();
  const acked: number[] = [];
  let relay: OutboxRelay | undefined;
  const store = new EventStore({
    db,
    producer: 'bench',
    onAppended: (id, events) => relay?.appended(id, events),
  });
  let pending = 0;
  let allAcked: (() => void) | undefined;
  relay = new OutboxRelay({
    store,
    logger,
    publish: async (events) => {
      await publisher.publish(events);
      const t = now();
      for (const e of events) {
        const start = started.get(`${e.dossierId}:${e.streamVersion}`);
        if (start === undefined) continue;
        started.delete(`${e.dossierId}:${e.streamVersion}`);
        acked.push(t - start);
        if (--pending === 0) allAcked?.();
      }
    },
  });
  const stop = async () => {
    stoppers.delete(stop);
    await relay.stop();
    await publisher.disconnect();
  };
  stoppers.add(stop);
  await publisher.connect();
  relay.start();

  const allPublished = () =>
    new Promise<void>((resolve) => {
      if (pending === 0) resolve();
      else allAcked = resolve;
    });
  const runDossier = async (id: string) => {
    for (let step = 0; step < EVENTS_PER_DOSSIER; step++) {
      started.set(`${id}:${step + 1}`, now());
      pending++;
      await handleCommand(store, benchDossier, {
        streamId: `bench-write:${id}`,
        dossierId: id,
        commandId: `${id}:${step}`,
        actor: { userId: 'bench-officer', role: 'counter_officer', centerId: 'hcc-ha-noi' },
        correlationId: id,
        // as intake's reception: a new dossier's stream is not read before its first append
        likelyNew: step === 0,
        command:
          step === 0
            ? { type: 'Receive', dossierCode: `HCC-HN-261128-${id.slice(-4)}` }
            : { type: 'Advance' },
      });
    }
  };
  try {
    await inParallel(concurrency, concurrency, (i) => runDossier(`write-warmup-${i}`));
    await allPublished();
    acked.length = 0;
    targets.clear();
    const start = now();
    await inParallel(dossiers, concurrency, (i) => runDossier(`write-${String(i).padStart(6, '0')}`));
    await allPublished();
    const seconds = (now() - start) / 1000;
    const events = dossiers * EVENTS_PER_DOSSIER;
    const writeSide = [...targets.entries()].filter(([k]) => WRITE_SIDE.includes(k.split(' ')[1] ?? ''));
    const total = writeSide.reduce((a, [, n]) => a + n, 0);
    const byTarget = writeSide
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${(n / events).toFixed(2)}`)
      .join(', ');
    return [
      stage(
        'event path: command → relay → Kafka ack',
        events,
        seconds,
        acked,
        `${(total / events).toFixed(2)} Mongo commands/event on the write side (${byTarget})`,
      ),
    ];
  } finally {
    await stop();
  }
}
