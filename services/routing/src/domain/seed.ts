import type { Procedure } from './catalogue.js';

/** Departments of the Huế city center that the seeded workflows name. */
export const DEPARTMENTS = [
  { departmentId: 'hue-city.finance-planning', name: 'Phòng Tài chính – Kế hoạch', centerId: 'hue-city' },
  { departmentId: 'hue-city.leadership', name: 'Lãnh đạo UBND thành phố Huế', centerId: 'hue-city' },
] as const;

/**
 * The walking skeleton's procedure. The full catalogue (20+ procedures) comes with the lifecycle
 * work; this one is real: 3 working days (Decree 01/2021 Art 87).
 */
export const HOUSEHOLD_BUSINESS_REGISTRATION: Procedure = {
  code: '2.000575',
  version: 1,
  name: 'Đăng ký thành lập hộ kinh doanh',
  fieldCode: 'H57-TCKH',
  legalTimeLimit: { value: 3, unit: 'working_days' },
  workflow: [
    {
      stepId: 'appraise',
      name: 'Thụ lý, thẩm định hồ sơ',
      departmentId: 'hue-city.finance-planning',
      departmentName: 'Phòng Tài chính – Kế hoạch',
      role: 'department_officer',
      allottedWorkingHours: 16,
    },
    {
      stepId: 'sign',
      name: 'Ký duyệt, cấp giấy chứng nhận',
      departmentId: 'hue-city.leadership',
      departmentName: 'Lãnh đạo UBND thành phố Huế',
      role: 'district_leader',
      allottedWorkingHours: 4,
    },
  ],
  unverified: ['procedure code 2.000575 in the national database', 'field code H57-TCKH'],
};

export const SEED_PROCEDURES: Procedure[] = [HOUSEHOLD_BUSINESS_REGISTRATION];
