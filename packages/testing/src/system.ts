import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './infra.js';
import { e2ePort } from './ports.js';

export const SERVICES = ['intake', 'routing', 'department', 'notification', 'monitoring'] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface SystemOptions {
  kafkaBrokers: string[];
  mongoUrl: string;
  smtpUrl: string;
  /** HTTP ports are base+1..base+5 in SERVICES order; gRPC ports base+101..base+105 (all moved by MOTCUA_E2E_PORT_SHIFT). */
  basePort: number;
  /** Prefix of each service's database (`<prefix>_<service>`). */
  mongoDbPrefix: string;
  /** Topic and consumer-group namespace; '' for the plain names. */
  namespace: string;
  logDir: string;
  logLevel?: string;
  extraEnv?: Record<string, string>;
}

export interface RunningSystem {
  http: Record<ServiceName, string>;
  grpc: Record<ServiceName, string>;
  stop(): Promise<void>;
}

const portsOf = (base: number, offset: number) =>
  Object.fromEntries(SERVICES.map((s, i) => [s, base + offset + i + 1])) as Record<ServiceName, number>;

/** Starts the five services as separate processes, as they run in production, and waits until ready. */
export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  const base = e2ePort(options.basePort);
  const httpPorts = portsOf(base, 0);
  const grpcPorts = portsOf(base, 100);
  mkdirSync(options.logDir, { recursive: true });
  const children: ChildProcess[] = [];
  for (const service of SERVICES) {
    const upper = service.toUpperCase();
    const env = {
      ...process.env,
      KAFKA_BROKERS: options.kafkaBrokers.join(','),
      MONGO_URL: options.mongoUrl,
      MONGO_DB: `${options.mongoDbPrefix}_${service}`,
      MOTCUA_NAMESPACE: options.namespace,
      SMTP_URL: options.smtpUrl,
      ROUTING_GRPC_ADDRESS: `127.0.0.1:${grpcPorts.routing}`,
      LOG_LEVEL: options.logLevel ?? 'info',
      // The demo and the tests run with the published development secrets and demo accounts; a
      // deployment never does (docs/security.md).
      MOTCUA_DEV_MODE: 'true',
      [`${upper}_HTTP_HOST`]: '127.0.0.1',
      [`${upper}_HTTP_PORT`]: String(httpPorts[service]),
      [`${upper}_GRPC_HOST`]: '127.0.0.1',
      [`${upper}_GRPC_PORT`]: String(grpcPorts[service]),
      ...options.extraEnv,
    };
    const log = createWriteStream(join(options.logDir, `${service}.log`), { flags: 'a' });
    // node with tsx as a loader, not the tsx CLI: the CLI runs the service in a grandchild that a
    // SIGKILL of the CLI leaves behind, still holding its ports.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, `services/${service}/src/main.ts`)],
      {
        cwd: join(REPO_ROOT, 'services', service),
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    children.push(child);
  }
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolveExit) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolveExit();
            const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
            child.once('exit', () => {
              clearTimeout(kill);
              resolveExit();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  };
  const http = Object.fromEntries(SERVICES.map((s) => [s, `http://127.0.0.1:${httpPorts[s]}`])) as Record<
    ServiceName,
    string
  >;
  const grpc = Object.fromEntries(SERVICES.map((s) => [s, `127.0.0.1:${grpcPorts[s]}`])) as Record<
    ServiceName,
    string
  >;
  try {
    await Promise.all(SERVICES.map((s, i) => waitReady(s, http[s], children[i]!, options.logDir)));
  } catch (err) {
    await stop();
    throw err;
  }
  return { http, grpc, stop };
}

async function waitReady(service: string, base: string, child: ChildProcess, logDir: string): Promise<void> {
  const until = Date.now() + 90_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) {
      throw new Error(`${service} exited with code ${child.exitCode}; see ${join(logDir, `${service}.log`)}`);
    }
    const ready = await fetch(`${base}/health/ready`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ready) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${service} not ready within 90 s; see ${join(logDir, `${service}.log`)}`);
}
