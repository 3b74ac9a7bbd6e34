import { toLocalDay } from '@motcua/calendar';
import { DECREE_61_2018 } from './data/decree-61-2018.js';
import {
  DECREE_118_BEFORE_CIRCULAR_03,
  DECREE_118_CIRCULAR_03,
  DECREE_118_CIRCULAR_04,
} from './data/decree-118-2025.js';
import type { Day, Rulebook } from './types.js';

/** Every rulebook, oldest first; their reception periods follow each other without gap or overlap. */
export const RULEBOOKS: readonly Rulebook[] = [
  DECREE_61_2018,
  DECREE_118_BEFORE_CIRCULAR_03,
  DECREE_118_CIRCULAR_03,
  DECREE_118_CIRCULAR_04,
];

/** What events recorded before rulebooks existed were decided under: the rules the system was built on. */
export const LEGACY_RULEBOOK_ID = DECREE_61_2018.id;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Thrown for a reception day no rulebook governs (before Decree 61/2018). */
export class NoRulebookError extends RangeError {
  readonly code = 'NO_RULEBOOK';
  constructor(readonly day: Day) {
    super(`No rulebook governs dossiers received on ${day} / Không có bộ quy tắc cho ngày tiếp nhận ${day}`);
  }
}

/** The Vietnamese calendar day of a reception instant, or the day itself. */
export function receptionDay(receivedAt: Date | Day): Day {
  if (typeof receivedAt === 'string') {
    if (!DAY.test(receivedAt)) throw new RangeError(`invalid day '${receivedAt}': expected YYYY-MM-DD`);
    return receivedAt;
  }
  if (Number.isNaN(receivedAt.getTime())) throw new RangeError('invalid reception time');
  return toLocalDay(receivedAt);
}

/**
 * The rulebook of a dossier: the one in force on its reception day (Vietnam time). The caller passes
 * the reception time it recorded (its injected clock), so the choice never depends on today.
 */
export function rulebookFor(receivedAt: Date | Day): Rulebook {
  const day = receptionDay(receivedAt);
  const found = RULEBOOKS.find((r) => r.validFrom <= day && (r.validTo === undefined || day <= r.validTo));
  if (!found) throw new NoRulebookError(day);
  return found;
}

/** A rulebook by the id an event recorded; an empty id (an event from before rulebooks) is the legacy one. */
export function rulebookById(id: string | undefined): Rulebook {
  const wanted = id || LEGACY_RULEBOOK_ID;
  const found = RULEBOOKS.find((r) => r.id === wanted);
  if (!found) throw new RangeError(`unknown rulebook '${wanted}'`);
  return found;
}

/** The rulebook an event was recorded under: its envelope's `rulebookId`, or the legacy one. */
export function rulebookIdOf(event: { rulebookId?: string }): string {
  return event.rulebookId || LEGACY_RULEBOOK_ID;
}

/**
 * The rulebooks whose reception days meet the days `first`–`last` (inclusive), oldest first: the
 * report definitions a board period spans (one spanning 1 July 2025 gets Decree 61's and Decree 118's).
 */
export function rulebooksBetween(first: Day, last: Day): Rulebook[] {
  return RULEBOOKS.filter((r) => r.validFrom <= last && (r.validTo === undefined || first <= r.validTo));
}
