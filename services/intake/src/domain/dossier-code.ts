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

const CODE = /^(?<unit>[0-9A-Z.]+)-(?<day>\d{6})-(?<seq>\d{4})$/;

export function parseDossierCode(code: string): { unitCode: string; day: string; sequence: number } | null {
  const match = CODE.exec(code);
  if (!match?.groups) return null;
  return { unitCode: match.groups.unit!, day: match.groups.day!, sequence: Number(match.groups.seq) };
}
