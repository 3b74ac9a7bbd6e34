// Public API of @motcua/organisation: jurisdictions, centers, departments and agencies as dated data.
export { DATA_START, HUE_2018, PROVINCE_ID } from './data/index.js';
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

import { HUE_2018 } from './data/index.js';
import { createDirectory } from './directory.js';

/** The organisation the services run with (the demo data until an administrator's data replaces it). */
export const ORGANISATION = createDirectory(HUE_2018);
