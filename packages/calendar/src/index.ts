export {
  createCalendar,
  DEFAULT_CUTOFF,
  DEFAULT_WORKING_HOURS,
  MissingCalendarYearError,
} from './calendar.js';
export { computeDefaultYear, type DefaultRuleOptions, statutoryHolidays } from './defaults.js';
export { atLocalTime, toLocalDay, VIETNAM_UTC_OFFSET_MINUTES } from './local-time.js';
export { hungKingsCommemoration, lunarNewYear, solarDayOfLunar } from './lunar.js';
export { OFFICIAL_ROWS, type OfficialRow, UNVERIFIED_DAYS_OFF } from './official-data.js';
export { OFFICIAL_CALENDAR_YEARS } from './official-years.js';
export type {
  CalendarEntry,
  CalendarOptions,
  CalendarYear,
  Clock,
  DueOptions,
  Exclusion,
  HolidayName,
  LimitUnit,
  LocalDay,
  SourceStatus,
  TimeLimit,
  WorkingCalendar,
  WorkingHours,
} from './types.js';
export {
  addWorkingMinutes,
  startOfWorkingDay,
  subtractWorkingMinutes,
  workingDayMinutes,
  workingMinutesBetween,
} from './working-time.js';
