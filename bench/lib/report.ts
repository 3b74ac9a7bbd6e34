import type { Machine } from './infra.js';
import type { StageResult } from './stats.js';

export interface Report {
  date: string;
  machine: Machine;
  settings: { dossiers: number; concurrency: number; events: number; receptions: number; rate: number };
  stages: StageResult[];
  totalSeconds: number;
}

const HEAD = ['stage', 'ops', 's', 'ops/s', 'p50 ms', 'p95 ms', 'p99 ms'];

/** The stages as a table (stage, ops, s, ops/s, p50/p95/p99 ms), then their notes. */
export function renderRows(stages: StageResult[]): string[] {
  const rows = stages.map((s) => [
    s.stage,
    String(s.ops),
    s.seconds?.toFixed(2) ?? '',
    s.opsPerSec?.toFixed(0) ?? '',
    s.latencyMs?.p50.toFixed(1) ?? '',
    s.latencyMs?.p95.toFixed(1) ?? '',
    s.latencyMs?.p99.toFixed(1) ?? '',
  ]);
  const widths = HEAD.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  const notes = stages.filter((s) => s.note).map((s) => `  ${s.stage.trim()}: ${s.note}`);
  return [
    line(HEAD),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    ...(notes.length ? ['', 'notes:', ...notes] : []),
  ];
}

export function renderTable(r: Report): string {
  const m = r.machine;
  const ferret = m.mongo.ferretdb ? `, FerretDB ${m.mongo.ferretdb}` : '';
  return [
    `motcua pipeline benchmark — ${r.date}`,
    `machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}`,
    `servers: MongoDB wire ${m.mongo.version}${ferret}; Kafka ${m.kafka.version}, ${m.kafka.brokers} broker(s)`,
    `run: ${r.settings.dossiers} dossiers × 4 events = ${r.settings.events} events, ${r.settings.concurrency} in flight; ${r.settings.receptions} receptions over HTTP at ${r.settings.rate}/s; ${r.totalSeconds.toFixed(1)} s in all`,
    '',
    ...renderRows(r.stages),
  ].join('\n');
}
