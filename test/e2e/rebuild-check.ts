// The projection rebuild (`./motcua rebuild`) run as the operator runs it, against a running system's
// log and database: the rebuilt projections must equal the live ones, and two rebuilds must be
// byte-identical.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO_ROOT } from '@motcua/testing';
import { expect } from 'vitest';
import { KafkaView } from '../../bench/chaos/lib/kafka-view.js';
import { runRebuild as runCli } from '../../bench/chaos/lib/rebuild.js';
import { PROJECTION_COLLECTIONS, suffixOf } from '../../services/monitoring/src/rebuild/engine.js';
import { canonicalJson, compareProjections } from '../../services/monitoring/src/rebuild/verify.js';
import type { Lifecycle } from './lifecycle-harness.js';

type Db = Parameters<typeof compareProjections>[0];
// The root package does not depend on the driver; monitoring does (the same one the engine uses).
const { MongoClient } = createRequire(join(REPO_ROOT, 'services/monitoring/package.json'))('mongodb') as {
  MongoClient: { connect(url: string): Promise<{ db(name: string): Db; close(): Promise<void> }> };
};

/** Runs the CLI against the test's system; its JSON lines (progress, built, verified). */
const runRebuild = (life: Lifecycle, id: string) =>
  runCli(
    {
      namespace: life.namespace,
      monitoringDb: `${life.dbPrefix}_monitoring`,
      routingGrpc: life.system.grpc.routing,
    },
    id,
  );

/** Every document of a rebuild's collections, keys sorted, in `_id` order: its bytes. */
async function dump(db: Db, suffix: string): Promise<string> {
  const parts: string[] = [];
  for (const collection of PROJECTION_COLLECTIONS) {
    const docs = await db.collection(`${collection}${suffix}`).find({}).toArray();
    docs.sort((a, b) => String(a._id).localeCompare(String(b._id)));
    parts.push(`${collection}\n${docs.map(canonicalJson).join('\n')}`);
  }
  return parts.join('\n');
}

/**
 * Waits until the log is quiet: every service's consumer group has read all of it, three polls in a row
 * a second apart (a reaction still on its way shows up as new lag). A rebuild reads the log as it stands
 * when it starts, so anything still being published would be on the live board only.
 */
async function logQuiet(life: Lifecycle, timeoutMs = 120_000): Promise<void> {
  const view = new KafkaView((process.env.KAFKA_BROKERS as string).split(','), life.namespace);
  const until = Date.now() + timeoutMs;
  let quietPolls = 0;
  let lag: Record<string, number> = {};
  while (quietPolls < 3) {
    if (Date.now() > until) throw new Error(`the log did not settle: lag ${JSON.stringify(lag)}`);
    lag = await view.lag();
    quietPolls = Object.values(lag).every((n) => n === 0) ? quietPolls + 1 : 0;
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

export async function rebuildTwiceAndCompare(life: Lifecycle): Promise<void> {
  await logQuiet(life);
  const first = await runRebuild(life, 'e2e-first');
  const verified = first.find((r) => r.event === 'verified') as
    | {
        equal: boolean;
        collections: {
          collection: string;
          left: number;
          right: number;
          missing: unknown[];
          extra: unknown[];
          different: unknown[];
        }[];
        digestMismatches: unknown[];
      }
    | undefined;
  expect(verified?.digestMismatches ?? []).toEqual([]);
  expect(verified?.collections.filter((c) => c.left === 0).map((c) => c.collection)).toEqual([]);
  // every projection, the board's task projections included, has something in it and is equal
  const differing = (verified?.collections ?? [])
    .filter((c) => c.missing.length + c.extra.length + c.different.length > 0)
    .map(({ collection, missing, extra, different }) => ({
      collection,
      missing: missing.slice(0, 3),
      extra: extra.slice(0, 3),
      different: different.slice(0, 3),
    }));
  expect(differing).toEqual([]);
  expect(verified?.equal).toBe(true);
  await runRebuild(life, 'e2e-second');

  const mongo = await MongoClient.connect(process.env.MONGO_URL as string);
  try {
    const db = mongo.db(`${life.dbPrefix}_monitoring`);
    const [a, b] = [suffixOf('e2e-first'), suffixOf('e2e-second')];
    const strict = await compareProjections(db, a, b, { strict: true });
    expect(strict.equal).toBe(true);
    const [bytesA, bytesB] = [await dump(db, a), await dump(db, b)];
    expect(bytesA.length).toBeGreaterThan(0);
    expect(bytesA === bytesB).toBe(true);
    const live = await compareProjections(db, '', a);
    expect(live.collections.find((c) => c.collection === 'board_dossier_tasks')?.right).toBeGreaterThan(0);
    expect(live.equal).toBe(true);
  } finally {
    await mongo.close();
  }
}
