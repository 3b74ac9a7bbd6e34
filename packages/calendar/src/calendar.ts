import { computeDefaultYear } from './defaults.js';
import { computeDueAt, computeTransferAt, type DueContext, receptionDayNumber } from './due.js';
import {
  dayNumber,
  formatDay,
  isWeekend,
  localDayNumberOf,
  parseClock,
  yearOfDayNumber,
} from './local-time.js';
import type { CalendarOptions, CalendarYear, Clock, WorkingCalendar, WorkingHours } from './types.js';

export const DEFAULT_WORKING_HOURS: WorkingHours = {
  morning: ['07:30', '11:30'],
  afternoon: ['13:30', '17:00'],
};
export const DEFAULT_CUTOFF: Clock = '15:00';

// No real schedule has this many days off in a row; past it the data is broken, not the loop.
const MAX_DAYS_OFF_IN_A_ROW = 60;

export class MissingCalendarYearError extends Error {
  constructor(readonly year: number) {
    super(`No working-day schedule for ${year}: add an override or set computeMissingYears`);
    this.name = 'MissingCalendarYearError';
  }
}

function sessionsOf(hours: WorkingHours, cutoff: Clock): [number, number][] {
  const [ms, me, as, ae] = [...hours.morning, ...hours.afternoon].map((c) => parseClock(c)) as [
    number,
    number,
    number,
    number,
  ];
  if (!(ms < me && me <= as && as < ae))
    throw new RangeError('Working hours must be increasing: morning, then afternoon');
  const c = parseClock(cutoff);
  if (c < ms || c > ae) throw new RangeError(`Cut-off ${cutoff} is outside working hours`);
  return [
    [ms, me],
    [as, ae],
  ];
}

export function createCalendar(options: CalendarOptions): WorkingCalendar {
  const workingHours = options.workingHours ?? DEFAULT_WORKING_HOURS;
  const cutoff = options.cutoff ?? DEFAULT_CUTOFF;
  const sessions = sessionsOf(workingHours, cutoff);

  // Overrides are folded into two sets, so a day an override lists in the adjacent year
  // (e.g. 31/12/2018 in the 2019 schedule) is honoured too.
  const overrides = new Map<number, CalendarYear>();
  const off = new Set<number>();
  const working = new Set<number>();
  for (const y of options.years) {
    if (overrides.has(y.year)) throw new RangeError(`Two schedules for ${y.year}`);
    overrides.set(y.year, y);
    for (const d of y.daysOff) off.add(dayNumber(d));
    for (const d of y.workingSaturdays) working.add(dayNumber(d));
  }
  for (const n of working) {
    if (off.has(n)) throw new RangeError(`${formatDay(n)} is both a day off and a working Saturday`);
  }

  const computed = new Map<number, { year: CalendarYear; off: Set<number> }>();
  const defaultYear = (year: number) => {
    let c = computed.get(year);
    if (!c) {
      if (!options.computeMissingYears) throw new MissingCalendarYearError(year);
      const cy = computeDefaultYear(year);
      c = { year: cy, off: new Set(cy.daysOff.map(dayNumber)) };
      computed.set(year, c);
    }
    return c;
  };

  const isWorking = (n: number): boolean => {
    if (off.has(n)) return false;
    if (working.has(n)) return true;
    const year = yearOfDayNumber(n);
    if (!overrides.has(year) && defaultYear(year).off.has(n)) return false;
    return !isWeekend(n);
  };
  const nextWorking = (n: number): number => {
    for (let c = n + 1; c <= n + MAX_DAYS_OFF_IN_A_ROW; c++) if (isWorking(c)) return c;
    throw new RangeError(`No working day within ${MAX_DAYS_OFF_IN_A_ROW} days after ${formatDay(n)}`);
  };
  const addWorking = (n: number, k: number): number => {
    if (!Number.isInteger(k) || k < 0)
      throw new RangeError(`Working days must be a whole number >= 0, got ${k}`);
    let d = n;
    for (let i = 0; i < k; i++) d = nextWorking(d);
    return d;
  };
  const between = (a: number, b: number): number => {
    const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
    let count = 0;
    for (let n = lo + 1; n <= hi; n++) if (isWorking(n)) count++;
    return sign * count;
  };

  const ctx: DueContext = { isWorking, nextWorking, addWorking, sessions, cutoff: parseClock(cutoff) };

  return {
    workingHours,
    cutoff,
    calendarYear: (year) => overrides.get(year) ?? defaultYear(year).year,
    isWorkingDay: (day) => isWorking(dayNumber(day)),
    nextWorkingDay: (day) => formatDay(nextWorking(dayNumber(day))),
    addWorkingDays: (day, n) => formatDay(addWorking(dayNumber(day), n)),
    workingDaysBetween: (a, b) => between(dayNumber(a), dayNumber(b)),
    receptionDay: (receivedAt, opts) =>
      formatDay(receptionDayNumber(ctx, receivedAt, opts?.cutoffApplies === true)),
    dueAt: (receivedAt, limit, opts) => computeDueAt(ctx, receivedAt, limit, opts),
    transferAt: (receivedAt) => computeTransferAt(ctx, receivedAt),
    remainingWorkingDays: (now, dueAt) => between(localDayNumberOf(now), localDayNumberOf(dueAt)),
  };
}
