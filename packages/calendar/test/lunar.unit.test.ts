import { describe, expect, it } from 'vitest';
import { hungKingsCommemoration, lunarNewYear } from '../src/index.js';

// shared/domain/README.md §6
const TET: Record<number, string> = {
  2018: '2018-02-16',
  2019: '2019-02-05',
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
};
const HUNG_KINGS: Record<number, string> = {
  2018: '2018-04-25',
  2019: '2019-04-14',
  2020: '2020-04-02',
  2021: '2021-04-21',
  2022: '2022-04-10',
  2023: '2023-04-29',
  2024: '2024-04-18',
  2025: '2025-04-07',
  2026: '2026-04-26',
  2027: '2027-04-16',
};

describe('the Vietnamese lunar calendar library', () => {
  it.each(Object.entries(TET))(
    'given lunar year %s, when mùng 1 Tết is computed, then it is %s',
    (year, day) => {
      expect(lunarNewYear(Number(year))).toBe(day);
    },
  );

  it.each(Object.entries(HUNG_KINGS))(
    'given lunar year %s, when Giỗ Tổ (10/3 lunar) is computed, then it is %s',
    (year, day) => {
      expect(hungKingsCommemoration(Number(year))).toBe(day);
    },
  );

  // New moons near midnight fall on different days at UTC+7 and UTC+8; a Chinese library
  // (e.g. lunar-javascript) gives 1985-02-20, 2007-02-18 and 2030-02-03 here.
  it.each([
    [1985, '1985-01-21'],
    [2007, '2007-02-17'],
    [2030, '2030-02-02'],
  ])(
    'given %i, a year where the Chinese calendar differs, when Tết is computed, then the Vietnamese date %s is used',
    (year, day) => {
      expect(lunarNewYear(year)).toBe(day);
    },
  );

  it('given a year outside the library range, when Tết is asked for, then it refuses', () => {
    expect(() => lunarNewYear(1100)).toThrow(RangeError);
  });
});
