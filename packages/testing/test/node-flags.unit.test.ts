import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BACKGROUND_NODE_FLAGS,
  COUNTER_NODE_FLAGS,
  PRODUCTION_NODE_FLAGS,
  REPO_ROOT,
  SERVICE_NICENESS,
  serviceArgs,
} from '../src/index.js';

const GROW_BY_HALF = '--heap-growing-percent=50';
/** The size of the young generation's semi-spaces a process is started with, in MB. */
const semiSpace = (args: string[]) =>
  Number(args.find((a) => a.startsWith('--max-semi-space-size='))?.split('=')[1]);

describe("the services' node flags", () => {
  it('let the services that work from the log grow their heap by half, and only those', () => {
    for (const service of ['department', 'notification', 'monitoring'] as const) {
      expect(serviceArgs(service, true)).toContain(GROW_BY_HALF);
      expect(SERVICE_NICENESS[service]).toBeGreaterThan(0);
    }
    for (const service of ['intake', 'routing'] as const) {
      expect(serviceArgs(service, true)).not.toContain(GROW_BY_HALF);
    }
    expect(serviceArgs('web', true)).not.toContain(GROW_BY_HALF);
  });

  it('give the services that answer the counter a larger young generation than the others', () => {
    expect(semiSpace(serviceArgs('intake', true))).toBe(8);
    expect(semiSpace(serviceArgs('routing', true))).toBe(8);
    for (const service of ['department', 'notification', 'monitoring', 'web'] as const)
      expect(semiSpace(serviceArgs(service, true))).toBe(2);
  });

  it('are flags this node accepts', () => {
    for (const flags of [BACKGROUND_NODE_FLAGS, COUNTER_NODE_FLAGS]) {
      const args = [...PRODUCTION_NODE_FLAGS, ...flags, '-e', 'process.stdout.write("ok")'];
      expect(execFileSync(process.execPath, args).toString()).toBe('ok');
    }
  });

  it("are docker-compose's commands too, and the Dockerfile's for the web server", () => {
    const compose = readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8');
    const commandOf = (anchor: string) =>
      compose
        .match(new RegExp(`&${anchor}\\s*\\n\\s*\\[([^\\]]*)\\]`))?.[1]
        ?.split(',')
        .map((a) => a.trim().replace(/^'|'$/g, ''));
    expect(commandOf('background-command')).toEqual([
      'node',
      ...PRODUCTION_NODE_FLAGS,
      ...BACKGROUND_NODE_FLAGS,
      'build/main.js',
    ]);
    expect(commandOf('counter-command')).toEqual([
      'node',
      ...PRODUCTION_NODE_FLAGS,
      ...COUNTER_NODE_FLAGS,
      'build/main.js',
    ]);
    // a service's block: from its name to the next top-level entry
    const block = (name: string) =>
      compose.split(/\n(?= {2}[\w-]+:\n)/).find((b) => b.startsWith(`  ${name}:\n`));
    for (const service of ['department', 'notification', 'monitoring'])
      expect(block(service)).toContain('command: *background-command');
    for (const service of ['intake', 'routing'])
      expect(block(service)).toContain('command: *counter-command');
  });
});
