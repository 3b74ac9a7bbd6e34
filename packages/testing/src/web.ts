import { appendFileSync, createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { e2ePort } from './ports.js';
import { Supervisor, supervisorMessage } from './supervisor.js';
import { type RunningSystem, spawnLaunched } from './system.js';

export interface RunningWeb {
  url: string;
  /** The server's current process id (changes when supervision restarts it). */
  pid(): number | undefined;
  kill(signal?: NodeJS.Signals): boolean;
  stop(): Promise<void>;
}

/**
 * The web consoles' server (services/web) in front of a running system, as its own process. It builds
 * the single-page app first when the bundle is missing or stale. `supervise`: restarted with backoff
 * when it exits unexpectedly (as startSystem's services).
 */
export async function startWeb(options: {
  system: RunningSystem;
  port: number;
  logDir: string;
  extraEnv?: Record<string, string>;
  supervise?: boolean;
  onSupervisorLine?: (line: string) => void;
  /** Run the compiled server (`pnpm build`), as `./motcua up` does. */
  compiled?: boolean;
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
  const logFile = join(options.logDir, 'web.log');
  const log = createWriteStream(logFile, { flags: 'a' });
  const supervisor = new Supervisor({
    name: 'web',
    restart: options.supervise === true,
    onEvent: (event) => {
      const line = supervisorMessage(event);
      if (event.kind === 'exited' || event.restart > 0) options.onSupervisorLine?.(line);
      appendFileSync(logFile, `${JSON.stringify({ time: Date.now(), source: 'supervisor', msg: line })}\n`);
    },
    spawn: () => {
      const child = spawnLaunched('web', options.compiled === true, env);
      child.stdout?.pipe(log, { end: false });
      child.stderr?.pipe(log, { end: false });
      return child;
    },
  });
  supervisor.start();
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await supervisor.stop(10_000);
    log.end();
  };
  const web: RunningWeb = {
    url,
    pid: () => supervisor.pid(),
    kill: (signal = 'SIGKILL') => supervisor.kill(signal),
    stop,
  };
  const until = Date.now() + 90_000;
  while (Date.now() < until) {
    if (supervisor.isDown()) throw new Error(`web exited; see ${logFile}`);
    const ready = await fetch(`${url}/health/ready`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ready) return web;
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`web not ready within 90 s; see ${logFile}`);
}
