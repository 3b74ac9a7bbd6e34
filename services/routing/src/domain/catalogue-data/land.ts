import type { Procedure } from '../catalogue.js';
import { CONDENSED_DOCUMENTS, doc, FEE_BY_PROVINCE, PLACEHOLDER_CODE, step } from './build.js';

// Land Law 2013; Decree 43/2014 Art 61 (amended by Decree 01/2017): the limits leave out days off and
// holidays — hence working days — and the applicant's financial obligations, the commune's reception,
// handling of violations and expert assessment. Center → land registration branch → tax → applicant
// pays → result (domain brief §8).
const BASIS = [
  'Luật Đất đai 2013',
  'Nghị định 43/2014/NĐ-CP, sửa đổi bởi Nghị định 01/2017/NĐ-CP',
  'Thông tư 24/2014/TT-BTNMT',
];
const UNIT_DOUBT =
  'limits read as working days: Decree 43/2014 Art 61 as amended leaves out days off (recalled)';
const DOUBTS = [PLACEHOLDER_CODE, UNIT_DOUBT, CONDENSED_DOCUMENTS];
const common = {
  version: 1,
  fieldCode: 'H57-DD',
  levels: ['district' as const],
  cutoffApplies: false,
  legalBasis: BASIS,
  onlineService: { level: 'L2' as const },
};
const certificateFees = [
  { name: 'Lệ phí cấp Giấy chứng nhận', amountVnd: 'varies' as const, note: FEE_BY_PROVINCE },
  { name: 'Phí thẩm định hồ sơ', amountVnd: 'varies' as const, note: FEE_BY_PROVINCE },
];
const CERTIFICATE = 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất';
const certificate = doc('Giấy chứng nhận đã cấp', 'original');
const taxStep = (hours: number, stage?: number) =>
  step(
    'tax',
    'Xác định nghĩa vụ tài chính, ra thông báo',
    'tax-sub-department',
    'department_officer',
    hours,
    {
      clockPausedAfter: 'financial_obligation',
      ...(stage === undefined ? {} : { stage }),
    },
  );

const firstRegistration: Procedure = {
  ...common,
  code: '9.000201',
  name: `Đăng ký đất đai, cấp ${CERTIFICATE} lần đầu`,
  keywords: ['cấp sổ đỏ lần đầu', 'sổ hồng', 'làm sổ đỏ'],
  legalTimeLimit: { value: 30, unit: 'working_days' },
  clockExclusions: ['financial_obligation', 'commune_reception', 'violation_handling', 'expert_assessment'],
  fees: certificateFees,
  requiredDocuments: [
    doc('Đơn đăng ký, cấp Giấy chứng nhận', 'original', {
      template: 'Mẫu số 04a/ĐK, Thông tư 24/2014/TT-BTNMT',
    }),
    doc('Giấy tờ về quyền sử dụng đất (Điều 100 Luật Đất đai 2013)', 'certified_copy', {
      conditional: 'khi có',
    }),
    doc('Giấy tờ về tài sản gắn liền với đất', 'certified_copy', { conditional: 'khi đăng ký tài sản' }),
    doc('Chứng từ thực hiện nghĩa vụ tài chính; giấy tờ miễn, giảm', 'copy', { conditional: 'khi có' }),
  ],
  result: { name: CERTIFICATE, types: ['paper'] },
  // The tax office and Phòng TN&MT work in parallel once the branch has measured and checked.
  workflow: [
    step(
      'survey',
      'Kiểm tra hồ sơ, trích đo, xác minh hiện trạng',
      'land-registration-branch',
      'department_officer',
      88,
      { stage: 0 },
    ),
    taxStep(40, 1),
    step('appraise', 'Thẩm định, trình ký Giấy chứng nhận', 'natural-resources', 'department_officer', 40, {
      stage: 1,
    }),
    step('sign', 'Ký Giấy chứng nhận', 'leadership', 'district_leader', 24, { stage: 2 }),
    step(
      'record',
      'Cập nhật hồ sơ địa chính, chuyển kết quả',
      'land-registration-branch',
      'department_officer',
      24,
      { stage: 3 },
    ),
  ],
  unverified: DOUBTS,
};

const purposeChange: Procedure = {
  ...common,
  code: '9.000202',
  name: 'Chuyển mục đích sử dụng đất phải được phép của cơ quan nhà nước có thẩm quyền đối với hộ gia đình, cá nhân',
  keywords: ['chuyển đất nông nghiệp sang đất ở', 'lên thổ cư'],
  legalTimeLimit: { value: 15, unit: 'working_days' },
  clockExclusions: ['financial_obligation', 'violation_handling'],
  fees: certificateFees,
  requiredDocuments: [
    doc('Đơn xin chuyển mục đích sử dụng đất', 'original', {
      template: 'Mẫu số 01, Thông tư 30/2014/TT-BTNMT',
    }),
    certificate,
  ],
  result: { name: 'Quyết định cho phép chuyển mục đích sử dụng đất', types: ['paper'] },
  workflow: [
    step('appraise', 'Thẩm định nhu cầu, kiểm tra thực địa', 'natural-resources', 'department_officer', 48),
    step('decide', 'Quyết định cho phép chuyển mục đích', 'leadership', 'district_leader', 16),
    taxStep(24),
    step(
      'record',
      'Chỉnh lý hồ sơ địa chính, Giấy chứng nhận',
      'land-registration-branch',
      'department_officer',
      24,
    ),
  ],
  unverified: DOUBTS,
};

const transfer: Procedure = {
  ...common,
  code: '9.000203',
  name: 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do chuyển nhượng, tặng cho',
  keywords: ['sang tên sổ đỏ', 'mua bán đất', 'cho tặng đất'],
  legalTimeLimit: { value: 10, unit: 'working_days' },
  clockExclusions: ['financial_obligation', 'commune_reception'],
  fees: certificateFees,
  requiredDocuments: [
    doc('Đơn đăng ký biến động đất đai, tài sản gắn liền với đất', 'original', {
      template: 'Mẫu số 09/ĐK, Thông tư 24/2014/TT-BTNMT',
    }),
    doc('Hợp đồng chuyển nhượng, tặng cho đã công chứng hoặc chứng thực', 'original'),
    certificate,
    doc('Tờ khai lệ phí trước bạ; tờ khai thuế thu nhập cá nhân', 'original'),
  ],
  result: { name: `${CERTIFICATE} (xác nhận biến động)`, types: ['paper'] },
  workflow: [
    step(
      'appraise',
      'Kiểm tra hồ sơ, gửi thông tin địa chính cho cơ quan thuế',
      'land-registration-branch',
      'department_officer',
      24,
    ),
    taxStep(24),
    step(
      'record',
      'Xác nhận biến động, chỉnh lý hồ sơ địa chính',
      'land-registration-branch',
      'department_head',
      24,
    ),
  ],
  unverified: [
    PLACEHOLDER_CODE,
    'who signs in 2018 (the branch, by delegation of the provincial department)',
    CONDENSED_DOCUMENTS,
  ],
};

const allocation: Procedure = {
  ...common,
  code: '9.000204',
  name: 'Giao đất, cho thuê đất cho hộ gia đình, cá nhân không thông qua hình thức đấu giá quyền sử dụng đất',
  legalTimeLimit: { value: 20, unit: 'working_days' },
  clockExclusions: ['site_clearance', 'financial_obligation'],
  fees: certificateFees,
  requiredDocuments: [
    doc('Đơn xin giao đất, cho thuê đất', 'original', { template: 'Mẫu số 01, Thông tư 30/2014/TT-BTNMT' }),
    doc('Trích lục bản đồ địa chính thửa đất', 'copy'),
  ],
  result: { name: 'Quyết định giao đất, cho thuê đất', types: ['paper'] },
  workflow: [
    step('appraise', 'Thẩm định, lập tờ trình', 'natural-resources', 'department_officer', 72),
    step('decide', 'Quyết định giao đất, cho thuê đất', 'leadership', 'district_leader', 24),
    taxStep(24),
    step(
      'record',
      'Bàn giao đất trên thực địa, cập nhật hồ sơ địa chính',
      'land-registration-branch',
      'department_officer',
      32,
    ),
  ],
  unverified: DOUBTS,
};

const dispute: Procedure = {
  ...common,
  code: '9.000205',
  name: 'Giải quyết tranh chấp đất đai thuộc thẩm quyền của Chủ tịch Ủy ban nhân dân cấp huyện',
  legalTimeLimit: { value: 45, unit: 'working_days' },
  clockExclusions: [],
  fees: [{ name: 'Không thu phí, lệ phí', amountVnd: 'free' }],
  requiredDocuments: [
    doc('Đơn yêu cầu giải quyết tranh chấp đất đai', 'original'),
    doc('Biên bản hòa giải tại UBND cấp xã', 'original'),
    doc('Giấy tờ, tài liệu liên quan đến tranh chấp', 'copy'),
  ],
  result: { name: 'Quyết định giải quyết tranh chấp đất đai', types: ['paper'] },
  workflow: [
    step('verify', 'Thẩm tra, xác minh, tổ chức đối thoại', 'natural-resources', 'department_officer', 240),
    step('report', 'Báo cáo, dự thảo quyết định', 'natural-resources', 'department_head', 40),
    step('decide', 'Chủ tịch UBND cấp huyện ban hành quyết định', 'leadership', 'district_leader', 40),
  ],
  unverified: DOUBTS,
};

// Secured transactions (Decree 102/2017): the same day, after 15:00 the next working day.
const security = {
  ...common,
  fieldCode: 'H57-DKBD',
  legalTimeLimit: { value: 1, unit: 'same_day' as const },
  extensions: [{ when: 'heavy_workload' as const, value: 3, unit: 'working_days' as const }],
  cutoffApplies: true,
  clockExclusions: [],
  legalBasis: ['Nghị định 102/2017/NĐ-CP về đăng ký biện pháp bảo đảm', 'Thông tư 07/2019/TT-BTP'],
  workflow: [
    step('register', 'Kiểm tra, ghi nội dung đăng ký', 'land-registration-branch', 'department_officer', 6),
    step('sign', 'Ký chứng nhận đăng ký', 'land-registration-branch', 'department_head', 2),
  ],
};
const SECURITY_DOUBTS = [
  PLACEHOLDER_CODE,
  'the up-to-3-working-days extension',
  'fee amounts',
  CONDENSED_DOCUMENTS,
];

const mortgage: Procedure = {
  ...security,
  code: '9.000206',
  name: 'Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất',
  keywords: ['thế chấp sổ đỏ', 'vay ngân hàng'],
  fees: [{ name: 'Lệ phí đăng ký thế chấp', amountVnd: 'varies', note: FEE_BY_PROVINCE }],
  requiredDocuments: [
    doc('Phiếu yêu cầu đăng ký thế chấp', 'original', {
      template: 'Mẫu số 01/ĐKTC, Thông tư 07/2019/TT-BTP',
    }),
    doc('Hợp đồng thế chấp đã công chứng hoặc chứng thực', 'original'),
    certificate,
  ],
  result: { name: 'Giấy chứng nhận có xác nhận nội dung đăng ký thế chấp', types: ['paper'] },
  unverified: SECURITY_DOUBTS,
};

const mortgageRelease: Procedure = {
  ...security,
  code: '9.000207',
  name: 'Xóa đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất',
  keywords: ['giải chấp sổ đỏ'],
  fees: [{ name: 'Lệ phí xóa đăng ký thế chấp', amountVnd: 'varies', note: FEE_BY_PROVINCE }],
  requiredDocuments: [
    doc('Phiếu yêu cầu xóa đăng ký', 'original', { template: 'Mẫu số 03/XĐK, Thông tư 07/2019/TT-BTP' }),
    certificate,
  ],
  result: { name: 'Giấy chứng nhận có xác nhận xóa đăng ký thế chấp', types: ['paper'] },
  unverified: [...SECURITY_DOUBTS, 'form number 03/XĐK'],
};

export const LAND_PROCEDURES: Procedure[] = [
  firstRegistration,
  purposeChange,
  transfer,
  allocation,
  dispute,
  mortgage,
  mortgageRelease,
];
