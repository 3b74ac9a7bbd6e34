import type { Rule, Source } from './types.js';

/** A rule read in a primary text or a close copy of it. */
export const verified = <T>(value: T, source: Source, note?: string): Rule<T> => ({
  value,
  source,
  verified: true,
  ...(note ? { note } : {}),
});

/** A rule taken from secondary sources or carried over by analogy: `note` says what is missing. */
export const unverified = <T>(value: T, source: Source, note: string): Rule<T> => ({
  value,
  source,
  verified: false,
  note,
});
