/**
 * Working-time arithmetic between instants (minutes inside the working sessions of working days),
 * for deadlines that act: a reminder half a working day before a due time, how long a step has
 * been overdue, the start of a working day.
 */
import {
  dayNumber,
  formatDay,
  instantAt,
  localDayNumberOf,
  localMsOfDay,
  MS_PER_MINUTE,
  parseClock,
} from './local-time.js';
import type { LocalDay, WorkingCalendar } from './types.js';

type Session = readonly [number, number];

function sessionsOf(calendar: WorkingCalendar): Session[] {
  const { morning, afternoon } = calendar.workingHours;
  return [
    [parseClock(morning[0]), parseClock(morning[1])],
    [parseClock(afternoon[0]), parseClock(afternoon[1])],
  ];
}

const isWorking = (calendar: WorkingCalendar, n: number) => calendar.isWorkingDay(formatDay(n));

/** Minutes of one working day (450 with the default 07:30–11:30, 13:30–17:00). */
export function workingDayMinutes(calendar: WorkingCalendar): number {
  return sessionsOf(calendar).reduce((sum, [s, e]) => sum + (e - s), 0) / MS_PER_MINUTE;
}

/** The instant a working day starts (its first session's start). */
export function startOfWorkingDay(calendar: WorkingCalendar, day: LocalDay): Date {
  return instantAt(dayNumber(day), sessionsOf(calendar)[0]![0]);
}

/** Whole working minutes inside [from, to); 0 when `to` is not after `from`. */
export function workingMinutesBetween(calendar: WorkingCalendar, from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  const sessions = sessionsOf(calendar);
  let ms = 0;
  for (let n = localDayNumberOf(from); n <= localDayNumberOf(to); n++) {
    if (!isWorking(calendar, n)) continue;
    for (const [s, e] of sessions) {
      const lo = Math.max(a, instantAt(n, s).getTime());
      const hi = Math.min(b, instantAt(n, e).getTime());
      if (hi > lo) ms += hi - lo;
    }
  }
  return Math.floor(ms / MS_PER_MINUTE);
}

// No real schedule has this many days off in a row; past it the data is broken, not the loop.
const MAX_DAYS = 400;

/**
 * The instant `minutes` of working time before `at`. When the walk ends exactly at a session's
 * start, that start is the answer (13:30 rather than the 11:30 before it).
 */
export function subtractWorkingMinutes(calendar: WorkingCalendar, at: Date, minutes: number): Date {
  if (!(minutes >= 0)) throw new RangeError(`Working minutes must be >= 0, got ${minutes}`);
  const sessions = sessionsOf(calendar);
  let rest = minutes * MS_PER_MINUTE;
  let n = localDayNumberOf(at);
  let pos = localMsOfDay(at);
  for (let guard = 0; guard < MAX_DAYS; guard++) {
    if (isWorking(calendar, n)) {
      for (const [s, e] of [...sessions].reverse()) {
        if (s >= pos) continue;
        const to = Math.min(pos, e);
        if (rest <= to - s) return instantAt(n, to - rest);
        rest -= to - s;
        pos = s;
      }
    }
    n -= 1;
    pos = Number.POSITIVE_INFINITY;
  }
  throw new RangeError(`No working time within ${MAX_DAYS} days before ${at.toISOString()}`);
}

/**
 * The instant `minutes` of working time after `at`. When the walk ends exactly at a session's end,
 * that end is the answer (11:30 rather than the 13:30 after it).
 */
export function addWorkingMinutes(calendar: WorkingCalendar, at: Date, minutes: number): Date {
  if (!(minutes >= 0)) throw new RangeError(`Working minutes must be >= 0, got ${minutes}`);
  const sessions = sessionsOf(calendar);
  let rest = minutes * MS_PER_MINUTE;
  let n = localDayNumberOf(at);
  let pos = localMsOfDay(at);
  for (let guard = 0; guard < MAX_DAYS; guard++) {
    if (isWorking(calendar, n)) {
      for (const [s, e] of sessions) {
        if (e <= pos && !(rest === 0 && e === pos)) continue;
        const from = Math.max(pos, s);
        if (rest <= e - from) return instantAt(n, from + rest);
        rest -= e - from;
        pos = e;
      }
    }
    n += 1;
    pos = 0;
  }
  throw new RangeError(`No working time within ${MAX_DAYS} days after ${at.toISOString()}`);
}
