// `pnpm exec tsx bench/consumer/department-throughput.ts [log --dossiers N | measure --namespace NS]`:
// department's consumer throughput on a real lifecycle log. Figures, not a test.
//
// `log` runs the five services (sources, infra/local's Kafka and FerretDB) and drives N full lifecycles
// of the chaos load through their HTTP APIs, in a namespace of its own, and keeps that log; it prints the
// namespace and the log's end offsets (written to test-artifacts/department-throughput-<ns>.json).
// `measure` then starts one department in this process on a fresh database, with its consumer group
// rewound to the start of that log, and times how long it takes to commit past the recorded end offsets:
// the same events every time, so runs of two versions of the code compare.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createKafka, groupIdIn, topicNames } from '@motcua/kafka';
import { REPO_ROOT, startSmtpSink, startSystem } from '@motcua/testing';
import { runService } from '../../packages/runtime/src/index.js';
import { departmentService } from '../../services/department/src/service.js';
import { LoadDriver } from '../chaos/lib/load.js';
import { endpoints, logger } from '../lib/infra.js';
import { MongoClient } from '../lib/mongodb.js';

process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';
// The chaos load receives dossiers "today" at the 2018 centers (as the tests do): run with
// MOTCUA_ORGANISATION=hue-2018 (set here for the services `log` starts).
process.env.MOTCUA_ORGANISATION ??= 'hue-2018';
const say = (msg: string) => console.error(`[department-throughput] ${msg}`);
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { dossiers: { type: 'string' }, namespace: { type: 'string' }, concurrency: { type: 'string' } },
});
const { brokers, mongoUrl } = endpoints();
const artifact = (ns: string) => join(REPO_ROOT, 'test-artifacts', `department-throughput-${ns}.json`);
const basePort = Number(process.env.MOTCUA_BASE_PORT ?? 37100) + 400;

async function endOffsets(ns: string): Promise<Record<number, number>> {
  const admin = createKafka({ brokers, clientId: 'department-throughput', logger }).admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topicNames(ns).lifecycle);
  await admin.disconnect();
  return Object.fromEntries(offsets.map((o) => [o.partition, Number(o.high)]));
}

async function writeLog(dossiers: number, concurrency: number): Promise<void> {
  const run = randomUUID().slice(0, 8);
  const namespace = `dtp-${run}`;
  const smtp = await startSmtpSink();
  const logDir = join(REPO_ROOT, 'test-artifacts', `department-throughput-${run}`);
  say(`starting the services (namespace ${namespace}, logs in ${logDir})`);
  const system = await startSystem({
    kafkaBrokers: brokers,
    mongoUrl,
    smtpUrl: smtp.url,
    basePort,
    mongoDbPrefix: `dtp_${run}`,
    namespace,
    logDir,
  });
  try {
    const driver = new LoadDriver((service) => system.http[service], concurrency);
    const started = Date.now();
    await driver.drive(dossiers);
    const failed = driver.runs.filter((r) => !r.done);
    say(
      `${dossiers} lifecycles in ${((Date.now() - started) / 1000).toFixed(1)} s, ${failed.length} not finished`,
    );
    for (const run of failed.slice(0, 3)) say(`not finished: ${run.error}`);
    // the last notifications and board updates land after the last command
    await new Promise((resolve) => setTimeout(resolve, 10_000));
  } finally {
    await system.stop();
    await smtp.stop();
  }
  const end = await endOffsets(namespace);
  mkdirSync(join(REPO_ROOT, 'test-artifacts'), { recursive: true });
  writeFileSync(artifact(namespace), JSON.stringify({ namespace, dossiers, end }, null, 2));
  const events = Object.values(end).reduce((a, b) => a + b, 0);
  console.log(JSON.stringify({ namespace, dossiers, events, end }));
}

async function measure(namespace: string): Promise<void> {
  const { end, dossiers } = JSON.parse(readFileSync(artifact(namespace), 'utf8')) as {
    end: Record<string, number>;
    dossiers: number;
  };
  const events = Object.values(end).reduce((a, b) => a + b, 0);
  const kafka = createKafka({ brokers, clientId: 'department-throughput', logger });
  const admin = kafka.admin();
  await admin.connect();
  const groupId = groupIdIn(namespace, 'department.tasks');
  const topic = topicNames(namespace).lifecycle;
  await admin.resetOffsets({ groupId, topic, earliest: true });
  const database = `dtp_measure_${randomUUID().slice(0, 8)}`;
  const started = Date.now();
  const department = await runService(
    departmentService({
      ports: { httpPort: basePort + 90, grpcPort: basePort + 91 },
      env: {
        ...process.env,
        KAFKA_BROKERS: brokers.join(','),
        MONGO_URL: mongoUrl,
        MONGO_DB: database,
        MOTCUA_NAMESPACE: namespace,
        MOTCUA_DEV_MODE: 'true',
        LOG_LEVEL: 'warn',
      },
    }),
  );
  const joined = Date.now();
  const done = async () => {
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return (offsets?.partitions ?? []).every((p) => Number(p.offset) >= (end[String(p.partition)] ?? 0));
  };
  while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 200));
  const seconds = (Date.now() - joined) / 1000;
  await department.stop();
  await admin.disconnect();
  const mongo = await MongoClient.connect(mongoUrl);
  await mongo.db(database).dropDatabase();
  await mongo.close();
  const figures = {
    namespace,
    dossiers,
    events,
    startSeconds: Number(((joined - started) / 1000).toFixed(1)),
    seconds: Number(seconds.toFixed(1)),
    eventsPerSecond: Number((events / seconds).toFixed(1)),
  };
  say(
    `${events} events of ${dossiers} lifecycles in ${figures.seconds} s: ${figures.eventsPerSecond} events/s`,
  );
  console.log(JSON.stringify(figures));
}

const stage = positionals[0] ?? 'log';
if (stage === 'log') {
  await writeLog(Number(values.dossiers ?? 30), Number(values.concurrency ?? 4));
} else if (stage === 'measure' && values.namespace) {
  await measure(values.namespace);
} else {
  console.error(
    'usage: department-throughput.ts log [--dossiers N] [--concurrency C] | measure --namespace NS',
  );
  process.exit(2);
}
process.exit(0);
