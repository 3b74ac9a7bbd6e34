import { createHash, createHmac } from 'node:crypto';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I: read aloud at a counter

/**
 * The secret printed on the receipt. Derived from the dossier id with the service's secret, so a
 * retried reception prints the same key and the key itself never needs to be stored or logged.
 */
export function lookupKeyFor(dossierId: string, secret: string): string {
  const digest = createHmac('sha256', secret).update(dossierId).digest();
  return Array.from(digest.subarray(0, 8), (byte) => ALPHABET[byte % ALPHABET.length]).join('');
}

export function hashLookupKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
