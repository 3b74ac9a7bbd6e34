import { findByIds, isDuplicateKey, type PackedJson, pack, unpack } from '@motcua/eventstore';
import type { Collection, Db } from 'mongodb';
import { applyToDueDay, type DueDay, dueDayOf, isOpen, openTasks, type QueueEntry } from '../domain/queue.js';

/** A bucket as stored: its entries packed in `json` (ADR 0002); one stored before packing holds `entries`. */
type DueDayDocument = Omit<DueDay, 'entries'> & {
  _id: string;
  revision: number;
  json?: PackedJson;
  entries?: DueDay['entries'];
};
const entriesOf = (doc: DueDayDocument): DueDay['entries'] =>
  unpack(doc, 'json', (d) => (d.entries as DueDay['entries'] | undefined) ?? []);
/** The due days of a department that may have open tasks: which buckets a listing reads. */
type QueueDaysDocument = { _id: string; days: string[] };

const DAY_MS = 86_400_000;

/**
 * The tasks of one department due on one day are spread over this many buckets by task id: a busy
 * day's single bucket (1,200 tasks, ~260 KB) was read and rewritten whole on every task event. With
 * 16, 7,800 tasks due one day still made ~140 KB buckets; 64 keep a day of 10,000 under ~50 KB. A
 * listing reads them all in `$in` queries of 500 ids.
 */
export const QUEUE_SHARDS = 64;

/** The bucket of a task within its due day (FNV-1a of the task id). */
export function shardOf(taskId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < taskId.length; i++) h = Math.imul(h ^ taskId.charCodeAt(i), 0x01000193);
  return (h >>> 0) % QUEUE_SHARDS;
}
const dayId = (departmentId: string, day: string) => `${departmentId}:${day}`;
/** Every bucket of a due day: the one from before the shards, then the shards. */
const bucketIds = (departmentId: string, day: string) => [
  dayId(departmentId, day),
  ...Array.from({ length: QUEUE_SHARDS }, (_, i) => `${dayId(departmentId, day)}:${i}`),
];

/**
 * A department's queue in bounded documents read by `_id`: buckets per department, due day and
 * shard of the task id (`queue_due_days`: `<departmentId>:<YYYY-MM-DD>:<shard>`), and one small list
 * of the due days that may hold open tasks (`queue_days`: department id). A task's event rewrites
 * only its own bucket. A day's bucket stored before the shards (`<departmentId>:<YYYY-MM-DD>`) keeps
 * the tasks it holds until they leave the queue; new tasks go to the shards.
 */
export class QueueRepository {
  private readonly buckets: Collection<DueDayDocument>;
  private readonly days: Collection<QueueDaysDocument>;
  /**
   * Due days this process has listed and that no instance may drop yet (a day is dropped two days
   * after it has passed): opening another task due on one of them writes nothing to `queue_days`.
   */
  private readonly listed = new Set<string>();

  constructor(
    db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.buckets = db.collection<DueDayDocument>('queue_due_days');
    this.days = db.collection<QueueDaysDocument>('queue_days');
  }

  /** The department's open tasks, the one due first on top: every bucket of its listed days at once. */
  async open(departmentId: string): Promise<QueueEntry[]> {
    const days = (await this.days.findOne({ _id: departmentId }))?.days ?? [];
    const ids = days.flatMap((day) => bucketIds(departmentId, day));
    const byDay = new Map(days.map((day) => [day, [] as QueueEntry[]]));
    for (const bucket of await findByIds(this.buckets, ids))
      byDay.get(bucket.day)?.push(...entriesOf(bucket).filter(isOpen));
    for (const [day, open] of byDay) if (open.length === 0) await this.forget(departmentId, day);
    return openTasks([...byDay.values()].flat());
  }

  /**
   * One read (the task's shard and its day's bucket from before the shards, in one query) and one
   * conditional write of the bucket holding the task; opening a task also lists its day.
   */
  async apply(departmentId: string, entry: QueueEntry): Promise<void> {
    const day = dueDayOf(entry);
    const legacyId = dayId(departmentId, day);
    const shardId = `${legacyId}:${shardOf(entry.taskId)}`;
    for (let attempt = 0; attempt < 50; attempt++) {
      const docs = await findByIds(this.buckets, [shardId, legacyId]);
      const legacy = docs.find((d) => d._id === legacyId);
      const inLegacy = legacy !== undefined && entriesOf(legacy).some((e) => e.taskId === entry.taskId);
      const found = inLegacy ? legacy : docs.find((d) => d._id === shardId);
      const _id = inLegacy ? legacyId : shardId;
      const bucket: DueDay = found
        ? { departmentId, day, entries: entriesOf(found) }
        : { departmentId, day, entries: [] };
      const next = applyToDueDay(bucket, entry);
      if (next === bucket) return;
      // Listed before the bucket is written: a crash in between leaves a day listed with nothing
      // open (read and dropped), never an open task on an unlisted day.
      const wasOpen = bucket.entries.some((e) => e.taskId === entry.taskId && isOpen(e));
      if (isOpen(entry) && !wasOpen) await this.remember(departmentId, day);
      try {
        if (!found) {
          await this.buckets.insertOne(pack({ departmentId, day, _id, revision: 1 }, 'json', next.entries));
          return;
        }
        const written = await this.buckets.updateOne(
          { _id, revision: found.revision },
          {
            $set: { json: JSON.stringify(next.entries), revision: found.revision + 1 },
            ...(found.entries ? { $unset: { entries: '' } } : {}),
          },
        );
        if (written.modifiedCount === 1) return;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
    }
    throw new Error(`queue bucket ${shardId}: too much contention`);
  }

  private async openOn(departmentId: string, day: string): Promise<QueueEntry[]> {
    const buckets = await findByIds(this.buckets, bucketIds(departmentId, day));
    return buckets.flatMap(entriesOf).filter(isOpen);
  }

  private async remember(departmentId: string, day: string): Promise<void> {
    const key = dayId(departmentId, day);
    if (this.listed.has(key) && !this.droppable(day)) return;
    await this.list(departmentId, day);
    if (this.listed.size >= 10_000) this.listed.clear();
    this.listed.add(key);
  }

  /** Whether `forget` may drop this day from the list: two days after it has passed. */
  private droppable(day: string): boolean {
    return Date.parse(day) + 2 * DAY_MS <= this.now().getTime();
  }

  private async list(departmentId: string, day: string): Promise<void> {
    const added = await this.days.updateOne({ _id: departmentId }, { $addToSet: { days: day } });
    if (added.matchedCount === 1) return;
    try {
      await this.days.insertOne({ _id: departmentId, days: [day] });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      await this.days.updateOne({ _id: departmentId }, { $addToSet: { days: day } });
    }
  }

  /**
   * Drops a day without open tasks from the list, once it is past (no task is queued due on a past
   * day), and looks again afterwards in case a task opened there meanwhile.
   */
  private async forget(departmentId: string, day: string): Promise<void> {
    if (!this.droppable(day)) return;
    this.listed.delete(dayId(departmentId, day));
    await this.days.updateOne({ _id: departmentId }, { $pull: { days: day } });
    if ((await this.openOn(departmentId, day)).length > 0) await this.remember(departmentId, day);
  }
}
