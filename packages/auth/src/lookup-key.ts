import { createHash, createHmac } from 'node:crypto';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I: read aloud at a counter

/** The environment variable holding the secret the keys are derived with (ADR 0016). */
export const LOOKUP_SECRET_NAME = 'INTAKE_LOOKUP_SECRET';
/** Only in development mode (MOTCUA_DEV_MODE): published, so keys derived with it protect nothing. */
export const DEVELOPMENT_LOOKUP_SECRET = 'motcua-development-lookup-secret';

/**
 * The secret printed on the receipt (and sent to the applicant's own channels by notification). Derived from the dossier id with the service's secret, so a
 * retried reception prints the same key and the key itself never needs to be stored or logged.
 */
export function lookupKeyFor(dossierId: string, secret: string): string {
  const digest = createHmac('sha256', secret).update(dossierId).digest();
  return Array.from(digest.subarray(0, 8), (byte) => ALPHABET[byte % ALPHABET.length]).join('');
}

export function hashLookupKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
