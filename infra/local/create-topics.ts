// Creates the project's Kafka topics (the table lives in packages/kafka/src/topics.ts); idempotent.
// Replication follows the cluster: 3 replicas and min.insync.replicas=2 on three brokers, else 1.
// Run: pnpm exec tsx infra/local/create-topics.ts   (brokers: KAFKA_BROKERS or 127.0.0.1:$MOTCUA_KAFKA_PORT;
// MOTCUA_NAMESPACE prefixes the topic names)
import { createKafka, ensureTopics, topicNames } from '../../packages/kafka/src/index.js';

const brokers = (process.env.KAFKA_BROKERS ?? `127.0.0.1:${process.env.MOTCUA_KAFKA_PORT ?? '19092'}`)
  .split(',')
  .map((b) => b.trim())
  .filter(Boolean);
const say = (obj: object, msg?: string) => console.log(`[topics] ${msg ?? ''} ${JSON.stringify(obj)}`);
const kafka = createKafka({
  brokers,
  clientId: 'motcua-create-topics',
  logger: { debug() {}, info: say, warn: say, error: say },
});
const admin = kafka.admin();
try {
  await admin.connect();
  const topics = topicNames(process.env.MOTCUA_NAMESPACE ?? '');
  const result = await ensureTopics(admin, topics);
  for (const w of result.warnings) console.warn(`[topics] WARNING: ${w}`);
  console.log(
    `[topics] ${topics.lifecycle}, ${topics.deadLetter}: ok (replication factor ${result.replicationFactor})` +
      (result.created.length ? `; created ${result.created.join(', ')}` : '') +
      (result.realigned.length ? `; realigned ${result.realigned.join(', ')}` : ''),
  );
} catch (err) {
  console.error(`[topics] ERROR: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  await admin.disconnect();
}
