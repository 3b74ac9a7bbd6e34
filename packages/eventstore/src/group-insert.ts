import { type DocumentError, perDocumentErrors } from '@motcua/kafka';
import type { Collection, Document, OptionalUnlessRequiredId } from 'mongodb';
import { isDuplicateKey } from './errors.js';

/** What became of one document: written, or refused because its `_id` was taken. */
export type Inserted = 'inserted' | 'duplicate';

interface Waiting<T> {
  doc: OptionalUnlessRequiredId<T>;
  resolve: (outcome: Inserted) => void;
  reject: (err: unknown) => void;
}

/**
 * Inserts of many callers sent as one unordered `insertMany` (group commit). An insert goes out on
 * the event loop's next turn (no timer), so that the callers running in this one share the command,
 * and inserts asked for while a batch is on its way go out together once it is back. A busy store
 * sends one command per batch instead of one per document: on FerretDB a batch of 8 inserts takes
 * about as long as two single ones (ADR 0024). Each caller learns its own outcome: a taken `_id` is
 * a `duplicate` for that caller only, and any other error of a document fails that caller only; a
 * failed command fails the whole batch.
 */
export class GroupInsert<T extends Document> {
  private queue: Waiting<T>[] = [];
  private sending = false;

  constructor(
    private readonly collection: Collection<T>,
    private readonly maxBatch = 100,
    private readonly deadlineMs = BATCH_DEADLINE_MS,
  ) {}

  insert(doc: OptionalUnlessRequiredId<T>): Promise<Inserted> {
    return new Promise<Inserted>((resolve, reject) => {
      this.queue.push({ doc, resolve, reject });
      if (this.sending) return;
      this.sending = true;
      setImmediate(() => void this.send());
    });
  }

  private async send(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.slice(0, this.maxBatch);
        this.queue = this.queue.slice(batch.length);
        // Whatever happens to a batch, each of its callers hears of it: none may wait forever.
        await this.write(batch).catch((err) => {
          for (const w of batch) w.reject(err);
        });
      }
    } finally {
      this.sending = false;
    }
  }

  private async write(batch: Waiting<T>[]): Promise<void> {
    const failed = new Map<number, DocumentError>();
    try {
      await withDeadline(
        this.collection.insertMany(
          batch.map((w) => w.doc),
          { ordered: false },
        ),
        this.deadlineMs,
      );
    } catch (err) {
      const errors = perDocumentErrors(err, batch.length);
      if (!errors) {
        for (const w of batch) w.reject(err);
        return;
      }
      for (const e of errors) failed.set(e.index, e);
    }
    batch.forEach((w, i) => {
      const error = failed.get(i);
      if (!error) w.resolve('inserted');
      else if (isDuplicateKey(error)) w.resolve('duplicate');
      else w.reject(Object.assign(new Error(error.errmsg ?? 'insert failed'), { code: error.code }));
    });
  }
}

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
