import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from '../src/eventually.js';
import { REPO_ROOT } from '../src/infra.js';

/** Running: a process that exited but is not yet reaped by its new parent (a zombie) is not. */
const alive = (pid: number) => {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
};

// `./motcua up` killed outright (SIGKILL: no handler of its own runs) used to leave its services
// running, holding their ports and consumer groups; they now stop with it.
describe('a service started by a launcher', () => {
  let launcher: ChildProcess | undefined;
  let servicePid: number | undefined;
  afterAll(() => {
    if (launcher?.exitCode === null) launcher.kill('SIGKILL');
    if (servicePid !== undefined && alive(servicePid)) process.kill(servicePid, 'SIGKILL');
  });

  it('stops when the launcher is killed outright', async () => {
    launcher = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(REPO_ROOT, 'packages/testing/test/fixtures/launcher.ts'),
        randomUUID().slice(0, 8),
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    servicePid = await new Promise<number>((resolve, reject) => {
      let out = '';
      launcher!.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line) resolve((JSON.parse(line) as { pid: number }).pid);
      });
      launcher!.once('exit', (code) =>
        reject(new Error(`launcher exited (${code}) before its service started`)),
      );
    });
    expect(alive(servicePid)).toBe(true);

    launcher.kill('SIGKILL');
    await eventually(() => expect(alive(servicePid!)).toBe(false), 20_000, 200);
  }, 90_000);
});
