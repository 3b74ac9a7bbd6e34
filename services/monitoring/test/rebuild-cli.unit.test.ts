import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The rebuild's command line refuses what it cannot use before it connects to anything.
const CLI = fileURLToPath(new URL('../src/rebuild/cli.ts', import.meta.url));
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('./motcua rebuild', () => {
  it('refuses a memory bound it cannot use, in Vietnamese and English, before connecting to anything', () => {
    const refused = run('--max-documents', '12');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('INVALID_INPUT --max-documents');
    expect(refused.stderr).toMatch(/số nguyên.*whole number/);
  });

  it('refuses a rebuild id or a checkpoint interval it cannot use, in both languages', () => {
    const id = run('--id', '../other');
    expect(id.status).toBe(1);
    expect(id.stderr).toMatch(/INVALID_INPUT --id: chỉ gồm .* letters, digits/);
    const batch = run('--batch', '0');
    expect(batch.status).toBe(1);
    expect(batch.stderr).toMatch(/INVALID_INPUT --batch: cần một số nguyên dương .* positive whole number/);
  });

  it('says how many documents it holds in memory by default', () => {
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--max-documents N .* \(default 200000/s);
  });
});
