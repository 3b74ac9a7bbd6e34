import { describe, expect, it } from 'vitest';
import { hashLookupKey, lookupKeyFor } from '../src/lookup-key.js';

describe('the look-up key printed on the receipt', () => {
  it('is the same for the same dossier, so a retried reception prints the same key', () => {
    expect(lookupKeyFor('d-1', 's')).toBe(lookupKeyFor('d-1', 's'));
  });

  it('differs between dossiers and between secrets', () => {
    expect(lookupKeyFor('d-1', 's')).not.toBe(lookupKeyFor('d-2', 's'));
    expect(lookupKeyFor('d-1', 's')).not.toBe(lookupKeyFor('d-1', 't'));
  });

  it('is eight characters that cannot be confused when read aloud', () => {
    expect(lookupKeyFor('d-1', 's')).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
  });

  it('is stored only as a hash', () => {
    expect(hashLookupKey('ABCDEFGH')).toMatch(/^[0-9a-f]{64}$/);
  });
});
