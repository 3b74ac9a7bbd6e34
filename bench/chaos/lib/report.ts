// The chaos report as an operator reads it: one block per fault, then a summary table.
import { PUBLISHED_TWICE } from './checks.js';
import type { ChaosReport, FaultResult } from './run.js';

const secs = (s: number | undefined) => (s === undefined ? 'never (by itself)' : `${s.toFixed(1)} s`);
/** The issue's target: every projection converged within 30 s of the fault ending. */
const TARGET_SECONDS = 30;
const within = (r: FaultResult) =>
  r.caughtUpSeconds !== undefined && r.caughtUpSeconds <= TARGET_SECONDS
    ? `within the ${TARGET_SECONDS} s target`
    : `NOT within the ${TARGET_SECONDS} s target`;

function block(r: FaultResult): string[] {
  const lines = [
    `■ ${r.fault}: ${r.pass ? 'PASS' : 'FAIL'}`,
    `  fault:        ${r.what}`,
    `  came back:    ${r.back}`,
    `  supervisor restarts: ${r.supervisorRestarts.join(', ') || 'none'}   manual actions: ${r.manualActions}`,
    `  dossiers:     ${r.dossiers} in flight around the fault`,
    `  caught up in: ${secs(r.caughtUpSeconds)} (from the end of the fault until every instance ready and every consumer group at the log's end of ~1 s before) — ${within(r)}`,
    `  batch done in: ${secs(r.recoverySeconds)} (from the end of the fault until the batch's lifecycles finished, lag 0, checks green)`,
    `  lost: ${r.lost}   duplicated effects: ${r.duplicated}   stalled consumers: ${r.stalled.length ? r.stalled.join(', ') : 'none'}`,
  ];
  if (r.readinessAtStall.length) lines.push(`  readiness while stalled: ${r.readinessAtStall.join(', ')}`);
  if (r.selfExits.length)
    lines.push(`  exited by themselves (restarted by the supervisor): ${r.selfExits.join(', ')}`);
  if (r.healedByHand) lines.push('  MANUAL ACTION: every service restarted by hand to go on');
  for (const c of r.checks) {
    lines.push(`  ${c.ok ? '✓' : '✗'} ${c.name}`);
    for (const d of c.detail.slice(0, 8)) lines.push(`      ${d}`);
  }
  return lines;
}

/** Events of the batch that appear twice in the log (not yet a doubled effect: consumers dedupe). */
const published = (r: FaultResult) => r.checks.find((c) => c.name === PUBLISHED_TWICE)?.duplicated ?? 0;
const rebuild = (r: FaultResult) => {
  const c = r.checks.find((x) => x.name.startsWith("the board's projections equal"));
  if (c === undefined) return '—';
  if (c.ok) return 'equal';
  // a difference names its collection; anything else is a rebuild that did not run or was not read
  return c.detail.some((d) => /: (only live|only rebuilt|differs) /.test(d)) ? 'differs' : 'not read';
};

export function renderReport(report: ChaosReport): string {
  const o = report.options;
  const rows = report.results.map(
    (r) =>
      `| ${r.fault} | ${r.pass ? 'PASS' : 'FAIL'} | ${r.dossiers} | ${r.readyAfterSeconds === undefined ? '—' : `${r.readyAfterSeconds.toFixed(1)} s`} | ${r.supervisorRestarts.join(', ') || '—'} | ${secs(r.caughtUpSeconds)} | ${secs(r.recoverySeconds)} | ${r.lost} | ${published(r)} | ${r.duplicated} | ${r.stalled.join(', ') || '—'} | ${rebuild(r)} | ${r.manualActions} |`,
  );
  return [
    `motcua chaos — ${report.startedAt}, ${o.instances} instance(s) of each service, ${o.brokers} Kafka node(s), ${o.dossiers} dossiers, concurrency ${o.concurrency}`,
    '',
    ...report.results.flatMap((r) => [...block(r), '']),
    '| fault | result | dossiers | back (ready) after | supervisor restarts | caught up in | batch done in | lost | published twice | duplicated | stalled consumers | rebuild | manual actions |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `${report.pass ? 'PASS' : 'FAIL'}: ${report.results.filter((r) => r.pass).length}/${report.results.length} faults survived without manual action, ` +
      `${report.results.filter((r) => within(r).startsWith('within')).length}/${report.results.length} caught up within ${TARGET_SECONDS} s, ` +
      `${report.results.reduce((n, r) => n + r.lost, 0)} lost, ${report.results.reduce((n, r) => n + r.duplicated, 0)} duplicated, ` +
      `${report.seconds.toFixed(0)} s in all`,
  ].join('\n');
}
