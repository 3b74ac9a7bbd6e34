// A Kafka broker or MongoDB-wire server of a test's own, for tests that inject faults (stop, kill -9,
// SIGSTOP): the shared infra of the test run must never see them, since other test files use it at the
// same time. Each runs from infra/local's scripts under its own MOTCUA_HOME, re-using the shared home's
// Kafka jars and FerretDB binary so nothing is downloaded or built again.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { motcuaHome, REPO_ROOT } from './infra.js';

export interface DedicatedServer {
  /** Where clients connect: `127.0.0.1:<port>` for Kafka, a mongodb:// URL for the wire server. */
  address: string;
  home: string;
  start(): Promise<void>;
  /** A clean stop (SIGTERM, waits). */
  stop(): Promise<void>;
  /** Sends a signal to the server process itself (e.g. SIGKILL, SIGSTOP, SIGCONT). */
  signal(signal: NodeJS.Signals): void;
  pid(): number | undefined;
  /** Stops it and deletes its data. */
  destroy(): Promise<void>;
}

export interface DedicatedOptions {
  /** A name unique within the test run: the server's home is `<MOTCUA_HOME>/dedicated/<name>`. */
  name: string;
  port: number;
  /** Kafka only: the KRaft controller port (default port + 1). */
  controllerPort?: number;
}

function prepareHome(name: string): string {
  const home = join(motcuaHome(), 'dedicated', name);
  rmSync(home, { recursive: true, force: true });
  mkdirSync(join(home, 'cache'), { recursive: true });
  // Shared, read-only inputs: the Kafka jars and the FerretDB binary (with its build stamp).
  const shared = motcuaHome();
  if (existsSync(join(shared, 'cache/kafka-libs'))) {
    symlinkSync(join(shared, 'cache/kafka-libs'), join(home, 'cache/kafka-libs'));
  }
  if (existsSync(join(shared, 'bin'))) symlinkSync(join(shared, 'bin'), join(home, 'bin'));
  return home;
}

function script(file: string, command: string, env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [join(REPO_ROOT, 'infra/local', file), command], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${file} ${command} failed (exit ${code}):\n${output}`)),
    );
  });
}

function dedicated(
  file: string,
  pidFile: string,
  address: string,
  home: string,
  env: Record<string, string>,
): DedicatedServer {
  const fullEnv = { ...env, MOTCUA_HOME: home };
  const pid = () => {
    const path = join(home, pidFile);
    if (!existsSync(path)) return undefined;
    const n = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(n) && n > 0 ? n : undefined;
  };
  const server: DedicatedServer = {
    address,
    home,
    start: () => script(file, 'start', fullEnv),
    stop: () => script(file, 'stop', fullEnv),
    signal: (signal) => {
      const p = pid();
      if (p) process.kill(p, signal);
    },
    pid,
    destroy: async () => {
      try {
        server.signal('SIGCONT');
      } catch {
        // already gone (e.g. a test stopped it with a signal): nothing to resume
      }
      await server.stop().catch(() => undefined);
      rmSync(home, { recursive: true, force: true });
    },
  };
  return server;
}

/** A single-node KRaft broker of the test's own (not started yet: call `start()`). */
export function dedicatedKafka(options: DedicatedOptions): DedicatedServer {
  const home = prepareHome(options.name);
  return dedicated('kafka.sh', 'kafka/kafka.pid', `127.0.0.1:${options.port}`, home, {
    MOTCUA_KAFKA_BROKERS: '1', // whatever the test run's environment asks for the shared infra
    MOTCUA_KAFKA_PORT: String(options.port),
    MOTCUA_KAFKA_CONTROLLER_PORT: String(options.controllerPort ?? options.port + 1),
    MOTCUA_KAFKA_HEAP: '-Xms128m -Xmx512m',
  });
}

/** A FerretDB server of the test's own (not started yet: call `start()`). */
export function dedicatedFerretDb(options: DedicatedOptions): DedicatedServer {
  const home = prepareHome(options.name);
  return dedicated('ferretdb.sh', 'ferretdb/ferretdb.pid', `mongodb://127.0.0.1:${options.port}/`, home, {
    MOTCUA_MONGO_PORT: String(options.port),
  });
}

export interface DedicatedKafkaCluster {
  /** Bootstrap list: every broker, `127.0.0.1:<port>` … `127.0.0.1:<port + brokers - 1>`. */
  brokers: string[];
  home: string;
  /** Starts the nodes that are not running: after a node was killed, brings it back. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Sends a signal to node `node` (1-based), e.g. SIGKILL of one broker. */
  signal(node: number, signal: NodeJS.Signals): void;
  pid(node: number): number | undefined;
  destroy(): Promise<void>;
}

/**
 * A KRaft cluster of the test's own (not started yet: call `start()`): each node broker and controller,
 * on 2 × brokers consecutive ports from `port` (brokers first, then controllers), as
 * `MOTCUA_KAFKA_BROKERS=3 infra/local/kafka.sh` runs it.
 */
export function dedicatedKafkaCluster(options: {
  name: string;
  port: number;
  brokers: 3;
}): DedicatedKafkaCluster {
  const home = prepareHome(options.name);
  const env = {
    MOTCUA_HOME: home,
    MOTCUA_KAFKA_BROKERS: String(options.brokers),
    MOTCUA_KAFKA_PORT: String(options.port),
    MOTCUA_KAFKA_HEAP: '-Xms128m -Xmx384m',
  };
  const pid = (node: number) => {
    const path = join(home, `kafka/node-${node}/kafka.pid`);
    if (!existsSync(path)) return undefined;
    const n = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(n) && n > 0 ? n : undefined;
  };
  const signal = (node: number, sig: NodeJS.Signals) => {
    const p = pid(node);
    if (!p) return;
    try {
      process.kill(p, sig);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err; // already gone
    }
  };
  const cluster: DedicatedKafkaCluster = {
    brokers: Array.from({ length: options.brokers }, (_, i) => `127.0.0.1:${options.port + i}`),
    home,
    start: () => script('kafka.sh', 'start', env),
    stop: () => script('kafka.sh', 'stop', env),
    signal,
    pid,
    destroy: async () => {
      for (let node = 1; node <= options.brokers; node++) signal(node, 'SIGCONT');
      await cluster.stop().catch(() => undefined);
      rmSync(home, { recursive: true, force: true });
    },
  };
  return cluster;
}
