import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { STOP_WITH_LAUNCHER } from '@motcua/config';
import { REPO_ROOT } from './infra.js';
import { e2ePort } from './ports.js';
import { type BackoffPolicy, Supervisor, type SupervisorEvent, supervisorMessage } from './supervisor.js';

export const SERVICES = ['intake', 'routing', 'department', 'notification', 'monitoring'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** Instance i of a service listens on its ports + i × INSTANCE_PORT_OFFSET (so up to 9 instances fit). */
export const INSTANCE_PORT_OFFSET = 10;

export interface SystemOptions {
  kafkaBrokers: string[];
  mongoUrl: string;
  smtpUrl: string;
  /**
   * HTTP ports are base+1..base+5 in SERVICES order; gRPC ports base+101..base+105 (all moved by
   * MOTCUA_E2E_PORT_SHIFT, and by INSTANCE_PORT_OFFSET per instance after the first).
   */
  basePort: number;
  /** Prefix of each service's database (`<prefix>_<service>`). */
  mongoDbPrefix: string;
  /** Topic and consumer-group namespace; '' for the plain names. */
  namespace: string;
  logDir: string;
  logLevel?: string;
  extraEnv?: Record<string, string>;
  /** Start only these services (default all five); the others' addresses are still listed. */
  services?: readonly ServiceName[];
  /** Processes per service (default 1); each gets MOTCUA_INSTANCE=<i> and its own ports and log file. */
  instances?: number;
  /**
   * Restart a process that exits unexpectedly, with backoff (`./motcua up`). Off by default: tests that
   * kill a service on purpose expect it to stay down until they start it again.
   */
  supervise?: boolean;
  backoff?: Partial<BackoffPolicy>;
  /** Receives one line per start, exit and restart, e.g. for the console. */
  onSupervisorLine?: (line: string) => void;
  /** Run the compiled `services/<name>/build/main.js` (`pnpm build`) as production does; tests run the sources. */
  compiled?: boolean;
  /**
   * Run the services that work from the log at a lower CPU priority (`SERVICE_NICENESS`), as
   * `./motcua up` does. Off in tests: their own workers share the CPU, and the log's services must not
   * starve behind them.
   */
  prioritise?: boolean;
}

/**
 * Each service's CPU priority (`nice`; higher yields) when the CPU is short. The counter's reception
 * runs through intake and routing (gRPC) while a reception's events are folded by every service: on
 * a saturated 2-core machine the reception mostly waited for CPU behind those folds. The services
 * that work from the log (department's queues and timers, notification, the board) yield to the two
 * that answer the counter, and catch up in the gaps (docs/benchmarks.md, ADR 0019: at 20 receptions/s
 * command p99 ~400 → ~140 ms; the board's lag p99 2.4 → 2.9 s). Officers' commands to department
 * still run; they wait a little longer only while the machine is saturated.
 */
export const SERVICE_NICENESS: Readonly<Record<ServiceName, number>> = {
  intake: 0,
  routing: 0,
  department: 10,
  notification: 10,
  monitoring: 10,
};

/**
 * Node's flags in production, for every bundle (the Dockerfile's CMD adds the web server's young
 * generation, `WEB_NODE_FLAGS`; docker-compose's `command` the services' own).
 */
export const PRODUCTION_NODE_FLAGS = ['--enable-source-maps'];

/**
 * The web server's young generation: 2 MB semi-spaces instead of 16 take ~25 MB less RSS per process
 * idle (measured: five services 705 → 573 MB) for more frequent minor collections.
 */
export const WEB_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2'];

/**
 * The services that answer the counter (those `SERVICE_NICENESS` does not make yield): 8 MB
 * semi-spaces. With 2 MB, at 20 receptions/s, intake stopped for 1,697 minor collections (3.5 s) in the
 * minute, against 425 (1.8 s) with 8 MB: fewer objects live at each collection to copy. The p99 of
 * `POST /dossiers` was 64–92 ms in four runs with 8 MB against 69–199 ms (three of five over 100) with
 * 2 MB, for ~10 MB more RSS each (docs/benchmarks.md, session 18). They keep V8's default heap growth:
 * fewer full collections while they answer.
 */
export const COUNTER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8'];

/**
 * The services that work from the log (those `SERVICE_NICENESS` has yield the CPU): 2 MB semi-spaces,
 * and their old generation is collected once it has grown by half since the last full collection, not
 * by V8's default of up to 4×. Monitoring held ~165 MB live but reached 600–975 MB of RSS under load,
 * and with this 383 MB for the same CPU (docs/benchmarks.md, session 16).
 */
export const BACKGROUND_NODE_FLAGS: readonly string[] = [
  '--max-semi-space-size=2',
  '--heap-growing-percent=50',
];

/** The flags after `PRODUCTION_NODE_FLAGS` for one bundle. */
export const serviceNodeFlags = (service: ServiceName | 'web'): readonly string[] =>
  service === 'web'
    ? WEB_NODE_FLAGS
    : SERVICE_NICENESS[service] > 0
      ? BACKGROUND_NODE_FLAGS
      : COUNTER_NODE_FLAGS;

/**
 * How a service process starts: its compiled bundle under plain node, or its sources with tsx as a loader
 * (not the tsx CLI: that runs the service in a grandchild which a SIGKILL of the CLI leaves behind,
 * still holding its ports).
 */
export function serviceArgs(service: ServiceName | 'web', compiled: boolean): string[] {
  // e.g. MOTCUA_SERVICE_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" (a profile per service at
  // exit; Node refuses those in NODE_OPTIONS)
  const extra = process.env.MOTCUA_SERVICE_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
  return compiled
    ? [
        ...PRODUCTION_NODE_FLAGS,
        ...serviceNodeFlags(service),
        ...extra,
        join(REPO_ROOT, `services/${service}/build/main.js`),
      ]
    : ['--import', 'tsx', join(REPO_ROOT, `services/${service}/src/main.ts`)];
}

/**
 * A service's (or the web server's) process, as this launcher's child: its stdin is this launcher's
 * pipe, and it stops when that closes, the launcher gone even if killed outright (`STOP_WITH_LAUNCHER`
 * and `stopWhenLauncherGone` in @motcua/config); stdout and stderr are for the caller to pipe.
 */
export function spawnLaunched(
  service: ServiceName | 'web',
  compiled: boolean,
  env: NodeJS.ProcessEnv,
): ChildProcess {
  return spawn(process.execPath, serviceArgs(service, compiled), {
    cwd: join(REPO_ROOT, 'services', service),
    env: { ...env, [STOP_WITH_LAUNCHER]: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

export interface ServiceInstance {
  service: ServiceName;
  index: number;
  http: string;
  grpc: string;
  log: string;
}

export interface RunningSystem {
  /** Instance 0 of each service. */
  http: Record<ServiceName, string>;
  grpc: Record<ServiceName, string>;
  instances: Record<ServiceName, ServiceInstance[]>;
  /** The current process id (it changes when a supervised process is restarted); undefined while down. */
  pid(service: ServiceName, instance?: number): number | undefined;
  /** Sends a signal to a service's process (default SIGKILL); false when it is not running. */
  kill(service: ServiceName, signal?: NodeJS.Signals, instance?: number): boolean;
  /** How many times supervision restarted it. */
  restarts(service: ServiceName, instance?: number): number;
  /** Resolves once the instance answers /health/ready again (e.g. after a supervised restart). */
  waitReady(service: ServiceName, instance?: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const portsOf = (base: number, offset: number) =>
  Object.fromEntries(SERVICES.map((s, i) => [s, base + offset + i + 1])) as Record<ServiceName, number>;

interface Slot extends ServiceInstance {
  supervisor: Supervisor;
  stream: WriteStream;
}

/** Starts the five services as separate processes, as they run in production, and waits until ready. */
export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  const base = e2ePort(options.basePort);
  const count = options.instances ?? 1;
  mkdirSync(options.logDir, { recursive: true });
  const grpcOfRouting = portsOf(base, 100).routing;
  const slots: Slot[] = [];
  for (let index = 0; index < count; index++) {
    const httpPorts = portsOf(base, index * INSTANCE_PORT_OFFSET);
    const grpcPorts = portsOf(base, 100 + index * INSTANCE_PORT_OFFSET);
    for (const service of SERVICES) {
      const upper = service.toUpperCase();
      const env = {
        ...process.env,
        KAFKA_BROKERS: options.kafkaBrokers.join(','),
        MONGO_URL: options.mongoUrl,
        MONGO_DB: `${options.mongoDbPrefix}_${service}`,
        MOTCUA_NAMESPACE: options.namespace,
        MOTCUA_INSTANCE: String(index),
        SMTP_URL: options.smtpUrl,
        ROUTING_GRPC_ADDRESS: `127.0.0.1:${grpcOfRouting}`,
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
      const name = nameOf({ service, index });
      const log = join(options.logDir, `${name}.log`);
      const stream = createWriteStream(log, { flags: 'a' });
      let exitedAt = 0;
      const supervisor = new Supervisor({
        name,
        restart: options.supervise === true,
        ...(options.backoff ? { backoff: options.backoff } : {}),
        onEvent: (event) => {
          report(event, log, options);
          if (event.kind === 'exited') exitedAt = Date.now();
          if (event.kind === 'started' && event.restart > 0) announceReady(slot, exitedAt, options);
        },
        spawn: () => {
          const child = spawnLaunched(service, options.compiled === true, env);
          if (options.prioritise && child.pid !== undefined && SERVICE_NICENESS[service] !== 0) {
            // raising one's own child's niceness needs no privilege; a refusal leaves the default
            try {
              setPriority(child.pid, SERVICE_NICENESS[service]);
            } catch (err) {
              options.onSupervisorLine?.(
                `${name}: could not lower its CPU priority: ${(err as Error).message}`,
              );
            }
          }
          // end: false — the log stays open for the next run of a supervised process
          child.stdout?.pipe(stream, { end: false });
          child.stderr?.pipe(stream, { end: false });
          return child;
        },
      });
      const slot: Slot = {
        service,
        index,
        http: `http://127.0.0.1:${httpPorts[service]}`,
        grpc: `127.0.0.1:${grpcPorts[service]}`,
        log,
        supervisor,
        stream,
      };
      slots.push(slot);
    }
  }
  const started = slots.filter((slot) => (options.services ?? SERVICES).includes(slot.service));
  for (const slot of started) slot.supervisor.start();

  const slotOf = (service: ServiceName, instance = 0): Slot => {
    const slot = slots.find((s) => s.service === service && s.index === instance);
    if (!slot) throw new Error(`no instance ${instance} of ${service} (instances: ${count})`);
    return slot;
  };
  const stop = async () => {
    await Promise.all(slots.map((s) => s.supervisor.stop()));
    for (const s of slots) s.stream.end();
  };
  const byService = <T>(pick: (slot: Slot) => T) =>
    Object.fromEntries(SERVICES.map((s) => [s, pick(slotOf(s))])) as Record<ServiceName, T>;
  const system: RunningSystem = {
    http: byService((s) => s.http),
    grpc: byService((s) => s.grpc),
    instances: Object.fromEntries(
      SERVICES.map((service) => [
        service,
        slots
          .filter((s) => s.service === service)
          .map(({ service, index, http, grpc, log }) => ({ service, index, http, grpc, log })),
      ]),
    ) as Record<ServiceName, ServiceInstance[]>,
    pid: (service, instance) => slotOf(service, instance).supervisor.pid(),
    kill: (service, signal = 'SIGKILL', instance) => slotOf(service, instance).supervisor.kill(signal),
    restarts: (service, instance) => slotOf(service, instance).supervisor.restarts(),
    waitReady: (service, instance, timeoutMs) => waitReady(slotOf(service, instance), timeoutMs),
    stop,
  };
  try {
    await Promise.all(started.map((slot) => waitReady(slot)));
  } catch (err) {
    await stop();
    throw err;
  }
  return system;
}

/** Console (when asked) and the service's own log file: an operator reading either sees the restart. */
function report(event: SupervisorEvent, log: string, options: SystemOptions): void {
  const line = supervisorMessage(event);
  if (event.kind === 'exited' || event.restart > 0) options.onSupervisorLine?.(line);
  const level = event.kind === 'exited' ? 40 : 30;
  appendFileSync(log, `${JSON.stringify({ level, time: Date.now(), source: 'supervisor', msg: line })}\n`);
}

/** After a restart, says when the service is ready again and how long it was out. */
function announceReady(slot: Slot, exitedAt: number, options: SystemOptions): void {
  const restart = slot.supervisor.restarts();
  waitReady(slot, 300_000).then(
    () => {
      const line = `${nameOf(slot)} ready again, ${((Date.now() - exitedAt) / 1000).toFixed(1)} s after it exited (restart ${restart})`;
      options.onSupervisorLine?.(line);
      appendFileSync(
        slot.log,
        `${JSON.stringify({ level: 30, time: Date.now(), source: 'supervisor', msg: line })}\n`,
      );
    },
    () => undefined, // down again or stopped: the next exit line says so
  );
}

const nameOf = (slot: { service: string; index: number }) =>
  slot.index === 0 ? slot.service : `${slot.service}-${slot.index}`;

/** Waits for /health/ready; a process that stays down (not supervised, or stopped) fails at once. */
// Generous: five services loading their sources with tsx at once on a starved shared machine (load 40 on
// 2 cores) took over 90 s to be ready.
async function waitReady(slot: Slot, timeoutMs = 180_000): Promise<void> {
  const name = nameOf(slot);
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (slot.supervisor.isDown()) throw new Error(`${name} exited; see ${slot.log}`);
    const ready = await fetch(`${slot.http}/health/ready`, { signal: AbortSignal.timeout(5_000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (ready) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `${name} not ready within ${timeoutMs / 1000} s (restarts: ${slot.supervisor.restarts()}); see ${slot.log}`,
  );
}
