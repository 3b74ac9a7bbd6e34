import * as vnLunar from '@dqcai/vn-lunar';
import { dayNumber } from './local-time.js';
import type { LocalDay } from './types.js';

// @dqcai/vn-lunar computes the Vietnamese calendar (new moons at UTC+7, Hồ Ngọc Đức's tables).
// Its .d.ts files use extensionless imports that NodeNext cannot follow, so type the one call here.
type LunarToSolar = (
  day: number,
  month: number,
  year: number,
  leap?: boolean,
) => { day: number; month: number; year: number };
const lunarToSolar = vnLunar.getSolarDate as LunarToSolar;

const MIN_YEAR = 1200;
const MAX_YEAR = 2199;

/** The Gregorian day of a (non-leap-month) lunar date in lunar year `lunarYear`. */
export function solarDayOfLunar(lunarYear: number, month: number, day: number): LocalDay {
  if (!Number.isInteger(lunarYear) || lunarYear < MIN_YEAR || lunarYear > MAX_YEAR) {
    throw new RangeError(`Lunar year ${lunarYear} is outside ${MIN_YEAR}–${MAX_YEAR}`);
  }
  const s = lunarToSolar(day, month, lunarYear, false);
  const out = `${String(s.year).padStart(4, '0')}-${String(s.month).padStart(2, '0')}-${String(s.day).padStart(2, '0')}`;
  dayNumber(out); // guards against a library answer that is not a real date
  return out;
}

/** Mùng 1 Tết: the first day of the lunar year that starts in Gregorian `year`. */
export function lunarNewYear(year: number): LocalDay {
  return solarDayOfLunar(year, 1, 1);
}

/** Giỗ Tổ Hùng Vương: 10/3 lunar (the regular third month, never the leap one). */
export function hungKingsCommemoration(year: number): LocalDay {
  return solarDayOfLunar(year, 3, 10);
}
