// `pnpm bench [--json] [--dossiers N] [--concurrency C]`: the write → read pipeline against the
// infrastructure's own ceilings, on the servers of infra/local. Figures, not a test.
// `pnpm bench log --dossiers N`: writes a synthetic history of N dossiers to a bench topic (kept).
// `pnpm bench rebuild --dossiers N`: that history's rebuild and live monitoring rates beside raw
// kafkajs consume and raw insertMany (stages/board.ts).
// `pnpm bench system [--rate S] [--duration D]`: `./motcua up` as it runs, its ready time, RSS idle and
// under load, command latency and the board's lag at S receptions/s for D s (stages/system.ts).
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
import { renderCommands } from './lib/mongo-commands.js';
import { MongoClient } from './lib/mongodb.js';
import { type Report, renderRows, renderTable } from './lib/report.js';
import { now } from './lib/stats.js';
import { renderBoard, runBoard, writeHistory } from './stages/board.js';
import { runCommandsHttp } from './stages/commands-http.js';
import { runKafkaRaw } from './stages/kafka-raw.js';
import { runMongoRaw } from './stages/mongo-raw.js';
import { runPipeline } from './stages/pipeline.js';
import { renderCpu, renderRss, runSystem } from './stages/system.js';
import { runWritePath } from './stages/write-path.js';

process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';

const USAGE =
  'usage: pnpm bench [log|rebuild|system] [--json] [--dossiers N] [--concurrency C] [--receptions R] [--rate S] [--duration D] [--probes on|off] [--report-every S]\n' +
  '  (env BENCH_DOSSIERS, BENCH_CONCURRENCY, BENCH_RECEPTIONS, BENCH_RATE, BENCH_DURATION; --receptions 0 skips the HTTP stage)';
function settings() {
  try {
    // `pnpm run bench -- --json` (as ./motcua calls it) passes the `--` through.
    const argv = process.argv.slice(2);
    const { values, positionals } = parseArgs({
      args: argv[0] === '--' ? argv.slice(1) : argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        dossiers: { type: 'string' },
        concurrency: { type: 'string' },
        receptions: { type: 'string' },
        rate: { type: 'string' },
        duration: { type: 'string' },
        probes: { type: 'string' },
        'report-every': { type: 'string' },
      },
    });
    const stage = positionals[0] ?? 'pipeline';
    if (!['pipeline', 'log', 'rebuild', 'system'].includes(stage)) throw new Error(`unknown stage ${stage}`);
    const positive = (name: string, raw: string | undefined, fallback: number, min = 1) => {
      const n = raw === undefined ? fallback : Number(raw);
      if (!Number.isInteger(n) || n < min)
        throw new Error(
          `${name} must be an integer ≥ ${min}, got ${raw} / ${name} phải là số nguyên ≥ ${min}, nhận ${raw}`,
        );
      return n;
    };
    const seconds = (name: string, raw: string | undefined, fallback: number, min: number) => {
      const n = raw === undefined ? fallback : Number(raw);
      if (!Number.isFinite(n) || n < min)
        throw new Error(
          `${name} must be a number of seconds ≥ ${min}, got ${raw} / ${name} phải là số giây ≥ ${min}, nhận ${raw}`,
        );
      return n;
    };
    const receptions = positive('receptions', values.receptions ?? process.env.BENCH_RECEPTIONS, 1000, 0);
    // The daily sequence of a unit ends at 9,999 (Circular 01/2018: 4 digits).
    if (receptions > 9_000)
      throw new Error(`receptions must be at most 9000 (one center's day), got ${receptions}`);
    const probes = values.probes ?? 'on';
    if (probes !== 'on' && probes !== 'off')
      throw new Error(`probes must be on or off, got ${probes} / probes phải là on hoặc off, nhận ${probes}`);
    return {
      probes: probes === 'on',
      // the timeline is asked every 250 ms; the report may be too, now that an answer is cheap
      reportEvery: seconds('report-every', values['report-every'], 1, 0.25),
      stage,
      json: values.json ?? false,
      dossiers: positive('dossiers', values.dossiers ?? process.env.BENCH_DOSSIERS, 500),
      concurrency: positive('concurrency', values.concurrency ?? process.env.BENCH_CONCURRENCY, 8),
      receptions,
      rate: positive('rate', values.rate ?? process.env.BENCH_RATE, 20),
      duration: positive('duration', values.duration ?? process.env.BENCH_DURATION, 600),
    };
  } catch (err) {
    console.error(`[bench] ${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}
const { stage, json, dossiers, concurrency, receptions, rate, duration, probes, reportEvery } = settings();
const events = dossiers * EVENTS_PER_DOSSIER;
const log = (msg: string) => console.error(`[bench] ${msg}`);

// Everything the run creates carries this suffix and is removed at the end.
const suffix = randomBytes(4).toString('hex');
const namespace = `bench-${suffix}`;
const dbName = `bench_${suffix}`;
const topics = topicNames(namespace);
const rawTopic = `${namespace}.raw.v1`;
const groups = [groupIdIn(namespace, 'bench-projection'), groupIdIn(namespace, 'bench-raw')];
// The running services of the HTTP stage: their own databases, topics and groups.
const httpNamespace = `${namespace}-http`;
const httpDbPrefix = `${dbName}_http`;
// The event path and the raw driver stage each in a database of their own, so that neither is
// measured in a file the earlier stages filled.
const writeDbName = `${dbName}_write`;
const rawDbName = `${dbName}_raw`;
const SERVICE_NAMES = ['intake', 'routing', 'department', 'notification', 'monitoring'];

async function cleanUp({ mongo, kafka, stoppers }: Connected, mongoUrl: string): Promise<void> {
  for (const stop of [...stoppers]) await stop().catch(() => undefined);
  // Force-close first: an interrupted stage's pending writes would otherwise recreate the database.
  await mongo.close(true);
  const fresh = new MongoClient(mongoUrl, { serverSelectionTimeoutMS: 5_000 });
  for (const name of [dbName, writeDbName, rawDbName, ...SERVICE_NAMES.map((s) => `${httpDbPrefix}_${s}`)]) {
    await fresh
      .db(name)
      .dropDatabase()
      .catch((err) => log(`could not drop database ${name}: ${err.message}`));
  }
  await fresh.close();
  const admin = kafka.admin();
  try {
    await admin.connect();
    const httpGroups = (await admin.listGroups()).groups
      .map((g) => g.groupId)
      .filter((g) => g.startsWith(`${httpNamespace}.`));
    await admin.deleteGroups([...groups, ...httpGroups]).catch(() => undefined);
    const existing = new Set(await admin.listTopics());
    const httpTopics = topicNames(httpNamespace);
    const ours = [
      topics.lifecycle,
      topics.deadLetter,
      rawTopic,
      httpTopics.lifecycle,
      httpTopics.deadLetter,
    ].filter((t) => existing.has(t));
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
    if (stage === 'system') {
      const started = now();
      const figures = await runSystem({
        kafka: conn.kafka,
        db,
        namespace: httpNamespace,
        dbPrefix: httpDbPrefix,
        rate,
        duration,
        probes,
        reportEvery,
        log,
      });
      const head = [
        `motcua system benchmark — ${new Date().toISOString()}`,
        `machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}`,
        `servers: MongoDB wire ${machine.mongo.version}${machine.mongo.ferretdb ? `, FerretDB ${machine.mongo.ferretdb}` : ''}; Kafka ${machine.kafka.version}`,
        `run: ./motcua up, then ${rate} receptions/s for ${duration} s${probes ? '' : ', the board not watched during the load'}; ${((now() - started) / 1000).toFixed(1)} s in all`,
        '',
      ];
      console.log(
        json
          ? JSON.stringify({ machine, rate, duration, ...figures }, null, 2)
          : [
              ...head,
              ...renderRows(figures.stages),
              '',
              ...renderRss(figures.rss),
              '',
              ...renderCommands(figures.commands, figures.receptions),
              '',
              ...renderCpu(figures.cpu, machine.cpus),
            ].join('\n'),
      );
      return;
    }
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
    log(`event path (write side): ${events} events`);
    stages.push(...(await runWritePath(conn, conn.mongo.db(writeDbName), namespace, dossiers, concurrency)));
    log(`kafka raw: ${events} messages`);
    stages.push(...(await runKafkaRaw(conn, rawTopic, groups[1]!, events, concurrency)));
    log(`mongo raw: ${events} documents`);
    stages.push(...(await runMongoRaw(conn.mongo.db(rawDbName), events, concurrency)));
    if (receptions > 0) {
      log(`commands over HTTP: ${receptions} receptions at ${rate}/s through the five services`);
      stages.push(
        ...(await runCommandsHttp({
          brokers: endpoints().brokers,
          mongoUrl,
          namespace: httpNamespace,
          dbPrefix: httpDbPrefix,
          receptions,
          rate,
          log,
        })),
      );
    }

    // Each path beside its ceiling: raw single inserts on the same server, in the same run.
    const raw = stages.find((st) => st.stage.startsWith('mongo raw: insertOne'))?.opsPerSec;
    for (const path of stages.filter((st) => /^(event path|pipeline): /.test(st.stage))) {
      if (!raw || !path.opsPerSec) continue;
      const ratio = `${(path.opsPerSec / raw).toFixed(2)}× raw single inserts (${raw.toFixed(0)}/s)`;
      path.note = path.note ? `${ratio}; ${path.note}` : ratio;
    }
    const report: Report = {
      date: new Date().toISOString(),
      machine,
      settings: { dossiers, concurrency, events, receptions, rate },
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
