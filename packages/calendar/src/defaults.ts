import { buildCalendarYear } from './calendar-year.js';
import { dayNumber, formatDay, isWeekend } from './local-time.js';
import { hungKingsCommemoration, lunarNewYear } from './lunar.js';
import type { CalendarEntry, CalendarYear, HolidayName, LocalDay } from './types.js';

export interface DefaultRuleOptions {
  /**
   * How many of the 5 Tết days fall before mùng 1. The default 2 (the last two days of the lunar
   * year through mùng 3), with nghỉ bù, reproduces the weekdays off of every official Tết 2018–2026;
   * 1 (last day through mùng 4) does not for 2018, 2020, 2021, 2023, 2024 and 2025.
   */
  tetDaysBeforeNewYear?: 1 | 2;
  /** The day added to 2/9 from 2021: the day before (1/9) by default; the government sometimes picks 3/9. */
  nationalDayAdjacent?: 'before' | 'after';
}

const FIRST_YEAR = 2013; // Labour Code 2012 in force; earlier rules differ

/** Statutory holidays of a year (Labour Code 2012 Art 115 until 2020, Labour Code 2019 Art 112 from 2021). */
export function statutoryHolidays(
  year: number,
  options: DefaultRuleOptions = {},
): { holiday: HolidayName; days: LocalDay[] }[] {
  if (!Number.isInteger(year) || year < FIRST_YEAR) {
    throw new RangeError(`No default holiday rule for year ${year} (defaults start in ${FIRST_YEAR})`);
  }
  const ymd = (md: string) => `${year}-${md}`;
  const tet = dayNumber(lunarNewYear(year)) - (options.tetDaysBeforeNewYear ?? 2);
  const adjacent = options.nationalDayAdjacent === 'after' ? ymd('09-03') : ymd('09-01');
  return [
    { holiday: 'newYear', days: [ymd('01-01')] },
    { holiday: 'lunarNewYear', days: [0, 1, 2, 3, 4].map((i) => formatDay(tet + i)) },
    { holiday: 'hungKingsCommemoration', days: [hungKingsCommemoration(year)] },
    { holiday: 'reunificationDay', days: [ymd('04-30')] },
    { holiday: 'labourDay', days: [ymd('05-01')] },
    { holiday: 'nationalDay', days: year <= 2020 ? [ymd('09-02')] : [adjacent, ymd('09-02')].sort() },
  ];
}

/**
 * The default schedule of a year without an official one: statutory weekdays plus nghỉ bù.
 * A holiday on a weekend gives nghỉ bù on the next weekday that is neither a holiday nor already
 * given (Labour Code 2019 Art 111(3)); no swaps, since only the government decides those.
 */
export function computeDefaultYear(year: number, options: DefaultRuleOptions = {}): CalendarYear {
  const holidays = statutoryHolidays(year, options);
  const statutory = new Set(holidays.flatMap((h) => h.days.map(dayNumber)));
  const off = new Map<HolidayName, LocalDay[]>(holidays.map((h) => [h.holiday, []]));
  const given = new Set<number>();
  // Chronological, so an earlier weekend holiday takes the earlier compensatory day.
  const pairs = holidays.flatMap((h) => h.days.map((d) => ({ holiday: h.holiday, n: dayNumber(d) })));
  for (const { holiday, n } of pairs.sort((a, b) => a.n - b.n)) {
    let c = n;
    if (isWeekend(n)) {
      c = n + 1;
      while (isWeekend(c) || statutory.has(c) || given.has(c)) c++;
      given.add(c);
    }
    off.get(holiday)?.push(formatDay(c));
  }
  const entries: CalendarEntry[] = holidays.map(({ holiday, days }) => ({
    holidays: [holiday],
    statutory: days,
    daysOff: (off.get(holiday) ?? []).sort(),
    swappedOff: [],
    workingSaturdays: [],
    source: year <= 2020 ? 'computed: Labour Code 2012 Art 115' : 'computed: Labour Code 2019 Arts 111–112',
    status: 'computed',
  }));
  return buildCalendarYear(year, entries, 'computed default (no official schedule)', 'computed');
}
