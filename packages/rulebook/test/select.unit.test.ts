import { describe, expect, it } from 'vitest';
import {
  LEGACY_RULEBOOK_ID,
  NoRulebookError,
  RULEBOOKS,
  rulebookById,
  rulebookFor,
  rulebookIdOf,
} from '../src/index.js';

// Reception instants at 23:30 Vietnam time (16:30 UTC): the day is the Vietnamese one.
const lateEvening = (day: string) => new Date(`${day}T16:30:00Z`);

describe('choosing the rulebook by the reception day', () => {
  it.each([
    ['2025-06-30', 'decree-61-2018'],
    ['2025-07-01', 'decree-118-2025-before-circular-03'],
    ['2025-09-14', 'decree-118-2025-before-circular-03'],
    ['2025-09-15', 'decree-118-2025-circular-03'],
    ['2026-01-24', 'decree-118-2025-circular-03'],
    ['2026-01-25', 'decree-118-2025-circular-04'],
  ])('a dossier received late on %s follows %s', (day, id) => {
    expect(rulebookFor(day).id).toBe(id);
    expect(rulebookFor(lateEvening(day)).id).toBe(id);
  });

  it('takes the Vietnamese day of an instant: 30 June 23:30 in Huế is still Decree 61/2018', () => {
    expect(rulebookFor(new Date('2025-06-30T16:59:59Z')).id).toBe('decree-61-2018');
    expect(rulebookFor(new Date('2025-06-30T17:00:00Z')).id).toBe('decree-118-2025-before-circular-03');
  });

  it('refuses a day before Decree 61/2018 with a stable code, and a malformed day', () => {
    const err = (() => {
      try {
        rulebookFor('2018-06-20');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(NoRulebookError);
    expect((err as NoRulebookError).code).toBe('NO_RULEBOOK');
    expect(() => rulebookFor('30/06/2025')).toThrow(RangeError);
    expect(() => rulebookFor(new Date('nonsense'))).toThrow(RangeError);
  });

  it('covers every day from Decree 61/2018 on, without gap or overlap', () => {
    for (let i = 1; i < RULEBOOKS.length; i++) {
      const before = RULEBOOKS[i - 1]!;
      const next = new Date(`${before.validTo}T00:00:00Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      expect(RULEBOOKS[i]!.validFrom).toBe(next.toISOString().slice(0, 10));
    }
    expect(RULEBOOKS.at(-1)!.validTo).toBeUndefined();
    expect(new Set(RULEBOOKS.map((r) => r.id)).size).toBe(RULEBOOKS.length);
  });
});

describe('reading the rulebook an event recorded', () => {
  it('finds a rulebook by its id', () => {
    expect(rulebookById('decree-118-2025-circular-03').validFrom).toBe('2025-09-15');
  });

  it('reads an event from before rulebooks (no id) as decided under Decree 61/2018', () => {
    expect(LEGACY_RULEBOOK_ID).toBe('decree-61-2018');
    expect(rulebookIdOf({})).toBe('decree-61-2018');
    expect(rulebookIdOf({ rulebookId: '' })).toBe('decree-61-2018');
    expect(rulebookById(undefined).id).toBe('decree-61-2018');
    expect(rulebookIdOf({ rulebookId: 'decree-118-2025-circular-04' })).toBe('decree-118-2025-circular-04');
  });

  it('refuses an id it does not know', () => {
    expect(() => rulebookById('decree-0-1999')).toThrow(/unknown rulebook/);
  });
});
