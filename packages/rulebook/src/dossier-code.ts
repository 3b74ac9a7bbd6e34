import { receptionDay } from './select.js';
import type { DossierCodeFormat } from './types.js';

export interface DossierCodeParts {
  unitCode: string;
  receivedAt: Date;
  sequence: number;
  /** Two digits of the platform owner's code (Circular 04/2025 format only). */
  platformDigits?: string;
}

/** Writes a dossier code in a rulebook's format; the sequence must fit its digits. */
export function formatDossierCode(format: DossierCodeFormat, parts: DossierCodeParts): string {
  const max = 10 ** format.sequenceDigits - 1;
  if (!Number.isInteger(parts.sequence) || parts.sequence < 1 || parts.sequence > max) {
    throw new RangeError(`daily sequence out of range: ${parts.sequence}`);
  }
  if (format.template.includes('{aa}') && !/^\d{2}$/.test(parts.platformDigits ?? '')) {
    throw new RangeError('this dossier code needs the two digits of the platform owner');
  }
  const yymmdd = receptionDay(parts.receivedAt).slice(2).replaceAll('-', '');
  return format.template
    .replace('{unit}', parts.unitCode)
    .replace('{yymmdd}', yymmdd)
    .replace('{aa}', parts.platformDigits ?? '')
    .replace('{seq}', String(parts.sequence).padStart(format.sequenceDigits, '0'));
}
