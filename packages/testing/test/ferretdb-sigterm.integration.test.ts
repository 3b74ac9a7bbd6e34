// FerretDB must stop on SIGTERM even while clients are in the middle of commands (issue 11: with a bulk
// update stuck on the old build it ignored SIGTERM). A server of the test's own: never signal the
// shared one.
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { type DedicatedServer, dedicatedFerretDb } from '../src/dedicated-infra.js';
import { eventually } from '../src/eventually.js';
import { e2ePort } from '../src/ports.js';

interface Doc {
  _id: string;
  n: number;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

let server: DedicatedServer | undefined;
let client: MongoClient | undefined;

afterAll(async () => {
  await client?.close().catch(() => undefined);
  await server?.destroy();
});

describe('a dedicated FerretDB server', () => {
  it('stops on SIGTERM while clients are mid-command', async () => {
    server = dedicatedFerretDb({ name: `sigterm-${randomUUID().slice(0, 8)}`, port: e2ePort(27118) });
    await server.start();
    const pid = server.pid();
    expect(pid).toBeTypeOf('number');

    client = new MongoClient(server.address, { retryWrites: false, serverSelectionTimeoutMS: 5000 });
    const col = client.db('sigterm').collection<Doc>('docs');
    const count = 20_000;
    for (let i = 0; i < count; i += 2000) {
      await col.insertMany(
        Array.from({ length: 2000 }, (_, j) => ({ _id: `d${String(i + j).padStart(5, '0')}`, n: 0 })),
      );
    }

    // A long bulk of _id updates (what hung the old build for good) and a collection-wide update
    // waiting behind ... both in flight when the signal comes.
    const bulk = col.bulkWrite(
      Array.from({ length: count }, (_, i) => ({
        updateOne: { filter: { _id: `d${String(i).padStart(5, '0')}` }, update: { $inc: { n: 1 } } },
      })),
    );
    const many = col.updateMany({ n: { $gte: 0 } }, { $inc: { n: 1 } });
    // both settle while the other is awaited: hold their outcomes now, so neither goes unhandled
    const outcomes = Promise.allSettled([bulk, many]);
    await eventually(
      async () => expect((await col.findOne({ _id: 'd00000' }))?.n).toBeGreaterThan(0),
      30_000,
      20,
    );

    server.signal('SIGTERM');

    // The bulk (20,000 statements) cannot finish within the 3 s the server gives running commands; the
    // collection-wide update may (it takes ~2 s once SQLite's commits no longer wait for an fsync, ADR
    // 0023): it must settle either way, never hang.
    const [bulkOutcome, manyOutcome] = await outcomes;
    expect(bulkOutcome?.status).toBe('rejected');
    expect(manyOutcome?.status).toMatch(/^(rejected|fulfilled)$/);
    await eventually(
      () => expect(alive(pid as number), 'ferretdb still running after SIGTERM').toBe(false),
      30_000,
    );
  });
});
