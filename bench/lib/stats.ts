import { performance } from 'node:perf_hooks';

export const now = () => performance.now();

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface StageResult {
  stage: string;
  ops: number;
  /** Wall time of the whole stage; absent for rows that only break a latency down. */
  seconds?: number;
  opsPerSec?: number;
  latencyMs?: Latency;
  note?: string;
}

const round = (x: number, digits = 2) => Number(x.toFixed(digits));

/** Nearest-rank percentiles. */
export function latency(samples: number[]): Latency | undefined {
  if (samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: round(sorted[sorted.length - 1]!) };
}

export function stage(
  name: string,
  ops: number,
  seconds: number | undefined,
  samples?: number[],
  note?: string,
): StageResult {
  const l = samples ? latency(samples) : undefined;
  return {
    stage: name,
    ops,
    ...(seconds !== undefined ? { seconds: round(seconds, 3), opsPerSec: round(ops / seconds, 1) } : {}),
    ...(l ? { latencyMs: l } : {}),
    ...(note ? { note } : {}),
  };
}

/** Runs `work(0..count-1)` with at most `concurrency` calls pending. */
export async function inParallel(
  count: number,
  concurrency: number,
  work: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/** `count` operations, `concurrency` in flight: one timed row. */
export async function measure(
  name: string,
  count: number,
  concurrency: number,
  op: (i: number) => Promise<unknown>,
): Promise<StageResult> {
  const samples: number[] = [];
  const start = now();
  await inParallel(count, concurrency, async (i) => {
    const t = now();
    await op(i);
    samples.push(now() - t);
  });
  return stage(name, count, (now() - start) / 1000, samples);
}
