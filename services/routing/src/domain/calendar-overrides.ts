import type { Clock, LocalDay, WorkingHours } from '@motcua/calendar';
import { DomainError } from '@motcua/contracts';

/**
 * Pure validation of what an administrator publishes: a year's official overrides (days off and
 * swapped working Saturdays) and a center's working hours with its cut-off. Every problem is
 * reported at once, in the shape of the HTTP layer's schema issues, so a client shows them the same way.
 */

/** Defaults are computable from 2013 (Labour Code 2012); the lunar tables stop at 2199. */
export const FIRST_CALENDAR_YEAR = 2013;
export const LAST_CALENDAR_YEAR = 2199;
/**
 * A year's schedule may name a few days of the adjacent year: the official 2019 schedule gives
 * 31/12/2018 off for its New Year break. Up to this many days either side are accepted.
 */
export const ADJACENT_YEAR_DAYS = 7;

export interface Issue {
  in: 'body' | 'params';
  path: string;
  keyword: string;
  message: { vi: string; en: string };
}

export interface YearOverrideInput {
  daysOff: readonly string[];
  workingSaturdays: readonly string[];
  source: string;
}

export interface CenterHoursInput {
  morning: readonly string[];
  afternoon: readonly string[];
  cutoff: string;
}

export interface CenterHours {
  workingHours: WorkingHours;
  cutoff: Clock;
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MS_PER_DAY = 86_400_000;

const issue = (where: Issue['in'], path: string, keyword: string, vi: string, en: string): Issue => ({
  in: where,
  path,
  keyword,
  message: { vi, en },
});

/** Days since 1970-01-01 of a real `YYYY-MM-DD` date, else undefined. */
function dayNumberOf(day: string): number | undefined {
  const m = DAY_RE.exec(day);
  if (!m) return undefined;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === day ? t / MS_PER_DAY : undefined;
}

/** 0 = Sunday … 6 = Saturday. */
const weekdayOf = (n: number) => new Date(n * MS_PER_DAY).getUTCDay();

export function yearIssues(year: number): Issue[] {
  if (Number.isInteger(year) && year >= FIRST_CALENDAR_YEAR && year <= LAST_CALENDAR_YEAR) return [];
  return [
    issue(
      'params',
      '/year',
      'calendar.year-range',
      `Năm phải từ ${FIRST_CALENDAR_YEAR} đến ${LAST_CALENDAR_YEAR}`,
      `The year must be from ${FIRST_CALENDAR_YEAR} to ${LAST_CALENDAR_YEAR}`,
    ),
  ];
}

/**
 * Problems of a year's overrides: real `YYYY-MM-DD` days of that year (or a few days into the
 * adjacent one), days off on weekdays, working Saturdays on Saturdays, no duplicates, no day in
 * both lists, a source. Empty when it may be published.
 */
export function yearOverrideIssues(year: number, input: YearOverrideInput): Issue[] {
  const issues = yearIssues(year);
  if (issues.length > 0) return issues;
  const first = Date.UTC(year, 0, 1) / MS_PER_DAY - ADJACENT_YEAR_DAYS;
  const last = Date.UTC(year, 11, 31) / MS_PER_DAY + ADJACENT_YEAR_DAYS;
  const lists = [
    { name: 'daysOff', days: input.daysOff, weekday: (w: number) => w >= 1 && w <= 5 },
    { name: 'workingSaturdays', days: input.workingSaturdays, weekday: (w: number) => w === 6 },
  ] as const;
  for (const { name, days, weekday } of lists) {
    const seen = new Set<string>();
    days.forEach((day, i) => {
      const path = `/${name}/${i}`;
      const n = dayNumberOf(day);
      if (n === undefined) {
        issues.push(
          issue(
            'body',
            path,
            'calendar.day-format',
            `"${day}" không phải ngày hợp lệ dạng YYYY-MM-DD`,
            `"${day}" is not a real date in the form YYYY-MM-DD`,
          ),
        );
        return;
      }
      if (n < first || n > last) {
        issues.push(
          issue(
            'body',
            path,
            'calendar.day-in-year',
            `Ngày ${day} không thuộc năm ${year}`,
            `${day} is not a day of ${year}`,
          ),
        );
      }
      if (!weekday(weekdayOf(n))) {
        issues.push(
          name === 'daysOff'
            ? issue(
                'body',
                path,
                'calendar.day-off-on-weekday',
                `Ngày nghỉ ${day} phải là ngày từ thứ Hai đến thứ Sáu`,
                `The day off ${day} must be a weekday (Monday to Friday)`,
              )
            : issue(
                'body',
                path,
                'calendar.working-saturday-is-saturday',
                `Ngày làm bù ${day} phải là thứ Bảy`,
                `The working Saturday ${day} must be a Saturday`,
              ),
        );
      }
      if (seen.has(day)) {
        issues.push(
          issue('body', path, 'calendar.no-duplicates', `Ngày ${day} bị lặp lại`, `${day} is listed twice`),
        );
      }
      seen.add(day);
    });
  }
  const off = new Set(input.daysOff);
  input.workingSaturdays.forEach((day, i) => {
    if (off.has(day)) {
      issues.push(
        issue(
          'body',
          `/workingSaturdays/${i}`,
          'calendar.not-both-off-and-working',
          `Ngày ${day} không thể vừa là ngày nghỉ vừa là ngày làm bù`,
          `${day} cannot be both a day off and a working Saturday`,
        ),
      );
    }
  });
  if (input.source.trim() === '') {
    issues.push(
      issue(
        'body',
        '/source',
        'calendar.source-required',
        'Cần nêu văn bản công bố lịch nghỉ',
        'The source (the official notice) is required',
      ),
    );
  }
  return issues;
}

const minutesOf = (clock: string) => {
  const m = CLOCK_RE.exec(clock);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
};

/**
 * Problems of a center's working hours: `HH:MM` clocks, the morning before the afternoon (each
 * session starting before it ends), the cut-off within the working day, a center of the directory.
 */
export function centerHoursIssues(centerExists: boolean, input: CenterHoursInput): Issue[] {
  const issues: Issue[] = [];
  if (!centerExists) {
    issues.push(
      issue(
        'params',
        '/centerId',
        'calendar.center-exists',
        'Không có Trung tâm này trong danh mục tổ chức',
        'No such center in the organisation directory',
      ),
    );
  }
  const clocks: { path: string; value: string | undefined }[] = [
    { path: '/morning/0', value: input.morning[0] },
    { path: '/morning/1', value: input.morning[1] },
    { path: '/afternoon/0', value: input.afternoon[0] },
    { path: '/afternoon/1', value: input.afternoon[1] },
    { path: '/cutoff', value: input.cutoff },
  ];
  for (const [name, session] of [
    ['morning', input.morning],
    ['afternoon', input.afternoon],
  ] as const) {
    if (session.length !== 2) {
      issues.push(
        issue(
          'body',
          `/${name}`,
          'calendar.session-pair',
          'Mỗi buổi gồm giờ bắt đầu và giờ kết thúc',
          'Each session is a start and an end time',
        ),
      );
    }
  }
  const minutes = clocks.map(({ path, value }) => {
    const m = value === undefined ? undefined : minutesOf(value);
    if (value !== undefined && m === undefined) {
      issues.push(
        issue(
          'body',
          path,
          'calendar.clock-format',
          `"${value}" không phải giờ hợp lệ dạng HH:MM`,
          `"${value}" is not a time of day in the form HH:MM`,
        ),
      );
    }
    return m;
  });
  const [ms, me, as, ae, cutoff] = minutes;
  if (ms !== undefined && me !== undefined && as !== undefined && ae !== undefined) {
    if (!(ms < me && me <= as && as < ae)) {
      issues.push(
        issue(
          'body',
          '/afternoon',
          'calendar.morning-before-afternoon',
          'Giờ làm việc phải tăng dần: buổi sáng rồi buổi chiều',
          'Working hours must increase: the morning, then the afternoon',
        ),
      );
    }
    if (cutoff !== undefined && (cutoff < ms || cutoff > ae)) {
      issues.push(
        issue(
          'body',
          '/cutoff',
          'calendar.cutoff-within-working-day',
          `Giờ chốt ${input.cutoff} phải nằm trong giờ làm việc`,
          `The cut-off ${input.cutoff} must be within the working day`,
        ),
      );
    }
  }
  return issues;
}

/** The bilingual 400 every publication refuses with; nothing is written. */
export function invalidInput(issues: Issue[], details: Record<string, unknown> = {}): DomainError {
  return new DomainError('INVALID_INPUT', {
    details: { ...details, issues },
    messages: {
      vi: `Dữ liệu không hợp lệ (${issues.length} lỗi)`,
      en: `Invalid input (${issues.length} problem${issues.length === 1 ? '' : 's'})`,
    },
  });
}

/** The validated overrides, sorted; throws INVALID_INPUT listing every problem. */
export function parseYearOverride(year: number, input: YearOverrideInput): YearOverrideInput {
  const issues = yearOverrideIssues(year, input);
  if (issues.length > 0) throw invalidInput(issues, { year });
  return {
    daysOff: [...input.daysOff].sort() as LocalDay[],
    workingSaturdays: [...input.workingSaturdays].sort() as LocalDay[],
    source: input.source.trim(),
  };
}

/** The validated hours; throws INVALID_INPUT listing every problem. */
export function parseCenterHours(
  centerId: string,
  centerExists: boolean,
  input: CenterHoursInput,
): CenterHours {
  const issues = centerHoursIssues(centerExists, input);
  if (issues.length > 0) throw invalidInput(issues, { centerId });
  const [ms, me] = input.morning as [Clock, Clock];
  const [as, ae] = input.afternoon as [Clock, Clock];
  return { workingHours: { morning: [ms, me], afternoon: [as, ae] }, cutoff: input.cutoff as Clock };
}
