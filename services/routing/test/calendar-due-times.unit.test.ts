import { type CalendarYear, createCalendar, OFFICIAL_CALENDAR_YEARS } from '@motcua/calendar';
import { describe, expect, it } from 'vitest';
import { CalendarProvider, type CurrentCalendarData } from '../src/adapters/calendar-repository.js';
import { computeDueTimes } from '../src/adapters/grpc-catalogue-service.js';
import {
  type CenterHours,
  parseCenterHours,
  parseYearOverride,
  type YearOverrideInput,
} from '../src/domain/calendar-overrides.js';
import { processDecider } from '../src/domain/process.js';

const at = (local: string) => new Date(`${local}+07:00`);

/** The current versions in memory, published through the same validation as the HTTP routes. */
class InMemoryCalendarData implements CurrentCalendarData {
  years = new Map<number, CalendarYear>(OFFICIAL_CALENDAR_YEARS.map((y) => [y.year, y]));
  hours = new Map<string, CenterHours>();
  publishYear(year: number, input: YearOverrideInput) {
    const v = parseYearOverride(year, input);
    this.years.set(year, { year, ...v, status: 'confirmed' });
  }
  async currentYears() {
    return [...this.years.values()];
  }
  async currentWorkingHours() {
    return new Map(this.hours);
  }
}

const due = (provider: CalendarProvider, receivedAt: Date, value: number, centerId = 'hue-city') =>
  computeDueTimes(provider.calendarFor, {
    centerId,
    receivedAt: receivedAt.toISOString(),
    legalTimeLimit: { value, unit: 'working_days' },
    cutoffApplies: false,
  });

describe('due times from the calendar in force', () => {
  it('answers as the official calendar with the default hours before any publication', async () => {
    const provider = new CalendarProvider(new InMemoryCalendarData());
    const official = createCalendar({ years: OFFICIAL_CALENDAR_YEARS, computeMissingYears: true });
    for (const received of ['2026-02-13T09:00:00', '2026-04-29T15:30:00', '2027-03-05T16:59:00']) {
      const r = at(received);
      expect(due(provider, r, 5)).toEqual({
        appointmentAt: official.dueAt(r, { value: 5, unit: 'working_days' }).toISOString(),
        transferAt: official.transferAt(r).toISOString(),
      });
    }
    await provider.refresh();
    expect(due(provider, at('2026-02-13T09:00:00'), 5).appointmentAt).toBe(
      official.dueAt(at('2026-02-13T09:00:00'), { value: 5, unit: 'working_days' }).toISOString(),
    );
  });

  it('counts a swapped working Saturday published by an administrator as a working day afterwards', async () => {
    const data = new InMemoryCalendarData();
    const provider = new CalendarProvider(data);
    await provider.refresh();
    const friday = at('2027-03-05T09:00:00');
    // Before: received on Friday with 1 working day, due on Monday.
    const before = due(provider, friday, 1);
    expect(before.appointmentAt).toBe(at('2027-03-08T17:00:00').toISOString());

    // 2027 has no official schedule yet: the administrator publishes one with a working Saturday 6/3.
    data.publishYear(2027, { daysOff: ['2027-03-01'], workingSaturdays: ['2027-03-06'], source: 'TB 2027' });
    expect(due(provider, friday, 1)).toEqual(before); // not loaded yet: the cached calendar stays
    await provider.refresh();
    expect(due(provider, friday, 1).appointmentAt).toBe(at('2027-03-06T17:00:00').toISOString());

    // The routing decider computes its step due times with the same calendar.
    const routed = processDecider(provider.calendarFor('hue-city')).decide(
      {
        type: 'StartRouting',
        procedureCode: '2.000575',
        procedureVersion: 1,
        centerId: 'hue-city',
        workflow: [
          {
            stepId: 'appraise',
            name: 'Thẩm định',
            departmentId: 'hue-city.justice',
            departmentName: 'Phòng Tư pháp',
            role: 'department_officer',
            allottedWorkingHours: 8,
            stage: 0,
          },
        ],
        receivedAt: friday,
        appointmentAt: at('2027-03-06T17:00:00'),
        legalTimeLimit: { value: 1, unit: 'working_days' },
        clockExclusions: [],
        cutoffApplies: false,
      },
      { status: 'new' },
    );
    // transferred Friday 17:00; 8 working hours = Saturday's 7.5 then half an hour on Monday
    // (without the working Saturday it would be Tuesday 08:00)
    expect(routed[1]?.payload.stepDueAt).toBe(at('2027-03-08T08:00:00').toISOString());
  });

  it("uses the center's own working hours and cut-off, other centers keep the defaults", async () => {
    const data = new InMemoryCalendarData();
    data.hours.set(
      'hue-city',
      parseCenterHours('hue-city', true, {
        morning: ['08:00', '12:00'],
        afternoon: ['13:00', '16:30'],
        cutoff: '14:00',
      }),
    );
    const provider = new CalendarProvider(data);
    await provider.refresh();
    const received = at('2026-03-02T14:30:00'); // Monday, after this center's 14:00 cut-off
    const own = computeDueTimes(provider.calendarFor, {
      centerId: 'hue-city',
      receivedAt: received.toISOString(),
      legalTimeLimit: { value: 1, unit: 'working_days' },
      cutoffApplies: true,
    });
    expect(own).toEqual({
      appointmentAt: at('2026-03-04T16:30:00').toISOString(),
      transferAt: at('2026-03-03T08:00:00').toISOString(),
    });
    const other = computeDueTimes(provider.calendarFor, {
      centerId: 'other-center',
      receivedAt: received.toISOString(),
      legalTimeLimit: { value: 1, unit: 'working_days' },
      cutoffApplies: true,
    });
    expect(other).toEqual({
      appointmentAt: at('2026-03-03T17:00:00').toISOString(),
      transferAt: at('2026-03-02T17:00:00').toISOString(),
    });
  });

  it('refuses a request without a time or with an unknown unit', () => {
    const provider = new CalendarProvider(new InMemoryCalendarData());
    expect(() =>
      computeDueTimes(provider.calendarFor, {
        centerId: '',
        cutoffApplies: false,
        legalTimeLimit: { value: 1, unit: 'working_days' },
      }),
    ).toThrowError(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() =>
      computeDueTimes(provider.calendarFor, {
        centerId: '',
        receivedAt: new Date().toISOString(),
        cutoffApplies: false,
        legalTimeLimit: { value: 1, unit: 'fortnights' },
      }),
    ).toThrowError(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('keeps the previous calendars when a refresh fails', async () => {
    const data = new InMemoryCalendarData();
    const provider = new CalendarProvider(data);
    await provider.refresh();
    const before = provider.calendarFor('hue-city');
    data.currentYears = async () => {
      throw new Error('database down');
    };
    await expect(provider.refresh()).rejects.toThrow('database down');
    expect(provider.calendarFor('hue-city')).toBe(before);
  });
});

describe("the transfer cut-off of the dossier's rulebook", () => {
  it('uses the rulebook cut-off where the center published no hours, and the center hours where it did', async () => {
    const data = new InMemoryCalendarData();
    const provider = new CalendarProvider(data);
    await provider.refresh();
    const at1530 = at('2026-03-06T15:30:00'); // Friday
    expect(provider.calendarFor('hue-city', '15:00').transferAt(at1530).toISOString()).toBe(
      at('2026-03-09T07:30:00').toISOString(),
    );
    // A rulebook with a later cut-off (none has one today: the value is data) moves the transfer.
    expect(provider.calendarFor('hue-city', '16:00').transferAt(at1530).toISOString()).toBe(
      at('2026-03-06T17:00:00').toISOString(), // the same working day
    );
    data.hours.set(
      'hue-city',
      parseCenterHours('hue-city', true, {
        morning: ['07:30', '11:30'],
        afternoon: ['13:30', '17:00'],
        cutoff: '14:00',
      }),
    );
    await provider.refresh();
    expect(
      provider.calendarFor('hue-city', '16:00').transferAt(at('2026-03-06T14:30:00')).toISOString(),
    ).toBe(at('2026-03-09T07:30:00').toISOString());
  });

  it('takes the cut-off of the reception day: 15:00 under Decree 61/2018 and, unverified, under Decree 118/2025', () => {
    const provider = new CalendarProvider(new InMemoryCalendarData());
    // 30 June 2025 (Monday) and 1 July 2025 (Tuesday), both at 15:30: transferred the next morning.
    expect(due(provider, at('2025-06-30T15:30:00'), 1).transferAt).toBe(
      at('2025-07-01T07:30:00').toISOString(),
    );
    expect(due(provider, at('2025-07-01T15:30:00'), 1).transferAt).toBe(
      at('2025-07-02T07:30:00').toISOString(),
    );
    expect(due(provider, at('2025-07-01T14:59:00'), 1).transferAt).toBe(
      at('2025-07-01T17:00:00').toISOString(),
    );
  });
});
