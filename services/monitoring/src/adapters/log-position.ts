import type { Kafka } from 'kafkajs';

/** Per partition: where the log ends (`high`, `low`) and the group's committed offset (-1: none). */
export interface PartitionPosition {
  partition: number;
  low: bigint;
  high: bigint;
  committed: bigint;
}

/** The end offsets the group must reach: per partition, the high-water mark when sampled. */
export type LogEnds = ReadonlyMap<number, bigint>;

/** True when the group has committed up to every end (an empty partition is reached at once). */
export function reached(ends: LogEnds, now: readonly PartitionPosition[]): boolean {
  return [...ends].every(([partition, end]) => {
    const p = now.find((x) => x.partition === partition);
    if (!p) return false;
    return p.committed >= end || p.low >= end;
  });
}

/**
 * Whether a consumer group has read the log as far as it went when last asked: a call notes the end
 * offsets, a later one answers true once the group's commits reach them (under steady traffic the
 * group never sits exactly at the end, but it passes what was there a minute ago). A day's digest
 * waits for it, so that the day's events still in flight when the day is sealed are in it.
 */
export class LogPosition {
  private target: LogEnds | undefined;

  constructor(private readonly read: () => Promise<PartitionPosition[]>) {}

  async caughtUp(): Promise<boolean> {
    const now = await this.read();
    if (this.target && reached(this.target, now)) {
      this.target = undefined;
      return true;
    }
    const ends: LogEnds = new Map(now.map((p) => [p.partition, p.high]));
    if (reached(ends, now)) {
      this.target = undefined;
      return true;
    }
    this.target ??= ends;
    return false;
  }
}

/** The position of a consumer group on a topic, read with the Kafka admin client. */
export function kafkaLogPosition(kafka: Kafka, groupId: string, topic: string): LogPosition {
  return new LogPosition(async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [ends, committed] = await Promise.all([
        admin.fetchTopicOffsets(topic),
        admin.fetchOffsets({ groupId, topics: [topic] }),
      ]);
      const done = committed[0]?.partitions ?? [];
      return ends.map((e) => ({
        partition: e.partition,
        low: BigInt(e.low),
        high: BigInt(e.high),
        committed: BigInt(done.find((c) => c.partition === e.partition)?.offset ?? '-1'),
      }));
    } finally {
      await admin.disconnect();
    }
  });
}
