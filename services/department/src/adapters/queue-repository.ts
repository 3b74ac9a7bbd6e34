import { updateProjection } from '@motcua/eventstore';
import type { Collection, Db } from 'mongodb';
import { applyToQueue, type Queue, type QueueEntry } from '../domain/queue.js';

type QueueDocument = Queue & { _id: string; revision: number };

/** One document per department: its queue is a single read by `_id`. */
export class QueueRepository {
  private readonly queues: Collection<QueueDocument>;

  constructor(db: Db) {
    this.queues = db.collection<QueueDocument>('queues');
  }

  async get(departmentId: string): Promise<Queue> {
    const doc = await this.queues.findOne({ _id: departmentId });
    return { departmentId, entries: doc?.entries ?? [] };
  }

  async apply(departmentId: string, entry: QueueEntry): Promise<void> {
    await updateProjection<Queue>(
      this.queues,
      departmentId,
      () => ({ departmentId, entries: [] }),
      (queue) => applyToQueue(queue, entry),
    );
  }
}
