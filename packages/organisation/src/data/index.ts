import type { OrganisationData } from '../types.js';
import { jurisdictions } from './thua-thien-hue.js';
import { agencies, centers, departments } from './units.js';

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
