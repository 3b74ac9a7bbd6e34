import type { Progress } from './engine.js';

const duration = (seconds: number) => {
  if (seconds < 60) return `${seconds}s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
};

/** `[#####-----] 52% 10400/20000 events, 210 ev/s, ETA 46s` (plain text, for stderr). */
export function progressLine(p: Progress, width = 20): string {
  const ratio = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
  const filled = Math.round(ratio * width);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
  const eta = p.etaSeconds === null ? 'ETA ?' : `ETA ${duration(p.etaSeconds)}`;
  const poison = p.poison > 0 ? `, ${p.poison} poison skipped` : '';
  return `${bar} ${Math.floor(ratio * 100)}% ${p.done}/${p.total} events, ${p.eventsPerSecond} ev/s, ${eta}${poison}`;
}
