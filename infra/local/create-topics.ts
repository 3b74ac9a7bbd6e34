// Creates the project's Kafka topics; idempotent (existing topics are kept, their configs realigned).
// Run: pnpm exec tsx infra/local/create-topics.ts   (brokers: KAFKA_BROKERS or 127.0.0.1:$MOTCUA_KAFKA_PORT)
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as KafkaJs from '../../packages/testing/node_modules/kafkajs/types/index.js';

// The repo root has no kafkajs dependency (and infra/ is no package); borrow @motcua/testing's.
const requireFromTesting = createRequire(new URL('../../packages/testing/package.json', import.meta.url));
export const kafkajs = requireFromTesting('kafkajs') as typeof KafkaJs;

export interface TopicSpec {
  topic: string;
  numPartitions: number;
  replicationFactor: number;
  configs: Record<string, string>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

// Source of truth for local and test environments; see docs/architecture.md "Topics".
export const TOPICS: readonly TopicSpec[] = [
  {
    topic: 'motcua.dossier.lifecycle.v1',
    numPartitions: 6,
    replicationFactor: 1,
    configs: { 'retention.ms': '-1', 'cleanup.policy': 'delete' },
  },
  {
    topic: 'motcua.deadletter.v1',
    numPartitions: 3,
    replicationFactor: 1,
    configs: { 'retention.ms': String(30 * DAY_MS), 'cleanup.policy': 'delete' },
  },
];

export function defaultBrokers(): string[] {
  const env = process.env.KAFKA_BROKERS;
  if (env)
    return env
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean);
  return [`127.0.0.1:${process.env.MOTCUA_KAFKA_PORT ?? '19092'}`];
}

export async function createTopics(brokers = defaultBrokers(), topics = TOPICS): Promise<void> {
  const { Kafka, logLevel, ConfigResourceTypes } = kafkajs;
  const admin = new Kafka({ clientId: 'motcua-create-topics', brokers, logLevel: logLevel.WARN }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({
          topic: t.topic,
          numPartitions: t.numPartitions,
          replicationFactor: t.replicationFactor,
          configEntries: Object.entries(t.configs).map(([name, value]) => ({ name, value })),
        })),
      });
    }
    const { topics: meta } = await admin.fetchTopicMetadata({ topics: topics.map((t) => t.topic) });
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: topics.map((t) => ({ type: ConfigResourceTypes.TOPIC, name: t.topic })),
    });
    for (const spec of topics) {
      const partitions = meta.find((m) => m.name === spec.topic)?.partitions.length ?? 0;
      // Adding partitions would move keys (dossierId) to other partitions and break per-dossier
      // order, so a mismatch is only reported.
      if (partitions !== spec.numPartitions) {
        console.warn(
          `[topics] ${spec.topic}: has ${partitions} partitions, table says ${spec.numPartitions}`,
        );
      }
      const current = described.resources.find((r) => r.resourceName === spec.topic)?.configEntries ?? [];
      const drift = Object.entries(spec.configs).filter(
        ([name, value]) => current.find((c) => c.configName === name)?.configValue !== value,
      );
      if (drift.length > 0) {
        // alterConfigs replaces the topic's dynamic configs with exactly this set
        await admin.alterConfigs({
          validateOnly: false,
          resources: [
            {
              type: ConfigResourceTypes.TOPIC,
              name: spec.topic,
              configEntries: Object.entries(spec.configs).map(([name, value]) => ({ name, value })),
            },
          ],
        });
        console.log(`[topics] ${spec.topic}: realigned ${drift.map(([n]) => n).join(', ')}`);
      }
      console.log(
        `[topics] ${spec.topic}: ${partitions} partitions ${existing.has(spec.topic) ? 'ok' : '(created)'}`,
      );
    }
  } finally {
    await admin.disconnect();
  }
}

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  createTopics().catch((err: unknown) => {
    console.error(`[topics] ERROR: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
