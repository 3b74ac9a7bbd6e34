import type { OrganisationData, Validity } from './types.js';
import { isUnitCode, level1Of } from './unit-code.js';
import { isDay } from './validity.js';

const PARENT_LEVELS = { province: [], district: ['province'], commune: ['district', 'province'] } as const;

const overlaps = (a: Validity, b: Validity) =>
  a.validFrom <= (b.validTo ?? '9999-12-31') && b.validFrom <= (a.validTo ?? '9999-12-31');
const within = (inner: Validity, outer: Validity) =>
  outer.validFrom <= inner.validFrom &&
  (outer.validTo === undefined || (inner.validTo ?? '9999') <= outer.validTo);

/** Every inconsistency of the data (empty = consistent); run on load and after each reorganisation. */
export function validateOrganisation(data: OrganisationData): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const all: [string, Validity][] = [
    ...data.jurisdictions.map((r) => [r.jurisdictionId, r] as [string, Validity]),
    ...data.centers.map((r) => [r.centerId, r] as [string, Validity]),
    ...data.departments.map((r) => [r.departmentId, r] as [string, Validity]),
    ...data.agencies.map((r) => [r.agencyId, r] as [string, Validity]),
  ];
  for (const [id, v] of all) {
    if (seen.has(id)) problems.push(`${id}: the id is used twice (ids are never reused)`);
    seen.add(id);
    if (!isDay(v.validFrom) || (v.validTo !== undefined && !isDay(v.validTo)))
      problems.push(`${id}: validity days must be YYYY-MM-DD`);
    else if (v.validTo !== undefined && v.validTo < v.validFrom)
      problems.push(`${id}: ends before it starts`);
  }

  const jurisdictions = new Map(data.jurisdictions.map((j) => [j.jurisdictionId, j]));
  for (const j of data.jurisdictions) {
    const parent = j.parentId === undefined ? undefined : jurisdictions.get(j.parentId);
    const allowed: readonly string[] = PARENT_LEVELS[j.level];
    if (j.parentId === undefined ? allowed.length > 0 : !parent || !allowed.includes(parent.level))
      problems.push(
        `${j.jurisdictionId}: a ${j.level} needs a parent of level ${allowed.join(' or ') || 'none'}`,
      );
    else if (parent && !within(j, parent)) problems.push(`${j.jurisdictionId}: valid outside its parent`);
    if (j.unitCode !== undefined && !isUnitCode(j.unitCode))
      problems.push(`${j.jurisdictionId}: unit code ${j.unitCode} is not V1V2V3.Z1Z2.Y1Y2.MX1X2`);
  }

  for (const c of data.centers) {
    const j = jurisdictions.get(c.jurisdictionId);
    if (!j) problems.push(`${c.centerId}: unknown jurisdiction ${c.jurisdictionId}`);
    else if (!within(c, j)) problems.push(`${c.centerId}: valid outside its jurisdiction`);
    if (c.unitCodes.length === 0) problems.push(`${c.centerId}: has no unit code`);
    c.unitCodes.forEach((code, i) => {
      if (!isUnitCode(code.value)) problems.push(`${c.centerId}: unit code ${code.value} is malformed`);
      if (!within(code, c)) problems.push(`${c.centerId}: unit code ${code.value} valid outside the center`);
      if (c.unitCodes.slice(0, i).some((other) => overlaps(other, code)))
        problems.push(`${c.centerId}: two unit codes at once`);
    });
    const province = j && rootOf(j.jurisdictionId, jurisdictions);
    const provinceLevel1 = province?.unitCode && level1Of(province.unitCode);
    if (provinceLevel1 && c.unitCodes.some((code) => level1Of(code.value) !== provinceLevel1))
      problems.push(`${c.centerId}: unit code outside its province ${provinceLevel1}`);
  }

  const centers = new Map(data.centers.map((c) => [c.centerId, c]));
  for (const d of data.departments) {
    const c = centers.get(d.centerId);
    if (!c) problems.push(`${d.departmentId}: unknown center ${d.centerId}`);
    else if (!within(d, c)) problems.push(`${d.departmentId}: valid outside its center`);
    if (d.departmentId !== `${d.centerId}.${d.kind}`)
      problems.push(`${d.departmentId}: a department id is <centerId>.<kind>`);
  }
  for (const a of data.agencies) {
    if (!centers.has(a.centerId)) problems.push(`${a.agencyId}: unknown center ${a.centerId}`);
    const j = jurisdictions.get(a.jurisdictionId);
    if (!j) problems.push(`${a.agencyId}: unknown jurisdiction ${a.jurisdictionId}`);
    else if (!within(a, j)) problems.push(`${a.agencyId}: valid outside its jurisdiction`);
  }
  problems.push(...predecessorProblems(data));
  return problems;
}

/** A predecessor must exist and have ended before its successor starts (history is append-only). */
function predecessorProblems(data: OrganisationData): string[] {
  const problems: string[] = [];
  const check = (id: string, r: Validity & { predecessorIds?: string[] }, of: Map<string, Validity>) => {
    for (const p of r.predecessorIds ?? []) {
      const pred = of.get(p);
      if (!pred) problems.push(`${id}: unknown predecessor ${p}`);
      else if (pred.validTo === undefined || pred.validTo >= r.validFrom)
        problems.push(`${id}: predecessor ${p} has not ended before ${r.validFrom}`);
    }
  };
  const jurisdictions = new Map<string, Validity>(data.jurisdictions.map((j) => [j.jurisdictionId, j]));
  const centers = new Map<string, Validity>(data.centers.map((c) => [c.centerId, c]));
  for (const j of data.jurisdictions) check(j.jurisdictionId, j, jurisdictions);
  for (const c of data.centers) check(c.centerId, c, centers);
  return problems;
}

function rootOf(
  id: string,
  all: Map<string, { parentId?: string; unitCode?: string; jurisdictionId: string }>,
) {
  let node = all.get(id);
  for (let guard = 0; node?.parentId !== undefined && guard < 10; guard++) node = all.get(node.parentId);
  return node;
}
