import type { Day, Validity } from './types.js';

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
// Vietnam is UTC+07:00 without DST: a dossier received at 23:30 local belongs to that local day.
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** The Vietnamese calendar day of an instant, or the day itself when given as `YYYY-MM-DD`. */
export function dayOf(asOf: Date | Day): Day {
  if (typeof asOf === 'string') {
    if (!isDay(asOf)) throw new RangeError(`invalid day '${asOf}': expected YYYY-MM-DD`);
    return asOf;
  }
  if (Number.isNaN(asOf.getTime())) throw new RangeError('invalid date');
  return new Date(asOf.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

export function isDay(value: string): boolean {
  if (!DAY_RE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** ISO days compare as strings. */
export function isValidOn(v: Validity, day: Day): boolean {
  return v.validFrom <= day && (v.validTo === undefined || day <= v.validTo);
}

/** The day before `day`: where a reorganisation end-dates what it replaces. */
export function dayBefore(day: Day): Day {
  return new Date(Date.parse(`${dayOf(day)}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
