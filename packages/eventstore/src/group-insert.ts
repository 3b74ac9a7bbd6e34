import { orderedStop } from '@motcua/kafka';
import type { Collection, Document, OptionalUnlessRequiredId } from 'mongodb';
import { isDuplicateKey } from './errors.js';

/**
 * What became of one document: written, refused because its `_id` was taken, or not tried because
 * a document before it in the same `insert` call was refused.
 */
export type Inserted = 'inserted' | 'duplicate' | 'skipped';

interface Waiting<T> {
  docs: OptionalUnlessRequiredId<T>[];
  resolve: (outcomes: Inserted[]) => void;
  reject: (err: unknown) => void;
}

/**
 * Inserts of many callers sent as one ordered `insertMany` (group commit). An insert goes out on the
 * event loop's next turn (no timer), so that the callers running in this one share the command, and
 * inserts asked for while a batch is on its way go out together once it is back. A busy store sends
 * one command per batch instead of one per document: on FerretDB a batch of 8 inserts takes about as
 * long as two single ones (ADR 0024).
 *
 * A caller's documents are written in their order, and a document only once those before it are: the
 * event store writes a pointer and the commit it announces in one call, so that no commit is ever
 * stored without its pointer (ADR 0025). The batch is ordered for that reason: the server stops at the
 * first refused document. Its caller learns it (`duplicate`, its later documents `skipped`; any other
 * error fails that caller), and the callers after it go out again in the next batch. A failed command
 * fails every caller of the batch.
 */
export class GroupInsert<T extends Document> {
  private queue: Waiting<T>[] = [];
  private sending = false;

  constructor(
    private readonly collection: Collection<T>,
    private readonly maxBatch = 100,
    private readonly deadlineMs = BATCH_DEADLINE_MS,
  ) {}

  /** Inserts one document. */
  async insert(doc: OptionalUnlessRequiredId<T>): Promise<Inserted> {
    const [outcome] = await this.insertInOrder([doc]);
    return outcome!;
  }

  /** Inserts these documents in order, each only once those before it are written. */
  insertInOrder(docs: OptionalUnlessRequiredId<T>[]): Promise<Inserted[]> {
    return new Promise<Inserted[]>((resolve, reject) => {
      this.queue.push({ docs, resolve, reject });
      if (this.sending) return;
      this.sending = true;
      setImmediate(() => void this.send());
    });
  }

  private async send(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.take();
        // Whatever happens to a batch, each of its callers hears of it: none may wait forever.
        const untried = await this.write(batch).catch((err) => {
          for (const w of batch) w.reject(err);
          return [];
        });
        this.queue = [...untried, ...this.queue];
      }
    } finally {
      this.sending = false;
    }
  }

  /** The callers of the next batch: at least one, then as many as fit in `maxBatch` documents. */
  private take(): Waiting<T>[] {
    let size = 0;
    let n = 0;
    while (n < this.queue.length && (n === 0 || size + this.queue[n]!.docs.length <= this.maxBatch)) {
      size += this.queue[n]!.docs.length;
      n++;
    }
    const batch = this.queue.slice(0, n);
    this.queue = this.queue.slice(n);
    return batch;
  }

  /** Writes a batch and answers its callers; returns the callers the server did not get to. */
  private async write(batch: Waiting<T>[]): Promise<Waiting<T>[]> {
    const docs = batch.flatMap((w) => w.docs);
    try {
      await withDeadline(this.collection.insertMany(docs, { ordered: true }), this.deadlineMs);
      for (const w of batch) w.resolve(w.docs.map(() => 'inserted'));
      return [];
    } catch (err) {
      const stop = orderedStop(err, docs.length);
      if (!stop) throw err;
      let start = 0;
      for (const [i, w] of batch.entries()) {
        const end = start + w.docs.length;
        if (end <= stop.index) w.resolve(w.docs.map(() => 'inserted'));
        else if (isDuplicateKey(stop)) {
          w.resolve(w.docs.map((_, k) => outcomeAt(start + k, stop.index)));
          return batch.slice(i + 1);
        } else {
          w.reject(Object.assign(new Error(stop.errmsg ?? 'insert failed'), { code: stop.code }));
          return batch.slice(i + 1);
        }
        start = end;
      }
      return [];
    }
  }
}

const outcomeAt = (at: number, stoppedAt: number): Inserted =>
  at < stoppedAt ? 'inserted' : at === stoppedAt ? 'duplicate' : 'skipped';

/**
 * A batch that has had no answer for this long fails its callers, who retry as after any failed
 * write, and the next batch goes out. A retried append finds its first attempt if it landed after
 * all (the duplicate `_id` of its head or commit). Well above the driver's 10 s server selection.
 */
const BATCH_DEADLINE_MS = 30_000;

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer to an insert batch within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
