// A server-side draft of an online submission (issue 14, ADR 0013): kept for an applicant who has no
// account, opened by a resume secret that only its hash is stored of, and turned into the online
// submission exactly once.

import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { DomainError } from '@motcua/contracts';

/** A draft not saved for this long is gone: the applicant starts again. */
export const DRAFT_TTL_DAYS = 30;
/** The saved form, serialized, at most this many bytes (the schema bounds each field too). */
export const MAX_DRAFT_FORM_BYTES = 16_000;

// Crockford's base 32 without I, L, O, U: read aloud or typed from paper without confusion.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const randomCode = (length: number) =>
  Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

export const DRAFT_ID = /^[0-9A-HJKMNP-TV-Z]{8}$/;
export const RESUME_SECRET = /^[0-9A-HJKMNP-TV-Z]{16}$/;

/** A new draft's id (40 bits, not a credential) and resume secret (80 bits, the credential). */
export function newDraftCredentials() {
  return { draftId: randomCode(8), resumeSecret: randomCode(16) };
}

/** The one code the applicant keeps: typed on another device, it opens the draft. */
export const resumeCodeOf = (draftId: string, resumeSecret: string) => `${draftId}-${resumeSecret}`;

export function secretHashOf(resumeSecret: string): string {
  return createHash('sha256').update(`online-draft:${resumeSecret}`).digest('hex');
}

export function secretMatches(storedHash: string, given: string): boolean {
  const expected = Buffer.from(storedHash, 'hex');
  const actual = Buffer.from(secretHashOf(given), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export const expiryFrom = (now: Date) => new Date(now.getTime() + DRAFT_TTL_DAYS * 86_400_000);

export const draftErrors = {
  /** Unknown draft or wrong secret: the same answer, so a guess learns nothing (throttled). */
  notFound: (draftId: string) =>
    new DomainError('DRAFT_NOT_FOUND', {
      kind: 'not_found',
      messages: {
        vi: 'Không tìm thấy hồ sơ đang soạn với mã tiếp tục này',
        en: 'No draft matches this resume code',
      },
      details: { draftId },
    }),
  expired: (draftId: string) =>
    new DomainError('DRAFT_EXPIRED', {
      kind: 'not_found',
      messages: {
        vi: `Hồ sơ đang soạn đã hết hạn (lưu ${DRAFT_TTL_DAYS} ngày kể từ lần sửa cuối); vui lòng khai lại`,
        en: `The draft has expired (kept ${DRAFT_TTL_DAYS} days after its last save); please start again`,
      },
      details: { draftId },
    }),
  tooLarge: () =>
    new DomainError('DRAFT_TOO_LARGE', {
      kind: 'invalid_input',
      messages: {
        vi: `Nội dung hồ sơ đang soạn quá lớn (tối đa ${MAX_DRAFT_FORM_BYTES} byte)`,
        en: `The draft's form is too large (at most ${MAX_DRAFT_FORM_BYTES} bytes)`,
      },
      details: { max: MAX_DRAFT_FORM_BYTES },
    }),
  submitted: (draftId: string) =>
    new DomainError('DRAFT_SUBMITTED', {
      kind: 'failed_precondition',
      messages: {
        vi: 'Hồ sơ này đã được nộp; không sửa được bản đang soạn nữa',
        en: 'This draft was submitted already; its form can no longer change',
      },
      details: { draftId },
    }),
};

/** Throws DRAFT_TOO_LARGE when the serialized form passes the bound. */
export function assertFormFits(form: unknown): void {
  if (Buffer.byteLength(JSON.stringify(form)) > MAX_DRAFT_FORM_BYTES) throw draftErrors.tooLarge();
}
