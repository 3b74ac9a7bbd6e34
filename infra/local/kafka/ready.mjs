// Readiness probe used by kafka.sh: an open port is not enough, the broker must answer
// metadata and admin requests (and, for a cluster, list every broker).
// Usage: node ready.mjs <host:port[,host:port…]> [timeoutSeconds] [expectedBrokers]
// Exit 0 ready, 1 not ready in time, 2 kafkajs not installed (caller falls back to the log).
import { createRequire } from 'node:module';

// The repo root has no kafkajs dependency; @motcua/testing does.
const require = createRequire(new URL('../../../packages/testing/package.json', import.meta.url));
let kafkajs;
try {
  kafkajs = require('kafkajs');
} catch {
  process.exit(2);
}
const [brokers = '127.0.0.1:19092', timeoutS = '30', expected = '1'] = process.argv.slice(2);
const deadline = Date.now() + Number(timeoutS) * 1000;
const kafka = new kafkajs.Kafka({
  clientId: 'motcua-ready',
  brokers: brokers.split(','),
  logLevel: kafkajs.logLevel.NOTHING,
  retry: { retries: 0 },
});
const admin = kafka.admin();
const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, retry: { retries: 3 } });

for (;;) {
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length < Number(expected)) {
      throw new Error(`${cluster.brokers.length} of ${expected} brokers registered`);
    }
    await admin.listTopics();
    // Warm-up: the group and transaction coordinators create their internal topics on first use;
    // doing it here keeps the first consumer / idempotent producer of tests and services quiet.
    await admin.describeGroups(['motcua-ready']);
    await producer.connect();
    await producer.disconnect();
    await admin.disconnect();
    const size = cluster.brokers.length > 1 ? `, ${cluster.brokers.length} brokers` : '';
    console.log(`cluster ${cluster.clusterId}, controller ${cluster.controller}${size}`);
    process.exit(0);
  } catch (err) {
    await admin.disconnect().catch(() => {});
    await producer.disconnect().catch(() => {});
    if (Date.now() > deadline) {
      console.error(err instanceof Error ? err.message : String(err));
      process.exit(1);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
