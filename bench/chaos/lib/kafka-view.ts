// What Kafka itself says, with clients of the harness's own: the whole lifecycle topic read from offset
// 0 by a fresh consumer group, and each service's consumer lag from the committed offsets.
import { randomUUID } from 'node:crypto';
import { createKafka, groupIdIn, topicNames } from '@motcua/kafka';
import type { Kafka } from 'kafkajs';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** The consumer group of each service (packages/runtime names them in each service.ts). */
export const SERVICE_GROUPS = [
  'intake.results',
  'routing.workflow',
  'department.tasks',
  'notification.applicants',
  'monitoring.timeline',
] as const;

export interface LoggedEvent {
  eventId: string;
  type: string;
  dossierId: string;
  streamId: string;
  causationId?: string;
  payload: Record<string, unknown>;
  partition: number;
  offset: string;
}

export type Lag = Record<string, number>;

export interface Positions {
  end: Map<number, number>;
  committed: Record<string, Map<number, number>>;
}

/** Whether every group has committed everything the log held at `earlier` (all caught up to then). */
export const caughtUpTo = (earlier: Positions, now: Positions): boolean =>
  Object.values(now.committed).every((group) =>
    [...earlier.end].every(([partition, end]) => (group.get(partition) ?? 0) >= end),
  );

export class KafkaView {
  private readonly kafka: Kafka;
  readonly topic: string;

  constructor(
    brokers: string[],
    private readonly namespace: string,
  ) {
    this.kafka = createKafka({ brokers, clientId: 'chaos-check', logger: quiet });
    this.topic = topicNames(namespace).lifecycle;
  }

  /** Messages not yet committed, per service consumer group (a group with no commit lags by everything). */
  async lag(): Promise<Lag> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const high = await admin.fetchTopicOffsets(this.topic);
      const lag: Lag = {};
      for (const group of SERVICE_GROUPS) {
        const [committed] = await admin.fetchOffsets({
          groupId: groupIdIn(this.namespace, group),
          topics: [this.topic],
        });
        lag[group] = high.reduce((sum, p) => {
          const at = Number(committed?.partitions.find((c) => c.partition === p.partition)?.offset ?? '-1');
          return sum + Math.max(0, Number(p.high) - Math.max(at, Number(p.low)));
        }, 0);
      }
      return lag;
    } finally {
      await admin.disconnect();
    }
  }

  /**
   * The log's end per partition and each service group's committed position, read at one moment (a
   * group with no commit on a partition is at its start).
   */
  async positions(): Promise<Positions> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const topicOffsets = await admin.fetchTopicOffsets(this.topic);
      const end = new Map(topicOffsets.map((p) => [p.partition, Number(p.high)]));
      const committed: Record<string, Map<number, number>> = {};
      for (const group of SERVICE_GROUPS) {
        const [offsets] = await admin.fetchOffsets({
          groupId: groupIdIn(this.namespace, group),
          topics: [this.topic],
        });
        committed[group] = new Map(
          topicOffsets.map((p) => {
            const at = Number(offsets?.partitions.find((c) => c.partition === p.partition)?.offset ?? '-1');
            return [p.partition, Math.max(at, Number(p.low))];
          }),
        );
      }
      return { end, committed };
    } finally {
      await admin.disconnect();
    }
  }

  /** The node id leading each partition of the lifecycle topic. */
  async leaders(): Promise<Map<number, number>> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [this.topic] });
      return new Map((topics[0]?.partitions ?? []).map((p) => [p.partitionId, p.leader]));
    } finally {
      await admin.disconnect();
    }
  }

  /** Every event of the topic, from offset 0 up to the end as it stood when the read began. */
  async readAll(timeoutMs = 60_000): Promise<LoggedEvent[]> {
    const admin = this.kafka.admin();
    await admin.connect();
    const high = await admin.fetchTopicOffsets(this.topic);
    const remaining = new Map(
      high.filter((p) => Number(p.high) > Number(p.low)).map((p) => [p.partition, p.high]),
    );
    const groupId = `chaos-check-${randomUUID()}`;
    const consumer = this.kafka.consumer({ groupId, allowAutoTopicCreation: false });
    const events: LoggedEvent[] = [];
    try {
      await consumer.connect();
      await consumer.subscribe({ topic: this.topic, fromBeginning: true });
      const done = new Promise<void>((resolve, reject) => {
        if (remaining.size === 0) resolve();
        const timer = setTimeout(() => reject(new Error(`log not read within ${timeoutMs} ms`)), timeoutMs);
        void consumer.run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            const end = remaining.get(partition);
            if (end === undefined || BigInt(message.offset) >= BigInt(end)) return;
            const e = JSON.parse(message.value?.toString('utf8') ?? '{}') as LoggedEvent;
            events.push({ ...e, partition, offset: message.offset });
            if (BigInt(message.offset) + 1n >= BigInt(end)) remaining.delete(partition);
            if (remaining.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          },
        });
      });
      await done;
      return events;
    } finally {
      await consumer.disconnect().catch(() => undefined);
      await admin.deleteGroups([groupId]).catch(() => undefined);
      await admin.disconnect();
    }
  }
}
