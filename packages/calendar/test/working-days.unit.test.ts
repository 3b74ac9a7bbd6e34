import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCalendar, MissingCalendarYearError, OFFICIAL_CALENDAR_YEARS } from '../src/index.js';
import { calendar, dayAfter } from './helpers.js';

const anyDay = fc.integer({ min: 0, max: 365 * 10 }).map((o) => dayAfter('2017-06-01', o));
const swappedSaturdays = OFFICIAL_CALENDAR_YEARS.flatMap((y) => y.workingSaturdays);

describe('working days', () => {
  it('given a weekday around Tết 2026, when asking for the next working day, then the whole break is skipped', () => {
    expect(calendar.nextWorkingDay('2026-02-13')).toBe('2026-02-23');
    expect(calendar.addWorkingDays('2026-02-12', 3)).toBe('2026-02-24');
    expect(calendar.addWorkingDays('2026-02-12', 0)).toBe('2026-02-12');
  });

  it('given two days, when counting working days between them, then the first is excluded and the last included', () => {
    expect(calendar.workingDaysBetween('2026-02-12', '2026-02-24')).toBe(3);
    expect(calendar.workingDaysBetween('2026-02-24', '2026-02-12')).toBe(-3);
    expect(calendar.workingDaysBetween('2026-02-14', '2026-02-22')).toBe(0);
  });

  it('given an unknown year and computeMissingYears off, when a day of it is asked about, then it throws', () => {
    const strict = createCalendar({ years: OFFICIAL_CALENDAR_YEARS, computeMissingYears: false });
    expect(strict.isWorkingDay('2026-12-31')).toBe(true);
    expect(() => strict.isWorkingDay('2027-01-04')).toThrow(MissingCalendarYearError);
  });

  it('given an override for 2027, when used, then it wins over the computed default', () => {
    const custom = createCalendar({
      years: [
        {
          year: 2027,
          daysOff: ['2027-02-03'],
          workingSaturdays: ['2027-02-20'],
          source: 'test',
          status: 'confirmed',
        },
      ],
      computeMissingYears: true,
    });
    expect(custom.isWorkingDay('2027-02-03')).toBe(false);
    expect(custom.isWorkingDay('2027-02-04')).toBe(true);
    expect(custom.isWorkingDay('2027-02-20')).toBe(true);
    expect(custom.calendarYear(2027).source).toBe('test');
    expect(custom.calendarYear(2028).status).toBe('computed');
  });

  it('given bad input, when used, then it is refused', () => {
    expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-02-12', -1)).toThrow(RangeError);
    expect(() =>
      createCalendar({
        years: [
          {
            year: 2027,
            daysOff: ['2027-02-20'],
            workingSaturdays: ['2027-02-20'],
            source: 's',
            status: 'confirmed',
          },
        ],
        computeMissingYears: true,
      }),
    ).toThrow(RangeError);
  });

  it('given any day and n, m, when adding n then m working days, then it equals adding n + m', () => {
    fc.assert(
      fc.property(anyDay, fc.nat(60), fc.nat(60), (d, n, m) => {
        expect(calendar.addWorkingDays(calendar.addWorkingDays(d, n), m)).toBe(
          calendar.addWorkingDays(d, n + m),
        );
      }),
    );
  });

  it('given any day and n, when adding n working days, then the result is n working days later and a working day', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 1, max: 60 }), (d, n) => {
        const r = calendar.addWorkingDays(d, n);
        expect(calendar.isWorkingDay(r)).toBe(true);
        expect(calendar.workingDaysBetween(d, r)).toBe(n);
      }),
    );
  });

  it('given any swapped working Saturday, when checked, then it is a working day that follows the Friday before it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...swappedSaturdays), (saturday) => {
        expect(new Date(`${saturday}T00:00:00Z`).getUTCDay()).toBe(6);
        expect(calendar.isWorkingDay(saturday)).toBe(true);
        expect(calendar.nextWorkingDay(dayAfter(saturday, -1))).toBe(saturday);
      }),
    );
  });
});
