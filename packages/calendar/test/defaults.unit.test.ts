import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeDefaultYear, OFFICIAL_CALENDAR_YEARS, statutoryHolidays } from '../src/index.js';
import { dayAfter } from './helpers.js';

/** Official weekdays off of a year, less the swapped-off days (a swap is the government's choice, not the rule). */
function officialWithoutSwaps(year: number): Set<string> {
  const y = OFFICIAL_CALENDAR_YEARS.find((o) => o.year === year)!;
  const swapped = new Set(y.entries!.flatMap((e) => e.swappedOff));
  return new Set(y.daysOff.filter((d) => d.startsWith(`${year}-`) && !swapped.has(d)));
}

function disagreements(year: number, options = {}) {
  const computed = new Set(computeDefaultYear(year, options).daysOff);
  const official = officialWithoutSwaps(year);
  return {
    computedOnly: [...computed].filter((d) => !official.has(d)),
    officialOnly: [...official].filter((d) => !computed.has(d)),
  };
}

describe('computed default holidays', () => {
  it('given 2027 (no official schedule), when defaults are computed, then they follow the Labour Code with nghỉ bù', () => {
    expect(computeDefaultYear(2027).daysOff).toEqual([
      '2027-01-01',
      // Tết: Thu 4/2 – Mon 8/2 (mùng 1 is Sat 6/2), nghỉ bù Tue 9/2 and Wed 10/2
      '2027-02-04',
      '2027-02-05',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-04-16',
      '2027-04-30',
      // 1/5 is a Saturday: nghỉ bù Mon 3/5
      '2027-05-03',
      '2027-09-01',
      '2027-09-02',
    ]);
    expect(computeDefaultYear(2027).status).toBe('computed');
  });

  it('given 2018–2020, when the National Day is computed, then it is 2/9 alone (Labour Code 2012)', () => {
    for (const year of [2018, 2019, 2020]) {
      expect(statutoryHolidays(year).find((h) => h.holiday === 'nationalDay')!.days).toEqual([
        `${year}-09-02`,
      ]);
    }
  });

  it('given 2018–2026 without swaps, when defaults are compared with the official schedules, then the only disagreement is 2/9/2021, when the government added 3/9 rather than 1/9', () => {
    const found = [2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]
      .map((year) => ({ year, ...disagreements(year) }))
      .filter((d) => d.computedOnly.length > 0 || d.officialOnly.length > 0);
    expect(found).toEqual([{ year: 2021, computedOnly: ['2021-09-01'], officialOnly: ['2021-09-03'] }]);
    expect(disagreements(2021, { nationalDayAdjacent: 'after' })).toEqual({
      computedOnly: [],
      officialOnly: [],
    });
  });

  it('given the other Tết rule (last day of the lunar year through mùng 4), when compared, then it misses six of the nine official Tết breaks', () => {
    const years = [2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026].filter(
      (year) => disagreements(year, { tetDaysBeforeNewYear: 1 }).computedOnly.length > 0,
    );
    expect(years).toEqual([2018, 2020, 2021, 2023, 2024, 2025]);
  });

  it('given any day of 2021–2026 that no swap touches, when checked, then computed defaults and official data agree except on the known 2021 National Day', () => {
    const known = new Set(['2021-09-01', '2021-09-03']);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 * 365 }), (offset) => {
        const day = dayAfter('2021-01-01', offset);
        const year = Number(day.slice(0, 4));
        fc.pre(!known.has(day));
        const official = OFFICIAL_CALENDAR_YEARS.find((o) => o.year === year)!;
        fc.pre(!official.entries!.some((e) => e.swappedOff.includes(day)));
        expect(computeDefaultYear(year).daysOff.includes(day)).toBe(officialWithoutSwaps(year).has(day));
      }),
      { numRuns: 500 },
    );
  });
});
