// `pnpm bench [--json] [--dossiers N] [--concurrency C]`: the write → read pipeline against the
// infrastructure's own ceilings, on the servers of infra/local. Figures, not a test.
// `pnpm bench log --dossiers N`: writes a synthetic history of N dossiers to a bench topic (kept).
// `pnpm bench rebuild --dossiers N`: that history's rebuild and live monitoring rates beside raw
// kafkajs consume and raw insertMany (stages/board.ts).
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { ensureTopics, groupIdIn, topicNames } from '@motcua/kafka';
import { EVENTS_PER_DOSSIER } from './lib/dossier.js';
import {
  type Connected,
  connect,
  describeMachine,
  endpoints,
  InfraUnreachable,
  START_HINT,
} from './lib/infra.js';
import { MongoClient } from './lib/mongodb.js';
import { type Report, renderTable } from './lib/report.js';
import { now } from './lib/stats.js';
import { renderBoard, runBoard, writeHistory } from './stages/board.js';
import { runKafkaRaw } from './stages/kafka-raw.js';
import { runMongoRaw } from './stages/mongo-raw.js';
import { runPipeline } from './stages/pipeline.js';

process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';

const USAGE =
  'usage: pnpm bench [log|rebuild] [--json] [--dossiers N] [--concurrency C]  (env BENCH_DOSSIERS, BENCH_CONCURRENCY)';
function settings() {
  try {
    // `pnpm run bench -- --json` (as ./motcua calls it) passes the `--` through.
    const argv = process.argv.slice(2);
    const { values, positionals } = parseArgs({
      args: argv[0] === '--' ? argv.slice(1) : argv,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, dossiers: { type: 'string' }, concurrency: { type: 'string' } },
    });
    const stage = positionals[0] ?? 'pipeline';
    if (!['pipeline', 'log', 'rebuild'].includes(stage)) throw new Error(`unknown stage ${stage}`);
    const positive = (name: string, raw: string | undefined, fallback: number) => {
      const n = raw === undefined ? fallback : Number(raw);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${raw}`);
      return n;
    };
    return {
      stage,
      json: values.json ?? false,
      dossiers: positive('dossiers', values.dossiers ?? process.env.BENCH_DOSSIERS, 500),
      concurrency: positive('concurrency', values.concurrency ?? process.env.BENCH_CONCURRENCY, 8),
    };
  } catch (err) {
    console.error(`[bench] ${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}
const { stage, json, dossiers, concurrency } = settings();
const events = dossiers * EVENTS_PER_DOSSIER;
const log = (msg: string) => console.error(`[bench] ${msg}`);

// Everything the run creates carries this suffix and is removed at the end.
const suffix = randomBytes(4).toString('hex');
const namespace = `bench-${suffix}`;
const dbName = `bench_${suffix}`;
const topics = topicNames(namespace);
const rawTopic = `${namespace}.raw.v1`;
const groups = [groupIdIn(namespace, 'bench-projection'), groupIdIn(namespace, 'bench-raw')];

async function cleanUp({ mongo, kafka, stoppers }: Connected, mongoUrl: string): Promise<void> {
  for (const stop of [...stoppers]) await stop().catch(() => undefined);
  // Force-close first: an interrupted stage's pending writes would otherwise recreate the database.
  await mongo.close(true);
  const fresh = new MongoClient(mongoUrl, { serverSelectionTimeoutMS: 5_000 });
  await fresh
    .db(dbName)
    .dropDatabase()
    .catch((err) => log(`could not drop database ${dbName}: ${err.message}`))
    .finally(() => fresh.close());
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.deleteGroups(groups).catch(() => undefined);
    const existing = new Set(await admin.listTopics());
    const ours = [topics.lifecycle, topics.deadLetter, rawTopic].filter((t) => existing.has(t));
    if (ours.length) await admin.deleteTopics({ topics: ours });
  } catch (err) {
    log(`could not delete the topics and groups of ${namespace}: ${(err as Error).message}`);
  } finally {
    await admin.disconnect();
  }
}

async function main(): Promise<void> {
  const { brokers, mongoUrl } = endpoints();
  const conn = await connect(brokers, mongoUrl);
  let cleaning: Promise<void> | undefined;
  const finish = () => (cleaning ??= cleanUp(conn, mongoUrl));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void finish().finally(() => process.exit(130)));
  }
  try {
    const db = conn.mongo.db(dbName);
    const machine = await describeMachine(db, conn.kafka);
    if (stage !== 'pipeline') {
      const started = now();
      const figures =
        stage === 'log'
          ? [(await writeHistory(conn, dossiers)).figure].filter((f) => f !== undefined)
          : await runBoard(conn, dossiers, dbName);
      const head = [
        `motcua board benchmark (${stage}) — ${new Date().toISOString()}`,
        `machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}`,
        `servers: MongoDB wire ${machine.mongo.version}${machine.mongo.ferretdb ? `, FerretDB ${machine.mongo.ferretdb}` : ''}; Kafka ${machine.kafka.version}`,
        `run: history of ${dossiers} dossiers, ${((now() - started) / 1000).toFixed(1)} s in all`,
        '',
      ];
      console.log(
        json
          ? JSON.stringify({ machine, dossiers, figures }, null, 2)
          : [...head, renderBoard(figures)].join('\n'),
      );
      return;
    }
    const admin = conn.kafka.admin();
    await admin.connect();
    await ensureTopics(admin, topics);
    await admin.createTopics({ topics: [{ topic: rawTopic, numPartitions: 6 }], waitForLeaders: true });
    await admin.disconnect();

    const started = now();
    log(
      `pipeline: ${dossiers} dossiers (${events} events), ${concurrency} in flight, namespace ${namespace}`,
    );
    const stages = await runPipeline(conn, db, namespace, dossiers, concurrency);
    log(`kafka raw: ${events} messages`);
    stages.push(...(await runKafkaRaw(conn, rawTopic, groups[1]!, events, concurrency)));
    log(`mongo raw: ${events} documents`);
    stages.push(...(await runMongoRaw(db, events, concurrency)));

    const report: Report = {
      date: new Date().toISOString(),
      machine,
      settings: { dossiers, concurrency, events },
      stages,
      totalSeconds: Number(((now() - started) / 1000).toFixed(1)),
    };
    console.log(json ? JSON.stringify(report, null, 2) : renderTable(report));
  } finally {
    await finish();
  }
}

main().catch((err) => {
  if (err instanceof InfraUnreachable) console.error(`[bench] ${err.message}\n[bench] ${START_HINT}`);
  else console.error('[bench] failed:', err);
  process.exit(1);
});
