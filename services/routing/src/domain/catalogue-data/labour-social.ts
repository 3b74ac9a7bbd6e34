import type { Procedure } from '../catalogue.js';
import { appraiseAndSign, CONDENSED_DOCUMENTS, doc, PLACEHOLDER_CODE, RECALLED_CODE } from './build.js';

// Labour–invalids–social affairs: the brief could not retrieve these limits, so every one of them is
// "to be confirmed". Decree 136/2013 (replaced by Decree 20/2021 from 2021-07-01).
const TBC = 'legal time limit to be confirmed (domain brief §10)';
const common = {
  version: 1,
  fieldCode: 'H57-BTXH',
  levels: ['district' as const],
  cutoffApplies: false,
  clockExclusions: [],
  fees: [{ name: 'Không thu phí, lệ phí', amountVnd: 'free' as const }],
  onlineService: { level: 'L2' as const },
  legalBasis: ['Nghị định 136/2013/NĐ-CP', 'Nghị định 20/2021/NĐ-CP'],
};
const declaration = doc('Tờ khai đề nghị trợ giúp xã hội', 'original', {
  template: 'Mẫu số 1a–1d, Nghị định 20/2021/NĐ-CP',
});

const monthlyAllowance: Procedure = {
  ...common,
  code: '1.001776',
  name: 'Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hàng tháng',
  keywords: ['trợ cấp người khuyết tật', 'trợ cấp người cao tuổi', 'bảo trợ xã hội'],
  legalTimeLimit: { value: 10, unit: 'working_days' },
  requiredDocuments: [
    declaration,
    doc('Biên bản họp Hội đồng xét duyệt trợ giúp xã hội cấp xã', 'original'),
    doc('Bản sao giấy khai sinh hoặc giấy tờ tùy thân của đối tượng', 'copy'),
  ],
  result: { name: 'Quyết định trợ cấp xã hội hàng tháng', types: ['paper'] },
  workflow: appraiseAndSign('labour-social', 56, 24),
  unverified: [
    RECALLED_CODE,
    TBC,
    'that the dossier reaches the district from the commune',
    CONDENSED_DOCUMENTS,
  ],
};

const funeralSupport: Procedure = {
  ...common,
  code: '1.001731',
  name: 'Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội',
  keywords: ['mai táng phí', 'tiền mai táng'],
  legalTimeLimit: { value: 3, unit: 'working_days' },
  requiredDocuments: [
    doc('Tờ khai đề nghị hỗ trợ chi phí mai táng', 'original'),
    doc('Bản sao giấy chứng tử', 'copy'),
  ],
  result: { name: 'Quyết định hỗ trợ chi phí mai táng', types: ['paper'] },
  workflow: appraiseAndSign('labour-social', 16, 8),
  unverified: [RECALLED_CODE, TBC, CONDENSED_DOCUMENTS],
};

const careFacilityAdmission: Procedure = {
  ...common,
  code: '9.000301',
  name: 'Tiếp nhận đối tượng bảo trợ xã hội có hoàn cảnh đặc biệt khó khăn vào cơ sở trợ giúp xã hội cấp huyện',
  legalTimeLimit: { value: 10, unit: 'working_days' },
  requiredDocuments: [
    doc('Đơn đề nghị của đối tượng hoặc người giám hộ', 'original'),
    doc('Bản sao giấy khai sinh hoặc giấy tờ tùy thân', 'copy'),
    doc('Xác nhận của UBND cấp xã về hoàn cảnh đặc biệt khó khăn', 'original'),
  ],
  result: { name: 'Quyết định tiếp nhận vào cơ sở trợ giúp xã hội', types: ['paper'] },
  workflow: appraiseAndSign('labour-social', 56, 16),
  unverified: [PLACEHOLDER_CODE, TBC, CONDENSED_DOCUMENTS],
};

export const LABOUR_SOCIAL_PROCEDURES: Procedure[] = [
  monthlyAllowance,
  funeralSupport,
  careFacilityAdmission,
];
