/**
 * What a long-running part of a service (a consumer, the outbox relay, the timer runner) says about
 * itself. Times are milliseconds since the epoch.
 */
export interface WorkStatus {
  /** Working as far as it knows (connected, joined, looping). */
  running: boolean;
  /** Since when it has not been running. */
  downSince?: number;
  /** Work waiting for it (lag, backlog, due timers); undefined when it could not be measured. */
  waiting?: number;
  /** The last time it did work, or found nothing waiting. */
  progressAt: number;
  /** Why it is down, e.g. the last error. */
  detail?: string;
}

export interface HealthLimits {
  /** Waiting work and no progress for this long: not ready. */
  stallMs: number;
  /** Down or stalled for this long: the process cannot recover by itself, liveness fails. */
  deadMs: number;
}

/** true when healthy, else why not. */
export type Verdict = true | string;

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/** The readiness and liveness of one part at `now` (pure: tests pass their own clock). */
export function judge(
  status: WorkStatus,
  now: number,
  limits: HealthLimits,
): { ready: Verdict; live: Verdict } {
  const why = status.detail ? ` (${status.detail})` : '';
  if (!status.running) {
    const down = now - (status.downSince ?? now);
    const reason = `not running for ${seconds(down)}${why}`;
    return { ready: reason, live: down > limits.deadMs ? reason : true };
  }
  const waiting = status.waiting ?? 0;
  const still = now - status.progressAt;
  if (waiting > 0 && still > limits.stallMs) {
    const reason = `${waiting} waiting and no progress for ${seconds(still)}${why}`;
    return { ready: reason, live: still > limits.deadMs ? reason : true };
  }
  return { ready: true, live: true };
}

export interface HealthPart {
  report: () => WorkStatus;
  /** false for parts that recover by themselves (e.g. the database driver): never fail liveness. */
  affectsLiveness?: boolean;
}

/**
 * Where each part of a service reports itself: /health/ready says which part is not ready and
 * why; /health/live fails only for a part that has been down or stalled too long to come back.
 */
export class HealthRegistry {
  private readonly parts = new Map<string, HealthPart>();

  constructor(
    readonly limits: HealthLimits,
    private readonly now: () => number = Date.now,
  ) {}

  register(name: string, part: HealthPart | (() => WorkStatus)): void {
    this.parts.set(name, typeof part === 'function' ? { report: part } : part);
  }

  readiness(): Record<string, Verdict> {
    return this.collect((verdict) => verdict.ready);
  }

  liveness(): Record<string, Verdict> {
    return this.collect((verdict, part) => (part.affectsLiveness === false ? true : verdict.live));
  }

  private collect(
    pick: (verdict: { ready: Verdict; live: Verdict }, part: HealthPart) => Verdict,
  ): Record<string, Verdict> {
    const now = this.now();
    const result: Record<string, Verdict> = {};
    for (const [name, part] of this.parts) {
      let verdict: { ready: Verdict; live: Verdict };
      try {
        verdict = judge(part.report(), now, this.limits);
      } catch (err) {
        const reason = `could not report: ${err instanceof Error ? err.message : String(err)}`;
        verdict = { ready: reason, live: true };
      }
      result[name] = pick(verdict, part);
    }
    return result;
  }
}
