import type { Procedure } from '../catalogue.js';
import {
  CONDENSED_DOCUMENTS,
  doc,
  FEE_BY_PROVINCE,
  ONLINE_LEVEL,
  PLACEHOLDER_CODE,
  RECALLED_CODE,
  step,
} from './build.js';

// Civil status (Law on Civil Status 2014, Decree 123/2015) and certification (Decree 23/2015):
// Phòng Tư pháp; received after 15:00 → counted from the next working day (domain brief §6).
const CIVIL_STATUS = ['Luật Hộ tịch 2014', 'Nghị định 123/2015/NĐ-CP', 'Thông tư 04/2020/TT-BTP'];
const CERTIFICATION = ['Nghị định 23/2015/NĐ-CP', 'Thông tư 01/2020/TT-BTP', 'Thông tư 226/2016/TT-BTC'];
const district = ['district' as const];
const civil = {
  version: 1,
  fieldCode: 'H57-HT',
  levels: district,
  cutoffApplies: true,
  clockExclusions: [],
  legalBasis: CIVIL_STATUS,
  fees: [{ name: 'Lệ phí hộ tịch', amountVnd: 'varies' as const, note: FEE_BY_PROVINCE }],
  onlineService: { level: 'L3' as const, decree42: 'partial' as const },
};
const identity = doc('Giấy tờ tùy thân còn giá trị sử dụng (xuất trình)', 'original_or_copy');
const reportAndSign = (appraise: number, sign: number) => [
  step('appraise', 'Tiếp nhận, thẩm định, báo cáo', 'justice', 'department_officer', appraise),
  step('sign', 'Chủ tịch UBND cấp huyện ký', 'leadership', 'district_leader', sign),
];

const birthForeign: Procedure = {
  ...civil,
  code: '2.000528',
  name: 'Đăng ký khai sinh có yếu tố nước ngoài',
  legalTimeLimit: { value: 1, unit: 'same_day' },
  requiredDocuments: [
    doc('Tờ khai đăng ký khai sinh', 'original', { template: 'Mẫu tờ khai, Thông tư 04/2020/TT-BTP' }),
    doc('Giấy chứng sinh', 'original'),
    doc('Văn bản thỏa thuận của cha, mẹ về việc chọn quốc tịch cho con', 'original', {
      conditional: 'khi cha hoặc mẹ là người nước ngoài',
    }),
    identity,
  ],
  result: { name: 'Giấy khai sinh', types: ['paper'] },
  workflow: reportAndSign(4, 3),
  unverified: [RECALLED_CODE, CONDENSED_DOCUMENTS, ONLINE_LEVEL],
};

const marriageForeign: Procedure = {
  ...civil,
  code: '2.000806',
  name: 'Đăng ký kết hôn có yếu tố nước ngoài',
  keywords: ['kết hôn với người nước ngoài'],
  legalTimeLimit: { value: 15, unit: 'working_days' },
  requiredDocuments: [
    doc('Tờ khai đăng ký kết hôn', 'original', { template: 'Mẫu tờ khai, Thông tư 04/2020/TT-BTP' }),
    doc('Giấy tờ chứng minh tình trạng hôn nhân của người nước ngoài', 'original'),
    doc('Giấy xác nhận không mắc bệnh tâm thần hoặc bệnh khác làm mất khả năng nhận thức', 'original'),
    doc('Bản sao hộ chiếu hoặc giấy tờ có giá trị thay hộ chiếu của người nước ngoài', 'copy'),
    identity,
  ],
  result: { name: 'Giấy chứng nhận kết hôn', types: ['paper'] },
  workflow: [
    step('appraise', 'Nghiên cứu, thẩm định, xác minh hồ sơ', 'justice', 'department_officer', 88),
    step('report', 'Trưởng phòng Tư pháp báo cáo', 'justice', 'department_head', 8),
    step('sign', 'Chủ tịch UBND cấp huyện ký Giấy chứng nhận kết hôn', 'leadership', 'district_leader', 16),
  ],
  unverified: [
    RECALLED_CODE,
    'limit: the brief says "15 days (verification)"; read here as 15 working days (Luật Hộ tịch Art 38)',
    'whether the chairman’s decision and the ceremony fall inside the 15 days',
    CONDENSED_DOCUMENTS,
  ],
};

const correction: Procedure = {
  ...civil,
  code: '2.000748',
  name: 'Thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc',
  keywords: ['cải chính hộ tịch', 'đổi tên', 'sửa năm sinh'],
  legalTimeLimit: { value: 3, unit: 'working_days' },
  extensions: [{ when: 'verification', value: 3, unit: 'working_days' }],
  requiredDocuments: [
    doc('Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc', 'original', {
      template: 'Mẫu tờ khai, Thông tư 04/2020/TT-BTP',
    }),
    doc('Giấy tờ làm căn cứ cho việc thay đổi, cải chính, xác định lại dân tộc', 'copy'),
    identity,
  ],
  result: { name: 'Trích lục thay đổi, cải chính hộ tịch, xác định lại dân tộc', types: ['paper'] },
  workflow: reportAndSign(16, 4),
  unverified: [
    RECALLED_CODE,
    'that this district procedure covers persons aged 14 and over',
    CONDENSED_DOCUMENTS,
  ],
};

const deathForeign: Procedure = {
  ...civil,
  code: '9.000001',
  name: 'Đăng ký khai tử có yếu tố nước ngoài',
  legalTimeLimit: { value: 1, unit: 'same_day' },
  requiredDocuments: [
    doc('Tờ khai đăng ký khai tử', 'original', { template: 'Mẫu tờ khai, Thông tư 04/2020/TT-BTP' }),
    doc('Giấy báo tử hoặc giấy tờ thay Giấy báo tử', 'original'),
    identity,
  ],
  result: { name: 'Trích lục khai tử', types: ['paper'] },
  workflow: reportAndSign(4, 3),
  unverified: [
    PLACEHOLDER_CODE,
    'limit: same day, as for birth registration (not in the brief)',
    CONDENSED_DOCUMENTS,
  ],
};

const certification = {
  version: 1,
  fieldCode: 'H57-CT',
  levels: ['district' as const, 'commune' as const],
  legalTimeLimit: { value: 1, unit: 'same_day' as const },
  cutoffApplies: true,
  clockExclusions: [],
  legalBasis: CERTIFICATION,
  onlineService: { level: 'L2' as const },
};
const certify = [
  step('appraise', 'Kiểm tra giấy tờ, đối chiếu', 'justice', 'department_officer', 2),
  step('sign', 'Ký chứng thực, đóng dấu', 'justice', 'department_head', 1),
];
const perPage = {
  name: 'Phí chứng thực bản sao',
  amountVnd: 2000,
  note: '2.000 đồng/trang; từ trang thứ 3 là 1.000 đồng/trang, tối đa 200.000 đồng/bản',
};
const perSignature = { name: 'Phí chứng thực chữ ký', amountVnd: 10000, note: '10.000 đồng/trường hợp' };
const CERT_DOUBTS = [RECALLED_CODE, 'fee amounts (Circular 226/2016/TT-BTC) recalled', CONDENSED_DOCUMENTS];

const copyFromOriginal: Procedure = {
  ...certification,
  code: '2.000815',
  name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận',
  keywords: ['sao y bản chính', 'công chứng bản sao'],
  fees: [perPage],
  requiredDocuments: [
    doc('Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao', 'original'),
    doc('Bản sao cần chứng thực', 'copy'),
  ],
  result: { name: 'Bản sao được chứng thực từ bản chính', types: ['paper'] },
  workflow: certify,
  unverified: CERT_DOUBTS,
};

const signature: Procedure = {
  ...certification,
  code: '2.000884',
  name: 'Chứng thực chữ ký trong các giấy tờ, văn bản',
  fees: [perSignature],
  requiredDocuments: [doc('Giấy tờ, văn bản cần chứng thực chữ ký', 'original'), identity],
  result: { name: 'Giấy tờ, văn bản được chứng thực chữ ký', types: ['paper'] },
  workflow: certify,
  unverified: CERT_DOUBTS,
};

const contractCopy: Procedure = {
  ...certification,
  code: '2.000942',
  name: 'Cấp bản sao có chứng thực từ bản chính hợp đồng, giao dịch đã được chứng thực',
  fees: [perPage],
  requiredDocuments: [doc('Phiếu yêu cầu cấp bản sao', 'original'), identity],
  result: { name: 'Bản sao có chứng thực hợp đồng, giao dịch', types: ['paper'] },
  workflow: certify,
  unverified: CERT_DOUBTS,
};

const translator: Procedure = {
  ...certification,
  code: '2.000992',
  name: 'Chứng thực chữ ký người dịch mà người dịch là cộng tác viên dịch thuật của Phòng Tư pháp',
  levels: district,
  fees: [perSignature],
  requiredDocuments: [doc('Bản dịch', 'original'), doc('Giấy tờ, văn bản cần dịch', 'original_or_copy')],
  result: { name: 'Bản dịch được chứng thực chữ ký người dịch', types: ['paper'] },
  workflow: certify,
  unverified: CERT_DOUBTS,
};

export const CIVIL_STATUS_PROCEDURES: Procedure[] = [birthForeign, marriageForeign, correction, deathForeign];
export const CERTIFICATION_PROCEDURES: Procedure[] = [copyFromOriginal, signature, contractCopy, translator];
