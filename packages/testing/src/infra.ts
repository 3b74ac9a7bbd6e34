// Finds or starts the Kafka + MongoDB the integration and e2e tests run against.
// Order: KAFKA_BROKERS + MONGO_URL from the environment; else containers when a Docker engine
// answers; else the Docker-free local infra (infra/local/infra.sh), left running for fast re-runs.
// MOTCUA_INFRA=local|testcontainers forces a path.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Infra {
  kafkaBrokers: string[];
  mongoUrl: string;
  source: 'env' | 'testcontainers' | 'local';
  /** Stops what this call started (containers); local infra is left running on purpose. */
  stop(): Promise<void>;
}

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
// Confluent image: @testcontainers/kafka 11 drives the Confluent start scripts, not apache/kafka's.
// cp-kafka 8.1 is Apache Kafka 4.1 in KRaft mode, like the local broker.
const KAFKA_IMAGE = process.env.MOTCUA_KAFKA_IMAGE ?? 'confluentinc/cp-kafka:8.1.0';
const MONGO_IMAGE = process.env.MOTCUA_MONGO_IMAGE ?? 'mongo:8.0';

export function motcuaHome(): string {
  return process.env.MOTCUA_HOME ?? join(REPO_ROOT, '.motcua');
}

export async function ensureInfra(): Promise<Infra> {
  const { KAFKA_BROKERS, MONGO_URL, MOTCUA_INFRA } = process.env;
  if (KAFKA_BROKERS && MONGO_URL && !MOTCUA_INFRA) {
    return {
      kafkaBrokers: splitBrokers(KAFKA_BROKERS),
      mongoUrl: MONGO_URL,
      source: 'env',
      stop: async () => {},
    };
  }
  if (MOTCUA_INFRA === 'testcontainers' || (MOTCUA_INFRA !== 'local' && (await dockerAvailable()))) {
    return startContainers();
  }
  return startLocal();
}

function splitBrokers(list: string): string[] {
  return list
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
}

// Cheap file checks first: asking testcontainers costs seconds when no engine exists.
async function dockerAvailable(): Promise<boolean> {
  const sockets = ['/var/run/docker.sock', join(homedir(), '.docker/run/docker.sock')];
  const hinted =
    Boolean(process.env.DOCKER_HOST) ||
    existsSync(join(homedir(), '.testcontainers.properties')) ||
    sockets.some((s) => existsSync(s));
  if (!hinted) return false;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

async function startContainers(): Promise<Infra> {
  const [{ KafkaContainer }, { MongoDBContainer }] = await Promise.all([
    import('@testcontainers/kafka'),
    import('@testcontainers/mongodb'),
  ]);
  const started = await Promise.allSettled([
    new KafkaContainer(KAFKA_IMAGE).withKraft().start(),
    new MongoDBContainer(MONGO_IMAGE).start(),
  ]);
  const [kafka, mongo] = started;
  if (kafka.status === 'rejected' || mongo.status === 'rejected') {
    await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.stop() : undefined)));
    throw kafka.status === 'rejected' ? kafka.reason : (mongo as PromiseRejectedResult).reason;
  }
  const kafkaBrokers = [`${kafka.value.getHost()}:${kafka.value.getMappedPort(9093)}`];
  // the container runs a one-member replica set whose advertised host is not reachable from here
  const mongoUrl = `${mongo.value.getConnectionString()}/?directConnection=true`;
  const stop = async () => {
    await Promise.all([kafka.value.stop(), mongo.value.stop()]);
  };
  try {
    await run('pnpm', ['exec', 'tsx', 'infra/local/create-topics.ts'], {
      KAFKA_BROKERS: kafkaBrokers.join(','),
    });
  } catch (err) {
    await stop();
    throw err;
  }
  return { kafkaBrokers, mongoUrl, source: 'testcontainers', stop };
}

async function startLocal(): Promise<Infra> {
  await run('bash', [join(REPO_ROOT, 'infra/local/infra.sh'), 'start']);
  const file = join(motcuaHome(), 'infra.env');
  const env = Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => line.match(/^([A-Z_]+)=(.*)$/))
      .filter((m): m is RegExpMatchArray => m !== null)
      .map((m) => [m[1], m[2]]),
  );
  if (!env.KAFKA_BROKERS || !env.MONGO_URL) throw new Error(`${file} lacks KAFKA_BROKERS or MONGO_URL`);
  return {
    kafkaBrokers: splitBrokers(env.KAFKA_BROKERS),
    mongoUrl: env.MONGO_URL,
    source: 'local',
    stop: async () => {},
  };
}

function run(cmd: string, args: string[], env: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: REPO_ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`${cmd} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}
