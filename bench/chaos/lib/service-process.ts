// One service instance as its own OS process, with the handles a fault needs: kill -9, SIGSTOP and
// SIGCONT, restart. startSystem (packages/testing) starts five at once and hides their pids; the chaos
// runner needs each process by name, so it launches them the same way (node with tsx as a loader, so
// the signal hits the service itself) with the same environment.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, type ServiceName } from '@motcua/testing';

export interface InstanceConfig {
  service: ServiceName;
  /** 1 for the first instance of a service, 2 for the second. */
  instance: number;
  httpPort: number;
  grpcPort: number;
  /** The routing instance this one asks over gRPC (catalogue, workflows). */
  routingGrpc: string;
  kafkaBrokers: string[];
  mongoUrl: string;
  mongoDbPrefix: string;
  namespace: string;
  smtpUrl: string;
  logDir: string;
  extraEnv?: Record<string, string>;
}

/**
 * The harness keeps each process running like a supervisor would (restart after an exit it did not ask
 * for, with a short backoff): the system under test starts no supervisor of its own here. A service that
 * exits by itself (a consumer that gives up) is then restarted, and counted.
 */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private leaving = false;
  /** Exits the harness did not ask for (a kill -9 from a fault, a crash, a deliberate exit). */
  readonly exits: { at: number; signal: string | null; code: number | null }[] = [];
  /** Restarts made by the harness's stand-in supervisor. */
  restarts = 0;

  constructor(readonly config: InstanceConfig) {}

  get name(): string {
    return `${this.config.service}#${this.config.instance}`;
  }

  get http(): string {
    return `http://127.0.0.1:${this.config.httpPort}`;
  }

  pid(): number | undefined {
    return this.alive() ? this.child?.pid : undefined;
  }

  alive(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the process and waits until `/health/ready` answers 200. */
  async start(readyTimeoutMs = 120_000): Promise<void> {
    this.leaving = false;
    this.spawn();
    await this.waitReady(readyTimeoutMs);
  }

  private spawn(): void {
    const c = this.config;
    const upper = c.service.toUpperCase();
    mkdirSync(c.logDir, { recursive: true });
    const log = createWriteStream(join(c.logDir, `${c.service}-${c.instance}.log`), { flags: 'a' });
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, `services/${c.service}/src/main.ts`)],
      {
        cwd: join(REPO_ROOT, 'services', c.service),
        env: {
          ...process.env,
          KAFKA_BROKERS: c.kafkaBrokers.join(','),
          MONGO_URL: c.mongoUrl,
          MONGO_DB: `${c.mongoDbPrefix}_${c.service}`,
          MOTCUA_NAMESPACE: c.namespace,
          SMTP_URL: c.smtpUrl,
          ROUTING_GRPC_ADDRESS: c.routingGrpc,
          LOG_LEVEL: 'info',
          [`${upper}_HTTP_HOST`]: '127.0.0.1',
          [`${upper}_HTTP_PORT`]: String(c.httpPort),
          [`${upper}_GRPC_HOST`]: '127.0.0.1',
          [`${upper}_GRPC_PORT`]: String(c.grpcPort),
          ...c.extraEnv,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.child = child;
    child.once('exit', (code, signal) => {
      if (this.leaving || this.child !== child) return;
      this.exits.push({ at: Date.now(), code, signal });
      setTimeout(() => {
        if (this.leaving || this.child !== child) return;
        this.restarts++;
        this.spawn();
      }, 1_000);
    });
  }

  async waitReady(timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (this.leaving) throw new Error(`${this.name} was stopped`);
      if (await this.ready()) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`${this.name} not ready within ${timeoutMs / 1000} s; see ${this.config.logDir}`);
  }

  /** What the service's own readiness endpoint says (false when it does not answer). */
  ready(): Promise<boolean> {
    return fetch(`${this.http}/health/ready`, { signal: AbortSignal.timeout(2_000) })
      .then((r) => r.ok)
      .catch(() => false);
  }

  signal(signal: NodeJS.Signals): void {
    if (this.alive()) this.child?.kill(signal);
  }

  /** kill -9, resolved once the process is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.alive()) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  }

  /** A clean leave: SIGTERM, then SIGKILL after 15 s; not restarted. */
  async stop(): Promise<void> {
    this.leaving = true;
    const child = this.child;
    if (!child || !this.alive()) return;
    child.kill('SIGCONT');
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.kill('SIGTERM');
    await exited;
    clearTimeout(force);
  }
}
