/** Saves a downloaded file under its name (exports are files to keep, not pages to view). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** "2026-11" → "11/2026" (Vietnamese month) or "Nov 2026". */
export function monthLabel(month: string, lang: 'vi' | 'en'): string {
  const [y, m] = month.split('-');
  if (lang === 'vi') return `${m}/${y}`;
  return new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(Number(y), Number(m) - 1, 1)),
  );
}

/** A rate 0…1 as a percentage with one decimal in the language's format, or "—" when nothing resolved. */
export function percent(rate: number | null | undefined, lang: 'vi' | 'en'): string {
  if (rate === null || rate === undefined) return '—';
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(rate);
}

/** "Trung tâm Hành chính công thành phố Huế" → "thành phố Huế": chart legends and axes stay readable. */
export const shortCenter = (name: string): string =>
  name.replace(/^Trung tâm (Phục vụ )?[Hh]ành chính công\s+/, '') || name;

/** Roles that read every center's figures; the others (center managers, the leadership) their own only. */
const ALL_CENTERS_ROLES = ['supervision_board', 'system_admin'];

/** The centers the signed-in officer may choose, and whether "all centers" is one of the choices. */
export function centerChoices(
  user: { role: string; centerId?: string } | undefined,
  centers: { centerId: string; name: string }[],
): { all: boolean; centers: { centerId: string; name: string }[] } {
  if (user && ALL_CENTERS_ROLES.includes(user.role)) return { all: true, centers };
  return { all: false, centers: centers.filter((c) => c.centerId === user?.centerId) };
}
