// The security suite's end-to-end part (issue 13): the services as they run in production, started the
// way an operator would start them, without the secrets. Each must refuse to start and say why in both
// languages, before it connects to anything. The attacks on a running system are tried by the
// integration tests named in docs/security.md.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT, SERVICES } from '@motcua/testing';
import { describe, expect, it } from 'vitest';

const SECRET = 'an-operator-secret-that-is-long-enough-012345';

/** Runs a service's main.ts with only `env` (no development mode); resolves with its exit code and output. */
function start(
  service: string,
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, `services/${service}/src/main.ts`)],
      {
        cwd: join(REPO_ROOT, 'services', service),
        // Nothing listens on these: a service that got past its secrets would fail to connect instead.
        env: {
          PATH: process.env.PATH ?? '',
          KAFKA_BROKERS: '127.0.0.1:9',
          MONGO_URL: 'mongodb://127.0.0.1:9/',
          MOTCUA_DEV_MODE: 'false',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
    });
    const kill = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(kill);
      resolve({ code, output });
    });
  });
}

describe('a service started without its secrets', () => {
  it.each(SERVICES.map((s) => [s]))('%s refuses to start without MOTCUA_JWT_SECRET', async (service) => {
    const { code, output } = await start(service, { INTAKE_LOOKUP_SECRET: SECRET });
    expect(code).not.toBe(0);
    expect(output).toMatch(/MOTCUA_JWT_SECRET: required/);
    expect(output).toMatch(/bắt buộc/);
    expect(output).not.toMatch(/ECONNREFUSED|started/);
  });

  // notification derives the receipt's key again for the reception message (ADR 0016).
  it.each([['intake'], ['notification']])(
    '%s refuses to start without INTAKE_LOOKUP_SECRET',
    async (service) => {
      const { code, output } = await start(service, { MOTCUA_JWT_SECRET: SECRET });
      expect(code).not.toBe(0);
      expect(output).toMatch(/INTAKE_LOOKUP_SECRET: required/);
    },
  );
});
