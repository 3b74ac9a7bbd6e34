import { createCalendar, OFFICIAL_CALENDAR_YEARS, type WorkingCalendar } from '../src/index.js';

export const calendar: WorkingCalendar = createCalendar({
  years: OFFICIAL_CALENDAR_YEARS,
  computeMissingYears: true,
});

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** `'Thu 2026-02-12 10:00'` (Vietnam local) → instant; checks the weekday label so a table cannot lie. */
export function at(local: string): Date {
  const m = /^(\w{3}) (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}(?::\d{2})?)$/.exec(local);
  if (!m) throw new Error(`bad local time ${local}`);
  const weekday = WEEKDAYS[new Date(`${m[2]}T00:00:00Z`).getUTCDay()];
  if (weekday !== m[1]) throw new Error(`${m[2]} is a ${weekday}, not a ${m[1]}`);
  return new Date(`${m[2]}T${m[3]!.length === 5 ? `${m[3]}:00` : m[3]}+07:00`);
}

/** Instant → `'Thu 2026-02-12 10:00'` in Vietnam local time. */
export function local(instant: Date): string {
  const shifted = new Date(instant.getTime() + 7 * 3_600_000);
  const iso = shifted.toISOString();
  return `${WEEKDAYS[shifted.getUTCDay()]} ${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

const DAY_MS = 86_400_000;
/** The day `offset` days after `from`, as YYYY-MM-DD. */
export function dayAfter(from: string, offset: number): string {
  return new Date(Date.parse(`${from}T00:00:00Z`) + offset * DAY_MS).toISOString().slice(0, 10);
}
