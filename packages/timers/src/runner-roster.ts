import type { Collection, Db } from 'mongodb';

/** One runner's sign of life: `_id` is the runner's owner id, `beatAt` wall-clock ms. */
export interface RunnerBeat {
  _id: string;
  beatAt: number;
}

/**
 * The runners of one timer collection, each beating in its own small document. A runner scans for
 * what other processes scheduled only while there are other runners: alone, it learns every timer of
 * its process as its store writes it, and scanning would find nothing. A runner that stopped beating
 * is taken over by the next scan of the others (its timers are in the collection), then forgotten.
 */
export class RunnerRoster {
  private readonly beats: Collection<RunnerBeat>;
  private lastBeat = Number.NEGATIVE_INFINITY;

  constructor(
    db: Db,
    timersCollection: string,
    private readonly owner: string,
    private readonly beatEveryMs: number,
    private readonly wall: () => number,
  ) {
    this.beats = db.collection<RunnerBeat>(`${timersCollection}_runners`);
  }

  /** Silent this long, a runner is taken to have stopped (a long scan or handler can delay a beat). */
  get staleAfterMs(): number {
    return Math.max(3 * this.beatEveryMs, 60_000);
  }

  /** Writes this runner's beat when the last one is `beatEveryMs` old (one small write). */
  async beat(): Promise<void> {
    const at = this.wall();
    if (at - this.lastBeat < this.beatEveryMs) return;
    await this.beats.updateOne({ _id: this.owner }, { $set: { beatAt: at } }, { upsert: true });
    this.lastBeat = at;
  }

  /** The other runners that have beaten, alive or not: a collection of a few documents. */
  async others(): Promise<RunnerBeat[]> {
    return (await this.beats.find({}).toArray()).filter((b) => b._id !== this.owner);
  }

  /** Forgets the runners among `seen` that stopped beating: a scan has just taken over their timers. */
  async forgetStopped(seen: RunnerBeat[]): Promise<void> {
    const stopped = seen.filter((b) => this.wall() - b.beatAt >= this.staleAfterMs).map((b) => b._id);
    if (stopped.length > 0) await this.beats.deleteMany({ _id: { $in: stopped } });
  }

  /** A runner that stops says so, so that the others need not take it over. */
  async leave(): Promise<void> {
    await this.beats.deleteOne({ _id: this.owner });
    this.lastBeat = Number.NEGATIVE_INFINITY;
  }
}
