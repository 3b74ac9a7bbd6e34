import { describe, expect, it } from 'vitest';
import { decide } from '../src/authorize.js';
import { pickResource } from '../src/bindings.js';

// A boundary-free dossier (Decree 118/2025 Art 14(2)) belongs to the centers that received it,
// decide it and return it; a center-scoped grant holds at any of them and nowhere else.
const counterAt = (centerId: string) => ({ userId: `c.${centerId}`, role: 'counter_officer', centerId });
const dossier = { centerId: 'an-cuu-pasc', centerIds: ['hue-pasc', 'an-cuu-pasc'] };

describe('a center scope over a dossier of several centers', () => {
  it('holds for the receiving and the competent center', () => {
    expect(decide(counterAt('an-cuu-pasc'), 'dossier.read', dossier).allowed).toBe(true);
    expect(decide(counterAt('hue-pasc'), 'dossier.read', dossier).allowed).toBe(true);
  });

  it('does not hold for another center', () => {
    expect(decide(counterAt('thuan-hoa-pasc'), 'dossier.read', dossier)).toEqual({
      allowed: false,
      rule: 'auth.own-center',
    });
  });

  it('reads the competent and return centers from a dossier view', () => {
    expect(
      pickResource({ centerId: 'an-cuu-pasc', competentCenterId: 'hue-pasc', returnCenterId: 'an-cuu-pasc' }),
    ).toEqual(dossier);
  });
});
