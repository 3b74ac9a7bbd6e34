import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BACKGROUND_NODE_FLAGS,
  PRODUCTION_NODE_FLAGS,
  REPO_ROOT,
  SERVICE_NICENESS,
  serviceArgs,
} from '../src/index.js';

const GROW_BY_HALF = '--heap-growing-percent=50';

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

  it('are flags this node accepts', () => {
    const flags = [...PRODUCTION_NODE_FLAGS, ...BACKGROUND_NODE_FLAGS];
    expect(execFileSync(process.execPath, [...flags, '-e', 'process.stdout.write("ok")']).toString()).toBe(
      'ok',
    );
  });

  it("are docker-compose's commands too", () => {
    const compose = readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8');
    const command = compose.match(/&background-command\s*\n\s*\[([^\]]*)\]/)?.[1];
    const args = command?.split(',').map((a) => a.trim().replace(/^'|'$/g, ''));
    expect(args).toEqual(['node', ...PRODUCTION_NODE_FLAGS, ...BACKGROUND_NODE_FLAGS, 'build/main.js']);
    // a service's block: from its name to the next top-level entry
    const block = (name: string) =>
      compose.split(/\n(?= {2}[\w-]+:\n)/).find((b) => b.startsWith(`  ${name}:\n`));
    for (const service of ['department', 'notification', 'monitoring'])
      expect(block(service)).toContain('command: *background-command');
    for (const service of ['intake', 'routing']) {
      expect(block(service)).toBeDefined();
      expect(block(service)).not.toContain('command:');
    }
  });
});
