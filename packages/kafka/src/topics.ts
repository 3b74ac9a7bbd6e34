import type { Admin, ITopicConfig } from 'kafkajs';

export const TOPICS = {
  /** Every domain event of every dossier, keyed by dossier id; kept forever for the board. */
  lifecycle: 'motcua.dossier.lifecycle.v1',
  /** Poison messages, with the error and where they came from. */
  deadLetter: 'motcua.deadletter.v1',
} as const;

const THIRTY_DAYS_MS = 30 * 24 * 3600 * 1000;

export const TOPIC_CONFIGS: ITopicConfig[] = [
  {
    topic: TOPICS.lifecycle,
    numPartitions: 6,
    replicationFactor: 1,
    configEntries: [
      { name: 'retention.ms', value: '-1' },
      { name: 'retention.bytes', value: '-1' },
      { name: 'cleanup.policy', value: 'delete' },
    ],
  },
  {
    topic: TOPICS.deadLetter,
    numPartitions: 3,
    replicationFactor: 1,
    configEntries: [{ name: 'retention.ms', value: String(THIRTY_DAYS_MS) }],
  },
];

/** Creates the project's topics; existing ones are left as they are. */
export async function ensureTopics(admin: Admin, replicationFactor = 1): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = TOPIC_CONFIGS.filter((t) => !existing.has(t.topic)).map((t) => ({
    ...t,
    replicationFactor,
  }));
  if (missing.length > 0) await admin.createTopics({ topics: missing, waitForLeaders: true });
}
