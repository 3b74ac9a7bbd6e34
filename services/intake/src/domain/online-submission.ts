import { createHash } from 'node:crypto';
import { DomainError } from '@motcua/contracts';
import type { Applicant } from './types.js';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // as the look-up key: no 0/O, 1/I
const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

/** `261204-7K3MQ9XR`: the day of submission in Vietnam, then 8 characters of the dossier id's hash. */
export const RECEIPT_NUMBER = /^\d{6}-[A-HJ-NP-Z2-9]{8}$/;

/**
 * The electronic receipt number an online applicant is shown and can read out at the counter. Derived
 * from the dossier id (itself derived from the command id), so a retried submission answers the same
 * number; 40 bits a day keep two of a day's submissions apart, and the number is no credential.
 */
export function receiptNumberOf(dossierId: string, submittedAt: Date): string {
  const local = new Date(submittedAt.getTime() + VIETNAM_OFFSET_MS).toISOString();
  const day = `${local.slice(2, 4)}${local.slice(5, 7)}${local.slice(8, 10)}`;
  const digest = createHash('sha256').update(`online-receipt:${dossierId}`).digest();
  return `${day}-${Array.from(digest.subarray(0, 8), (b) => ALPHABET[b % ALPHABET.length]).join('')}`;
}

/**
 * An online applicant must be reachable: the code and look-up key go to their phone or e-mail, and an
 * ID number lets the counter find and call them. Without any of the three nobody could tell them.
 */
export function assertReachable(applicant: Partial<Applicant>): void {
  const given = (v?: string) => typeof v === 'string' && v.trim() !== '';
  if (given(applicant.phone) || given(applicant.email) || given(applicant.idNumber)) return;
  throw new DomainError('INVALID_INPUT', {
    details: { rule: 'intake.online-applicant-reachable', fields: ['phone', 'email', 'idNumber'] },
    messages: {
      vi: 'Cần ít nhất một cách liên hệ: số điện thoại, thư điện tử hoặc số CCCD/CMND',
      en: 'Give at least one way to reach you: a phone number, an e-mail address or an ID number',
    },
  });
}
