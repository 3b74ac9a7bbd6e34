import { describe, expect, it } from 'vitest';
import { timeSliceOf } from '../src/domain/time-slice.js';

describe('the slice of a day an instant falls in', () => {
  it('is the Vietnam day and the start of its slice', () => {
    expect(timeSliceOf('2025-03-10T02:03:27.500Z', 10)).toEqual({ day: '2025-03-10', slice: '090320' });
    expect(timeSliceOf('2025-03-10T02:03:27.500Z', 60)).toEqual({ day: '2025-03-10', slice: '090300' });
  });

  it('puts an instant after 17:00 UTC in the next Vietnam day', () => {
    expect(timeSliceOf(new Date('2025-03-10T17:00:05Z'), 10)).toEqual({ day: '2025-03-11', slice: '000000' });
  });

  it('has no slice for an instant that is not a date', () => {
    expect(timeSliceOf('not a date', 10)).toBeUndefined();
  });
});
