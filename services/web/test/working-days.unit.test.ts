import { describe, expect, it } from 'vitest';
import { remainingWorkingDays, type YearDays, yearsBetween } from '../src/client/core/working-days.js';

const vn = (local: string) => new Date(`${local}:00+07:00`);
// 2026: Reunification Day and Labour Day (Thu 30/04, Fri 01/05) are days off.
const y2026: YearDays = { year: 2026, daysOff: ['2026-04-30', '2026-05-01'], workingSaturdays: [] };

describe('working days left before a deadline', () => {
  it('counts the working days after today up to the due day', () => {
    expect(remainingWorkingDays(vn('2026-03-02T09:00'), vn('2026-03-05T17:00'), [y2026])).toEqual({
      kind: 'left',
      days: 3,
    });
  });

  it('never shows a 3-working-day procedure received on a Saturday with 4 days left', () => {
    // received Sat 00:40: the clock starts Monday (day 0), the appointment is Thursday 17:00
    const [now, due] = [vn('2026-03-07T00:40'), vn('2026-03-12T17:00')];
    expect(remainingWorkingDays(now, due, [y2026])).toEqual({ kind: 'left', days: 4 });
    expect(remainingWorkingDays(now, due, [y2026], 3)).toEqual({ kind: 'left', days: 3 });
  });

  it('never shows more than the limit for a dossier received after the 15:00 cut-off', () => {
    // received Mon 16:00 with the cut-off: day 0 is Tuesday, the appointment Friday 17:00
    expect(remainingWorkingDays(vn('2026-03-02T16:00'), vn('2026-03-06T17:00'), [y2026], 3)).toEqual({
      kind: 'left',
      days: 3,
    });
    // the next day the count runs down as usual
    expect(remainingWorkingDays(vn('2026-03-04T09:00'), vn('2026-03-06T17:00'), [y2026], 3)).toEqual({
      kind: 'left',
      days: 2,
    });
  });

  it('skips weekends and official days off', () => {
    // Wed 29/04 → Tue 05/05: Thu and Fri off, the weekend, then Mon 04 and Tue 05.
    expect(remainingWorkingDays(vn('2026-04-29T09:00'), vn('2026-05-05T17:00'), [y2026])).toEqual({
      kind: 'left',
      days: 2,
    });
  });

  it('counts a swapped working Saturday as a working day', () => {
    const swapped: YearDays = { ...y2026, workingSaturdays: ['2026-03-07'] };
    expect(remainingWorkingDays(vn('2026-03-06T09:00'), vn('2026-03-09T17:00'), [swapped])).toEqual({
      kind: 'left',
      days: 2,
    });
  });

  it('says the deadline is today before its hour and overdue after it', () => {
    expect(remainingWorkingDays(vn('2026-03-05T09:00'), vn('2026-03-05T17:00'), [y2026])).toEqual({
      kind: 'today',
    });
    expect(remainingWorkingDays(vn('2026-03-05T17:30'), vn('2026-03-05T17:00'), [y2026])).toEqual({
      kind: 'overdue',
      days: 0,
    });
  });

  it('counts the working days a deadline is overdue by', () => {
    expect(remainingWorkingDays(vn('2026-03-10T09:00'), vn('2026-03-05T17:00'), [y2026])).toEqual({
      kind: 'overdue',
      days: 3,
    });
  });

  it('takes the local day in Vietnam, not in UTC', () => {
    // 06:30 on Tue 03/03 in Vietnam is still Mon 02/03 in UTC.
    expect(remainingWorkingDays(vn('2026-03-03T06:30'), vn('2026-03-04T17:00'), [y2026])).toEqual({
      kind: 'left',
      days: 1,
    });
  });

  it('names every calendar year between two instants', () => {
    expect(yearsBetween(vn('2025-12-30T09:00'), vn('2026-01-05T17:00'))).toEqual([2025, 2026]);
  });
});
