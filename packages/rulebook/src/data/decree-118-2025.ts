import type { Clock } from '@motcua/calendar';
import { unverified, verified } from '../rule.js';
import type { Form, FormKey, Rule, Rulebook, Status } from '../types.js';
import { DECREE_61_2018, STATUS_CODES_PRACTICE, STATUSES_2018 } from './decree-61-2018.js';
import {
  at,
  CIRCULAR_01,
  CIRCULAR_03,
  CIRCULAR_04,
  DECISION_766_SET,
  DECREE_118,
  DECREE_367,
  URL,
} from './sources.js';

const d118 = (article: string) => at(`${DECREE_118}, ${article}`, URL.decree118);
const NOT_READ = 'The article of Decree 118/2025 could not be read in full; value kept from Decree 61/2018.';

/** Decree 118 Art 21: the applicant may ask to stop while no result exists (new status). */
const STATUSES_118: readonly Status[] = [
  ...STATUSES_2018.filter((s) => s.nationalCode <= 8),
  { key: 'stoppedOnRequest', nationalCode: 8, name: 'Dừng giải quyết theo đề nghị của tổ chức, cá nhân' },
  ...STATUSES_2018.filter((s) => s.nationalCode > 8),
];

const form03 = (number: string, name: string): Rule<Form> =>
  verified({ number, name, circular: CIRCULAR_03 }, at(`${CIRCULAR_03}, Phụ lục I`, URL.circular03Forms));

/** Circular 03/2025 Appendix I, in force from 15 September 2025 (titles and numbers read). */
const FORMS_CIRCULAR_03: Record<FormKey, Rule<Form>> = {
  receipt: form03('01', 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả'),
  supplementRequest: form03('02', 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ'),
  refusal: form03('03', 'Phiếu từ chối tiếp nhận giải quyết hồ sơ'),
  apology: form03('04', 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết'),
  stopNotice: form03('05', 'Thông báo dừng giải quyết hồ sơ'),
  controlSheet: form03('06', 'Phiếu kiểm soát quá trình giải quyết hồ sơ'),
  register: form03('07', 'Sổ theo dõi hồ sơ'),
};

const INTERIM =
  'Decree 118/2025 applies from 1/7/2025 but Circular 03/2025 only from 15/9/2025: provinces kept the Circular ' +
  '01/2018 forms meanwhile (secondary sources); whether Circular 01/2018 still applied is unverified.';

/**
 * 1/7–14/9/2025: the forms of Circular 01/2018 by their old numbers, and a stop notice without a model
 * form (the applicant's stop of Art 21 already existed, its form did not yet).
 */
const FORMS_INTERIM: Record<FormKey, Rule<Form>> = {
  ...(Object.fromEntries(
    Object.entries(DECREE_61_2018.forms).map(([key, rule]) => [
      key,
      unverified(rule.value, at(`${CIRCULAR_01}, Điều 9`), INTERIM),
    ]),
  ) as Record<FormKey, Rule<Form>>),
  stopNotice: unverified(
    { number: null, name: 'Thông báo dừng giải quyết hồ sơ', circular: null },
    d118('Điều 21'),
    `${INTERIM} No model stop notice existed before Circular 03/2025 Mẫu 05.`,
  ),
};

/** The rules of Decree 118/2025 that do not depend on the form set. */
const DECREE_118_RULES = {
  legalBasis: [at(DECREE_118, URL.decree118)],
  statuses: unverified(
    STATUSES_118,
    at(STATUS_CODES_PRACTICE),
    'No status list found in Decree 118 or Circular 03; Circular 04/2025 status codes not read. ' +
      'Stopped on request shares national code 8 until they are.',
  ),
  stopOnRequest: unverified(
    { allowed: true, notice: 'stopNotice' as const },
    d118('Điều 21'),
    'Art 21 seen in a secondary copy (with Circular 03 Art 7): a stop notice while no decision or result exists.',
  ),
  supplement: {
    maxRequests: unverified(1, d118('Điều 11'), 'Art 11 quoted by a secondary source: request only once.'),
    processingRequestWithinWorkingDays: unverified(3, d118('(processing article)'), NOT_READ),
    clockRestarts: unverified(true, d118('(processing article)'), NOT_READ),
  },
  apology: {
    maxPerDossier: unverified(
      1,
      d118('(processing article)'),
      `${NOT_READ} Provincial rules under it keep once.`,
    ),
    latestWorkingDaysBeforeDue: unverified(
      1,
      d118('(processing article)'),
      `${NOT_READ} Provincial rules under it keep 1 day before.`,
    ),
  },
  transferCutoff: unverified<Clock>(
    '15:00',
    d118('Điều 18'),
    `${NOT_READ} Procedure decisions still use 15:00.`,
  ),
  dossierCode: unverified(
    DECREE_61_2018.dossierCode.value,
    at(`${CIRCULAR_03}, Điều 13 khoản 1, 2`, URL.circular03),
    'The base structure of Circular 03 Art 13(1)–(2) was not read; the Circular 01/2018 structure is kept.',
  ),
  reports: unverified(
    { periodicForm: 'II.06a', indicatorSet: 'Quyết định 766/QĐ-TTg' },
    at('Quyết định 766/QĐ-TTg', URL.decision766),
    'No text replacing Decision 766 or the II.06a report was found (searched again in December 2026: provincial texts of late 2025, e.g. Đắk Lắk Directive 012/CT-UBND of 26/11/2025, still apply “Bộ chỉ số 766” beside Decree 118); not confirmed by a central text.',
  ),
  indicators: verified(
    DECISION_766_SET,
    at('Quyết định 766/QĐ-TTg, Phụ lục (các nhóm chỉ số)', URL.decision766),
    'Groups and points read in the text published by Nam Định’s Department of Home Affairs; the criteria within each group are not all computed here.',
  ),
};

/** Reception from 1 July to 14 September 2025: Decree 118 rules, Circular 01/2018 forms. */
export const DECREE_118_BEFORE_CIRCULAR_03: Rulebook = {
  ...DECREE_118_RULES,
  id: 'decree-118-2025-before-circular-03',
  version: 1,
  validFrom: '2025-07-01',
  validTo: '2025-09-14',
  name: 'Nghị định 118/2025/NĐ-CP (trước Thông tư 03/2025/TT-VPCP)',
  forms: FORMS_INTERIM,
  apology: {
    ...DECREE_118_RULES.apology,
    asks: unverified('newAppointment', at(`${CIRCULAR_01}, Điều 9 (Mẫu 04)`), INTERIM),
  },
  nationalPlatformDossierCode: null,
};

/** Reception from 15 September 2025: the forms of Circular 03/2025. */
export const DECREE_118_CIRCULAR_03: Rulebook = {
  ...DECREE_118_RULES,
  id: 'decree-118-2025-circular-03',
  version: 1,
  validFrom: '2025-09-15',
  validTo: '2026-01-24',
  name: 'Nghị định 118/2025/NĐ-CP và Thông tư 03/2025/TT-VPCP',
  legalBasis: [...DECREE_118_RULES.legalBasis, at(CIRCULAR_03, URL.circular03)],
  forms: FORMS_CIRCULAR_03,
  apology: {
    ...DECREE_118_RULES.apology,
    asks: verified('extension', at(`${CIRCULAR_03}, Phụ lục I (Mẫu 04)`, URL.circular03Forms)),
  },
  nationalPlatformDossierCode: null,
};

/** Reception from 25 January 2026: Circular 04/2025 adds the code of nationally centralised services. */
const { validTo: _circular03Ends, ...CIRCULAR_03_OPEN } = DECREE_118_CIRCULAR_03;
export const DECREE_118_CIRCULAR_04: Rulebook = {
  ...CIRCULAR_03_OPEN,
  id: 'decree-118-2025-circular-04',
  validFrom: '2026-01-25',
  name: 'Nghị định 118/2025/NĐ-CP, Thông tư 03/2025/TT-VPCP và Thông tư 04/2025/TT-VPCP',
  // Decree 367/2025 (signed 31/12/2025, start date unverified) amends who sets up the centres and adds
  // the VNeID channel; none of the rules held here changes with it, so it starts no rulebook of its own.
  legalBasis: [...DECREE_118_CIRCULAR_03.legalBasis, at(DECREE_367, URL.decree367), at(CIRCULAR_04)],
  nationalPlatformDossierCode: unverified(
    { template: '{unit}-{yymmdd}-{aa}{seq}', sequenceDigits: 4 },
    at(`${CIRCULAR_04} (Thông tư 03/2025 Điều 13 khoản 3)`, URL.circular04Code),
    'Read in a secondary summary: {unit} is the deciding agency, AA two digits of the platform owner, ' +
      'the sequence at least 4 digits. Not used by the counters here (no nationally centralised service).',
  ),
};
