import { toLocalDay, VIETNAM_UTC_OFFSET_MINUTES } from '@motcua/calendar';

const DAY_MS = 86_400_000;

/** A day's list split by time of day: the day and the start of the slice, both Vietnam time. */
export interface TimeSlice {
  /** `YYYY-MM-DD` */
  day: string;
  /** `HHMMSS`, the first second of the slice. */
  slice: string;
}

/**
 * The slice of `seconds` (dividing a day) that holds the instant `at`. A list kept per slice grows
 * with the rate of a busy hour, not with the day: at 13 receptions a second, 130 in 10 s.
 */
export function timeSliceOf(at: string | Date, seconds: number): TimeSlice | undefined {
  const instant = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(instant.getTime())) return undefined;
  const local = (((instant.getTime() + VIETNAM_UTC_OFFSET_MINUTES * 60_000) % DAY_MS) + DAY_MS) % DAY_MS;
  const second = Math.floor(local / 1000 / seconds) * seconds;
  const two = (n: number) => String(n).padStart(2, '0');
  return {
    day: toLocalDay(instant),
    slice: `${two(Math.floor(second / 3600))}${two(Math.floor(second / 60) % 60)}${two(second % 60)}`,
  };
}
