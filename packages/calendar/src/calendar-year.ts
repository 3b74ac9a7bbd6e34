import { dayNumber, formatDay } from './local-time.js';
import type { CalendarEntry, CalendarYear, LocalDay, SourceStatus } from './types.js';

const STRENGTH: Record<SourceStatus, number> = { unverified: 0, computed: 1, secondary: 2, confirmed: 3 };

/** The weakest status among the entries: a year is only as trustworthy as its weakest row. */
export function weakestStatus(statuses: readonly SourceStatus[], fallback: SourceStatus): SourceStatus {
  return statuses.reduce((a, b) => (STRENGTH[b] < STRENGTH[a] ? b : a), statuses[0] ?? fallback);
}

export function daysInRange(from: LocalDay, to: LocalDay): LocalDay[] {
  const out: LocalDay[] = [];
  for (let n = dayNumber(from); n <= dayNumber(to); n++) out.push(formatDay(n));
  return out;
}

export function sortedUnique(days: Iterable<LocalDay>): LocalDay[] {
  return [...new Set(days)].sort();
}

/** Folds a year's entries into the flat `CalendarYear` the calendar reads. */
export function buildCalendarYear(
  year: number,
  entries: readonly CalendarEntry[],
  source: string,
  fallback: SourceStatus,
): CalendarYear {
  return {
    year,
    daysOff: sortedUnique(entries.flatMap((e) => e.daysOff)),
    workingSaturdays: sortedUnique(entries.flatMap((e) => e.workingSaturdays)),
    source,
    status: weakestStatus(
      entries.map((e) => e.status),
      fallback,
    ),
    entries,
  };
}
