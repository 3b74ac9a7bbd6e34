import { describe, expect, it } from 'vitest';
import { OFFICIAL_CALENDAR_YEARS, OFFICIAL_ROWS, UNVERIFIED_DAYS_OFF } from '../src/index.js';
import { calendar } from './helpers.js';

const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

describe('the official 2018–2026 schedules', () => {
  it('given the seeded data, when listed, then there is one schedule per year 2018–2026', () => {
    expect(OFFICIAL_CALENDAR_YEARS.map((y) => y.year)).toEqual([
      2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026,
    ]);
  });

  it('given every row, when read, then it carries a source and a status of confirmed, secondary or unverified', () => {
    for (const row of OFFICIAL_ROWS) {
      expect(row.source.length).toBeGreaterThan(0);
      expect(['confirmed', 'secondary', 'unverified']).toContain(row.status);
    }
  });

  it('given every schedule, when its days are read, then days off are weekdays and working Saturdays are Saturdays', () => {
    for (const y of OFFICIAL_CALENDAR_YEARS) {
      for (const d of y.daysOff) expect([1, 2, 3, 4, 5]).toContain(weekday(d));
      for (const d of y.workingSaturdays) expect(weekday(d)).toBe(6);
      for (const e of y.entries ?? []) for (const d of e.swappedOff) expect(e.daysOff).toContain(d);
    }
  });

  it('given the swaps in holidays.md, when the data is read, then each swapped-off weekday is paid back by one working Saturday', () => {
    const swaps = OFFICIAL_ROWS.flatMap((r) =>
      (r.swappedOff ?? []).map((d, i) => [d, r.workingSaturdays?.[i]]),
    );
    expect(swaps).toEqual([
      ['2018-12-31', '2019-01-05'],
      ['2019-04-29', '2019-05-04'],
      ['2024-04-29', '2024-05-04'],
      ['2025-05-02', '2025-04-26'],
      ['2026-01-02', '2026-01-10'],
      ['2026-08-31', '2026-08-22'],
    ]);
  });

  it('given Tết 2026 (Sat 14/2 – Sun 22/2), when the days are checked, then Mon 16/2 – Fri 20/2 are off and 13/2 and 23/2 are working', () => {
    expect(
      ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'].map(calendar.isWorkingDay),
    ).toEqual([false, false, false, false, false]);
    expect(calendar.isWorkingDay('2026-02-13')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-23')).toBe(true);
  });

  it('given New Year 2019, when checked, then Mon 31/12/2018 (listed in the 2019 schedule) is off and Sat 5/1/2019 is worked', () => {
    expect(calendar.isWorkingDay('2018-12-31')).toBe(false);
    expect(calendar.isWorkingDay('2019-01-05')).toBe(true);
  });

  it('given the unverified Ngày Văn hóa Việt Nam 24/11/2026, when the default calendar is asked, then it is still a working day', () => {
    expect(UNVERIFIED_DAYS_OFF.map((u) => u.day)).toEqual(['2026-11-24']);
    expect(calendar.isWorkingDay('2026-11-24')).toBe(true);
  });
});
