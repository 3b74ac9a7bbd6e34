import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKafka, type KafkaLogger } from '@motcua/kafka';
import type { Kafka } from 'kafkajs';
import { type Db, MongoClient, type MongoClientType } from './mongodb.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const HOME = process.env.MOTCUA_HOME ?? join(REPO, '.motcua');
export const START_HINT = 'Start the local infrastructure with: bash infra/local/infra.sh start';

export class InfraUnreachable extends Error {}

/** Environment first, then what `infra.sh start` wrote, then the local defaults. */
export function endpoints(): { brokers: string[]; mongoUrl: string } {
  const file = join(HOME, 'infra.env');
  const written: Record<string, string> = {};
  if (existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const m = line.match(/^([A-Z_]+)=(.*)$/);
      if (m) written[m[1]!] = m[2]!;
    }
  }
  const brokers = process.env.KAFKA_BROKERS ?? written.KAFKA_BROKERS ?? '127.0.0.1:19092';
  return {
    brokers: brokers
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean),
    mongoUrl: process.env.MONGO_URL ?? written.MONGO_URL ?? 'mongodb://127.0.0.1:27018/',
  };
}

const say = (level: string) => (obj: object, msg?: string) =>
  console.error(
    `[bench] ${level}: ${msg ?? ''} ${JSON.stringify(obj, (_k, v) => (v instanceof Error ? v.message : v))}`,
  );
// createKafka's bounded retries make kafkajs warn once per idempotent producer: known, not news here.
const warn = say('warn');
export const logger: KafkaLogger = {
  debug() {},
  info() {},
  warn: (obj, msg) =>
    msg?.startsWith('Limiting retries for the idempotent producer') ? undefined : warn(obj, msg),
  error: say('error'),
};

export interface Connected {
  mongo: MongoClientType;
  kafka: Kafka;
  /** Mongo commands issued since the last reset, by name (command monitoring). */
  commands: Map<string, number>;
  /** The same commands by `<name> <collection>`. */
  targets: Map<string, number>;
  /** Stops of the clients a stage is running, so an interrupt can leave the groups before cleanup. */
  stoppers: Set<() => Promise<void>>;
}

export async function connect(brokers: string[], mongoUrl: string): Promise<Connected> {
  const mongo = new MongoClient(mongoUrl, { serverSelectionTimeoutMS: 5_000, monitorCommands: true });
  try {
    await mongo.connect();
    await mongo.db('admin').command({ ping: 1 });
  } catch (err) {
    await mongo.close().catch(() => undefined);
    throw new InfraUnreachable(`MongoDB is not reachable at ${mongoUrl}: ${(err as Error).message}`);
  }
  const commands = new Map<string, number>();
  const targets = new Map<string, number>();
  const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  mongo.on('commandStarted', (e) => {
    count(commands, e.commandName);
    const collection = e.command[e.commandName];
    count(targets, typeof collection === 'string' ? `${e.commandName} ${collection}` : e.commandName);
  });

  // A probe with few retries, so an absent broker fails in seconds rather than after kafkajs' backoff.
  const probe = createKafka({
    brokers,
    clientId: 'motcua-bench-probe',
    logger: { ...logger, warn() {}, error() {} },
    config: { connectionTimeout: 3_000, retry: { retries: 1 } },
  }).admin();
  try {
    await probe.connect();
    await probe.describeCluster();
  } catch (err) {
    await mongo.close();
    throw new InfraUnreachable(`Kafka is not reachable at ${brokers.join(',')}: ${(err as Error).message}`);
  } finally {
    await probe.disconnect().catch(() => undefined);
  }
  const kafka = createKafka({ brokers, clientId: 'motcua-bench', logger });
  return { mongo, kafka, commands, targets, stoppers: new Set() };
}

/** The protocol does not report Kafka's version: read it from the local broker's jars when present. */
function localKafkaVersion(): string {
  const libs = join(HOME, 'cache/kafka-libs');
  const jar = existsSync(libs)
    ? readdirSync(libs).find((f) => /^kafka-server-[\d.]+\.jar$/.test(f))
    : undefined;
  return jar ? `${jar.slice('kafka-server-'.length, -'.jar'.length)} (local jars)` : 'unknown';
}

export async function describeMachine(db: Db, kafka: Kafka) {
  const info = await db.admin().command({ buildInfo: 1 });
  const admin = kafka.admin();
  await admin.connect();
  const cluster = await admin.describeCluster();
  await admin.disconnect();
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    os: `${os.platform()} ${os.release()}`,
    node: process.version,
    mongo: {
      version: String(info.version),
      ...(info.ferretdbVersion ? { ferretdb: String(info.ferretdbVersion) } : {}),
    },
    kafka: { version: localKafkaVersion(), brokers: cluster.brokers.length },
  };
}
export type Machine = Awaited<ReturnType<typeof describeMachine>>;
