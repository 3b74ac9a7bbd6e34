import type { RecordedEvent } from '@motcua/contracts';
import { updateProjection } from '@motcua/eventstore';
import type { Collection, Db } from 'mongodb';
import {
  emptyReturnQueue,
  nextReturnQueue,
  RETURN_QUEUE_EVENTS,
  type ReturnQueue,
  type WaitingResult,
  waitingInOrder,
} from '../domain/return-queue.js';

type QueueDocument = ReturnQueue & { _id: string; revision: number };

/** `return_queues`, one document per center (read by `_id`), kept from intake's own events. */
export class ReturnQueues {
  private readonly queues: Collection<QueueDocument>;

  constructor(db: Db) {
    this.queues = db.collection<QueueDocument>('return_queues');
  }

  /** Applies an event of a dossier received at `centerId`; `entry` describes it while it waits. */
  async apply(event: RecordedEvent, centerId: string, entry?: WaitingResult): Promise<void> {
    if (!RETURN_QUEUE_EVENTS.has(event.type)) return;
    await updateProjection(this.queues, centerId, emptyReturnQueue, (q) => nextReturnQueue(q, event, entry));
  }

  async waiting(centerId: string): Promise<WaitingResult[]> {
    const found = await this.queues.findOne({ _id: centerId });
    return found ? waitingInOrder(found) : [];
  }
}
