// The faults, one at a time. Each returns when the fault has ended (the process is back, the broker
// answers again); what follows is the system's own recovery, which the run measures.
import { SERVICES, type ServiceName } from '@motcua/testing';
import { caughtUp } from './caught-up.js';
import type { Cluster } from './cluster.js';
import { KafkaView } from './kafka-view.js';

export interface FaultSettings {
  /** How long the broker stays stopped in `broker-down`. */
  brokerDownSeconds: number;
  /** How long a SIGKILLed broker stays dead before it is started again. */
  brokerDeadSeconds: number;
  /** How long a service stays stopped (SIGSTOP); longer than the consumer session timeout (10 s). */
  pauseSeconds: number;
  /** How long the second instances serve in `join-leave`. */
  joinSeconds: number;
}

export interface FaultOutcome {
  /** What was done, in words. */
  what: string;
  /** How the faulty part came back. */
  back: string;
  /** Seconds until the faulty part answered again (the restarted service ready, the broker up). */
  readyAfterSeconds?: number;
  /** When the fault ended (the process restarted, SIGCONT sent, the broker up again): recovery counts from here. */
  endedAt: number;
  /** kill-one-broker: seconds from the kill until the system caught up while the node was still dead. */
  caughtUpWhileDownSeconds?: number;
}

export interface Fault {
  name: string;
  inject(cluster: Cluster, settings: FaultSettings): Promise<FaultOutcome>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** kill -9 of the service's first instance; the system's own supervisor starts it again. */
const killService = (service: ServiceName): Fault => ({
  name: `kill-${service}`,
  inject: async (cluster) => {
    const target = cluster.primary(service);
    const pid = target.pid();
    const restarts = target.restarts();
    const since = Date.now();
    if (!target.signal('SIGKILL')) throw new Error(`${target.name} is not running: nothing to kill`);
    // nobody restarts it but the supervisor: wait for its restart, then for readiness
    while (target.restarts() === restarts || target.pid() === undefined) await sleep(100);
    const restartedAt = Date.now();
    await target.waitReady(180_000);
    return {
      what: `kill -9 ${target.name} (pid ${pid})`,
      back: `restarted by the system's supervisor ${((restartedAt - since) / 1000).toFixed(1)} s after the kill (pid ${target.pid()}, restart ${target.restarts()}), ready ${seconds(since)} after the kill`,
      readyAfterSeconds: (Date.now() - since) / 1000,
      // the fault ends when the process is back (restarted); its cold start is part of the recovery
      endedAt: restartedAt,
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
      readyAfterSeconds: (Date.now() - since) / 1000,
      endedAt: since,
    };
  },
});

/** Waits until a killed process is really gone: its pid file outlives a kill -9. */
async function gone(pid: number | undefined): Promise<void> {
  while (pid !== undefined && alive(pid)) await sleep(100);
}

const killBroker: Fault = {
  name: 'kill-broker',
  inject: async (cluster, settings) => {
    const pids = Array.from({ length: cluster.kafka.nodes }, (_, i) => cluster.kafka.pid(i + 1));
    for (let node = 1; node <= cluster.kafka.nodes; node++) cluster.kafka.signal(node, 'SIGKILL');
    for (const pid of pids) await gone(pid);
    await sleep(settings.brokerDeadSeconds * 1000);
    const since = Date.now();
    await cluster.kafka.start();
    return {
      what: `kill -9 of ${cluster.kafka.nodes === 1 ? 'the Kafka broker' : 'every Kafka node'} (pid ${pids.join(', ')}), dead for ${settings.brokerDeadSeconds} s`,
      back: `started again by the harness, up after ${seconds(since)}`,
      readyAfterSeconds: (Date.now() - since) / 1000,
      endedAt: Date.now(),
    };
  },
};

/**
 * Three-broker set-up: kill -9 of the node leading the most partitions of the lifecycle topic, under
 * load; the other two elect new leaders (replication factor 3, min.insync.replicas 2) and the system must
 * go on without it. Started again after `brokerDeadSeconds`.
 */
const killOneBroker: Fault = {
  name: 'kill-one-broker',
  inject: async (cluster, settings) => {
    if (cluster.kafka.nodes < 3)
      throw new Error('kill-one-broker needs the three-broker set-up (--brokers 3)');
    const leaders = await new KafkaView(cluster.kafka.addresses, cluster.namespace).leaders();
    const led = countBy([...leaders.values()]);
    const node = [...led.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 1;
    const pid = cluster.kafka.pid(node);
    cluster.kafka.signal(node, 'SIGKILL');
    await gone(pid);
    const killedAt = Date.now();
    const deadUntil = killedAt + settings.brokerDeadSeconds * 1000;
    // The other two must carry on: whether the system caught up while the node was still dead, and when.
    const view = new KafkaView(cluster.kafka.addresses, cluster.namespace);
    const whileDead = await caughtUp(cluster, view, killedAt, deadUntil);
    await sleep(Math.max(0, deadUntil - Date.now()));
    const since = Date.now();
    await cluster.kafka.start();
    const carried =
      whileDead === undefined
        ? 'not caught up while it was dead'
        : `caught up ${whileDead.toFixed(1)} s after the kill, while it was dead`;
    return {
      what: `kill -9 of Kafka node ${node} of 3 (pid ${pid}), leader of ${led.get(node) ?? 0} of ${leaders.size} lifecycle partitions, dead for ${settings.brokerDeadSeconds} s`,
      back: `${carried}; node ${node} started again by the harness, up after ${seconds(since)}`,
      ...(whileDead !== undefined ? { caughtUpWhileDownSeconds: whileDead } : {}),
      readyAfterSeconds: (Date.now() - since) / 1000,
      // the fault is the node's death: the other two carried on, so recovery counts from the kill
      endedAt: since - settings.brokerDeadSeconds * 1000,
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
      what: `Kafka ${cluster.kafka.nodes === 1 ? 'broker' : 'cluster'} stopped for ${settings.brokerDownSeconds} s`,
      back: `started again by the harness, up after ${seconds(since)}`,
      readyAfterSeconds: (Date.now() - since) / 1000,
      endedAt: Date.now(),
    };
  },
};

const killFerretDb: Fault = {
  name: 'kill-ferretdb',
  inject: async (cluster) => {
    const pid = cluster.mongo.pid();
    cluster.mongo.signal('SIGKILL');
    await gone(pid);
    const since = Date.now();
    await cluster.mongo.start();
    return {
      what: `kill -9 of FerretDB (pid ${pid})`,
      back: `FerretDB started again by the harness, up after ${seconds(since)}`,
      readyAfterSeconds: (Date.now() - since) / 1000,
      endedAt: Date.now(),
    };
  },
};

/** A further instance of every service joins under load, then leaves (SIGTERM). */
const joinLeave: Fault = {
  name: 'join-leave',
  inject: async (cluster, settings) => {
    const since = Date.now();
    await cluster.join();
    const joined = seconds(since);
    await sleep(settings.joinSeconds * 1000);
    await cluster.leave();
    return {
      what: `a further instance of each service joined (ready after ${joined}), served ${settings.joinSeconds} s, left`,
      back: 'the first instances took their partitions back',
      endedAt: Date.now(),
    };
  },
};

const countBy = (items: number[]) => {
  const counts = new Map<number, number>();
  for (const i of items) counts.set(i, (counts.get(i) ?? 0) + 1);
  return counts;
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
  killOneBroker,
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

/**
 * The faults of the names; `a+b` injects a and b at once (e.g. `kill-department+kill-ferretdb`): one
 * batch, one recovery, counted from the later end. Each part's own checks stay meaningful.
 */
export function faultsNamed(names: string[]): Fault[] {
  return names.map((name) => {
    const parts = name.split('+').map((part) => {
      const fault = FAULTS.find((f) => f.name === part);
      if (!fault) throw new Error(`unknown fault "${part}"; known: ${FAULTS.map((f) => f.name).join(', ')}`);
      return fault;
    });
    return parts.length === 1 ? parts[0]! : together(name, parts);
  });
}

const together = (name: string, parts: Fault[]): Fault => ({
  name,
  inject: async (cluster, settings) => {
    const outcomes = await Promise.all(parts.map((f) => f.inject(cluster, settings)));
    const ready = outcomes.flatMap((o) => (o.readyAfterSeconds === undefined ? [] : [o.readyAfterSeconds]));
    return {
      what: outcomes.map((o) => o.what).join(' + '),
      back: outcomes.map((o) => o.back).join('; '),
      ...(ready.length ? { readyAfterSeconds: Math.max(...ready) } : {}),
      endedAt: Math.max(...outcomes.map((o) => o.endedAt)),
    };
  },
});
