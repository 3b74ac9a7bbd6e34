import type { Directory } from '@motcua/organisation';
import type { Succession } from './succession.js';

const fold = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi');

/**
 * Succession over the organisation data: an ended center's successors are the centers naming it in
 * `predecessorIds` (Huế's 2018 city center has six wards). Among several, the one whose commune the
 * applicant's address names; else the first the data lists (recorded as such on the move).
 */
export function organisationSuccession(org: Directory): Succession {
  return {
    centerAt(centerId, at, applicantAddress) {
      if (org.findCenter(centerId, at)) return undefined;
      const centers = org.successorsOf(centerId, at).filter((u) => u.type === 'center');
      if (centers.length === 0) return undefined;
      const named = (c: (typeof centers)[number]) => {
        const commune = c.type === 'center' ? org.findJurisdiction(c.record.jurisdictionId, at) : undefined;
        return Boolean(applicantAddress && commune && fold(applicantAddress).includes(fold(commune.name)));
      };
      const byAddress = centers.length > 1 ? centers.find(named) : undefined;
      const chosen = byAddress ?? centers[0]!;
      const name = chosen.type === 'center' ? chosen.record.name : chosen.id;
      const chosenBy =
        centers.length === 1 ? 'only-successor' : byAddress ? 'applicant-address' : 'first-listed';
      return { centerId: chosen.id, name, chosenBy };
    },
    unitAt(unitId, successorCenterId, at) {
      if (org.findUnit(unitId, at)) return undefined;
      for (const u of org.successorsOf(unitId, at)) {
        if (u.type === 'department' && u.record.centerId === successorCenterId) {
          return { unitId: u.id, name: u.record.name };
        }
        if (u.type === 'agency' && u.record.centerId === successorCenterId) {
          return { unitId: u.id, name: u.record.name };
        }
      }
      return undefined;
    },
  };
}
