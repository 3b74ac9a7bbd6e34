import { ORGANISATION } from '@motcua/organisation';

/** The centers in force today (the jurisdiction data is bundled: small and pure). */
export const centersToday = () =>
  ORGANISATION.centers(new Date()).map((c) => ({ centerId: c.centerId, name: c.name }));
