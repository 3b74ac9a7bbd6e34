import type { Clock, LocalDay } from './types.js';

// Vietnam has used UTC+07:00 with no DST since 1975, so a fixed offset is exact for every
// date this system handles; a time-zone database would be a dependency for nothing.
export const VIETNAM_UTC_OFFSET_MINUTES = 420;

export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;
const OFFSET_MS = VIETNAM_UTC_OFFSET_MINUTES * MS_PER_MINUTE;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK_RE = /^(\d{2}):(\d{2})$/;

/** Days since 1970-01-01 (a plain integer, easy to step through). */
export function dayNumber(day: LocalDay): number {
  const m = DAY_RE.exec(day);
  if (!m) throw new RangeError(`Invalid day '${day}': expected YYYY-MM-DD`);
  const n = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY;
  if (formatDay(n) !== day) throw new RangeError(`Invalid day '${day}': no such date`);
  return n;
}

export function formatDay(n: number): LocalDay {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

export function yearOfDayNumber(n: number): number {
  return new Date(n * MS_PER_DAY).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

export function isWeekend(n: number): boolean {
  const w = weekdayOf(n);
  return w === 0 || w === 6;
}

function checkInstant(instant: Date): number {
  const t = instant.getTime();
  if (Number.isNaN(t)) throw new RangeError('Invalid Date');
  return t;
}

export function localDayNumberOf(instant: Date): number {
  return Math.floor((checkInstant(instant) + OFFSET_MS) / MS_PER_DAY);
}

/** Milliseconds since local midnight. */
export function localMsOfDay(instant: Date): number {
  const local = checkInstant(instant) + OFFSET_MS;
  return local - Math.floor(local / MS_PER_DAY) * MS_PER_DAY;
}

export function instantAt(dayNum: number, msOfDay: number): Date {
  return new Date(dayNum * MS_PER_DAY + msOfDay - OFFSET_MS);
}

export function parseClock(clock: Clock): number {
  const m = CLOCK_RE.exec(clock);
  const h = Number(m?.[1]);
  const min = Number(m?.[2]);
  if (!m || h > 23 || min > 59) throw new RangeError(`Invalid clock '${clock}': expected HH:MM`);
  return (h * 60 + min) * MS_PER_MINUTE;
}

/** The local (Vietnam) day of an instant. */
export function toLocalDay(instant: Date): LocalDay {
  return formatDay(localDayNumberOf(instant));
}

/** The instant of a local (Vietnam) day and clock time. */
export function atLocalTime(day: LocalDay, clock: Clock): Date {
  return instantAt(dayNumber(day), parseClock(clock));
}
