import type { Agency, Center, Day, Department, Jurisdiction, OrganisationData } from './types.js';
import { validateOrganisation } from './validate.js';
import { dayBefore, isDay, isValidOn } from './validity.js';

type New<T> = Omit<T, 'validFrom' | 'validTo'>;

/** One reorganisation, e.g. the 2025 move to two tiers. */
export interface Reorganisation {
  effectiveFrom: Day;
  /** Units that cease the day before; closing a jurisdiction or center closes what hangs under it. */
  close?: string[];
  add?: {
    jurisdictions?: New<Jurisdiction>[];
    centers?: New<Center>[];
    departments?: New<Department>[];
    agencies?: New<Agency>[];
  };
  /** A center that keeps its id but receives under a new unit code from `effectiveFrom`. */
  recode?: { centerId: string; unitCode: string }[];
}

/**
 * Returns the organisation after a reorganisation. Old records are only end-dated (their id, name and
 * code stay), new ones start on `effectiveFrom`, so lookups before that day answer as before.
 */
export function reorganise(data: OrganisationData, change: Reorganisation): OrganisationData {
  const from = change.effectiveFrom;
  if (!isDay(from)) throw new RangeError(`invalid effectiveFrom '${from}'`);
  const lastDay = dayBefore(from);
  const closing = closedIds(data, change.close ?? [], lastDay);

  const end = <T extends { validFrom: Day; validTo?: Day }>(id: string, r: T): T =>
    closing.has(id) ? { ...r, validTo: lastDay } : r;
  const start = <T>(r: T) => ({ ...r, validFrom: from });
  const recodes = new Map((change.recode ?? []).map((r) => [r.centerId, r.unitCode]));

  const next: OrganisationData = {
    ...data,
    jurisdictions: [
      ...data.jurisdictions.map((j) => end(j.jurisdictionId, j)),
      ...(change.add?.jurisdictions ?? []).map(start),
    ],
    centers: [
      ...data.centers.map((c) => {
        const code = recodes.get(c.centerId);
        const endCodes = code !== undefined || closing.has(c.centerId);
        const unitCodes = [
          ...c.unitCodes.map((u) => (endCodes && isValidOn(u, lastDay) ? { ...u, validTo: lastDay } : u)),
          ...(code ? [{ value: code, validFrom: from }] : []),
        ];
        return end(c.centerId, { ...c, unitCodes });
      }),
      ...(change.add?.centers ?? []).map(start),
    ],
    departments: [
      ...data.departments.map((d) => end(d.departmentId, d)),
      ...(change.add?.departments ?? []).map(start),
    ],
    agencies: [...data.agencies.map((a) => end(a.agencyId, a)), ...(change.add?.agencies ?? []).map(start)],
  };
  const problems = validateOrganisation(next);
  if (problems.length > 0) throw new Error(`reorganisation refused: ${problems.join('; ')}`);
  return next;
}

/** The named units and everything under them that is still valid on the last day. */
function closedIds(data: OrganisationData, named: string[], lastDay: Day): Set<string> {
  const open = <T extends { validFrom: Day; validTo?: Day }>(r: T) => isValidOn(r, lastDay);
  const ids = new Set<string>();
  const all = new Set([
    ...data.jurisdictions.filter(open).map((j) => j.jurisdictionId),
    ...data.centers.filter(open).map((c) => c.centerId),
    ...data.departments.filter(open).map((d) => d.departmentId),
    ...data.agencies.filter(open).map((a) => a.agencyId),
  ]);
  for (const id of named) {
    if (!all.has(id)) throw new Error(`cannot close ${id}: no such unit open on ${lastDay}`);
    ids.add(id);
  }
  // Cascade to a fixed point: communes under districts, centers of closed places, their units.
  for (let grew = true; grew; ) {
    const before = ids.size;
    for (const j of data.jurisdictions)
      if (open(j) && j.parentId && ids.has(j.parentId)) ids.add(j.jurisdictionId);
    for (const c of data.centers) if (open(c) && ids.has(c.jurisdictionId)) ids.add(c.centerId);
    for (const d of data.departments) if (open(d) && ids.has(d.centerId)) ids.add(d.departmentId);
    for (const a of data.agencies)
      if (open(a) && (ids.has(a.centerId) || ids.has(a.jurisdictionId))) ids.add(a.agencyId);
    grew = ids.size > before;
  }
  return ids;
}
