// Rebuilds every monitoring projection from the Kafka log into new collections, verifies them
// against the live ones and, with --switch, puts them in place. `./motcua rebuild --help`.
import { parseArgs } from 'node:util';
import { ServiceToken, tokensFromEnv } from '@motcua/auth';
import { commonServiceConfig, readConfig, str } from '@motcua/config';
import { CatalogueServiceClient } from '@motcua/contracts';
import { createClient } from '@motcua/grpc';
import { createKafka, groupIdIn, topicNames } from '@motcua/kafka';
import { MongoClient } from 'mongodb';
import { FieldCatalogue } from '../adapters/statistics-repository.js';
import { type Progress, type RebuildOptions, rebuild, STATE_COLLECTION } from './engine.js';
import { progressLine } from './progress.js';
import { checkDigests, describeComparison, switchCollections, verifyRebuild } from './verify.js';

const USAGE = `Usage: ./motcua rebuild [options]
Rebuilds every monitoring projection from offset 0 of the lifecycle topic into
<collection>_rebuild_<id>, resuming a rebuild with the same --id, then verifies it against the live
collections and the recorded daily digests (exit 2 when they differ). With --switch: catches up, renames the rebuilt collections in
place of the live ones (the old ones are kept as <collection>_previous_<id>), catches up again.
  --id ID            the rebuild to start or resume (default: a new id, printed)
  --namespace NS     topic namespace (default: MOTCUA_NAMESPACE)
  --batch N          events between two checkpoints (default 20000; from scratch a checkpoint
                     appends what changed to rebuild_spill_<id>)
  --max-documents N  from scratch: projection documents held in memory before the least recently
                     touched are written (default 200000, ~2.4 GB at a province-year; fewer uses
                     less memory and reads more of them back)
  --switch           switch over once verified
  --force            switch even when the verification found differences
  --no-verify        build only
  --no-catalogue     do not ask routing for procedure fields (they stay as the events say)
  --json             progress and result as JSON lines on stdout
Environment: MONGO_URL, MONGO_DB (motcua_monitoring), KAFKA_BROKERS, ROUTING_GRPC_ADDRESS, MOTCUA_JWT_SECRET
(required; ./motcua rebuild turns MOTCUA_DEV_MODE on when it is unset, for a system started by ./motcua up)`;

const { values } = parseArgs({
  options: {
    id: { type: 'string' },
    namespace: { type: 'string' },
    batch: { type: 'string' },
    'max-documents': { type: 'string' },
    switch: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    'no-verify': { type: 'boolean', default: false },
    'no-catalogue': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const env = process.env;
const config = commonServiceConfig('monitoring', { httpPort: 7105, grpcPort: 7205 }, env);
const namespace = values.namespace ?? readConfig({ MOTCUA_NAMESPACE: str('') }, env).MOTCUA_NAMESPACE;
const topic = topicNames(namespace).lifecycle;
const rebuildId = values.id ?? new Date().toISOString().replace(/\D/g, '').slice(0, 14);
if (!/^[A-Za-z0-9_-]{1,40}$/.test(rebuildId)) {
  process.stderr.write(
    'INVALID_INPUT --id: chỉ gồm chữ, số, _ và -, tối đa 40 ký tự / letters, digits, _ and - only, at most 40\n',
  );
  process.exit(1);
}
const batchSize = Number(values.batch ?? 20_000);
if (!Number.isInteger(batchSize) || batchSize < 1) {
  process.stderr.write('INVALID_INPUT --batch: cần một số nguyên dương / a positive whole number\n');
  process.exit(1);
}
const maxDocuments = Number(values['max-documents'] ?? 200_000);
if (!Number.isInteger(maxDocuments) || maxDocuments < 1_000) {
  process.stderr.write(
    'INVALID_INPUT --max-documents: cần một số nguyên từ 1000 trở lên / a whole number of at least 1000\n',
  );
  process.exit(1);
}

const say = (line: string) => process.stderr.write(`${line}\n`);
const emit = (record: object) => {
  if (values.json) process.stdout.write(`${JSON.stringify(record)}\n`);
};
const stderrLogger = {
  debug() {},
  info() {},
  warn: (obj: object, msg?: string) => say(`warn: ${msg ?? ''} ${JSON.stringify(obj)}`),
  error: (obj: object, msg?: string) => say(`error: ${msg ?? ''} ${JSON.stringify(obj)}`),
};

let lastDrawn = 0;
const onProgress = (p: Progress) => {
  emit({ event: 'progress', ...p });
  if (values.json) return;
  const now = Date.now();
  if (p.done < p.total && now - lastDrawn < (process.stderr.isTTY ? 200 : 2000)) return;
  lastDrawn = now;
  if (process.stderr.isTTY)
    process.stderr.write(`\r${progressLine(p)}\u001b[K${p.done >= p.total ? '\n' : ''}`);
  else say(progressLine(p));
};

const mongo = await MongoClient.connect(config.mongoUrl, { serverSelectionTimeoutMS: 10_000 });
const db = mongo.db(config.mongoDb);
const kafka = createKafka({
  brokers: config.kafkaBrokers,
  clientId: 'motcua-monitoring-rebuild',
  logger: stderrLogger,
});
let closeCatalogue = () => {};
let catalogue: FieldCatalogue | undefined;
if (!values['no-catalogue']) {
  const address = readConfig({ ROUTING_GRPC_ADDRESS: str('127.0.0.1:7202') }, env).ROUTING_GRPC_ADDRESS;
  const serviceToken = new ServiceToken(tokensFromEnv(env, say), 'monitoring');
  const client = createClient(CatalogueServiceClient, address, {
    defaultMetadata: () => serviceToken.metadata(),
  });
  closeCatalogue = () => client.close();
  catalogue = new FieldCatalogue(
    async () =>
      (await client.call('listProcedures', { fieldCode: '' }, { deadlineMs: 3000 })).procedures.map((p) => ({
        code: p.code,
        fieldCode: p.fieldCode,
      })),
    { onError: (err) => say(`routing's catalogue unavailable, fields stay unknown: ${String(err)}`) },
  );
}

let exitCode = 0;
try {
  const base: RebuildOptions = {
    kafka,
    db,
    topic,
    rebuildId,
    batchSize,
    maxDocuments,
    onProgress,
    groupPrefix: groupIdIn(namespace, 'monitoring'),
    onResume: ({ error, failures, done }) =>
      say(
        `${error.message}; resuming from the last saved position (${done} events done, attempt ${failures})`,
      ),
    ...(catalogue ? { catalogue } : {}),
  };
  const previous = await db.collection(STATE_COLLECTION).findOne({ _id: rebuildId as never });
  say(`${previous ? 'resuming' : 'starting'} rebuild ${rebuildId} of ${topic} into ${config.mongoDb}`);
  const built = await rebuild(base);
  say(`built: ${built.state.applied} events applied, ${built.state.poison} poison skipped`);
  emit({
    event: 'built',
    rebuildId,
    suffix: built.state.suffix,
    applied: built.state.applied,
    poison: built.state.poison,
  });

  if (!values['no-verify'] || values.switch) {
    // The live service went on consuming while this ran: catch up to the log's end first.
    await rebuild({ ...base, catchUp: true });
    const comparison = await verifyRebuild(db, built.state);
    for (const line of describeComparison(comparison)) say(line);
    const digests = await checkDigests(db, built.state.suffix);
    for (const d of digests)
      say(`DIGEST ${d.day}: recorded ${d.recorded} (${d.count}), rebuilt ${d.rebuilt} (${d.rebuiltCount})`);
    emit({ event: 'verified', rebuildId, ...comparison, digestMismatches: digests });
    if (!comparison.equal || digests.length > 0) exitCode = 2;
    if (values.switch) {
      if (!comparison.equal && !values.force) {
        say('not switching: the rebuild differs from the live projections (--force to switch anyway)');
      } else {
        await rebuild({ ...base, catchUp: true });
        const renamed = await switchCollections(db, rebuildId, built.state.suffix);
        for (const line of renamed) say(`switched ${line}`);
        // What the live service applied to the old collections during the renames, applied again
        // to the new ones (projections are idempotent).
        await rebuild({ ...base, catchUp: true, intoSuffix: '' });
        emit({ event: 'switched', rebuildId, renamed });
        say(`switched to rebuild ${rebuildId}`);
      }
    }
  }
} catch (err) {
  say(
    `rebuild ${rebuildId} failed (resume with --id ${rebuildId}): ${err instanceof Error ? err.stack : String(err)}`,
  );
  exitCode = 1;
} finally {
  closeCatalogue();
  await mongo.close();
}
// Exit once stdout has drained: on a pipe its writes are asynchronous, and an immediate exit cut the
// --json lines short (a long verification report arrived truncated).
process.stdout.write('', () => process.exit(exitCode));
