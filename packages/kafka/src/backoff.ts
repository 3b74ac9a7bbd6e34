export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** A number in [0, 1); injected by tests. */
  random?: () => number;
}

/**
 * The wait before recovery attempt `attempt` (1, 2, …): exponential, capped, and jittered between
 * half and all of it so that many consumers coming back after one broker outage do not stampede.
 */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const exponent = Math.min(Math.max(0, attempt - 1), 30);
  const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** exponent);
  const r = (options.random ?? Math.random)();
  return Math.round(ceiling / 2 + (ceiling / 2) * r);
}
