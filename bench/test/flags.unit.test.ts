import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The bench refuses a setting it cannot use before it connects to anything (exit 2, both languages).
// Each case starts the bench's command line (tsx), a few seconds on a busy machine.
const CLI = fileURLToPath(new URL('../pipeline.bench.ts', import.meta.url));
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('pnpm bench', () => {
  it('asks for the report at most every quarter of a second, like the timeline', () => {
    const refused = run('system', '--report-every', '0.1');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/report-every must be a number of seconds ≥ 0\.25, got 0\.1 \/ .*số giây/);
    expect(run('system', '--report-every', 'often').status).toBe(2);
  }, 60_000);

  it('refuses a rate that is not a whole number, in both languages', () => {
    const refused = run('system', '--rate', '1.5');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/rate must be an integer ≥ 1, got 1\.5 \/ rate phải là số nguyên/);
  }, 60_000);
});
