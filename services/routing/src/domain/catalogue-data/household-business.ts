import type { Procedure } from '../catalogue.js';
import { BOUNDARY_FREE_DOUBT, HUE_BOUNDARY_FREE_DEMO } from './boundary-free.js';
import { CONDENSED_DOCUMENTS, doc, FEE_BY_PROVINCE, ONLINE_LEVEL, RECALLED_CODE, step } from './build.js';

// Decree 01/2021/NĐ-CP Arts 87–92: household business registration, 3 working days.
const BASIS = ['Nghị định 01/2021/NĐ-CP về đăng ký doanh nghiệp', 'Thông tư 01/2021/TT-BKHĐT'];
const common = {
  version: 1,
  fieldCode: 'H57-HKD',
  levels: ['district' as const],
  legalTimeLimit: { value: 3, unit: 'working_days' as const },
  cutoffApplies: false,
  clockExclusions: [],
  onlineService: { level: 'L4' as const, decree42: 'full' as const },
  legalBasis: BASIS,
  effectiveFrom: '2021-03-01',
};
const ownerId = doc('Bản sao giấy tờ pháp lý của cá nhân (chủ hộ, thành viên hộ gia đình)', 'copy');

/** The walking skeleton's procedure: tests and demo data depend on its code and workflow. */
export const HOUSEHOLD_BUSINESS_REGISTRATION: Procedure = {
  ...common,
  code: '2.000575',
  name: 'Đăng ký thành lập hộ kinh doanh',
  keywords: ['đăng ký hộ kinh doanh', 'giấy phép kinh doanh hộ cá thể'],
  fees: [{ name: 'Lệ phí đăng ký hộ kinh doanh', amountVnd: 'varies', note: FEE_BY_PROVINCE }],
  requiredDocuments: [
    doc('Giấy đề nghị đăng ký hộ kinh doanh', 'original', {
      template: 'Phụ lục III-1, Thông tư 01/2021/TT-BKHĐT',
    }),
    ownerId,
    doc('Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh', 'copy', {
      conditional: 'khi các thành viên hộ gia đình cùng đăng ký hộ kinh doanh',
    }),
    doc('Bản sao hợp đồng thuê, mượn địa điểm kinh doanh', 'copy', {
      conditional: 'khi thuê, mượn địa điểm',
    }),
  ],
  result: { name: 'Giấy chứng nhận đăng ký hộ kinh doanh', types: ['paper', 'electronic'] },
  workflow: [
    step('appraise', 'Thụ lý, thẩm định hồ sơ', 'finance-planning', 'department_officer', 16),
    step('sign', 'Ký duyệt, cấp giấy chứng nhận', 'leadership', 'district_leader', 4),
  ],
  boundaryFree: HUE_BOUNDARY_FREE_DEMO,
  unverified: [
    BOUNDARY_FREE_DOUBT,
    'procedure code 2.000575: other lists give it to "Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh" and 1.001612 to this procedure; kept because dossiers and tests use it',
    'field code H57-HKD',
    CONDENSED_DOCUMENTS,
    ONLINE_LEVEL,
  ],
};

const change: Procedure = {
  ...common,
  code: '2.000720',
  name: 'Đăng ký thay đổi nội dung đăng ký hộ kinh doanh',
  fees: [{ name: 'Lệ phí đăng ký thay đổi', amountVnd: 'varies', note: FEE_BY_PROVINCE }],
  requiredDocuments: [
    doc('Thông báo thay đổi nội dung đăng ký hộ kinh doanh', 'original', {
      template: 'Phụ lục III-2, Thông tư 01/2021/TT-BKHĐT',
    }),
    ownerId,
    doc('Biên bản họp thành viên hộ gia đình về việc thay đổi', 'copy', { conditional: 'khi đổi chủ hộ' }),
  ],
  result: { name: 'Giấy chứng nhận đăng ký hộ kinh doanh (thay đổi)', types: ['paper', 'electronic'] },
  workflow: [
    step('appraise', 'Thụ lý, thẩm định hồ sơ', 'finance-planning', 'department_officer', 16),
    step('sign', 'Ký duyệt, cấp giấy chứng nhận', 'leadership', 'district_leader', 4),
  ],
  unverified: [RECALLED_CODE, CONDENSED_DOCUMENTS, ONLINE_LEVEL],
};

const suspend: Procedure = {
  ...common,
  code: '1.001570',
  name: 'Tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo của hộ kinh doanh',
  fees: [{ name: 'Không thu phí, lệ phí', amountVnd: 'free' }],
  requiredDocuments: [
    doc('Thông báo tạm ngừng / tiếp tục kinh doanh', 'original', {
      template: 'Phụ lục III-3, Thông tư 01/2021/TT-BKHĐT',
    }),
  ],
  result: { name: 'Giấy xác nhận về việc hộ kinh doanh đăng ký tạm ngừng kinh doanh', types: ['paper'] },
  workflow: [
    step('appraise', 'Thụ lý, thẩm định hồ sơ', 'finance-planning', 'department_officer', 12),
    step('sign', 'Ký giấy xác nhận', 'finance-planning', 'department_head', 4),
  ],
  unverified: [RECALLED_CODE, 'that the fee is nil', 'that the department head signs', CONDENSED_DOCUMENTS],
};

const close: Procedure = {
  ...common,
  code: '1.001266',
  name: 'Chấm dứt hoạt động hộ kinh doanh',
  keywords: ['đóng cửa hộ kinh doanh', 'giải thể hộ kinh doanh'],
  fees: [{ name: 'Không thu phí, lệ phí', amountVnd: 'free' }],
  requiredDocuments: [
    doc('Thông báo chấm dứt hoạt động hộ kinh doanh', 'original', {
      template: 'Phụ lục III-4, Thông tư 01/2021/TT-BKHĐT',
    }),
    doc('Thông báo của cơ quan thuế về việc hoàn thành nghĩa vụ thuế', 'copy'),
    doc('Bản gốc Giấy chứng nhận đăng ký hộ kinh doanh', 'original'),
  ],
  result: { name: 'Thông báo về việc chấm dứt hoạt động hộ kinh doanh', types: ['paper'] },
  workflow: [
    step('appraise', 'Thụ lý, thẩm định hồ sơ', 'finance-planning', 'department_officer', 12),
    step('sign', 'Ký thông báo', 'finance-planning', 'department_head', 4),
  ],
  unverified: [RECALLED_CODE, 'form numbers (Phụ lục III-x)', 'that the fee is nil', CONDENSED_DOCUMENTS],
};

export const HOUSEHOLD_BUSINESS: Procedure[] = [HOUSEHOLD_BUSINESS_REGISTRATION, change, suspend, close];
