import { isDuplicateKey, pack, unpack } from '@motcua/eventstore';
import type { Collection, Db } from 'mongodb';
import { applyToDueDay, type DueDay, dueDayOf, isOpen, openTasks, type QueueEntry } from '../domain/queue.js';

/** A bucket as stored: its entries packed in `json` (ADR 0002); one stored before packing holds `entries`. */
type DueDayDocument = Omit<DueDay, 'entries'> & {
  _id: string;
  revision: number;
  json?: string;
  entries?: DueDay['entries'];
};
const entriesOf = (doc: DueDayDocument): DueDay['entries'] =>
  unpack(doc, 'json', (d) => (d.entries as DueDay['entries'] | undefined) ?? []);
/** The due days of a department that may have open tasks: which buckets a listing reads. */
type QueueDaysDocument = { _id: string; days: string[] };

const DAY_MS = 86_400_000;

/**
 * A department's queue in bounded documents read by `_id`: one bucket per department and due day
 * (`queue_due_days`: `<departmentId>:<YYYY-MM-DD>`), and one small list of the due days that may
 * hold open tasks (`queue_days`: department id). A task's event rewrites only its own day's bucket.
 */
export class QueueRepository {
  private readonly buckets: Collection<DueDayDocument>;
  private readonly days: Collection<QueueDaysDocument>;

  constructor(
    db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.buckets = db.collection<DueDayDocument>('queue_due_days');
    this.days = db.collection<QueueDaysDocument>('queue_days');
  }

  /** The department's open tasks, the one due first on top. */
  async open(departmentId: string): Promise<QueueEntry[]> {
    const days = (await this.days.findOne({ _id: departmentId }))?.days ?? [];
    const byDay = await Promise.all(days.map((day) => this.openOn(departmentId, day)));
    for (const [i, open] of byDay.entries()) if (open.length === 0) await this.forget(departmentId, days[i]!);
    return openTasks(byDay.flat());
  }

  /** One read and one conditional write of the task's bucket; opening a task also lists its day. */
  async apply(departmentId: string, entry: QueueEntry): Promise<void> {
    const day = dueDayOf(entry);
    const _id = `${departmentId}:${day}`;
    for (let attempt = 0; attempt < 50; attempt++) {
      const found = await this.buckets.findOne({ _id });
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
    throw new Error(`queue bucket ${_id}: too much contention`);
  }

  private async openOn(departmentId: string, day: string): Promise<QueueEntry[]> {
    const bucket = await this.buckets.findOne({ _id: `${departmentId}:${day}` });
    return (bucket ? entriesOf(bucket) : []).filter(isOpen);
  }

  private async remember(departmentId: string, day: string): Promise<void> {
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
    if (Date.parse(day) + 2 * DAY_MS > this.now().getTime()) return;
    await this.days.updateOne({ _id: departmentId }, { $pull: { days: day } });
    if ((await this.openOn(departmentId, day)).length > 0) await this.remember(departmentId, day);
  }
}
