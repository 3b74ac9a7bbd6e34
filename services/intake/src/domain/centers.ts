import { ORGANISATION } from '@motcua/organisation';

/**
 * Centers this intake serves and their receiving unit identifier codes (Circular 10/2016/TT-BTTTT),
 * read from @motcua/organisation (data, not code; the digits are unverified there). Each code is the
 * one valid today; a dossier's code is fixed when it is received, so later re-codings do not touch it.
 * For a code as of another day use `ORGANISATION.unitCodeOf(centerId, day)`.
 */
export interface Center {
  centerId: string;
  name: string;
  unitCode: string;
}

export function centersAsOf(asOf: Date): Readonly<Record<string, Center>> {
  const centers: Record<string, Center> = {};
  for (const c of ORGANISATION.centers(asOf)) {
    const unitCode = ORGANISATION.unitCodeOf(c.centerId, asOf);
    if (unitCode) centers[c.centerId] = { centerId: c.centerId, name: c.name, unitCode };
  }
  return centers;
}

export const CENTERS: Readonly<Record<string, Center>> = centersAsOf(new Date());
