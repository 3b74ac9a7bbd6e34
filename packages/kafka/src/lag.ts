import type { Kafka } from 'kafkajs';
import { register as defaultRegistry, Gauge, type Registry } from 'prom-client';

const lagGauges = new WeakMap<Registry, Gauge>();
function lagGauge(registry: Registry): Gauge {
  let gauge = lagGauges.get(registry);
  if (!gauge) {
    gauge = new Gauge({
      name: 'motcua_consumer_lag',
      help: 'Messages not yet consumed, per consumer group, topic and partition',
      labelNames: ['group', 'topic', 'partition'],
      registers: [registry],
    });
    lagGauges.set(registry, gauge);
  }
  return gauge;
}

/**
 * The group's lag from its committed offsets (what a restart would resume from), set on the
 * `motcua_consumer_lag` gauge per partition; returns the total. Throws when Kafka does not answer.
 */
export async function measureLag(
  kafka: Kafka,
  groupId: string,
  topics: string[],
  registry: Registry = defaultRegistry,
): Promise<number> {
  const gauge = lagGauge(registry);
  const admin = kafka.admin();
  let total = 0;
  try {
    await admin.connect();
    const committed = await admin.fetchOffsets({ groupId, topics });
    for (const { topic, partitions } of committed) {
      const latest = await admin.fetchTopicOffsets(topic);
      for (const p of latest) {
        const done = partitions.find((c) => c.partition === p.partition)?.offset ?? '-1';
        const lag = Math.max(0, Number(p.high) - Math.max(Number(done), Number(p.low)));
        gauge.set({ group: groupId, topic, partition: String(p.partition) }, lag);
        total += lag;
      }
    }
    return total;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
