// "còn 2 ngày làm việc": how many working days are left before a deadline, counted on the working-day
// calendar routing publishes (GET /calendar/years/:year: days off and swapped working Saturdays).
// Routing remains the one authority on deadlines; the consoles only count days to show them.

export interface YearDays {
  year: number;
  daysOff: readonly string[];
  workingSaturdays: readonly string[];
}

const DAY_MS = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** The Vietnam-local day of an instant, as a day number (days since 1970-01-01). */
export const localDayNumber = (instant: Date): number =>
  Math.floor((instant.getTime() + VIETNAM_OFFSET_MS) / DAY_MS);

const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

export function workingDayTest(years: readonly YearDays[]): (day: number) => boolean {
  const off = new Set(years.flatMap((y) => y.daysOff));
  const saturdays = new Set(years.flatMap((y) => y.workingSaturdays));
  return (day) => {
    const iso = isoOf(day);
    if (off.has(iso)) return false;
    if (saturdays.has(iso)) return true;
    const weekday = new Date(day * DAY_MS).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  };
}

export type Remaining =
  | { kind: 'left'; days: number }
  | { kind: 'today' }
  | { kind: 'overdue'; days: number };

/**
 * Working days after today up to and including the due day ('left'); 'today' when it falls due
 * today; otherwise the working days after the due day up to and including today ('overdue').
 * `limitDays` (a procedure's time limit in working days) caps what is left: the day the clock starts
 * (reception on a day off or after the cut-off moves it to the next working day) is day 0, not one of
 * the limit's days, so a 3-working-day procedure never shows 4 left.
 */
export function remainingWorkingDays(
  now: Date,
  due: Date,
  years: readonly YearDays[],
  limitDays?: number,
): Remaining {
  const isWorking = workingDayTest(years);
  const today = localDayNumber(now);
  const dueDay = localDayNumber(due);
  if (dueDay === today)
    return due.getTime() >= now.getTime() ? { kind: 'today' } : { kind: 'overdue', days: 0 };
  const [from, to] = dueDay > today ? [today, dueDay] : [dueDay, today];
  let days = 0;
  for (let d = from + 1; d <= to; d++) if (isWorking(d)) days++;
  if (dueDay < today) return { kind: 'overdue', days };
  return { kind: 'left', days: limitDays === undefined ? days : Math.min(days, limitDays) };
}

/** The years of the calendar a count between two instants needs. */
export function yearsBetween(a: Date, b: Date): number[] {
  const [y1, y2] = [new Date(localDayNumber(a) * DAY_MS), new Date(localDayNumber(b) * DAY_MS)]
    .map((d) => d.getUTCFullYear())
    .sort((x, y) => x! - y!) as [number, number];
  const years: number[] = [];
  for (let y = y1; y <= y2; y++) years.push(y);
  return years;
}
