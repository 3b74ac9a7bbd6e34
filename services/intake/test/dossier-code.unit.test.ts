import { describe, expect, it } from 'vitest';
import { formatDossierCode, parseDossierCode } from '../src/domain/dossier-code.js';

describe('the dossier code', () => {
  it('uses the Vietnamese calendar day, not the UTC one', () => {
    // 23:30 UTC on 1 March is 06:30 on 2 March in Huế.
    expect(formatDossierCode('000.00.31.H57', new Date('2026-03-01T23:30:00Z'), 7)).toBe(
      '000.00.31.H57-260302-0007',
    );
  });

  it('refuses a sequence that does not fit four digits', () => {
    expect(() => formatDossierCode('000.00.31.H57', new Date(), 10_000)).toThrow(RangeError);
    expect(() => formatDossierCode('000.00.31.H57', new Date(), 0)).toThrow(RangeError);
  });

  it('parses back into unit, day and sequence', () => {
    expect(parseDossierCode('000.00.31.H57-260302-0042')).toEqual({
      unitCode: '000.00.31.H57',
      day: '260302',
      sequence: 42,
    });
    expect(parseDossierCode('nonsense')).toBeNull();
  });
});
