import { describe, expect, it } from 'vitest';
import {
  addWorkingMinutes,
  startOfWorkingDay,
  subtractWorkingMinutes,
  workingDayMinutes,
  workingMinutesBetween,
} from '../src/index.js';
import { at, calendar, local } from './helpers.js';

// 2025: Sat 30/8 – Tue 2/9 are off (National Day), so Fri 29/8 is followed by Wed 3/9.
describe('working time between instants', () => {
  it('a default working day is 450 minutes and starts at 07:30', () => {
    expect(workingDayMinutes(calendar)).toBe(450);
    expect(local(startOfWorkingDay(calendar, '2025-09-03'))).toBe('Wed 2025-09-03 07:30');
  });

  it('half a working day before the end of a day is late morning of the same day', () => {
    expect(local(subtractWorkingMinutes(calendar, at('Wed 2025-09-03 17:00'), 225))).toBe(
      'Wed 2025-09-03 11:15',
    );
  });

  it('going back from the start of the day after a weekend and a holiday lands on the last working day', () => {
    expect(local(subtractWorkingMinutes(calendar, at('Wed 2025-09-03 09:30'), 225))).toBe(
      'Fri 2025-08-29 15:15',
    );
  });

  it('a walk back that ends on a session start answers that start', () => {
    expect(local(subtractWorkingMinutes(calendar, at('Fri 2025-08-29 17:00'), 210))).toBe(
      'Fri 2025-08-29 13:30',
    );
  });

  it('adds working time across the weekend and the holiday', () => {
    expect(local(addWorkingMinutes(calendar, at('Fri 2025-08-29 16:00'), 120))).toBe('Wed 2025-09-03 08:30');
    expect(local(addWorkingMinutes(calendar, at('Fri 2025-08-29 10:00'), 90))).toBe('Fri 2025-08-29 11:30');
  });

  it('counts only working minutes between two instants, nothing on days off', () => {
    expect(workingMinutesBetween(calendar, at('Fri 2025-08-29 17:00'), at('Wed 2025-09-03 09:30'))).toBe(120);
    expect(workingMinutesBetween(calendar, at('Fri 2025-08-29 11:00'), at('Fri 2025-08-29 14:00'))).toBe(60);
    expect(workingMinutesBetween(calendar, at('Wed 2025-09-03 09:30'), at('Fri 2025-08-29 17:00'))).toBe(0);
  });

  it('adding and then subtracting the same working time comes back to a working instant', () => {
    const start = at('Thu 2025-08-28 10:10');
    const later = addWorkingMinutes(calendar, start, 1000);
    expect(workingMinutesBetween(calendar, start, later)).toBe(1000);
    expect(subtractWorkingMinutes(calendar, later, 1000).getTime()).toBe(start.getTime());
  });

  it('refuses a negative amount of working time', () => {
    expect(() => subtractWorkingMinutes(calendar, at('Fri 2025-08-29 10:00'), -1)).toThrow(RangeError);
  });
});
