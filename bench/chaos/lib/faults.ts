// The faults, one at a time. Each returns when the fault has ended (the process is back, the broker
// answers again); what follows is the system's own recovery, which the run measures.
import { SERVICES, type ServiceName } from '@motcua/testing';
import type { Cluster } from './cluster.js';

export interface FaultSettings {
  /** How long the broker stays stopped in `broker-down`. */
  brokerDownSeconds: number;
  /** How long a SIGKILLed broker stays dead before it is started again. */
  brokerDeadSeconds: number;
  /** How long a service stays stopped (SIGSTOP); longer than the consumer session timeout (30 s). */
  pauseSeconds: number;
  /** How long the second instances serve in `join-leave`. */
  joinSeconds: number;
}

export interface FaultOutcome {
  /** What was done, in words. */
  what: string;
  /** How the faulty part came back. */
  back: string;
  /** When the fault ended (the process restarted, SIGCONT sent, the broker up again): recovery counts from here. */
  endedAt: number;
}

export interface Fault {
  name: string;
  inject(cluster: Cluster, settings: FaultSettings): Promise<FaultOutcome>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** kill -9 of the service's first instance; the harness's stand-in supervisor starts it again. */
const killService = (service: ServiceName): Fault => ({
  name: `kill-${service}`,
  inject: async (cluster) => {
    const target = cluster.primary(service);
    const pid = target.pid();
    const since = Date.now();
    await target.kill();
    await target.waitReady(120_000);
    return {
      what: `kill -9 ${target.name} (pid ${pid})`,
      back: `restarted by the harness's supervisor, ready after ${seconds(since)}`,
      endedAt: since,
    };
  },
});

/** SIGSTOP of the service's first instance for longer than a consumer session, then SIGCONT. */
const pauseService = (service: ServiceName): Fault => ({
  name: `pause-${service}`,
  inject: async (cluster, settings) => {
    const target = cluster.primary(service);
    target.signal('SIGSTOP');
    await sleep(settings.pauseSeconds * 1000);
    target.signal('SIGCONT');
    const since = Date.now();
    await target.waitReady(120_000);
    return {
      what: `SIGSTOP ${target.name} for ${settings.pauseSeconds} s, then SIGCONT`,
      back: `answered ready ${seconds(since)} after SIGCONT`,
      endedAt: since,
    };
  },
});

const killBroker: Fault = {
  name: 'kill-broker',
  inject: async (cluster, settings) => {
    const pid = cluster.kafka.pid();
    cluster.kafka.signal('SIGKILL');
    await sleep(settings.brokerDeadSeconds * 1000);
    const since = Date.now();
    await cluster.kafka.start();
    return {
      what: `kill -9 of the Kafka broker (pid ${pid}), dead for ${settings.brokerDeadSeconds} s`,
      back: `broker started again by the harness, up after ${seconds(since)}`,
      endedAt: Date.now(),
    };
  },
};

const brokerDown: Fault = {
  name: 'broker-down',
  inject: async (cluster, settings) => {
    await cluster.kafka.stop();
    await sleep(settings.brokerDownSeconds * 1000);
    const since = Date.now();
    await cluster.kafka.start();
    return {
      what: `Kafka broker stopped for ${settings.brokerDownSeconds} s`,
      back: `broker started again by the harness, up after ${seconds(since)}`,
      endedAt: Date.now(),
    };
  },
};

const killFerretDb: Fault = {
  name: 'kill-ferretdb',
  inject: async (cluster) => {
    const pid = cluster.mongo.pid();
    cluster.mongo.signal('SIGKILL');
    // the pid file outlives a kill -9: wait until the process is really gone before starting again
    while (pid !== undefined && alive(pid)) await sleep(100);
    const since = Date.now();
    await cluster.mongo.start();
    return {
      what: `kill -9 of FerretDB (pid ${pid})`,
      back: `FerretDB started again by the harness, up after ${seconds(since)}`,
      endedAt: Date.now(),
    };
  },
};

/** A second instance of every service joins under load, then leaves (SIGTERM). */
const joinLeave: Fault = {
  name: 'join-leave',
  inject: async (cluster, settings) => {
    const since = Date.now();
    await cluster.startInstance(2);
    const joined = seconds(since);
    await sleep(settings.joinSeconds * 1000);
    await cluster.stopInstance(2);
    return {
      what: `a second instance of each service joined (ready after ${joined}), served ${settings.joinSeconds} s, left`,
      back: 'first instances took their partitions back',
      endedAt: Date.now(),
    };
  },
};

/** Nothing at all: the baseline a fault's figures compare with. */
const none: Fault = {
  name: 'none',
  inject: async () => ({ what: 'no fault (baseline)', back: '—', endedAt: Date.now() }),
};

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export const FAULTS: Fault[] = [
  none,
  ...SERVICES.map(killService),
  ...SERVICES.map(pauseService),
  killBroker,
  brokerDown,
  killFerretDb,
  joinLeave,
];

/** Every fault the full run injects (the list), in order. */
export const DEFAULT_FAULTS = [
  ...SERVICES.map((s) => `kill-${s}`),
  'pause-department',
  'kill-ferretdb',
  'kill-broker',
  'broker-down',
];

export function faultsNamed(names: string[]): Fault[] {
  return names.map((name) => {
    const fault = FAULTS.find((f) => f.name === name);
    if (!fault) throw new Error(`unknown fault "${name}"; known: ${FAULTS.map((f) => f.name).join(', ')}`);
    return fault;
  });
}
