// Public API of @motcua/organisation: jurisdictions, centers, departments and agencies as dated data.
export {
  CITY_CENTER_ID,
  CITY_ID,
  COMMUNES_2025,
  DATA_START,
  HUE_2018,
  HUE_HISTORY,
  PROVINCE_ID,
  SOURCES,
  TWO_TIER_2025,
  TWO_TIER_FROM,
  WITHOUT_SUCCESSOR,
} from './data/index.js';
export {
  type AsOf,
  createDirectory,
  type Directory,
  EQUIVALENT_KINDS,
  type ResolvedUnit,
  type Unit,
} from './directory.js';
export { type Reorganisation, reorganise } from './reorganise.js';
export type * from './types.js';
export { isUnitCode, level1Of, parseUnitCode, type UnitCodeParts } from './unit-code.js';
export { validateOrganisation } from './validate.js';
export { dayBefore, dayOf, isDay, isValidOn } from './validity.js';

import { HUE_2018, HUE_HISTORY } from './data/index.js';
import { createDirectory } from './directory.js';
import type { OrganisationData } from './types.js';

/**
 * Which data the services run with: `hue` (default) is the whole history, today's two-tier city
 * included; `hue-2018` is the 2018 organisation never reorganised — the fixture the tests written
 * before 2025's data run on (their dossiers are received "today" at the 2018 centers).
 */
export const ORGANISATIONS: Readonly<Record<string, OrganisationData>> = {
  hue: HUE_HISTORY,
  'hue-2018': HUE_2018,
};

// Browsers have no `process`: the web bundle takes the default.
const chosen = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env
  ?.MOTCUA_ORGANISATION;
if (chosen && !ORGANISATIONS[chosen]) {
  throw new Error(
    `MOTCUA_ORGANISATION=${chosen}: không có dữ liệu tổ chức này / no such organisation data (${Object.keys(ORGANISATIONS).join(', ')})`,
  );
}

/** The name of the data chosen (a key of ORGANISATIONS). */
export const ORGANISATION_NAME = chosen ?? 'hue';

/** The organisation the services run with (the demo data until an administrator's data replaces it). */
export const ORGANISATION = createDirectory(ORGANISATIONS[ORGANISATION_NAME]!);
