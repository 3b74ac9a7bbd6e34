// The system under test, all of its own: a dedicated Kafka broker and MongoDB-wire server (faults must
// never touch the infra other tests share), an SMTP sink, and one or two instances of each service.
// Two instances share the database prefix and namespace: the same consumer groups, outboxes and timers.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  type DedicatedServer,
  dedicatedFerretDb,
  dedicatedKafka,
  REPO_ROOT,
  SERVICES,
  type ServiceName,
  type SmtpSink,
  startSmtpSink,
} from '@motcua/testing';
import { ServiceProcess } from './service-process.js';

export interface ClusterOptions {
  /** Every port of the run is derived from it: services at +1.., Kafka at +300, FerretDB at +310. */
  portBase: number;
  /** Instances started with the cluster (1 or 2). */
  instances: number;
  /** A short name for logs and the dedicated servers' homes. */
  name: string;
}

export interface Cluster {
  kafka: DedicatedServer;
  mongo: DedicatedServer;
  smtp: SmtpSink;
  namespace: string;
  dbPrefix: string;
  logDir: string;
  /** instances[0] is the first instance of each service; instances[1] the second, when started. */
  instances: Record<ServiceName, ServiceProcess>[];
  /** The service's first instance, which the load driver talks to. */
  primary(service: ServiceName): ServiceProcess;
  /** Every running service process. */
  processes(): ServiceProcess[];
  /** Starts (or starts again) instance `n` of every service. */
  startInstance(n: number): Promise<void>;
  stopInstance(n: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const run = randomUUID().slice(0, 8);
  const kafka = dedicatedKafka({ name: `${options.name}-kafka`, port: options.portBase + 300 });
  const mongo = dedicatedFerretDb({ name: `${options.name}-ferretdb`, port: options.portBase + 310 });
  const smtp = await startSmtpSink();
  const namespace = `chaos-${run}`;
  const dbPrefix = `chaos_${run}`;
  const logDir = join(REPO_ROOT, 'test-artifacts', `chaos-${options.name}-${run}`);
  const instances: Record<ServiceName, ServiceProcess>[] = [];

  const instanceAt = (n: number) => {
    const base = options.portBase + 10 * (n - 1);
    // every instance asks the first routing instance: routing's own second instance then serves only
    // its consumers and HTTP, which is what a load balancer in front of routing would do half the time
    const routingGrpc = `127.0.0.1:${options.portBase + 100 + SERVICES.indexOf('routing') + 1}`;
    return Object.fromEntries(
      SERVICES.map((service, i) => [
        service,
        new ServiceProcess({
          service,
          instance: n,
          httpPort: base + i + 1,
          grpcPort: base + 100 + i + 1,
          routingGrpc,
          kafkaBrokers: [kafka.address],
          mongoUrl: mongo.address,
          mongoDbPrefix: dbPrefix,
          namespace,
          smtpUrl: smtp.url,
          logDir,
        }),
      ]),
    ) as Record<ServiceName, ServiceProcess>;
  };

  const cluster: Cluster = {
    kafka,
    mongo,
    smtp,
    namespace,
    dbPrefix,
    logDir,
    instances,
    primary: (service) => instances[0]![service],
    processes: () => instances.flatMap((set) => SERVICES.map((s) => set[s])).filter((p) => p.alive()),
    startInstance: async (n) => {
      instances[n - 1] ??= instanceAt(n);
      const set = instances[n - 1]!;
      // routing first: the others ask it for the catalogue as they start
      await set.routing.start();
      await Promise.all(SERVICES.filter((s) => s !== 'routing').map((s) => set[s].start()));
    },
    stopInstance: async (n) => {
      const set = instances[n - 1];
      if (set) await Promise.all(SERVICES.map((s) => set[s].stop()));
    },
    stop: async () => {
      for (let n = instances.length; n >= 1; n--) await cluster.stopInstance(n);
      await smtp.stop();
      await kafka.destroy();
      await mongo.destroy();
    },
  };
  try {
    await Promise.all([kafka.start(), mongo.start()]);
    for (let n = 1; n <= options.instances; n++) await cluster.startInstance(n);
  } catch (err) {
    await cluster.stop().catch(() => undefined);
    throw err;
  }
  return cluster;
}
