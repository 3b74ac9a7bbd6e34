/**
 * The organisation as data: jurisdictions, the centers serving them, the departments behind each
 * center and the outside agencies of interconnected procedures. Every record carries a validity
 * period, so a reorganisation adds records and end-dates old ones instead of rewriting them.
 */

/** A calendar day in Vietnam, `YYYY-MM-DD`. */
export type Day = string;

/** Inclusive on both ends; no `validTo` = still valid as far as the data knows. */
export interface Validity {
  validFrom: Day;
  validTo?: Day;
}

/** Facts nobody here could confirm are listed, not hidden (domain brief: make them data). */
export interface Provenance {
  unverified?: string[];
  /** Where the facts come from (a law, a news report); `[V]` primary, `[S]` secondary. */
  sources?: string[];
}

export type JurisdictionLevel = 'province' | 'district' | 'commune';

export interface Jurisdiction extends Validity, Provenance {
  /** Dotted path of slugs, e.g. `thua-thien-hue.hue-city.phu-hoi`; never reused. */
  jurisdictionId: string;
  level: JurisdictionLevel;
  /** The Vietnamese kind as written in names: tỉnh, thành phố, thị xã, huyện, phường, xã, thị trấn. */
  kind: string;
  name: string;
  /** Absent for a province; a province (two-tier, from 2025-07-01) or a district for a commune. */
  parentId?: string;
  /** The People's Committee's identifier code (Circular 10/2016/TT-BTTTT), when known. */
  unitCode?: string;
  /** Nodes this one replaced in a reorganisation. */
  predecessorIds?: string[];
}

/** A value that changed over time, e.g. a center's unit code after a re-coding. */
export interface Dated<T> extends Validity {
  value: T;
}

export interface Center extends Validity, Provenance {
  centerId: string;
  name: string;
  jurisdictionId: string;
  /** The receiving unit's identifier code printed in dossier codes, by period. */
  unitCodes: Dated<string>[];
  /** Centers whose area this one took over in a reorganisation (several when an area was split). */
  predecessorIds?: string[];
}

/** Specialist departments (phòng chuyên môn) and the leadership who sign. */
export type DepartmentKind =
  | 'justice'
  | 'finance-planning'
  | 'natural-resources'
  | 'labour-social'
  | 'urban-management'
  | 'economy-infrastructure'
  | 'leadership';

/** Outside agencies that take part in interconnected procedures. */
export type AgencyKind =
  | 'land-registration-branch'
  | 'tax-sub-department'
  | 'police'
  | 'social-insurance'
  | 'commune-people-committee';

/** What a workflow step names; resolved per center to a department or agency id. */
export type UnitKind = DepartmentKind | AgencyKind;

export interface Department extends Validity, Provenance {
  /** `<centerId>.<kind>`, e.g. `hue-city.justice`. */
  departmentId: string;
  centerId: string;
  kind: DepartmentKind;
  name: string;
}

export interface Agency extends Validity, Provenance {
  agencyId: string;
  kind: AgencyKind;
  name: string;
  /** The jurisdiction the agency serves (a district for a branch, a commune for its People's Committee). */
  jurisdictionId: string;
  /** The center whose dossiers it takes part in. */
  centerId: string;
}

export interface OrganisationData {
  jurisdictions: Jurisdiction[];
  centers: Center[];
  departments: Department[];
  agencies: Agency[];
  /** Lists that are samples, not complete (e.g. communes). */
  partial?: string[];
}
