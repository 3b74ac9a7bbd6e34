/**
 * How long a key (an account, a dossier code, a source address) is blocked after failed attempts:
 * a few free failures, then a delay that doubles with each further failure, up to a ceiling.
 */
export interface BackoffPolicy {
  /** Failures allowed before any delay. */
  freeFailures: number;
  /** The first delay, in seconds; each further failure doubles it. */
  baseSeconds: number;
  /** The longest delay (the lockout), in seconds. */
  maxSeconds: number;
  /** Failures older than this are forgotten (the counter starts again), in seconds. */
  forgetAfterSeconds: number;
}

/** Per account or per dossier code: a person mistyping gets five tries, a guesser is slowed to a crawl. */
export const PER_SUBJECT: BackoffPolicy = {
  freeFailures: 5,
  baseSeconds: 2,
  maxSeconds: 15 * 60,
  forgetAfterSeconds: 60 * 60,
};

/** Per source address: more room (a shared office or a school behind one address), same ceiling. */
export const PER_SOURCE: BackoffPolicy = {
  freeFailures: 20,
  baseSeconds: 2,
  maxSeconds: 15 * 60,
  forgetAfterSeconds: 60 * 60,
};

/** Seconds to block after the `failures`-th consecutive failure; 0 while failures are free. */
export function blockSeconds(failures: number, policy: BackoffPolicy): number {
  const over = failures - policy.freeFailures;
  if (over <= 0) return 0;
  return Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** Math.min(over - 1, 30));
}
