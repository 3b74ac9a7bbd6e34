import { DomainError } from '@motcua/contracts';
import { formatDossierCode as formatInRulebook, rulebookFor } from '@motcua/rulebook';

/** Vietnam keeps one civil time, UTC+07:00, with no daylight saving. */
const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

/** `YYMMDD` of the local (Vietnam) calendar day of an instant. */
export function localDayStamp(at: Date): string {
  const local = new Date(at.getTime() + VIETNAM_OFFSET_MS);
  const yy = String(local.getUTCFullYear() % 100).padStart(2, '0');
  const mm = String(local.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(local.getUTCDate()).padStart(2, '0');
  return `${yy}${mm}${dd}`;
}

/**
 * The code in the format of the rulebook of the reception day: the receiving unit's identifier code,
 * the reception date and the sequence of that unit's dossiers that day (Circular 01/2018 Art 19; kept,
 * unverified, under Circular 03/2025 Art 13). The parser below reads that one format.
 */
export function formatDossierCode(unitCode: string, receivedAt: Date, sequence: number): string {
  return formatInRulebook(rulebookFor(receivedAt).dossierCode.value, { unitCode, receivedAt, sequence });
}

/** The last daily sequence the code of the day's rulebook can write (9,999 with its four digits). */
export function dailySequenceLimit(receivedAt: Date): number {
  return 10 ** rulebookFor(receivedAt).dossierCode.value.sequenceDigits - 1;
}

/**
 * The unit has given every number its day's code can write: Circular 01/2018 Art 19 writes the
 * daily sequence in exactly four digits, so a 10,000th code would not be a dossier code at all.
 * Refused before anything is written; the counter can still receive the next day.
 */
export function dossierCodesExhausted(unitCode: string, day: string, limit: number): DomainError {
  return new DomainError('DOSSIER_CODES_EXHAUSTED', {
    kind: 'failed_precondition',
    messages: {
      vi: `Đơn vị đã cấp hết ${limit.toLocaleString('vi-VN')} mã số hồ sơ của ngày (số thứ tự trong ngày gồm ${String(limit).length} chữ số); không tiếp nhận thêm hồ sơ trong ngày này`,
      en: `This unit has given all ${limit.toLocaleString('en-US')} dossier codes of the day (the daily sequence has ${String(limit).length} digits); no more dossiers can be received on this day`,
    },
    details: { unitCode, day, limit },
  });
}

const CODE = /^(?<unit>[0-9A-Z.]+)-(?<day>\d{6})-(?<seq>\d{4})$/;

export function parseDossierCode(code: string): { unitCode: string; day: string; sequence: number } | null {
  const match = CODE.exec(code);
  if (!match?.groups) return null;
  return { unitCode: match.groups.unit!, day: match.groups.day!, sequence: Number(match.groups.seq) };
}
