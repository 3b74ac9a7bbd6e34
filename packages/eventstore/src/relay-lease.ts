import type { Collection } from 'mongodb';
import type { Clock } from './clock.js';
import { isDuplicateKey } from './errors.js';
import type { RelayLease } from './types.js';

const LEASE_ID = 'outbox';

/**
 * One lease for all of a database's outbox: whoever holds it is the only relay publishing, so two
 * relays never publish the same stream at once. It is renewed only once half of it has run out,
 * so most passes cost no lease write at all, and taken over by another relay once it expires.
 */
export class OutboxLease {
  private heldUntil = 0;

  constructor(
    private readonly leases: Collection<RelayLease>,
    private readonly owner: string,
    private readonly clock: Clock,
    private readonly leaseMs: number,
  ) {}

  /** Whether this relay may publish now; `fresh` when it did not hold the lease just before. */
  async hold(): Promise<{ held: boolean; fresh: boolean }> {
    const now = this.clock.now().getTime();
    if (this.heldUntil - now > this.leaseMs / 2) return { held: true, fresh: false };
    const fresh = this.heldUntil <= now;
    const until = new Date(now + this.leaseMs);
    const renewed = await this.leases.updateOne(
      { _id: LEASE_ID, $or: [{ owner: this.owner }, { until: { $lt: new Date(now) } }] },
      { $set: { owner: this.owner, until } },
    );
    if (renewed.matchedCount === 0 && !(await this.create(until))) {
      this.heldUntil = 0;
      return { held: false, fresh: false };
    }
    this.heldUntil = until.getTime();
    return { held: true, fresh };
  }

  /** On stop: another relay may take over at once instead of waiting for the lease to run out. */
  async release(): Promise<void> {
    if (this.heldUntil === 0) return;
    this.heldUntil = 0;
    await this.leases.updateOne({ _id: LEASE_ID, owner: this.owner }, { $set: { until: new Date(0) } });
  }

  private async create(until: Date): Promise<boolean> {
    try {
      await this.leases.insertOne({ _id: LEASE_ID, owner: this.owner, until });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false; // held by another relay
      throw err;
    }
  }
}
