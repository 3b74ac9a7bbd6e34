import type { ControlSheetRow } from '../domain/audit.js';

const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** `09 giờ 30 phút, ngày 02/03/2026` (Vietnam time), as the form writes hours, minutes and the day. */
export function when(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(Date.parse(iso) + VIETNAM_OFFSET_MS);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCHours())} giờ ${p(d.getUTCMinutes())} phút, ngày ${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** The result column of Mẫu 05. */
export const RESULT: Record<ControlSheetRow['result'], string> = {
  early: 'Trước hạn',
  on_time: 'Đúng hạn',
  late: 'Quá hạn',
  in_progress: 'Đang giải quyết',
};
