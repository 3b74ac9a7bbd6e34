import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@motcua/contracts';
import { chainEvents } from '@motcua/eventstore';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntegrityLedger, IntegrityRepository } from '../src/adapters/integrity-repository.js';
import { integrityRoutes } from '../src/adapters/integrity-routes.js';
import type { MonitoringApp } from '../src/app/monitoring-app.js';
import { guardedHttpFor } from './support.js';

// A day's digest is recorded once; recorded while the board is behind the log it would miss the day's
// late events for ever (and the day would then read as tampered with). It waits for the board.

let mongo: MongoClient;
let db: Db;
const DAY = '2026-03-02';
const NOW = new Date('2026-03-04T00:00:00+07:00');

beforeAll(async () => {
  mongo = await MongoClient.connect(process.env.MONGO_URL as string);
  db = mongo.db(`it_digest_seal_${randomUUID().slice(0, 8)}`);
});
afterAll(async () => {
  await db?.dropDatabase();
  await mongo?.close();
});

const event = (n: number): RecordedEvent => {
  const dossierId = randomUUID();
  const [chained] = chainEvents('', [
    {
      eventId: randomUUID(),
      type: 'DossierReceived',
      schemaVersion: 1,
      dossierId,
      dossierCode: `C-${n}`,
      streamId: `intake-dossier:${dossierId}`,
      streamVersion: 1,
      occurredAt: `${DAY}T02:00:00.000Z`,
      recordedAt: `${DAY}T02:00:00.000Z`,
      actor: { userId: 'system:intake', role: 'system' },
      causationId: randomUUID(),
      correlationId: dossierId,
      producer: 'intake',
      payload: { centerId: 'hue-city' },
    },
  ]);
  return chained as RecordedEvent;
};

describe("a day's digest", () => {
  it('is recorded only once the board has read the log as far as it went, with the late event in it', async () => {
    let caughtUp = false;
    const ledger = new IntegrityLedger(
      new IntegrityRepository(db),
      () => NOW,
      async () => caughtUp,
    );
    await ledger.onEvent(event(1), { topic: 't', partition: 0, offset: '0' });
    // the day is over, but the board is behind: nothing is recorded
    await ledger.sealDueDays();
    expect(await ledger.digest(DAY)).toMatchObject({ root: null, recomputedCount: 1 });
    // the day's last event arrives late; then the board has caught up
    await ledger.onEvent(event(2), { topic: 't', partition: 1, offset: '0' });
    caughtUp = true;
    await ledger.sealDueDays();
    const sealed = await ledger.digest(DAY);
    expect(sealed).toMatchObject({ count: 2, recomputedCount: 2, matches: true });
    // recorded once: later answers keep it
    caughtUp = false;
    expect((await ledger.digest(DAY)).root).toBe(sealed.root);
  });
});

describe('GET /integrity/digests/:day', () => {
  it('says a day is not sealed yet with its own code, never that it does not match', async () => {
    let now = new Date('2026-03-02T16:00:00+07:00'); // the day is still going on
    const own = mongo.db(`${db.databaseName}_route`); // the day is not sealed there yet
    const ledger = new IntegrityLedger(new IntegrityRepository(own), () => now);
    await ledger.onEvent(event(3), { topic: 't', partition: 0, offset: '1' });
    // the dossier routes are not called here; only the digests are
    const routes = integrityRoutes({} as MonitoringApp, ledger);
    const { http, get } = await guardedHttpFor(
      { board: { userId: 'board', role: 'supervision_board' } },
      routes,
    );
    try {
      const open = await get(`/integrity/digests/${DAY}`);
      expect(open.statusCode).toBe(409);
      expect(open.json().error).toMatchObject({
        code: 'DIGEST_NOT_SEALED',
        details: { day: DAY, sealsAfter: '2026-03-02T18:00:00.000Z' },
      });
      expect(open.json().error.message.vi).toContain('chưa được niêm phong');
      now = NOW; // two days later: sealed on the first read after the grace
      const sealed = await get(`/integrity/digests/${DAY}`);
      expect(sealed.statusCode).toBe(200);
      expect(sealed.json()).toMatchObject({ day: DAY, matches: true });
      expect(sealed.json().root).toEqual(expect.any(String));
    } finally {
      await http.close();
      await own.dropDatabase();
    }
  });
});
