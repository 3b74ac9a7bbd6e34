import { DEFAULT_CUTOFF, DEFAULT_WORKING_HOURS } from '@motcua/calendar';
import { describe, expect, it } from 'vitest';
import {
  centerHoursIssues,
  parseCenterHours,
  parseYearOverride,
  yearOverrideIssues,
} from '../src/domain/calendar-overrides.js';

const rules = (issues: { keyword: string; path: string }[]) => issues.map((i) => `${i.path} ${i.keyword}`);
const year = (daysOff: string[], workingSaturdays: string[] = [], source = 'Thông báo 1/TB-BNV') =>
  ({ daysOff, workingSaturdays, source }) as const;

describe("validating a year's official overrides", () => {
  it('accepts weekdays off and Saturdays worked of that year, and sorts them', () => {
    // 2026: Friday 2/1 off, paid back on Saturday 10/1
    expect(yearOverrideIssues(2026, year(['2026-01-02', '2026-01-01'], ['2026-01-10']))).toEqual([]);
    expect(parseYearOverride(2026, year(['2026-01-02', '2026-01-01'], ['2026-01-10']))).toEqual({
      daysOff: ['2026-01-01', '2026-01-02'],
      workingSaturdays: ['2026-01-10'],
      source: 'Thông báo 1/TB-BNV',
    });
  });

  it('accepts a few days of the adjacent year, as the official 2019 schedule gives 31/12/2018 off', () => {
    expect(yearOverrideIssues(2019, year(['2018-12-31', '2019-01-01'], ['2019-01-05']))).toEqual([]);
    expect(rules(yearOverrideIssues(2019, year(['2018-11-30'])))).toEqual([
      '/daysOff/0 calendar.day-in-year',
    ]);
  });

  it('lists every problem at once: format, year, weekday, Saturday, duplicates, both lists, source', () => {
    const issues = yearOverrideIssues(2026, {
      daysOff: [
        '2026-02-30',
        '26-01-02',
        '2025-06-02',
        '2026-01-03',
        '2026-01-01',
        '2026-01-01',
        '2026-01-10',
      ],
      workingSaturdays: ['2026-01-09', '2026-01-10'],
      source: '  ',
    });
    expect(rules(issues)).toEqual([
      '/daysOff/0 calendar.day-format',
      '/daysOff/1 calendar.day-format',
      '/daysOff/2 calendar.day-in-year',
      '/daysOff/3 calendar.day-off-on-weekday',
      '/daysOff/5 calendar.no-duplicates',
      '/daysOff/6 calendar.day-off-on-weekday',
      '/workingSaturdays/0 calendar.working-saturday-is-saturday',
      '/workingSaturdays/1 calendar.not-both-off-and-working',
      '/source calendar.source-required',
    ]);
    for (const issue of issues) {
      expect(issue.message.vi).not.toBe('');
      expect(issue.message.en).not.toBe('');
    }
  });

  it('refuses with INVALID_INPUT and the bilingual body listing the problems', () => {
    let error: unknown;
    try {
      parseYearOverride(2026, year(['2026-01-03'], ['2026-01-03']));
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      code: 'INVALID_INPUT',
      httpStatus: 400,
      details: { year: 2026, issues: [{ in: 'body', path: '/daysOff/0' }, { path: '/workingSaturdays/0' }] },
    });
    expect((error as { messages: { vi: string; en: string } }).messages.en).toContain('2 problems');
  });

  it('refuses a year without defaults', () => {
    expect(rules(yearOverrideIssues(2012, year([])))).toEqual(['/year calendar.year-range']);
  });
});

describe("validating a center's working hours", () => {
  const hours = { morning: ['07:30', '11:30'], afternoon: ['13:30', '17:00'], cutoff: '15:00' };

  it('accepts the defaults of the calendar package', () => {
    expect(parseCenterHours('hue-city', true, hours)).toEqual({
      workingHours: DEFAULT_WORKING_HOURS,
      cutoff: DEFAULT_CUTOFF,
    });
  });

  it('lists every problem: unknown center, clocks, order, cut-off outside the day', () => {
    expect(
      rules(
        centerHoursIssues(false, {
          morning: ['7:30', '11:30'],
          afternoon: ['13:30', '24:00'],
          cutoff: '15:00',
        }),
      ),
    ).toEqual([
      '/centerId calendar.center-exists',
      '/morning/0 calendar.clock-format',
      '/afternoon/1 calendar.clock-format',
    ]);
    expect(
      rules(centerHoursIssues(true, { ...hours, afternoon: ['11:00', '17:00'], cutoff: '18:00' })),
    ).toEqual(['/afternoon calendar.morning-before-afternoon', '/cutoff calendar.cutoff-within-working-day']);
    expect(rules(centerHoursIssues(true, { ...hours, morning: ['07:30'] }))).toEqual([
      '/morning calendar.session-pair',
    ]);
  });

  it('throws INVALID_INPUT naming the center', () => {
    expect(() => parseCenterHours('nowhere', false, hours)).toThrowError(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        details: expect.objectContaining({ centerId: 'nowhere' }),
      }),
    );
  });
});
