// The projection rebuild (`./motcua rebuild`) run as the operator runs it, against a running system's
// log and database: the rebuilt projections must equal the live ones, and two rebuilds must be
// byte-identical.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '@motcua/testing';
import { expect } from 'vitest';
import { PROJECTION_COLLECTIONS, suffixOf } from '../../services/monitoring/src/rebuild/engine.js';
import { canonicalJson, compareProjections } from '../../services/monitoring/src/rebuild/verify.js';
import type { Lifecycle } from './lifecycle-harness.js';

type Db = Parameters<typeof compareProjections>[0];
// The root package does not depend on the driver; monitoring does (the same one the engine uses).
const { MongoClient } = createRequire(join(REPO_ROOT, 'services/monitoring/package.json'))('mongodb') as {
  MongoClient: { connect(url: string): Promise<{ db(name: string): Db; close(): Promise<void> }> };
};

/** Runs the CLI; its JSON lines (progress, built, verified) and exit code. */
async function runRebuild(life: Lifecycle, id: string) {
  const result = await promisify(execFile)(
    join(REPO_ROOT, 'node_modules/.bin/tsx'),
    [
      join(REPO_ROOT, 'services/monitoring/src/rebuild/cli.ts'),
      '--id',
      id,
      '--namespace',
      life.namespace,
      '--json',
    ],
    {
      cwd: join(REPO_ROOT, 'services/monitoring'),
      env: {
        ...process.env,
        MONGO_DB: `${life.dbPrefix}_monitoring`,
        ROUTING_GRPC_ADDRESS: life.system.grpc.routing,
      },
      maxBuffer: 64 * 1024 * 1024,
    },
  ).catch((err: { code?: number; stdout?: string; stderr?: string }) => {
    throw new Error(`rebuild ${id} exited ${err.code}: ${err.stderr}`);
  });
  return result.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { event: string; [key: string]: unknown });
}

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

export async function rebuildTwiceAndCompare(life: Lifecycle): Promise<void> {
  const first = await runRebuild(life, 'e2e-first');
  const verified = first.find((r) => r.event === 'verified') as
    | {
        equal: boolean;
        collections: { collection: string; left: number; right: number }[];
        digestMismatches: unknown[];
      }
    | undefined;
  expect(verified?.digestMismatches ?? []).toEqual([]);
  expect(verified?.collections.filter((c) => c.left === 0).map((c) => c.collection)).toEqual([]);
  // every projection, the board's task projections included, has something in it and is equal
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
