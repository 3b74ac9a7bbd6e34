import { organisation } from './organisation.js';

/** The centers in force today (the jurisdiction data is bundled: small and pure). */
export const centersToday = () =>
  organisation()
    .centers(new Date())
    .map((c) => ({ centerId: c.centerId, name: c.name }));
