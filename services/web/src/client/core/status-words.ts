// The one place every console names a dossier's and a task's status. A dossier has one status, the
// national portal's (domain README §3, codes 1–10), whichever service holds the part that decides it:
// intake (reception, result, return) or routing (the processing in between). Never two side by side.
import { dictionary, type Lang, translate } from './i18n.js';

export const NATIONAL_STATUSES = [
  'submitted',
  'received',
  'refused_at_intake',
  'processing',
  'awaiting_supplement',
  'awaiting_payment',
  'withdrawn',
  'stopped',
  'result_ready',
  'returned',
] as const;
export type NationalStatus = (typeof NATIONAL_STATUSES)[number];

/** The national status code (1…10). */
export const nationalCode = (status: NationalStatus): number => NATIONAL_STATUSES.indexOf(status) + 1;

export const statusWords = dictionary({
  vi: {
    'status.submitted': 'Đã nộp trực tuyến, chờ tiếp nhận',
    'status.received': 'Đã tiếp nhận',
    'status.refused_at_intake': 'Từ chối tiếp nhận',
    'status.processing': 'Đang xử lý',
    'status.awaiting_supplement': 'Chờ bổ sung hồ sơ',
    'status.awaiting_payment': 'Chờ thực hiện nghĩa vụ tài chính',
    'status.withdrawn': 'Đã rút hồ sơ',
    'status.stopped': 'Dừng xử lý',
    'status.result_ready': 'Đã có kết quả, chờ trả',
    'status.returned': 'Đã trả kết quả',
    'status.unknown': 'Chưa có hồ sơ tại thời điểm này',
    heldBy: 'Đang xử lý tại: {units}',
    'task.waiting': 'Chờ phân công xử lý',
    'task.in_progress': 'Đang xử lý',
    'task.completed': 'Đã hoàn thành, đã chuyển tiếp',
    'task.returned': 'Đã trả lại bước trước',
    'task.closed': 'Đã đóng (hồ sơ kết thúc)',
    'task.done': 'Đã xong',
  },
  en: {
    'status.submitted': 'Submitted online, awaiting reception',
    'status.received': 'Received',
    'status.refused_at_intake': 'Refused at reception',
    'status.processing': 'Being processed',
    'status.awaiting_supplement': 'Waiting for a supplement',
    'status.awaiting_payment': 'Waiting for a financial obligation',
    'status.withdrawn': 'Withdrawn',
    'status.stopped': 'Processing stopped',
    'status.result_ready': 'Result ready for collection',
    'status.returned': 'Result returned',
    'status.unknown': 'No dossier at that instant',
    heldBy: 'Being processed at: {units}',
    'task.waiting': 'Waiting to be assigned',
    'task.in_progress': 'Being processed',
    'task.completed': 'Completed and handed over',
    'task.returned': 'Sent back to an earlier step',
    'task.closed': 'Closed (the dossier ended)',
    'task.done': 'Done',
  },
});

/** What the status needs from intake's dossier view (GET /dossiers/:ref). */
export interface DossierStatusFacts {
  status: string;
  process?: { status: string } | null;
}

const INTAKE: Readonly<Record<string, NationalStatus>> = {
  submitted: 'submitted',
  refused: 'refused_at_intake',
  withdrawn: 'withdrawn',
  result_at_counter: 'result_ready',
  returned: 'returned',
};
const PROCESS: Readonly<Record<string, NationalStatus>> = {
  processing: 'processing',
  awaiting_supplement: 'awaiting_supplement',
  awaiting_payment: 'awaiting_payment',
  completed: 'result_ready',
  refused: 'result_ready',
  stopped: 'stopped',
  closed: 'withdrawn',
};

/** The dossier's one national status: intake's before and after processing, routing's during it. */
export function dossierStatus(d: DossierStatusFacts): NationalStatus {
  const own = INTAKE[d.status];
  if (own) return own;
  return (d.process && PROCESS[d.process.status]) || 'received';
}

/** A status as words; an unknown value (a newer service) is shown as it came. */
export function statusText(status: string, lang: Lang): string {
  const key = `status.${status}` as keyof typeof statusWords.vi;
  return key in statusWords.vi ? translate(statusWords, key, undefined, lang) : status;
}

/** A task in the queue is "in progress" once someone holds it (claimed or assigned), else it waits. */
export function taskStatusText(task: { status: string; assignee?: string }, lang: Lang): string {
  const key =
    task.status === 'queued' ? (task.assignee ? 'task.in_progress' : 'task.waiting') : `task.${task.status}`;
  return key in statusWords.vi
    ? translate(statusWords, key as keyof typeof statusWords.vi, undefined, lang)
    : task.status;
}

/** "Đang xử lý tại: Phòng Tư pháp, Công an" — who holds the dossier now; empty when nobody does. */
export function heldByText(heldBy: readonly { departmentName: string }[] | undefined, lang: Lang): string {
  const units = [...new Set((heldBy ?? []).map((h) => h.departmentName).filter(Boolean))];
  return units.length ? translate(statusWords, 'heldBy', { units: units.join(', ') }, lang) : '';
}
