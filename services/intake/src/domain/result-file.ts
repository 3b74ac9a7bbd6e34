import { DomainError } from '@motcua/contracts';
import type { NewEvent } from '@motcua/eventstore';
import type { DocumentRef } from './documents.js';
import type { ProcessView } from './types.js';

const forbidden = (rule: string, status: string, vi: string, en: string) =>
  new DomainError('FORBIDDEN_TRANSITION', {
    details: { rule: `intake.${rule}`, status },
    messages: { vi, en },
  });

/**
 * Whether the result can be attached now: while the departments process the dossier (the officer who
 * signs the last step attaches it before or when completing it; routing's events, as intake's process
 * view, say the processing is running or done) or once the approved result is at the counter.
 */
function mayAttach(state: { status: string; resultOutcome?: string }, process: ProcessView | null): boolean {
  if (state.status === 'result_at_counter') return state.resultOutcome !== 'refused';
  return state.status === 'received' && (process?.status === 'processing' || process?.status === 'completed');
}

/**
 * The electronic result: only when the procedure issues an electronic result, during the processing
 * or once the approved result is at the counter, and one file per dossier (the same bytes again change nothing).
 */
export function attachResultFile(
  state: { status: string; resultOutcome?: string; resultFile?: DocumentRef },
  file: DocumentRef,
  resultTypes: readonly string[],
  process: ProcessView | null,
  at: Date,
): NewEvent[] {
  if (!resultTypes.includes('electronic')) {
    throw forbidden(
      'result-file-electronic-only',
      state.status,
      'Thủ tục này không trả kết quả điện tử',
      'This procedure does not issue an electronic result',
    );
  }
  if (state.resultFile?.sha256 === file.sha256) return [];
  if (state.resultFile) {
    throw forbidden(
      'result-file-once',
      state.status,
      'Hồ sơ đã có tệp kết quả điện tử',
      'The dossier already has its electronic result file',
    );
  }
  if (!mayAttach(state, process)) {
    throw forbidden(
      'result-file-after-result',
      state.status,
      'Chỉ đính kèm kết quả khi hồ sơ đang được giải quyết hoặc kết quả được duyệt đã về Bộ phận Một cửa',
      'The result file is attached while the dossier is processed or once the approved result is at the counter',
    );
  }
  const iso = at.toISOString();
  return [
    {
      type: 'ResultFileAttached',
      schemaVersion: 1,
      occurredAt: iso,
      payload: { ...file, attachedAt: iso },
    },
  ];
}

export const resultFileOf = (p: Record<string, unknown>): DocumentRef => ({
  documentId: String(p.documentId),
  name: String(p.name),
  sha256: String(p.sha256),
  size: Number(p.size),
  contentType: String(p.contentType) as DocumentRef['contentType'],
});

/**
 * The file is handed out only as the result: once the approved result is at the counter or returned.
 * A file attached during processing stays unseen if the dossier ends refused (or before the result).
 */
export function downloadableResultFile(state: {
  status: string;
  resultOutcome?: string;
  resultFile?: DocumentRef;
}): DocumentRef | undefined {
  const resultOut = state.status === 'result_at_counter' || state.status === 'returned';
  return resultOut && state.resultOutcome !== 'refused' ? state.resultFile : undefined;
}

export const resultFileErrors = {
  none: (dossierId: string) =>
    new DomainError('DOCUMENT_NOT_FOUND', {
      kind: 'not_found',
      messages: { vi: 'Hồ sơ chưa có kết quả điện tử', en: 'The dossier has no electronic result yet' },
      details: { dossierId },
    }),
};
