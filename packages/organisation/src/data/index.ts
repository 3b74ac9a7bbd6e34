import { reorganise } from '../reorganise.js';
import type { OrganisationData } from '../types.js';
import { TWO_TIER_2025 } from './hue-2025.js';
import { jurisdictions } from './thua-thien-hue.js';
import { agencies, centers, departments } from './units.js';

export {
  CITY_CENTER_ID,
  CITY_ID,
  COMMUNES_2025,
  SOURCES,
  TWO_TIER_2025,
  TWO_TIER_FROM,
  WITHOUT_SUCCESSOR,
} from './hue-2025.js';
export { DATA_START, PROVINCE_ID } from './thua-thien-hue.js';

/** The demo organisation: Thừa Thiên Huế in 2018 (domain brief §1). */
export const HUE_2018: OrganisationData = {
  jurisdictions: jurisdictions(),
  centers: centers(),
  departments: departments(),
  agencies: agencies(),
  partial: [
    'communes: a few per district, not all of them (Huế city alone had 27 wards in 2018)',
    'agencies: the outside agencies of the seeded procedures only',
  ],
};

/**
 * Huế's whole history: 2018 as it was (end-dated 2025-06-30) and the two-tier city from 2025-07-01.
 * Lookups as of a day before the switch answer exactly as HUE_2018 does.
 */
export const HUE_HISTORY: OrganisationData = (() => {
  const next = reorganise(HUE_2018, TWO_TIER_2025);
  return {
    ...next,
    partial: [
      ...(HUE_2018.partial ?? []),
      'communes from 2025-07-01: all 40 (NQ 1675’s text unread); 20 succeed only a 2018 district area, their ' +
        '2018 communes not being in the data; most links are secondary or recalled (see each unit’s `unverified`)',
    ],
  };
})();
