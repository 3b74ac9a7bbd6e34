import { buildCalendarYear, daysInRange } from './calendar-year.js';
import { dayNumber, isWeekend } from './local-time.js';
import { OFFICIAL_ROWS, type OfficialRow } from './official-data.js';
import type { CalendarEntry, CalendarYear } from './types.js';

function toEntry(row: OfficialRow): CalendarEntry {
  const entry: CalendarEntry = {
    holidays: row.holidays,
    // The notices give the break, not which of its days are statutory.
    statutory: [],
    daysOff: daysInRange(row.from, row.to).filter((d) => !isWeekend(dayNumber(d))),
    swappedOff: row.swappedOff ?? [],
    workingSaturdays: row.workingSaturdays ?? [],
    source: row.source,
    status: row.status,
  };
  return row.note === undefined ? entry : { ...entry, note: row.note };
}

/** The official 2018–2026 schedules, ready to pass as `createCalendar({ years })`. */
export const OFFICIAL_CALENDAR_YEARS: readonly CalendarYear[] = [
  ...new Set(OFFICIAL_ROWS.map((r) => r.year)),
].map((year) =>
  buildCalendarYear(
    year,
    OFFICIAL_ROWS.filter((r) => r.year === year).map(toEntry),
    `official schedule ${year} (VPCP letters, MOLISA/MOHA notices, press; see entries)`,
    'confirmed',
  ),
);
