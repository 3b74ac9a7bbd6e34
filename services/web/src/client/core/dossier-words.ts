import { dictionary } from './i18n.js';

/**
 * Words about a dossier for every console. A dossier's status is named by core/status-words.ts (one
 * national status); the `status.*` / `process.*` words here name intake's and routing's raw values
 * where a page lists them apart (routing's process on the department's task page).
 */
export const dossierWords = dictionary({
  vi: {
    'status.submitted': 'Đã nộp trực tuyến, chờ tiếp nhận',
    'status.refused': 'Từ chối tiếp nhận',
    'status.received': 'Đã tiếp nhận, đang giải quyết',
    'status.withdrawn': 'Đã rút hồ sơ',
    'status.result_at_counter': 'Đã có kết quả, chờ trả',
    'status.returned': 'Đã trả kết quả',
    'process.processing': 'Đang giải quyết',
    'process.awaiting_supplement': 'Chờ bổ sung hồ sơ',
    'process.awaiting_payment': 'Chờ thực hiện nghĩa vụ tài chính',
    'process.completed': 'Đã giải quyết xong',
    'process.stopped': 'Đã dừng giải quyết',
    'process.closed': 'Đã kết thúc',
    'outcome.approved': 'Chấp thuận',
    'outcome.refused': 'Từ chối',
    'channel.counter': 'Tại quầy',
    'channel.online': 'Trực tuyến',
    'channel.postal': 'Qua bưu chính',
    dossierCode: 'Mã hồ sơ',
    procedure: 'Thủ tục',
    applicant: 'Người nộp',
    status: 'Tình trạng',
    receivedAt: 'Ngày tiếp nhận',
    appointmentAt: 'Hẹn trả kết quả',
    submittedAt: 'Ngày nộp',
    resultAt: 'Ngày có kết quả',
    returnedAt: 'Ngày trả kết quả',
    channel: 'Hình thức nộp',
    heldBy: 'Đơn vị đang giữ hồ sơ',
    rulebook: 'Quy định áp dụng',
    statusBasis: 'theo {basis}',
  },
  en: {
    'status.submitted': 'Submitted online, awaiting reception',
    'status.refused': 'Refused at reception',
    'status.received': 'Received, being processed',
    'status.withdrawn': 'Withdrawn',
    'status.result_at_counter': 'Result ready for collection',
    'status.returned': 'Result returned',
    'process.processing': 'Being processed',
    'process.awaiting_supplement': 'Waiting for a supplement',
    'process.awaiting_payment': 'Waiting for a financial obligation',
    'process.completed': 'Processing completed',
    'process.stopped': 'Processing stopped',
    'process.closed': 'Closed',
    'outcome.approved': 'Approved',
    'outcome.refused': 'Refused',
    'channel.counter': 'At the counter',
    'channel.online': 'Online',
    'channel.postal': 'By post',
    dossierCode: 'Dossier code',
    procedure: 'Procedure',
    applicant: 'Applicant',
    status: 'Status',
    receivedAt: 'Received',
    appointmentAt: 'Result due',
    submittedAt: 'Submitted',
    resultAt: 'Result ready',
    returnedAt: 'Result returned',
    channel: 'Channel',
    heldBy: 'Held by',
    rulebook: 'Rules applied',
    statusBasis: 'under {basis}',
  },
});

export type DossierWord = keyof typeof dossierWords.vi;

/** intake's dossier view (GET /dossiers/:ref), the fields the consoles show. */
export interface Dossier {
  dossierId: string;
  dossierCode?: string;
  status: string;
  procedureCode: string;
  procedureName: string;
  applicantFullName: string;
  centerId: string;
  /** The center whose units decide, and where the result is returned (Decree 118/2025 Art 14(2)). */
  competentCenterId?: string;
  returnCenterId?: string;
  /** The rulebook of the reception day (packages/rulebook), kept for the dossier's whole life. */
  rulebookId?: string;
  channel: string;
  submittedAt?: string;
  receivedAt?: string;
  appointmentAt?: string;
  resultAt?: string;
  resultOutcome?: string;
  returnedAt?: string;
  supplementsReceived?: number;
  /** The applicant's satisfaction (1…5), once given. */
  feedbackRating?: number;
  /** The electronic receipt number of an online submission. */
  receiptNumber?: string;
  process?: {
    status: string;
    supplementRequestNumber?: number;
    amountVnd?: number;
    /** The open supplement request: what is missing, why, since when the clock is paused. */
    supplement?: { missingDocuments: string[]; reason: string; requestedAt: string };
    /** The units the dossier was handed to, in order. */
    steps?: { stepId: string; stepName: string; departmentName: string; stage: number; at: string }[];
    /** The steps and departments holding the dossier now. */
    heldBy?: { stepId: string; stepName: string; departmentName: string; since: string }[];
  } | null;
  /** Files the applicant attached to an online submission before the counter checked it. */
  /** The electronic result file, once the counter attached it. */
  resultFile?: { documentId: string; name: string; size: number; contentType: string; sha256: string };
  attachedDocuments?: {
    documentId: string;
    name: string;
    size: number;
    contentType: string;
    sha256: string;
    reusedFromDossierId?: string;
  }[];
}

/** A word of this dictionary by a computed key, or the raw value when unknown. */
export const wordOr = (dict: Record<string, string>, key: string, raw: string): string => dict[key] ?? raw;
