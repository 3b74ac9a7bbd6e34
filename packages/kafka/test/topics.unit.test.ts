import { describe, expect, it } from 'vitest';
import { replicationFor, topicConfigs, topicNames } from '../src/topics.js';

const minInSync = (replicationFactor: number) =>
  topicConfigs(topicNames(), replicationFactor).map(
    (t) => t.configEntries?.find((c) => c.name === 'min.insync.replicas')?.value,
  );

describe('topic replication', () => {
  it('follows the cluster: one copy per broker up to three', () => {
    expect([1, 2, 3, 5].map(replicationFor)).toEqual([1, 2, 3, 3]);
  });

  it('asks two replicas in sync for a write when there are three', () => {
    expect(minInSync(3)).toEqual(['2', '2']);
  });

  it('leaves the broker default on a single broker, where one copy is all there is', () => {
    expect(minInSync(1)).toEqual([undefined, undefined]);
  });
});
