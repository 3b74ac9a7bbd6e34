import type { Clock } from '@motcua/calendar';
import { unverified, verified } from '../rule.js';
import type { Rule, Rulebook, Status } from '../types.js';
import { at, CIRCULAR_01, DECISION_766_SET, DECREE_61, LAW_FILE, URL } from './sources.js';

const law = (article: string) => at(article, LAW_FILE);
const form01 = (number: string, name: string) =>
  verified({ number, name, circular: CIRCULAR_01 }, law(`${CIRCULAR_01}, Điều 9`));

/** National status codes (practice: several systems agree; domain brief §3). */
export const STATUSES_2018: readonly Status[] = [
  { key: 'new', nationalCode: 1, name: 'Mới (trực tuyến, chưa tiếp nhận)' },
  { key: 'received', nationalCode: 2, name: 'Đã tiếp nhận' },
  { key: 'notReceived', nationalCode: 3, name: 'Không tiếp nhận' },
  { key: 'processing', nationalCode: 4, name: 'Đang xử lý' },
  { key: 'supplementRequested', nationalCode: 5, name: 'Yêu cầu bổ sung' },
  { key: 'financialObligationRequested', nationalCode: 6, name: 'Yêu cầu thực hiện nghĩa vụ tài chính' },
  { key: 'withdrawn', nationalCode: 7, name: 'Công dân yêu cầu rút hồ sơ' },
  { key: 'stopped', nationalCode: 8, name: 'Dừng xử lý' },
  { key: 'resultReady', nationalCode: 9, name: 'Đã xử lý xong' },
  { key: 'resultReturned', nationalCode: 10, name: 'Đã trả kết quả' },
];

export const STATUS_CODES_PRACTICE = 'Mã trạng thái hồ sơ đồng bộ Cổng DVC quốc gia (thực tiễn)';

/** `{unit}-{yymmdd}-{seq}`: Circular 01/2018 Art 19, read in the project's law file. */
export const CODE_2018: Rule<{ template: string; sequenceDigits: number }> = verified(
  { template: '{unit}-{yymmdd}-{seq}', sequenceDigits: 4 },
  law(`${CIRCULAR_01}, Điều 19`),
);

/**
 * Decree 61/2018 with the forms of Circular 01/2018: the rules the system was built on, unchanged.
 * Governs every dossier received before 1 July 2025, when Decree 118/2025 took its place.
 */
export const DECREE_61_2018: Rulebook = {
  id: 'decree-61-2018',
  version: 1,
  validFrom: '2018-06-21',
  validTo: '2025-06-30',
  name: 'Nghị định 61/2018/NĐ-CP và Thông tư 01/2018/TT-VPCP',
  legalBasis: [law(DECREE_61), law(CIRCULAR_01)],
  forms: {
    receipt: form01('01', 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả'),
    supplementRequest: form01('02', 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ'),
    refusal: form01('03', 'Phiếu từ chối tiếp nhận giải quyết hồ sơ'),
    apology: form01('04', 'Phiếu xin lỗi và hẹn lại ngày trả kết quả'),
    stopNotice: verified(
      { number: null, name: 'Thông báo dừng xử lý hồ sơ', circular: null },
      law(DECREE_61),
      'Decree 61/2018 has no stop on request and no stop form; a stop is practice, with a written reason.',
    ),
    controlSheet: form01('05', 'Phiếu kiểm soát quá trình giải quyết hồ sơ'),
    register: form01('06', 'Sổ theo dõi hồ sơ'),
  },
  statuses: unverified(
    STATUSES_2018,
    at(STATUS_CODES_PRACTICE),
    'The codes are practice of the national portal, not a text of Decree 61/2018.',
  ),
  stopOnRequest: verified({ allowed: false, notice: null }, law(DECREE_61)),
  supplement: {
    maxRequests: verified(1, law(`${DECREE_61}, Điều 15, Điều 19`)),
    processingRequestWithinWorkingDays: verified(3, law(`${DECREE_61}, Điều 19`)),
    clockRestarts: verified(true, law(`${DECREE_61}, Điều 19`)),
  },
  apology: {
    maxPerDossier: verified(1, law(`${DECREE_61}, Điều 19 khoản 9`)),
    latestWorkingDaysBeforeDue: verified(1, law(`${DECREE_61}, Điều 19 khoản 9`)),
    asks: verified('newAppointment', law(`${CIRCULAR_01}, Điều 9 (Mẫu 04)`)),
  },
  transferCutoff: verified<Clock>('15:00', law(`${DECREE_61}, Điều 18 khoản 2, 3`)),
  dossierCode: CODE_2018,
  nationalPlatformDossierCode: null,
  reports: unverified(
    {
      periodicForm: 'II.06a',
      indicatorSet: 'Thông tư 01/2018/TT-VPCP Điều 13–15; Quyết định 766/QĐ-TTg từ 2022',
    },
    at('Thông tư 01/2020/TT-VPCP (chế độ báo cáo)', URL.circular01of2020),
    'II.06a is the form number used in practice; the board indices of Decision 766/QĐ-TTg apply from 23/6/2022.',
  ),
  indicators: verified(
    DECISION_766_SET,
    at('Quyết định 766/QĐ-TTg, Phụ lục (các nhóm chỉ số)', URL.decision766),
    'Groups and points read in the text published by Nam Định’s Department of Home Affairs; the criteria within each group are not all computed here.',
  ),
};
