import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './infra.js';
import { e2ePort } from './ports.js';
import type { RunningSystem } from './system.js';

export interface RunningWeb {
  url: string;
  stop(): Promise<void>;
}

/**
 * The web consoles' server (services/web) in front of a running system, as its own process. It builds
 * the single-page app first when the bundle is missing or stale.
 */
export async function startWeb(options: {
  system: RunningSystem;
  port: number;
  logDir: string;
  extraEnv?: Record<string, string>;
}): Promise<RunningWeb> {
  mkdirSync(options.logDir, { recursive: true });
  const port = e2ePort(options.port); // MOTCUA_E2E_PORT_SHIFT
  const env: Record<string, string | undefined> = {
    ...process.env,
    WEB_HTTP_HOST: '127.0.0.1',
    WEB_HTTP_PORT: String(port),
    ...Object.fromEntries(
      Object.entries(options.system.http).map(([service, url]) => [`WEB_${service.toUpperCase()}_URL`, url]),
    ),
    ...options.extraEnv,
  };
  const log = createWriteStream(join(options.logDir, 'web.log'), { flags: 'a' });
  // node with tsx as a loader (see system.ts: no orphan left behind by a SIGKILL)
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: join(REPO_ROOT, 'services/web'),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    });
  const until = Date.now() + 90_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) {
      throw new Error(`web exited with code ${child.exitCode}; see ${join(options.logDir, 'web.log')}`);
    }
    const ready = await fetch(`${url}/health/ready`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ready) return { url, stop };
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`web not ready within 90 s; see ${join(options.logDir, 'web.log')}`);
}
