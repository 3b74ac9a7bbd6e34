import type { Procedure } from '../catalogue.js';
import { CONDENSED_DOCUMENTS, doc, FEE_BY_PROVINCE, PLACEHOLDER_CODE, step } from './build.js';

// Law on Construction 2014 Art 102 (amended 2020): 15 days for a private house. The step kind is
// urban-management; rural districts resolve it to their Phòng Kinh tế và Hạ tầng.
const common = {
  version: 1,
  fieldCode: 'H57-XD',
  levels: ['district' as const],
  cutoffApplies: false,
  clockExclusions: [],
  fees: [{ name: 'Lệ phí cấp giấy phép xây dựng', amountVnd: 'varies' as const, note: FEE_BY_PROVINCE }],
  result: { name: 'Giấy phép xây dựng', types: ['paper' as const] },
  onlineService: { level: 'L3' as const, decree42: 'partial' as const },
  legalBasis: ['Luật Xây dựng 2014, sửa đổi 2020 (Điều 102)', 'Nghị định 15/2021/NĐ-CP'],
};
const DOUBTS = [
  PLACEHOLDER_CODE,
  '"15 ngày" read as calendar days; allotments are checked against 10 working days (minWorkingDaysIn)',
  CONDENSED_DOCUMENTS,
];
const permitSteps = [
  step('appraise', 'Thẩm định hồ sơ, kiểm tra thực địa', 'urban-management', 'department_officer', 48),
  step('review', 'Trưởng phòng xem xét, trình ký', 'urban-management', 'department_head', 8),
  step('sign', 'Lãnh đạo UBND cấp huyện ký giấy phép', 'leadership', 'district_leader', 16),
];
const drawings = doc('Bản vẽ thiết kế xây dựng', 'copy', { count: 2 });
const landTitle = doc('Bản sao giấy tờ chứng minh quyền sử dụng đất', 'certified_copy');

const newHouse: Procedure = {
  ...common,
  code: '9.000101',
  name: 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ',
  keywords: ['xin phép xây nhà', 'giấy phép xây dựng nhà ở'],
  legalTimeLimit: { value: 15, unit: 'calendar_days' },
  extensions: [{ when: 'consultation', value: 10, unit: 'calendar_days' }],
  requiredDocuments: [
    doc('Đơn đề nghị cấp giấy phép xây dựng', 'original', {
      template: 'Mẫu số 01 Phụ lục II Nghị định 15/2021/NĐ-CP',
    }),
    landTitle,
    drawings,
  ],
  workflow: permitSteps,
  unverified: [...DOUBTS, 'the 10-day extension when more review is needed'],
};

const renovation: Procedure = {
  ...common,
  code: '9.000102',
  name: 'Cấp giấy phép sửa chữa, cải tạo đối với nhà ở riêng lẻ',
  legalTimeLimit: { value: 15, unit: 'calendar_days' },
  requiredDocuments: [
    doc('Đơn đề nghị cấp giấy phép sửa chữa, cải tạo', 'original', {
      template: 'Mẫu số 01 Phụ lục II Nghị định 15/2021/NĐ-CP',
    }),
    landTitle,
    doc('Ảnh chụp hiện trạng công trình', 'original'),
    drawings,
  ],
  workflow: permitSteps,
  unverified: DOUBTS,
};

const extension: Procedure = {
  ...common,
  code: '9.000103',
  name: 'Gia hạn giấy phép xây dựng đối với nhà ở riêng lẻ',
  legalTimeLimit: { value: 5, unit: 'working_days' },
  fees: [{ name: 'Lệ phí gia hạn giấy phép xây dựng', amountVnd: 'varies', note: FEE_BY_PROVINCE }],
  requiredDocuments: [
    doc('Đơn đề nghị gia hạn giấy phép xây dựng', 'original'),
    doc('Bản chính giấy phép xây dựng đã được cấp', 'original'),
  ],
  result: { name: 'Giấy phép xây dựng đã gia hạn', types: ['paper'] },
  workflow: [
    step('appraise', 'Thẩm định hồ sơ', 'urban-management', 'department_officer', 24),
    step('sign', 'Lãnh đạo UBND cấp huyện ký', 'leadership', 'district_leader', 8),
  ],
  unverified: [PLACEHOLDER_CODE, 'limit 5 working days (not in the brief)', CONDENSED_DOCUMENTS],
};

export const CONSTRUCTION_PROCEDURES: Procedure[] = [newHouse, renovation, extension];
