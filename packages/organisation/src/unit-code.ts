/**
 * Unit identifier codes of Circular 10/2016/TT-BTTTT (QCVN 102:2016/BTTTT): `V1V2V3.Z1Z2.Y1Y2.MX1X2`,
 * level 1 (MX1X2, e.g. H57 for the province) last, each lower level to its left, zeros for unused levels.
 * The structure is from the law (Circular 01/2018 Art 19 quotes it); the digits in the data are not.
 */
const UNIT_CODE_RE = /^(\d{3})\.(\d{2})\.(\d{2})\.([A-Z]\d{2})$/;

export interface UnitCodeParts {
  level4: string;
  level3: string;
  level2: string;
  level1: string;
}

export function parseUnitCode(code: string): UnitCodeParts | undefined {
  const m = UNIT_CODE_RE.exec(code);
  if (!m) return undefined;
  return { level4: m[1]!, level3: m[2]!, level2: m[3]!, level1: m[4]! };
}

export function isUnitCode(code: string): boolean {
  return parseUnitCode(code) !== undefined;
}

/** `MX1X2`, the level-1 unit: the first half of a field code (`MX1X2-LV`, Circular 01/2018 Art 20). */
export function level1Of(code: string): string | undefined {
  return parseUnitCode(code)?.level1;
}
