// The system under test, all of its own: a dedicated Kafka (one broker, or a three-node KRaft cluster)
// and MongoDB-wire server (faults must never touch the infra other tests share), an SMTP sink, and the
// services started by startSystem under its supervision — the supervisor `./motcua up` uses — so a
// killed service is brought back by the system itself, never by the harness. Instances of a service
// share the database prefix and namespace: the same consumer groups, outboxes and timers.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  type DedicatedServer,
  dedicatedFerretDb,
  dedicatedKafka,
  dedicatedKafkaCluster,
  e2ePort,
  INSTANCE_PORT_OFFSET,
  REPO_ROOT,
  type RunningSystem,
  SERVICES,
  type ServiceName,
  type SmtpSink,
  startSmtpSink,
  startSystem,
} from '@motcua/testing';

export interface ClusterOptions {
  /** Every port of the run is derived from it: services at +1.., Kafka at +300.., FerretDB at +310. */
  portBase: number;
  /** Instances of each service started with the cluster (1 or 2). */
  instances: number;
  /** Kafka nodes: 1, or 3 (each broker and controller, replication factor 3). */
  brokers: 1 | 3;
  /** Run the services' compiled bundles (`pnpm build`), as `./motcua up` does; else their sources (tsx). */
  compiled?: boolean;
  /** A short name for logs and the dedicated servers' homes. */
  name: string;
}

/** The Kafka of the run, whatever its size; nodes are numbered from 1. */
export interface Brokers {
  addresses: string[];
  nodes: number;
  start(): Promise<void>;
  stop(): Promise<void>;
  signal(node: number, signal: NodeJS.Signals): void;
  pid(node: number): number | undefined;
  destroy(): Promise<void>;
}

/** One instance of a service, as the faults and checks see it (a view over the RunningSystem). */
export interface ServiceHandle {
  service: ServiceName;
  /** 0 for the first instance. */
  index: number;
  /** `department#1` for the first instance. */
  name: string;
  http: string;
  grpc: string;
  pid(): number | undefined;
  /** false when the process is not running (e.g. between a kill and the supervisor's restart). */
  signal(signal: NodeJS.Signals): boolean;
  /** Restarts by the system's supervisor since the cluster started. */
  restarts(): number;
  waitReady(timeoutMs: number): Promise<void>;
  ready(): Promise<boolean>;
}

export interface Cluster {
  kafka: Brokers;
  mongo: DedicatedServer;
  smtp: SmtpSink;
  namespace: string;
  dbPrefix: string;
  logDir: string;
  /** Every instance of every service, the joined ones (join-leave) included while they serve. */
  handles(): ServiceHandle[];
  /** The service's first instance, which the load driver talks to. */
  primary(service: ServiceName): ServiceHandle;
  /** Starts a further instance of every service (same databases and groups) while the load runs. */
  join(): Promise<void>;
  /** The joined instances leave (SIGTERM). */
  leave(): Promise<void>;
  /** Every service stopped and started again: the manual action an operator would take. */
  restartAll(): Promise<void>;
  /** Supervisor lines (exits, restarts, "ready again after"), in order. */
  supervisorLines: string[];
  stop(): Promise<void>;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const run = randomUUID().slice(0, 8);
  const kafka = brokersOf(options);
  const mongo = dedicatedFerretDb({ name: `${options.name}-ferretdb`, port: options.portBase + 310 });
  const smtp = await startSmtpSink();
  const namespace = `chaos-${run}`;
  const dbPrefix = `chaos_${run}`;
  const logDir = join(REPO_ROOT, 'test-artifacts', `chaos-${options.name}-${run}`);
  const supervisorLines: string[] = [];
  const stamp = () => new Date().toISOString().slice(11, 19);
  // startSystem moves its base port by MOTCUA_E2E_PORT_SHIFT; portBase is already where the run lives
  const basePort = options.portBase - e2ePort(0);
  const systemAt = (offset: number, instances: number, dir: string, extraEnv: Record<string, string> = {}) =>
    startSystem({
      kafkaBrokers: kafka.addresses,
      mongoUrl: mongo.address,
      smtpUrl: smtp.url,
      basePort: basePort + offset,
      mongoDbPrefix: dbPrefix,
      namespace,
      logDir: join(logDir, dir),
      instances,
      supervise: true,
      compiled: options.compiled === true,
      onSupervisorLine: (line) => supervisorLines.push(`${stamp()} ${line}`),
      extraEnv,
    });
  let system: RunningSystem | undefined;
  let joined: RunningSystem | undefined;

  const handlesOf = (sys: RunningSystem, first: number): ServiceHandle[] =>
    SERVICES.flatMap((service) =>
      sys.instances[service].map((inst) => ({
        service,
        index: first + inst.index,
        name: `${service}#${first + inst.index + 1}`,
        http: inst.http,
        grpc: inst.grpc,
        pid: () => sys.pid(service, inst.index),
        signal: (signal: NodeJS.Signals) => sys.kill(service, signal, inst.index),
        restarts: () => sys.restarts(service, inst.index),
        waitReady: (ms: number) => sys.waitReady(service, inst.index, ms),
        ready: () =>
          fetch(`${inst.http}/health/ready`, { signal: AbortSignal.timeout(2_000) })
            .then((r) => r.ok)
            .catch(() => false),
      })),
    );
  let handles: ServiceHandle[] = [];
  let joinedHandles: ServiceHandle[] = [];

  const cluster: Cluster = {
    kafka,
    mongo,
    smtp,
    namespace,
    dbPrefix,
    logDir,
    supervisorLines,
    handles: () => [...handles, ...joinedHandles],
    primary: (service) => handles.find((h) => h.service === service && h.index === 0)!,
    join: async () => {
      // the next free instance slot's ports; its own processes, its own supervisor
      joined = await systemAt(options.instances * INSTANCE_PORT_OFFSET, 1, 'joined', {
        MOTCUA_INSTANCE: String(options.instances),
        ROUTING_GRPC_ADDRESS: cluster.primary('routing').grpc,
      });
      joinedHandles = handlesOf(joined, options.instances);
    },
    leave: async () => {
      await joined?.stop();
      joined = undefined;
      joinedHandles = [];
    },
    restartAll: async () => {
      await cluster.leave();
      await system?.stop();
      system = await systemAt(0, options.instances, 'restarted');
      handles = handlesOf(system, 0);
    },
    stop: async () => {
      await cluster.leave().catch(() => undefined);
      await system?.stop();
      await smtp.stop();
      await kafka.destroy();
      await mongo.destroy();
    },
  };
  try {
    await Promise.all([kafka.start(), mongo.start()]);
    system = await systemAt(0, options.instances, 'services');
    handles = handlesOf(system, 0);
  } catch (err) {
    await cluster.stop().catch(() => undefined);
    throw err;
  }
  return cluster;
}

function brokersOf(options: ClusterOptions): Brokers {
  const port = options.portBase + 300;
  if (options.brokers === 3) {
    const c = dedicatedKafkaCluster({ name: `${options.name}-kafka3`, port, brokers: 3 });
    return { addresses: c.brokers, nodes: 3, ...pick(c) };
  }
  const k = dedicatedKafka({ name: `${options.name}-kafka`, port });
  return {
    addresses: [k.address],
    nodes: 1,
    start: () => k.start(),
    stop: () => k.stop(),
    signal: (_node, signal) => k.signal(signal),
    pid: () => k.pid(),
    destroy: () => k.destroy(),
  };
}

const pick = (c: ReturnType<typeof dedicatedKafkaCluster>) => ({
  start: () => c.start(),
  stop: () => c.stop(),
  signal: (node: number, signal: NodeJS.Signals) => c.signal(node, signal),
  pid: (node: number) => c.pid(node),
  destroy: () => c.destroy(),
});
