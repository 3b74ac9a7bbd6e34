import { randomUUID } from 'node:crypto';
import { type Db, MongoClient } from 'mongodb';
import type { AppendRequest, NewEvent } from '../src/index.js';

/** A fresh database per test file on the real MongoDB-wire server of the run. */
export async function freshDb(prefix: string): Promise<{ db: Db; close: () => Promise<void> }> {
  const url = process.env.MONGO_URL;
  if (!url) throw new Error('MONGO_URL is not set: run through the integration project (global setup)');
  const client = await MongoClient.connect(url);
  const db = client.db(`${prefix}_${randomUUID().slice(0, 8)}`);
  return {
    db,
    close: async () => {
      await db.dropDatabase().catch(() => undefined);
      await client.close();
    },
  };
}

export const officer = { userId: 'officer-1', role: 'counter_officer', centerId: 'hue' };

export function appendRequest(
  overrides: Partial<AppendRequest> & { events?: NewEvent[] } = {},
): AppendRequest {
  const dossierId = overrides.dossierId ?? randomUUID();
  return {
    streamId: `test-dossier:${dossierId}`,
    dossierId,
    expectedVersion: 0,
    commandId: randomUUID(),
    actor: officer,
    correlationId: randomUUID(),
    events: [{ type: 'Noted', schemaVersion: 1, payload: { n: 1 } }],
    ...overrides,
  };
}
