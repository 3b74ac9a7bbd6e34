import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DueOptions, TimeLimit } from '../src/index.js';
import { at, calendar, local } from './helpers.js';

const wd = (value: number): TimeLimit => ({ value, unit: 'working_days' });
const cd = (value: number): TimeLimit => ({ value, unit: 'calendar_days' });
const wh = (value: number): TimeLimit => ({ value, unit: 'working_hours' });
const sameDay: TimeLimit = { value: 0, unit: 'same_day' };
const cutoff: DueOptions = { cutoffApplies: true };

interface Example {
  story: string;
  received: string;
  limit: TimeLimit;
  options?: DueOptions;
  due: string;
}

// Checked by hand against shared/domain/holidays.md; `at` also checks each weekday label.
const EXAMPLES: Example[] = [
  // Tết 2026: Sat 14/2 – Sun 22/2 off
  {
    story: 'a household business registration (3 working days): 13/2, 23/2, 24/2',
    received: 'Thu 2026-02-12 10:00',
    limit: wd(3),
    due: 'Tue 2026-02-24 17:00',
  },
  {
    story: 'after 15:00 without a cut-off rule',
    received: 'Fri 2026-02-13 16:30',
    limit: wd(3),
    due: 'Wed 2026-02-25 17:00',
  },
  {
    story: 'after 15:00 where the cut-off applies: counts from Mon 23/2',
    received: 'Fri 2026-02-13 16:30',
    limit: wd(3),
    options: cutoff,
    due: 'Thu 2026-02-26 17:00',
  },
  {
    story: 'after the end of the working day',
    received: 'Fri 2026-02-13 17:30',
    limit: wd(1),
    due: 'Tue 2026-02-24 17:00',
  },
  {
    story: 'online during Tết: received Mon 23/2',
    received: 'Sat 2026-02-14 09:00',
    limit: wd(5),
    due: 'Mon 2026-03-02 17:00',
  },
  {
    story: '5 calendar days ending in Tết',
    received: 'Mon 2026-02-09 10:00',
    limit: cd(5),
    due: 'Mon 2026-02-23 17:00',
  },
  {
    story: '8 working hours across a night',
    received: 'Thu 2026-02-12 16:00',
    limit: wh(8),
    due: 'Fri 2026-02-13 16:30',
  },
  {
    story: '4 working hours across Tết',
    received: 'Fri 2026-02-13 16:00',
    limit: wh(4),
    due: 'Mon 2026-02-23 10:30',
  },
  {
    story: 'a certification before the cut-off',
    received: 'Fri 2026-02-13 14:00',
    limit: sameDay,
    due: 'Fri 2026-02-13 17:00',
  },
  {
    story: 'a certification after the cut-off',
    received: 'Fri 2026-02-13 15:30',
    limit: sameDay,
    due: 'Mon 2026-02-23 17:00',
  },
  // Giỗ Tổ 2026: Sat 25/4 – Mon 27/4; 30/4 – 3/5 off
  { story: 'across Giỗ Tổ', received: 'Fri 2026-04-24 10:00', limit: wd(2), due: 'Wed 2026-04-29 17:00' },
  {
    story: 'across 30/4 and 1/5',
    received: 'Wed 2026-04-29 10:00',
    limit: wd(1),
    due: 'Mon 2026-05-04 17:00',
  },
  {
    story: 'a mortgage registration after the cut-off',
    received: 'Fri 2026-04-24 15:01',
    limit: sameDay,
    due: 'Tue 2026-04-28 17:00',
  },
  {
    story: '3 calendar days ending on the nghỉ bù',
    received: 'Fri 2026-04-24 10:00',
    limit: cd(3),
    due: 'Tue 2026-04-28 17:00',
  },
  // 30/4 – 1/5 2025: Sat 26/4 is worked, Fri 2/5 is swapped off
  {
    story: 'into the working Saturday',
    received: 'Fri 2025-04-25 10:00',
    limit: wd(1),
    due: 'Sat 2025-04-26 17:00',
  },
  {
    story: 'through the working Saturday',
    received: 'Thu 2025-04-24 10:00',
    limit: wd(3),
    due: 'Mon 2025-04-28 17:00',
  },
  {
    story: 'on the working Saturday itself',
    received: 'Sat 2025-04-26 10:00',
    limit: wd(1),
    due: 'Mon 2025-04-28 17:00',
  },
  {
    story: 'a certification on the working Saturday',
    received: 'Sat 2025-04-26 09:00',
    limit: sameDay,
    due: 'Sat 2025-04-26 17:00',
  },
  {
    story: 'over 30/4, 1/5 and the swapped-off 2/5',
    received: 'Tue 2025-04-29 10:00',
    limit: wd(1),
    due: 'Mon 2025-05-05 17:00',
  },
  // 2/9 2025: Sat 30/8 – Tue 2/9
  {
    story: 'across Quốc khánh 2025',
    received: 'Fri 2025-08-29 10:00',
    limit: wd(1),
    due: 'Wed 2025-09-03 17:00',
  },
  // 2/9 2026: Sat 22/8 worked; Sat 29/8 – Wed 2/9 off
  {
    story: 'into the working Saturday 22/8',
    received: 'Fri 2026-08-21 16:00',
    limit: wd(1),
    due: 'Sat 2026-08-22 17:00',
  },
  {
    story: 'across Quốc khánh 2026',
    received: 'Fri 2026-08-28 09:00',
    limit: wd(2),
    due: 'Fri 2026-09-04 17:00',
  },
  {
    story: 'working hours into the working Saturday',
    received: 'Fri 2026-08-21 10:00',
    limit: wh(6),
    due: 'Sat 2026-08-22 08:30',
  },
  // Weekends and Tết Dương lịch 2026 (Fri 2/1 swapped off, Sat 10/1 worked)
  { story: 'over a weekend', received: 'Fri 2026-03-06 10:00', limit: wd(2), due: 'Tue 2026-03-10 17:00' },
  {
    story: 'received on a Sunday',
    received: 'Sun 2026-03-08 10:00',
    limit: wd(2),
    due: 'Wed 2026-03-11 17:00',
  },
  { story: '10 calendar days', received: 'Mon 2026-03-02 10:00', limit: cd(10), due: 'Thu 2026-03-12 17:00' },
  {
    story: 'across New Year 2026',
    received: 'Wed 2025-12-31 10:00',
    limit: wd(1),
    due: 'Mon 2026-01-05 17:00',
  },
  {
    story: 'into the working Saturday 10/1',
    received: 'Fri 2026-01-09 10:00',
    limit: wd(1),
    due: 'Sat 2026-01-10 17:00',
  },
  // The 15:00 cut-off boundary is inclusive
  {
    story: 'a certification at 15:00 sharp',
    received: 'Thu 2026-03-12 15:00',
    limit: sameDay,
    due: 'Thu 2026-03-12 17:00',
  },
  {
    story: 'a certification at 15:00:01',
    received: 'Thu 2026-03-12 15:00:01',
    limit: sameDay,
    due: 'Fri 2026-03-13 17:00',
  },
];

describe('due time of a dossier', () => {
  it.each(EXAMPLES)(
    'given $story, received $received, when due, then it is $due',
    ({ received, limit, options, due }) => {
      expect(local(calendar.dueAt(at(received), limit, options))).toBe(due);
    },
  );

  it('given a pause for the financial obligation covering 15 working hours, when due, then two whole working days are added', () => {
    const exclusions = [{ from: at('Tue 2026-03-03 08:00'), to: at('Thu 2026-03-05 08:00') }];
    expect(local(calendar.dueAt(at('Mon 2026-03-02 10:00'), wd(5)))).toBe('Mon 2026-03-09 17:00');
    expect(local(calendar.dueAt(at('Mon 2026-03-02 10:00'), wd(5), { exclusions }))).toBe(
      'Wed 2026-03-11 17:00',
    );
  });

  it('given a two-hour pause, when due in working days, then it is rounded up to a whole working day', () => {
    const exclusions = [{ from: at('Tue 2026-03-03 08:00'), to: at('Tue 2026-03-03 10:00') }];
    expect(local(calendar.dueAt(at('Mon 2026-03-02 10:00'), wd(5), { exclusions }))).toBe(
      'Tue 2026-03-10 17:00',
    );
  });

  it('given overlapping pauses and a pause over a weekend, when due, then only working time is counted and only once', () => {
    const exclusions = [
      { from: at('Fri 2026-03-06 13:30'), to: at('Mon 2026-03-09 11:30') },
      { from: at('Fri 2026-03-06 15:00'), to: at('Sat 2026-03-07 12:00') },
    ];
    // Fri 3.5 h + Mon 4 h = 7.5 h = exactly one working day
    expect(local(calendar.dueAt(at('Mon 2026-03-02 10:00'), wd(5), { exclusions }))).toBe(
      'Tue 2026-03-10 17:00',
    );
  });

  it('given a pause of 1.5 working hours, when due in working hours, then exactly 1.5 hours are added', () => {
    // 16:00 + 8 h would be Fri 16:30; +0.5 h Thu, +1 h Fri paused: 1 h Thu, 7.5 h Fri, 1 h Mon 23/2
    const exclusions = [{ from: at('Thu 2026-02-12 16:30'), to: at('Fri 2026-02-13 08:30') }];
    expect(local(calendar.dueAt(at('Thu 2026-02-12 16:00'), wh(8), { exclusions }))).toBe(
      'Mon 2026-02-23 08:30',
    );
  });

  it('given a pause on the reception day itself, when due in days, then it costs nothing since the period starts the day after', () => {
    const exclusions = [{ from: at('Mon 2026-03-02 10:00'), to: at('Mon 2026-03-02 16:00') }];
    expect(local(calendar.dueAt(at('Mon 2026-03-02 10:00'), wd(5), { exclusions }))).toBe(
      'Mon 2026-03-09 17:00',
    );
  });

  it('given an exclusion that ends before it starts, when due, then it is refused', () => {
    const exclusions = [{ from: at('Tue 2026-03-03 10:00'), to: at('Tue 2026-03-03 08:00') }];
    expect(() => calendar.dueAt(at('Mon 2026-03-02 10:00'), wd(5), { exclusions })).toThrow(RangeError);
  });

  it('given a negative or fractional day limit, when due, then it is refused', () => {
    expect(() => calendar.dueAt(at('Mon 2026-03-02 10:00'), wd(-1))).toThrow(RangeError);
    expect(() => calendar.dueAt(at('Mon 2026-03-02 10:00'), wd(1.5))).toThrow(RangeError);
  });
});

describe('transfer deadline (Decree 61/2018 Art 18)', () => {
  it.each([
    ['Thu 2026-02-12 14:59', 'Thu 2026-02-12 17:00'],
    ['Thu 2026-02-12 15:00', 'Thu 2026-02-12 17:00'],
    ['Thu 2026-02-12 15:01', 'Fri 2026-02-13 07:30'],
    ['Fri 2026-02-13 15:30', 'Mon 2026-02-23 07:30'],
    ['Sat 2025-04-26 10:00', 'Sat 2025-04-26 17:00'],
    ['Sun 2026-03-08 10:00', 'Mon 2026-03-09 07:30'],
  ])('given a dossier received %s, when transferred, then the deadline is %s', (received, deadline) => {
    expect(local(calendar.transferAt(at(received)))).toBe(deadline);
  });
});

describe('remaining working days', () => {
  it.each([
    ['Thu 2026-02-12 10:00', 3],
    ['Fri 2026-02-13 10:00', 2],
    ['Sun 2026-02-22 10:00', 2],
    ['Tue 2026-02-24 09:00', 0],
    ['Wed 2026-02-25 09:00', -1],
  ])('given a dossier due Tue 24/2/2026 17:00, at %s, then %i working days remain', (now, remaining) => {
    expect(calendar.remainingWorkingDays(at(now), at('Tue 2026-02-24 17:00'))).toBe(remaining);
  });
});

const MS_2018 = Date.parse('2018-01-01T00:00:00+07:00');
const MS_2027 = Date.parse('2027-01-01T00:00:00+07:00');
const anyInstant = fc.integer({ min: MS_2018, max: MS_2027 }).map((t) => new Date(t));
const anyLimit: fc.Arbitrary<TimeLimit> = fc.oneof(
  fc.nat(40).map(wd),
  fc.nat(60).map(cd),
  fc.nat(80).map(wh),
  fc.constant(sameDay),
);
const anyOptions: fc.Arbitrary<DueOptions> = fc.record({ cutoffApplies: fc.boolean() });

describe('due time properties', () => {
  it('given any reception and limit, when due, then the due time is on a working day, within working hours, and not before reception', () => {
    fc.assert(
      fc.property(anyInstant, anyLimit, anyOptions, (received, limit, options) => {
        const due = calendar.dueAt(received, limit, options);
        const [, day, clock] = local(due).split(' ');
        expect(calendar.isWorkingDay(day!)).toBe(true);
        expect(clock! >= '07:30' && clock! <= '17:00' && !(clock! > '11:30' && clock! < '13:30')).toBe(true);
        if (limit.unit !== 'working_hours') expect(clock).toBe('17:00');
        expect(due.getTime()).toBeGreaterThanOrEqual(received.getTime());
      }),
      { numRuns: 500 },
    );
  });

  it('given two receptions, when due under the same limit, then the later reception is never due earlier', () => {
    fc.assert(
      fc.property(
        anyInstant,
        fc.integer({ min: 0, max: 10 * 86_400_000 }),
        anyLimit,
        anyOptions,
        (a, gap, limit, options) => {
          const b = new Date(a.getTime() + gap);
          expect(calendar.dueAt(b, limit, options).getTime()).toBeGreaterThanOrEqual(
            calendar.dueAt(a, limit, options).getTime(),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('given a working-day limit, when due, then the due day is exactly that many working days after the reception day', () => {
    fc.assert(
      fc.property(anyInstant, fc.nat(40), (received, n) => {
        const due = calendar.dueAt(received, wd(n));
        const dueDay = local(due).split(' ')[1]!;
        expect(calendar.workingDaysBetween(calendar.receptionDay(received), dueDay)).toBe(n);
      }),
    );
  });
});
