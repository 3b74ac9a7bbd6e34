import type { RecordedEvent } from '@motcua/contracts';
import { updateProjection } from '@motcua/eventstore';
import type { Collection, Db } from 'mongodb';
import {
  emptyOnlineQueue,
  nextOnlineQueue,
  ONLINE_QUEUE_EVENTS,
  type OnlineQueue,
  submissionsInOrder,
  type WaitingSubmission,
} from '../domain/online-queue.js';

type QueueDocument = OnlineQueue & { _id: string; revision: number };

/** `online_queues`, one document per center (read by `_id`), kept from intake's own events. */
export class OnlineQueues {
  private readonly queues: Collection<QueueDocument>;

  constructor(db: Db) {
    this.queues = db.collection<QueueDocument>('online_queues');
  }

  /** Applies an event of an online submission made to `centerId`. */
  async apply(event: RecordedEvent, centerId: string): Promise<void> {
    if (!ONLINE_QUEUE_EVENTS.has(event.type)) return;
    const change = {
      type: event.type,
      dossierId: event.dossierId,
      payload: event.payload as Record<string, unknown>,
    };
    await updateProjection(this.queues, centerId, emptyOnlineQueue, (q) => nextOnlineQueue(q, change));
  }

  async waiting(centerId: string): Promise<WaitingSubmission[]> {
    const found = await this.queues.findOne({ _id: centerId });
    return found ? submissionsInOrder(found) : [];
  }
}
