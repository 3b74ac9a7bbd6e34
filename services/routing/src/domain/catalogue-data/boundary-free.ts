import type { BoundaryFreePeriod } from '../catalogue.js';

/**
 * A demo listing on Huế's boundary-free list from the two-tier switch (Decree 118/2025 Art 14(2)).
 * The list Huế's chairman approved was not found: no `source`, and the procedures say so.
 */
export const HUE_BOUNDARY_FREE_DEMO: BoundaryFreePeriod[] = [{ provinceId: 'hue', validFrom: '2025-07-01' }];

export const BOUNDARY_FREE_DOUBT =
  'on Huế’s boundary-free list from 2025-07-01: a demo listing, the approved list was not found';
