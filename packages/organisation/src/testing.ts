import type { Reorganisation } from './reorganise.js';

/**
 * A reorganisation cut down to some of its new centers (with their jurisdictions and the parents of
 * those, their departments and agencies). The real 2025 step splits every 2018 district among several
 * successors; a test of what happens when a district has a single successor narrows the step to one.
 */
export function narrowed(change: Reorganisation, centerIds: string[]): Reorganisation {
  const add = change.add ?? {};
  const centers = (add.centers ?? []).filter((c) => centerIds.includes(c.centerId));
  const jurisdictions = new Set(centers.map((c) => c.jurisdictionId));
  for (let grew = true; grew; ) {
    const before = jurisdictions.size;
    for (const j of add.jurisdictions ?? [])
      if (jurisdictions.has(j.jurisdictionId) && j.parentId) jurisdictions.add(j.parentId);
    grew = jurisdictions.size > before;
  }
  return {
    ...change,
    add: {
      jurisdictions: (add.jurisdictions ?? []).filter((j) => jurisdictions.has(j.jurisdictionId)),
      centers,
      departments: (add.departments ?? []).filter((d) => centerIds.includes(d.centerId)),
      agencies: (add.agencies ?? []).filter((a) => centerIds.includes(a.centerId)),
    },
  };
}
