// Dates, times and numbers as people in Vietnam read them: the Vietnam time zone always, vi-VN
// formats (dd/MM/yyyy, 1.234.567 ₫); the English view keeps the time zone with en-GB formats.
import type { Lang } from './i18n.js';

const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const locale = (lang: Lang) => (lang === 'vi' ? 'vi-VN' : 'en-GB');
const asDate = (v: string | Date) => (typeof v === 'string' ? new Date(v) : v);

export function formatDate(v: string | Date | undefined, lang: Lang): string {
  if (!v) return '';
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(asDate(v));
}

export function formatDateTime(v: string | Date | undefined, lang: Lang): string {
  if (!v) return '';
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(asDate(v));
}

export const formatNumber = (n: number, lang: Lang): string => new Intl.NumberFormat(locale(lang)).format(n);

export const formatVnd = (n: number, lang: Lang): string =>
  new Intl.NumberFormat(locale(lang), {
    style: 'currency',
    currency: 'VND',
    maximumFractionDigits: 0,
  }).format(n);

/** Bytes as KB/MB for upload lists. */
export function formatBytes(n: number, lang: Lang): string {
  if (n < 1024) return `${formatNumber(n, lang)} B`;
  if (n < 1024 * 1024) return `${formatNumber(Math.round(n / 102.4) / 10, lang)} KB`;
  return `${formatNumber(Math.round(n / 104857.6) / 10, lang)} MB`;
}
