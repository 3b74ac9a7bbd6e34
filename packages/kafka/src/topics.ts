import kafkajs, { type Admin, type ITopicConfig } from 'kafkajs';

// kafkajs is CommonJS and Node cannot see this export by name.
const { ConfigResourceTypes } = kafkajs;

export interface TopicNames {
  /** Every domain event of every dossier, keyed by dossier id; kept forever for the board. */
  lifecycle: string;
  /** Poison messages, with the error and where they came from. */
  deadLetter: string;
}

/**
 * Topic names, optionally under a namespace (`MOTCUA_NAMESPACE`), so that several deployments
 * (a demo and a test run, staging and production) can share one Kafka cluster without mixing.
 */
export function topicNames(namespace = ''): TopicNames {
  const prefix = namespace ? `${namespace}.` : '';
  return { lifecycle: `${prefix}motcua.dossier.lifecycle.v1`, deadLetter: `${prefix}motcua.deadletter.v1` };
}

export const TOPICS: TopicNames = topicNames();

/** Consumer group ids follow the same namespace. */
export const groupIdIn = (namespace: string, groupId: string) =>
  namespace ? `${namespace}.${groupId}` : groupId;

const THIRTY_DAYS_MS = 30 * 24 * 3600 * 1000;

/** Copies of each partition: three on a cluster of three brokers or more, else one per broker. */
export const replicationFor = (brokers: number): number => Math.max(1, Math.min(3, brokers));

/**
 * With three replicas a write (acks=all) needs two of them in sync: one broker may be down without
 * stopping writes, and an acknowledged event is on two brokers at least. One replica: one in sync.
 */
const minInSync = (replicationFactor: number): { name: string; value: string }[] =>
  replicationFactor >= 3 ? [{ name: 'min.insync.replicas', value: '2' }] : [];

export const topicConfigs = (topics: TopicNames = TOPICS, replicationFactor = 1): ITopicConfig[] => [
  {
    topic: topics.lifecycle,
    numPartitions: 6,
    replicationFactor,
    configEntries: [
      { name: 'retention.ms', value: '-1' },
      { name: 'cleanup.policy', value: 'delete' },
      ...minInSync(replicationFactor),
    ],
  },
  {
    topic: topics.deadLetter,
    numPartitions: 3,
    replicationFactor,
    configEntries: [
      { name: 'retention.ms', value: String(THIRTY_DAYS_MS) },
      { name: 'cleanup.policy', value: 'delete' },
      ...minInSync(replicationFactor),
    ],
  },
];

/**
 * Creates the project's topics and realigns the configs of existing ones. The replication factor
 * follows the cluster's size (replicationFor) unless given. A partition count or replication factor
 * that differs is only reported: adding partitions would move dossier keys and break their order, and
 * adding replicas is a reassignment for an operator to plan.
 */
export async function ensureTopics(
  admin: Admin,
  topics: TopicNames = TOPICS,
  replicationFactor?: number,
): Promise<{ created: string[]; realigned: string[]; warnings: string[]; replicationFactor: number }> {
  const replicas =
    replicationFactor ?? replicationFor((await retryTransient(() => admin.describeCluster())).brokers.length);
  const specs = topicConfigs(topics, replicas);
  // Several services start at once against a fresh cluster and race to create the same topics:
  // the losers see "already exists", then briefly "does not host this topic-partition" until the
  // metadata has spread. Both are transient; try again until the topics answer.
  const { missing, metadata } = await retryTransient(async () => {
    const existing = new Set(await admin.listTopics());
    const absent = specs.filter((t) => !existing.has(t.topic));
    if (absent.length > 0) {
      await admin.createTopics({ topics: absent, waitForLeaders: true }).catch((error: unknown) => {
        if (!onlyAlreadyExists(error)) throw error;
      });
    }
    const { topics: found } = await admin.fetchTopicMetadata({ topics: specs.map((t) => t.topic) });
    return { missing: absent, metadata: found };
  });
  // the broker asked may still not host a topic the metadata already shows (a cluster, seen in CI)
  const { resources } = await retryTransient(() =>
    admin.describeConfigs({
      includeSynonyms: false,
      resources: specs.map((t) => ({ type: ConfigResourceTypes.TOPIC, name: t.topic })),
    }),
  );
  const realigned: string[] = [];
  const warnings: string[] = [];
  for (const spec of specs) {
    const partitions = metadata.find((m) => m.name === spec.topic)?.partitions ?? [];
    if (partitions.length !== spec.numPartitions) {
      warnings.push(`${spec.topic}: has ${partitions.length} partitions, expected ${spec.numPartitions}`);
    }
    const replicasNow = Math.min(...partitions.map((p) => p.replicas.length));
    if (partitions.length > 0 && replicasNow < replicas) {
      warnings.push(`${spec.topic}: has ${replicasNow} replica(s) per partition, expected ${replicas}`);
    }
    const current = resources.find((r) => r.resourceName === spec.topic)?.configEntries ?? [];
    const wanted = spec.configEntries ?? [];
    const drifted = wanted.some((w) => current.find((c) => c.configName === w.name)?.configValue !== w.value);
    if (drifted) {
      // alterConfigs replaces the topic's dynamic configs with exactly this set
      await admin.alterConfigs({
        validateOnly: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: spec.topic, configEntries: wanted }],
      });
      realigned.push(spec.topic);
    }
  }
  return { created: missing.map((t) => t.topic), realigned, warnings, replicationFactor: replicas };
}

const ALREADY_EXISTS = 'TOPIC_ALREADY_EXISTS';

/** kafkajs reports a lost creation race as an aggregate of per-topic TOPIC_ALREADY_EXISTS errors. */
function onlyAlreadyExists(error: unknown): boolean {
  const errors = (error as { errors?: { type?: string }[] }).errors;
  return Array.isArray(errors) && errors.length > 0 && errors.every((e) => e.type === ALREADY_EXISTS);
}

const TRANSIENT = new Set([
  'UNKNOWN_TOPIC_OR_PARTITION',
  'LEADER_NOT_AVAILABLE',
  'NOT_LEADER_FOR_PARTITION',
  ALREADY_EXISTS,
]);

function isTransient(error: unknown): boolean {
  const e = error as { type?: string; retriable?: boolean; errors?: unknown[] };
  if (e.type && TRANSIENT.has(e.type)) return true;
  if (Array.isArray(e.errors)) return e.errors.some(isTransient);
  return e.retriable === true;
}

async function retryTransient<T>(attempt: () => Promise<T>, tries = 20): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= tries || !isTransient(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 100 * 2 ** i)));
    }
  }
}
