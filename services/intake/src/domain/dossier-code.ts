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
 * Circular 01/2018 Art 19: the receiving unit's identifier code, the reception date and the
 * 4-digit sequence of that unit's dossiers that day.
 */
export function formatDossierCode(unitCode: string, receivedAt: Date, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 9999) {
    throw new RangeError(`daily sequence out of range: ${sequence}`);
  }
  return `${unitCode}-${localDayStamp(receivedAt)}-${String(sequence).padStart(4, '0')}`;
}

const CODE = /^(?<unit>[0-9A-Z.]+)-(?<day>\d{6})-(?<seq>\d{4})$/;

export function parseDossierCode(code: string): { unitCode: string; day: string; sequence: number } | null {
  const match = CODE.exec(code);
  if (!match?.groups) return null;
  return { unitCode: match.groups.unit!, day: match.groups.day!, sequence: Number(match.groups.seq) };
}
