import { DATA_START, ORGANISATION } from '@motcua/organisation';
import type { Procedure } from './catalogue.js';
import { CONSTRUCTION_PROCEDURES } from './catalogue-data/construction.js';
import { HOUSEHOLD_BUSINESS, HOUSEHOLD_BUSINESS_REGISTRATION } from './catalogue-data/household-business.js';
import { CERTIFICATION_PROCEDURES, CIVIL_STATUS_PROCEDURES } from './catalogue-data/justice.js';
import { LABOUR_SOCIAL_PROCEDURES } from './catalogue-data/labour-social.js';
import { LAND_PROCEDURES } from './catalogue-data/land.js';

export { DEFAULT_CENTER_ID } from './catalogue-data/build.js';
export { FIELDS } from './catalogue-data/fields.js';
export { PROCEDURE_GROUPS } from './catalogue-data/groups.js';
export { HOUSEHOLD_BUSINESS_REGISTRATION };

/** Every department and agency the organisation knows (their ids are what workflows name). */
export const DEPARTMENTS = [
  ...ORGANISATION.data.departments.map((d) => ({
    departmentId: d.departmentId,
    name: d.name,
    centerId: d.centerId,
  })),
  ...ORGANISATION.data.agencies.map((a) => ({
    departmentId: a.agencyId,
    name: a.name,
    centerId: a.centerId,
  })),
];

/** The district-level catalogue (domain brief §10), workflows resolved at DEFAULT_CENTER_ID. */
export const SEED_PROCEDURES: Procedure[] = [
  ...CIVIL_STATUS_PROCEDURES,
  ...CERTIFICATION_PROCEDURES,
  ...HOUSEHOLD_BUSINESS,
  ...CONSTRUCTION_PROCEDURES,
  ...LAND_PROCEDURES,
  ...LABOUR_SOCIAL_PROCEDURES,
];

/** The day seeded workflows are resolved and validated on. */
export const SEED_AS_OF = DATA_START;
