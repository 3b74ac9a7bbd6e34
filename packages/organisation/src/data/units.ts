import type { Agency, AgencyKind, Center, Department, DepartmentKind } from '../types.js';
import {
  DATA_START,
  DISTRICTS,
  type DistrictSeed,
  districtUnitCode,
  inlineNameOf,
  PROVINCE_ID,
} from './thua-thien-hue.js';

/** One center per district-level unit; the receiving unit code is the district People's Committee's. */
export function centers(): Center[] {
  return DISTRICTS.map((d) => ({
    centerId: d.slug,
    name: `Trung tâm Hành chính công ${inlineNameOf(d)}`,
    jurisdictionId: `${PROVINCE_ID}.${d.slug}`,
    unitCodes: [{ value: districtUnitCode(d), validFrom: DATA_START }],
    validFrom: DATA_START,
    unverified: [
      'that the center receives under the district People’s Committee’s code',
      'unit code digits',
      'center name',
    ],
  }));
}

/**
 * Decree 37/2014: a city or town (thành phố, thị xã) has a Phòng Quản lý đô thị, a rural district
 * (huyện) a Phòng Kinh tế và Hạ tầng; both handle construction, so steps may name either kind.
 */
const isUrban = (d: DistrictSeed) => d.kind !== 'huyện';

const DEPARTMENT_NAMES: Record<Exclude<DepartmentKind, 'leadership'>, string> = {
  justice: 'Phòng Tư pháp',
  'finance-planning': 'Phòng Tài chính – Kế hoạch',
  'natural-resources': 'Phòng Tài nguyên và Môi trường',
  'labour-social': 'Phòng Lao động – Thương binh và Xã hội',
  'urban-management': 'Phòng Quản lý đô thị',
  'economy-infrastructure': 'Phòng Kinh tế và Hạ tầng',
};

export function departments(): Department[] {
  return DISTRICTS.flatMap((d) => {
    const kinds: Exclude<DepartmentKind, 'leadership'>[] = [
      'justice',
      'finance-planning',
      'natural-resources',
      'labour-social',
      isUrban(d) ? 'urban-management' : 'economy-infrastructure',
    ];
    const specialist = kinds.map(
      (kind): Department => ({
        departmentId: `${d.slug}.${kind}`,
        centerId: d.slug,
        kind,
        name: DEPARTMENT_NAMES[kind],
        validFrom: DATA_START,
      }),
    );
    const leadership: Department = {
      departmentId: `${d.slug}.leadership`,
      centerId: d.slug,
      kind: 'leadership',
      name: `Lãnh đạo UBND ${inlineNameOf(d)}`,
      validFrom: DATA_START,
    };
    return [...specialist, leadership];
  });
}

const AGENCY_NAMES: Record<Exclude<AgencyKind, 'commune-people-committee'>, string> = {
  'land-registration-branch': 'Chi nhánh Văn phòng Đăng ký đất đai',
  'tax-sub-department': 'Chi cục Thuế',
  police: 'Công an',
  'social-insurance': 'Bảo hiểm xã hội',
};

const AGENCY_DOUBTS: Partial<Record<AgencyKind, string>> = {
  'tax-sub-department':
    'may have been a regional sub-department (Chi cục Thuế khu vực) serving several districts',
  police: 'permanent residence moved to commune police under the Law on Residence 2020 (from 2021-07-01)',
};

/** The outside agencies each center's interconnected procedures involve. */
export function agencies(): Agency[] {
  return DISTRICTS.flatMap((d) => {
    const district = `${PROVINCE_ID}.${d.slug}`;
    const kinds = Object.keys(AGENCY_NAMES) as (keyof typeof AGENCY_NAMES)[];
    const branches = kinds.map(
      (kind): Agency => ({
        agencyId: `${d.slug}.${kind}`,
        kind,
        name: `${AGENCY_NAMES[kind]} ${inlineNameOf(d)}`,
        jurisdictionId: district,
        centerId: d.slug,
        validFrom: DATA_START,
        ...(AGENCY_DOUBTS[kind] ? { unverified: [AGENCY_DOUBTS[kind]] } : {}),
      }),
    );
    const communes = d.communes.map(
      ([slug, kind, name]): Agency => ({
        agencyId: `${d.slug}.commune.${slug}`,
        kind: 'commune-people-committee',
        name: `UBND ${kind} ${name}`,
        jurisdictionId: `${district}.${slug}`,
        centerId: d.slug,
        validFrom: DATA_START,
      }),
    );
    return [...branches, ...communes];
  });
}
