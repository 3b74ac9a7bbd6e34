import { describe, expect, it } from 'vitest';
import { type Comparison, rateSeries } from '../src/client/consoles/board/board-api.js';

const point = (m: number, resolved = 0, inTime = 0) => ({
  month: `2026-${String(m).padStart(2, '0')}`,
  received: resolved,
  resolved,
  early: inTime,
  onTime: 0,
  late: resolved - inTime,
  onTimeRate: resolved ? inTime / resolved : null,
  overdueAtMonthEnd: 0,
});
const months = (filled: Record<number, [number, number]>) =>
  Array.from({ length: 12 }, (_, i) => point(i + 1, ...(filled[i + 1] ?? [0, 0])));

describe('the on-time line of the dashboard', () => {
  const c: Comparison = {
    year: 2026,
    by: 'field',
    series: [{ key: 'H57-HT', name: 'Hộ tịch', months: months({ 3: [4, 3], 5: [4, 1] }) }],
  };

  it('is the rate since the start of the year, kept through months that resolved nothing: a line, not dots', () => {
    const [s] = rateSeries(c, 6);
    expect(s?.label).toBe('Hộ tịch');
    expect(s?.values).toEqual([null, null, 75, 75, 50, 50, null, null, null, null, null, null]);
  });

  it('shows nothing for months not begun', () => {
    expect(rateSeries(c, 4)[0]?.values.slice(3)).toEqual([
      75,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});
