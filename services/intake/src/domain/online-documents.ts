import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '@motcua/contracts';
import type { NewEvent } from '@motcua/eventstore';
import type { DocumentRef } from './documents.js';

/** A file attached to an online submission, as the counter sees it when it checks the submission. */
export interface AttachedDocument extends DocumentRef {
  attachedAt: string;
  /** Set when the file came from an earlier dossier of the applicant (its code + key proved it). */
  reusedFromDossierId?: string;
}

/** Enough for any procedure's documents; bounds what an anonymous submitter can store. */
export const MAX_ATTACHED_DOCUMENTS = 30;

/**
 * The one-time secret answered to whoever created an online submission: it alone lets documents be
 * uploaded to THAT submission. Derived from the dossier id with the service's secret (like the
 * receipt's look-up key), so a retried submission answers the same key and none is ever stored.
 */
export function uploadKeyFor(dossierId: string, secret: string): string {
  return createHmac('sha256', secret).update(`online-upload:${dossierId}`).digest('base64url');
}

/**
 * What the event store keeps of an online submission's secret (its hash): a retry of the command id
 * must present the same secret, since an anonymous submitter has no account to compare.
 */
export function submissionProofOf(submissionSecret: string): string {
  return createHash('sha256').update(`online-submission:${submissionSecret}`).digest('hex');
}

export function uploadKeyMatches(dossierId: string, secret: string, given: string): boolean {
  const expected = Buffer.from(uploadKeyFor(dossierId, secret));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export const onlineDocumentErrors = {
  wrongUploadKey: () =>
    new DomainError('PERMISSION_DENIED', {
      messages: {
        vi: 'Mã tải lên không đúng với hồ sơ nộp trực tuyến này',
        en: 'The upload key does not belong to this online submission',
      },
      details: { rule: 'intake.online-upload-key' },
    }),
  notWaiting: (status: string) =>
    new DomainError('FORBIDDEN_TRANSITION', {
      messages: {
        vi: 'Chỉ bổ sung được giấy tờ khi hồ sơ trực tuyến đang chờ kiểm tra',
        en: 'Documents can be attached only while the online submission waits to be checked',
      },
      details: { rule: 'intake.attach-before-check', status },
    }),
  tooMany: () =>
    new DomainError('INVALID_INPUT', {
      messages: {
        vi: `Một hồ sơ trực tuyến có tối đa ${MAX_ATTACHED_DOCUMENTS} tệp giấy tờ`,
        en: `An online submission holds at most ${MAX_ATTACHED_DOCUMENTS} files`,
      },
      details: { rule: 'intake.attach-limit', max: MAX_ATTACHED_DOCUMENTS },
    }),
  nothingToReuse: () =>
    new DomainError('INVALID_INPUT', {
      messages: {
        vi: 'Hồ sơ trước không có giấy tờ đã số hóa để dùng lại',
        en: 'The earlier dossier has no scanned documents to re-use',
      },
      details: { rule: 'intake.reuse-needs-files' },
    }),
};

/** A file is attached once per document it stands for: the same bytes under another name are attached again. */
const attachmentKey = (d: Pick<DocumentRef, 'sha256' | 'name'>) => `${d.sha256}\u0000${d.name}`;

/** The attachment that is `file` (same bytes, same document name), if there is one. */
export const sameAttachment = (attached: readonly AttachedDocument[], file: DocumentRef) =>
  attached.find((d) => attachmentKey(d) === attachmentKey(file));

/**
 * The events attaching `documents` to a submission still waiting to be checked; a file already
 * attached as the same document (same bytes, same name) is not attached again, so a retried upload or
 * re-use changes nothing, while the same scan given for another document shows under that name too.
 */
export function attachOnlineDocuments(
  status: string,
  attached: readonly AttachedDocument[],
  documents: readonly DocumentRef[],
  at: Date,
  reusedFromDossierId?: string,
): NewEvent[] {
  if (status !== 'submitted') throw onlineDocumentErrors.notWaiting(status);
  const seen = new Set(attached.map(attachmentKey));
  const fresh = documents.filter((d) => !seen.has(attachmentKey(d)) && seen.add(attachmentKey(d)));
  if (attached.length + fresh.length > MAX_ATTACHED_DOCUMENTS) throw onlineDocumentErrors.tooMany();
  return fresh.map((d) => ({
    type: 'OnlineDocumentAttached',
    schemaVersion: 1,
    occurredAt: at.toISOString(),
    payload: {
      documentId: d.documentId,
      name: d.name,
      sha256: d.sha256,
      size: d.size,
      contentType: d.contentType,
      attachedAt: at.toISOString(),
      ...(reusedFromDossierId ? { reusedFromDossierId } : {}),
    },
  }));
}

/** The attached list after an OnlineDocumentAttached event. */
export function withAttached(
  attached: readonly AttachedDocument[] | undefined,
  p: Record<string, unknown>,
): AttachedDocument[] {
  const doc: AttachedDocument = {
    documentId: String(p.documentId),
    name: String(p.name),
    sha256: String(p.sha256),
    size: Number(p.size),
    contentType: String(p.contentType) as AttachedDocument['contentType'],
    attachedAt: String(p.attachedAt),
    ...(p.reusedFromDossierId ? { reusedFromDossierId: String(p.reusedFromDossierId) } : {}),
  };
  return [...(attached ?? []), doc];
}
