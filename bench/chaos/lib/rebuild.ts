// The projection rebuild (`./motcua rebuild`) run as the operator runs it, against a running system's
// log and database: its own verification compares the rebuilt projections with the live ones.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '@motcua/testing';
import type { Comparison } from '../../../services/monitoring/src/rebuild/verify.js';

export interface RebuildTarget {
  namespace: string;
  /** The monitoring database (`<prefix>_monitoring`). */
  monitoringDb: string;
  routingGrpc: string;
  /** Overrides of the environment (KAFKA_BROKERS and MONGO_URL of a dedicated infra). */
  env?: Record<string, string>;
}

export type RebuildLine = { event: string; [key: string]: unknown };

export type Verified = Comparison & { digestMismatches: unknown[] };

/** Runs the CLI with `--json`; its JSON lines (progress, built, verified) whatever its exit code. */
export async function runRebuild(target: RebuildTarget, id: string): Promise<RebuildLine[]> {
  const result = await promisify(execFile)(
    join(REPO_ROOT, 'node_modules/.bin/tsx'),
    [
      join(REPO_ROOT, 'services/monitoring/src/rebuild/cli.ts'),
      '--id',
      id,
      '--namespace',
      target.namespace,
      '--json',
    ],
    {
      cwd: join(REPO_ROOT, 'services/monitoring'),
      env: {
        ...process.env,
        ...target.env,
        MONGO_DB: target.monitoringDb,
        ROUTING_GRPC_ADDRESS: target.routingGrpc,
      },
      maxBuffer: 64 * 1024 * 1024,
    },
  ).catch((err: { code?: number; stdout?: string; stderr?: string }) => {
    // exit 2: built and verified, but different; its lines say how
    if (err.code === 2 && err.stdout) return { stdout: err.stdout };
    throw new Error(`rebuild ${id} exited ${err.code}: ${err.stderr?.slice(-2000)}`);
  });
  return result.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as RebuildLine);
}

export const verifiedOf = (lines: RebuildLine[]): Verified | undefined =>
  lines.find((l) => l.event === 'verified') as Verified | undefined;
