// The chaos report as an operator reads it: one block per fault, then a summary table.
import type { ChaosReport, FaultResult } from './run.js';

const secs = (s: number | undefined) => (s === undefined ? 'never (by itself)' : `${s.toFixed(1)} s`);

function block(r: FaultResult): string[] {
  const lines = [
    `■ ${r.fault}: ${r.pass ? 'PASS' : 'FAIL'}`,
    `  fault:        ${r.what}`,
    `  came back:    ${r.back}`,
    `  dossiers:     ${r.dossiers} in flight around the fault`,
    `  recovered in: ${secs(r.recoverySeconds)} (from the end of the fault until load done, lag 0, checks green)`,
    `  lost: ${r.lost}   duplicated effects: ${r.duplicated}   stalled consumers: ${r.stalled.length ? r.stalled.join(', ') : 'none'}`,
  ];
  if (r.readinessAtStall.length) lines.push(`  readiness while stalled: ${r.readinessAtStall.join(', ')}`);
  if (r.selfExits.length)
    lines.push(`  exited by themselves (restarted by the harness): ${r.selfExits.join(', ')}`);
  if (r.healedByHand) lines.push('  MANUAL ACTION: every service restarted by hand to go on');
  for (const c of r.checks) {
    lines.push(`  ${c.ok ? '✓' : '✗'} ${c.name}`);
    for (const d of c.detail.slice(0, 8)) lines.push(`      ${d}`);
  }
  return lines;
}

export function renderReport(report: ChaosReport): string {
  const o = report.options;
  const rows = report.results.map(
    (r) =>
      `| ${r.fault} | ${r.pass ? 'PASS' : 'FAIL'} | ${r.dossiers} | ${secs(r.recoverySeconds)} | ${r.lost} | ${r.duplicated} | ${r.stalled.join(', ') || '—'} | ${r.healedByHand ? 'yes' : 'no'} |`,
  );
  return [
    `motcua chaos — ${report.startedAt}, ${o.instances} instance(s) of each service, ${o.dossiers} dossiers, concurrency ${o.concurrency}`,
    '',
    ...report.results.flatMap((r) => [...block(r), '']),
    '| fault | result | dossiers | recovered in | lost | duplicated | stalled consumers | manual restart |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `${report.pass ? 'PASS' : 'FAIL'}: ${report.results.filter((r) => r.pass).length}/${report.results.length} faults survived without manual action, ` +
      `${report.results.reduce((n, r) => n + r.lost, 0)} lost, ${report.results.reduce((n, r) => n + r.duplicated, 0)} duplicated, ` +
      `${report.seconds.toFixed(0)} s in all`,
  ].join('\n');
}
