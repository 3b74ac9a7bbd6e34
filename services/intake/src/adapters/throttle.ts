import { DomainError } from '@motcua/contracts';
import type { Clock } from '@motcua/eventstore';
import type { Collection, Db } from 'mongodb';
import { type BackoffPolicy, blockSeconds, PER_SOURCE, PER_SUBJECT } from '../domain/backoff.js';

/** One key's failures, a document per key read by `_id` (FerretDB indexes only `_id`), shared by every instance. */
interface ThrottleRecord {
  _id: string;
  failures: number;
  lastFailureAt: Date;
  blockedUntil: Date;
}

/** What an attempt is counted against: the account or dossier code it tries, and where it comes from. */
export interface AttemptKeys {
  /** e.g. `login:user:counter.hue`, `lookup:code:<code>`; cleared by a success. */
  subject: string;
  /** e.g. `login:ip:203.0.113.7`; only time clears it, so one good account does not reset a guesser. */
  source: string;
}

export const tooManyAttempts = (retryAfterSeconds: number) =>
  new DomainError('TOO_MANY_ATTEMPTS', {
    kind: 'unavailable',
    httpStatus: 429,
    messages: {
      vi: `Thử sai quá nhiều lần; vui lòng thử lại sau ${retryAfterSeconds} giây`,
      en: `Too many failed attempts; retry in ${retryAfterSeconds} seconds`,
    },
    // The HTTP layer turns this into `Retry-After`.
    details: { retryAfterSeconds },
  });

/**
 * Throttling with exponential backoff (docs/security.md): each failure is counted against the
 * subject and the source; past the free failures a key is blocked for a doubling delay, and a
 * blocked key answers 429 before the credentials are even checked.
 */
export class Throttle {
  private readonly records: Collection<ThrottleRecord>;

  constructor(
    db: Db,
    private readonly clock: Clock,
  ) {
    this.records = db.collection<ThrottleRecord>('throttle');
  }

  /** Throws TOO_MANY_ATTEMPTS (429) while the subject or the source is blocked. */
  async assertOpen(keys: AttemptKeys): Promise<void> {
    const now = this.clock.now().getTime();
    let wait = 0;
    for (const id of [keys.subject, keys.source]) {
      const record = await this.records.findOne({ _id: id });
      if (record) wait = Math.max(wait, record.blockedUntil.getTime() - now);
    }
    if (wait > 0) throw tooManyAttempts(Math.ceil(wait / 1000));
  }

  async failed(keys: AttemptKeys): Promise<void> {
    await this.count(keys.subject, PER_SUBJECT);
    await this.count(keys.source, PER_SOURCE);
  }

  async succeeded(keys: AttemptKeys): Promise<void> {
    await this.records.deleteOne({ _id: keys.subject });
  }

  private async count(id: string, policy: BackoffPolicy): Promise<void> {
    const now = this.clock.now();
    // Failures long past are forgotten: the count starts again.
    const stale = new Date(now.getTime() - policy.forgetAfterSeconds * 1000);
    await this.records.updateOne({ _id: id, lastFailureAt: { $lt: stale } }, { $set: { failures: 0 } });
    // $inc is atomic, so concurrent failures on several instances all count.
    const record = await this.records.findOneAndUpdate(
      { _id: id },
      // Not blocked until past the free failures: `now` here would block a clock set back (the e2e runs').
      { $inc: { failures: 1 }, $set: { lastFailureAt: now }, $setOnInsert: { blockedUntil: new Date(0) } },
      { upsert: true, returnDocument: 'after' },
    );
    const seconds = blockSeconds(record?.failures ?? 1, policy);
    if (seconds > 0) {
      await this.records.updateOne(
        { _id: id },
        { $max: { blockedUntil: new Date(now.getTime() + seconds * 1000) } },
      );
    }
  }
}
