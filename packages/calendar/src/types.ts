/** A local calendar day in Vietnam, `YYYY-MM-DD`. */
export type LocalDay = string;

/** How far a schedule row can be trusted; `computed` means derived from the Labour Code rule. */
export type SourceStatus = 'confirmed' | 'secondary' | 'unverified' | 'computed';

export type HolidayName =
  | 'newYear'
  | 'lunarNewYear'
  | 'hungKingsCommemoration'
  | 'reunificationDay'
  | 'labourDay'
  | 'nationalDay'
  | 'vietnamCultureDay';

/** One holiday break of a year's schedule (one row of the official notice). */
export interface CalendarEntry {
  holidays: readonly HolidayName[];
  /** Statutory holiday days (may include weekend days), as far as the source says. */
  statutory: readonly LocalDay[];
  /** Weekdays off: statutory weekdays, nghỉ bù and swapped-off days. */
  daysOff: readonly LocalDay[];
  /** Weekdays off given in exchange for a working Saturday (hoán đổi). */
  swappedOff: readonly LocalDay[];
  /** Saturdays worked to pay back swapped-off days (làm bù): working days. */
  workingSaturdays: readonly LocalDay[];
  source: string;
  status: SourceStatus;
  note?: string;
}

/** One year's schedule: an official override or a computed default. */
export interface CalendarYear {
  year: number;
  /** Weekdays off (incl. nghỉ bù and swapped-off days); may hold a day of the adjacent year. */
  daysOff: readonly LocalDay[];
  /** Swapped working Saturdays (làm bù), which ARE working days. */
  workingSaturdays: readonly LocalDay[];
  source: string;
  status: SourceStatus;
  entries?: readonly CalendarEntry[];
}

export type Clock = `${number}:${number}`;

export interface WorkingHours {
  morning: readonly [Clock, Clock];
  afternoon: readonly [Clock, Clock];
}

export type LimitUnit = 'working_days' | 'calendar_days' | 'working_hours' | 'same_day';

export interface TimeLimit {
  /** Ignored for `same_day`. */
  value: number;
  unit: LimitUnit;
}

/** A period when the clock is paused (e.g. waiting for the applicant's financial obligation). */
export interface Exclusion {
  from: Date;
  to: Date;
}

export interface DueOptions {
  /** Received after the cut-off (15:00) counts from the next working day, where the law says so. */
  cutoffApplies?: boolean;
  exclusions?: readonly Exclusion[];
}

export interface CalendarOptions {
  /** Official schedules; they win over computed defaults for their year. One per year. */
  years: readonly CalendarYear[];
  /** Compute Labour Code defaults for years without an override; if false, such years throw. */
  computeMissingYears: boolean;
  workingHours?: WorkingHours;
  cutoff?: Clock;
}

export interface WorkingCalendar {
  readonly workingHours: WorkingHours;
  readonly cutoff: Clock;
  /** The schedule in force for a year: the override, else the computed default. */
  calendarYear(year: number): CalendarYear;
  isWorkingDay(day: LocalDay): boolean;
  /** The first working day strictly after `day`. */
  nextWorkingDay(day: LocalDay): LocalDay;
  /** The n-th working day after `day` (n = 0 gives `day`). */
  addWorkingDays(day: LocalDay, n: number): LocalDay;
  /** Working days d with a < d <= b; negative when b < a. */
  workingDaysBetween(a: LocalDay, b: LocalDay): number;
  /** The day the period counts from (Civil Code Art 147: the period starts the day after). */
  receptionDay(receivedAt: Date, options?: { cutoffApplies?: boolean }): LocalDay;
  dueAt(receivedAt: Date, limit: TimeLimit, options?: DueOptions): Date;
  /** Deadline to transfer a dossier (Decree 61/2018 Art 18). */
  transferAt(receivedAt: Date): Date;
  /** Working days from now's day to the due day: 0 = due today, negative = past the due day. */
  remainingWorkingDays(now: Date, dueAt: Date): number;
}
