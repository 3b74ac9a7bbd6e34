import { sampleEvent } from '../lib/dossier.js';
import type { Connected } from '../lib/infra.js';
import { inParallel, now, type StageResult, stage } from '../lib/stats.js';

const BATCH = 100;

/**
 * kafkajs alone, same producer settings as EventPublisher (idempotent, acks=-1, one request in
 * flight), same message sizes and keys: first closed loop like the pipeline, then batched.
 */
export async function runKafkaRaw(
  { kafka, stoppers }: Connected,
  topic: string,
  groupId: string,
  count: number,
  concurrency: number,
): Promise<StageResult[]> {
  const messages = Array.from({ length: count }, (_, i) => {
    const event = sampleEvent(`dossier-${Math.floor(i / 4)}`, (i % 4) + 1);
    return { key: event.dossierId, value: JSON.stringify(event) };
  });
  const waiting = new Map<string, () => void>();
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
  });
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  const stop = async () => {
    stoppers.delete(stop);
    await consumer.disconnect();
    await producer.disconnect();
  };
  stoppers.add(stop);
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const seq = message.headers?.seq?.toString() ?? '';
      waiting.get(seq)?.();
      waiting.delete(seq);
    },
  });
  const received = (seq: string) => new Promise<void>((resolve) => waiting.set(seq, resolve));
  const send = (batch: typeof messages, first: number, round: string) =>
    producer.send({
      topic,
      acks: -1,
      messages: batch.map((m, j) => ({ ...m, headers: { seq: `${round}:${first + j}` } })),
    });

  try {
    const acks: number[] = [];
    const trips: number[] = [];
    let start = now();
    await inParallel(count, concurrency, async (i) => {
      const t = now();
      const arrived = received(`loop:${i}`);
      await send([messages[i]!], i, 'loop');
      acks.push(now() - t);
      await arrived;
      trips.push(now() - t);
    });
    const loopSeconds = (now() - start) / 1000;

    const arrivals = Array.from({ length: count }, (_, i) => received(`batch:${i}`));
    start = now();
    for (let i = 0; i < count; i += BATCH) await send(messages.slice(i, i + BATCH), i, 'batch');
    const produced = (now() - start) / 1000;
    await Promise.all(arrivals);
    const batchSeconds = (now() - start) / 1000;

    return [
      stage(`kafka raw: produce → consume (${concurrency} in flight)`, count, loopSeconds, trips),
      stage('  └ produce ack (acks=-1, idempotent)', count, undefined, acks),
      stage(
        `kafka raw: batched produce → consume (${BATCH}/send)`,
        count,
        batchSeconds,
        undefined,
        `produce alone ${Math.round(count / produced)} msg/s`,
      ),
    ];
  } finally {
    await stop();
  }
}
