import { contactChannelWord } from './contact-channels.js';
import { dictionary } from './i18n.js';

/** The log's event types in plain words, for the audited timelines (department and board consoles). */
export const eventWords = dictionary({
  vi: {
    DossierReceived: 'Tiếp nhận hồ sơ',
    DossierWorkflowAssigned: 'Xác định quy trình giải quyết',
    DossierRouted: 'Chuyển hồ sơ đến bước xử lý',
    TaskQueued: 'Vào hàng đợi của phòng',
    TaskAssigned: 'Phân công cán bộ xử lý',
    TaskClaimed: 'Cán bộ nhận xử lý',
    VerificationRecorded: 'Ghi nhận xác minh, lấy ý kiến',
    StepCompleted: 'Hoàn thành bước xử lý',
    StepReturned: 'Trả lại bước trước',
    TaskClosed: 'Đóng công việc',
    BranchCompleted: 'Hoàn thành nhánh liên thông',
    DossierProcessingCompleted: 'Đã giải quyết xong',
    ResultReceivedAtCounter: 'Bộ phận Một cửa nhận kết quả',
    ResultReturned: 'Trả kết quả',
    ApplicantNotified: 'Thông báo cho người nộp',
    ApplicantNotificationFailed: 'Không gửi được thông báo cho người nộp',
    DossierSubmittedOnline: 'Nộp hồ sơ trực tuyến',
    OnlineDocumentAttached: 'Gửi kèm giấy tờ trực tuyến',
    ResultFileAttached: 'Đính kèm kết quả điện tử',
    DossierUnitsSucceeded: 'Chuyển đơn vị kế thừa (sắp xếp đơn vị hành chính)',
    DossierRefusedAtIntake: 'Từ chối tiếp nhận',
    IntakeSupplementRequested: 'Yêu cầu bổ sung khi tiếp nhận',
    SupplementRequested: 'Yêu cầu bổ sung hồ sơ',
    SupplementReceived: 'Nhận hồ sơ bổ sung',
    ProcessingClockRestarted: 'Tính lại thời hạn giải quyết',
    FinancialObligationNotified: 'Thông báo nghĩa vụ tài chính',
    FeePaid: 'Đã nộp phí, lệ phí',
    ProcessingClockResumed: 'Tiếp tục tính thời hạn',
    DossierRefusedAfterAppraisal: 'Từ chối giải quyết',
    ApologyIssued: 'Xin lỗi và hẹn lại ngày trả',
    DossierProcessingStopped: 'Dừng giải quyết',
    DossierProcessingClosed: 'Kết thúc giải quyết',
    DossierWithdrawn: 'Rút hồ sơ',
  },
  en: {
    DossierReceived: 'Dossier received',
    DossierWorkflowAssigned: 'Workflow assigned',
    DossierRouted: 'Routed to a step',
    TaskQueued: "Queued in a department's queue",
    TaskAssigned: 'Task assigned',
    TaskClaimed: 'Task claimed',
    VerificationRecorded: 'Verification or consultation recorded',
    StepCompleted: 'Step completed',
    StepReturned: 'Sent back to an earlier step',
    TaskClosed: 'Task closed',
    BranchCompleted: 'Interconnected branch completed',
    DossierProcessingCompleted: 'Processing completed',
    ResultReceivedAtCounter: 'Result received at the counter',
    ResultReturned: 'Result returned',
    ApplicantNotified: 'Applicant notified',
    ApplicantNotificationFailed: 'Applicant could not be notified',
    DossierSubmittedOnline: 'Submitted online',
    OnlineDocumentAttached: 'Document attached online',
    ResultFileAttached: 'Electronic result attached',
    DossierUnitsSucceeded: 'Moved to the successor unit (reorganisation)',
    DossierRefusedAtIntake: 'Refused at reception',
    IntakeSupplementRequested: 'Supplement requested at reception',
    SupplementRequested: 'Supplement requested',
    SupplementReceived: 'Supplement received',
    ProcessingClockRestarted: 'Processing clock restarted',
    FinancialObligationNotified: 'Financial obligation notified',
    FeePaid: 'Fee paid',
    ProcessingClockResumed: 'Processing clock resumed',
    DossierRefusedAfterAppraisal: 'Refused after appraisal',
    ApologyIssued: 'Apology with a new appointment',
    DossierProcessingStopped: 'Processing stopped',
    DossierProcessingClosed: 'Processing closed',
    DossierWithdrawn: 'Withdrawn',
  },
});

/** One timeline entry as monitoring answers it (GET /dossiers/:ref/timeline). */
export interface TimelineEntry {
  eventId: string;
  type: string;
  occurredAt: string;
  recordedAt: string;
  actor: { userId: string; role: string; centerId?: string; departmentId?: string; displayName?: string };
  producer: string;
  streamId: string;
  streamVersion: number;
  payload: Record<string, unknown>;
  /** The rulebook the event was recorded under (absent on events from before rulebooks). */
  rulebookId?: string;
}

export interface Timeline {
  dossierId: string;
  dossierCode: string;
  entries: TimelineEntry[];
}

/** The event's words, or its type when the log holds one newer than this page. */
export const eventName = (type: string, lang: 'vi' | 'en'): string =>
  (eventWords[lang] as Record<string, string>)[type] ?? type;

const unconfirmedWords = { vi: 'chưa xác nhận đã gửi được', en: 'not confirmed as delivered' } as const;

/**
 * The event's words, with what the board needs of a message to the applicant: the channel, and
 * whether its delivery is unconfirmed (ADR 0011), so someone can reach the applicant another way.
 */
export const eventLabel = (entry: Pick<TimelineEntry, 'type' | 'payload'>, lang: 'vi' | 'en'): string => {
  const name = eventName(entry.type, lang);
  if (entry.type !== 'ApplicantNotified' && entry.type !== 'ApplicantNotificationFailed') return name;
  const { channel, delivery } = entry.payload as { channel?: string; delivery?: string };
  const label = contactChannelWord(channel, lang);
  const parts = [label, delivery === 'unconfirmed' ? unconfirmedWords[lang] : ''].filter(Boolean);
  return parts.length ? `${name} (${parts.join(', ')})` : name;
};
