import { isDomainError } from '@motcua/contracts';
import type { Clock } from '@motcua/eventstore';
import type { Db } from 'mongodb';
import { SecurityEvents, type SecurityEventType } from './security-events.js';
import { Throttle } from './throttle.js';

/** Which credential is tried: an officer's password, or a receipt's code + key (applicant access, look-up). */
export type AttemptKind = 'login' | 'applicant';

export interface Attempt {
  kind: AttemptKind;
  /** The account name or the dossier code tried. */
  subject: string;
  /** The caller's address (`request.ip`). */
  source: string;
  /** What the security log names: the account only when it exists, the code otherwise. */
  recordAs?: string;
  /** Successes are recorded for officer and applicant logins, not for every public look-up. */
  recordSuccess?: boolean;
}

const REFUSALS = new Set(['INVALID_CREDENTIALS', 'DOSSIER_NOT_FOUND', 'DRAFT_NOT_FOUND']);

/**
 * Credential checks under throttling (per subject and per source, exponential backoff, shared by
 * every instance through MongoDB) and recorded as security events the board reads.
 */
export class Attempts {
  readonly throttle: Throttle;
  readonly events: SecurityEvents;

  constructor(db: Db, clock: Clock) {
    this.throttle = new Throttle(db, clock);
    this.events = new SecurityEvents(db, clock);
  }

  async run<T>(attempt: Attempt, check: () => Promise<T>): Promise<T> {
    const keys = {
      subject: `${attempt.kind}:subject:${attempt.subject}`,
      source: `${attempt.kind}:source:${attempt.source}`,
    };
    const record = (outcome: 'succeeded' | 'failed' | 'throttled') =>
      this.events.record(
        `${attempt.kind}.${outcome}` as SecurityEventType,
        attempt.recordAs ?? attempt.subject,
        attempt.source,
      );
    try {
      await this.throttle.assertOpen(keys);
    } catch (err) {
      await record('throttled');
      throw err;
    }
    try {
      const result = await check();
      await this.throttle.succeeded(keys);
      if (attempt.recordSuccess) await record('succeeded');
      return result;
    } catch (err) {
      if (isDomainError(err) && REFUSALS.has(err.code)) {
        await this.throttle.failed(keys);
        await record('failed');
      }
      throw err;
    }
  }
}
