import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@motcua/contracts';
import { ManualClock } from '@motcua/eventstore';
import { createDirectory, HUE_2018, reorganise, TWO_TIER_2025 } from '@motcua/organisation';
import { narrowed } from '@motcua/organisation/testing';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summaryEntries } from '../src/adapters/packed.js';
import { Ii06aReports } from '../src/adapters/report-routes.js';
import { FieldCatalogue, StatisticsRepository } from '../src/adapters/statistics-repository.js';
import { TimelineRepository } from '../src/adapters/timeline-repository.js';
import { MonitoringApp } from '../src/app/monitoring-app.js';
import { periodOf } from '../src/domain/report.js';
import { dossierMix, MIX_FIELDS, type MixEvent } from './dossier-mix.js';

// The reports of calendar months and years count settled dossiers from their summaries, kept by the
// live projection beside the facts. On the MongoDB-wire server, folded in batches as the live
// consumer folds them (and some batches delivered twice), they must give every number the facts
// give, for the whole province and for one center.

const org = createDirectory(
  reorganise(
    HUE_2018,
    narrowed(TWO_TIER_2025, ['hue-pasc', 'quang-dien-pasc', 'an-cuu-pasc', 'phu-xuan-pasc']),
  ),
);
const CATALOGUE = Object.entries(MIX_FIELDS).map(([code, fieldCode]) => ({
  code,
  fieldCode,
  fieldName: fieldCode,
}));
const PERIODS = [
  ...Array.from({ length: 12 }, (_, i) => periodOf(2025, 'month', i + 1)!),
  periodOf(2025, 'year')!,
];

function recorded(e: MixEvent, version: number): RecordedEvent {
  const at = String(Object.entries(e.payload).find(([k]) => k.endsWith('At'))?.[1] ?? '2025-01-01T00:00:00Z');
  return {
    eventId: e.eventId,
    type: e.type,
    schemaVersion: 1,
    dossierId: e.dossierId,
    dossierCode: e.dossierId,
    streamId: `test-dossier:${e.dossierId}`,
    streamVersion: version,
    occurredAt: at,
    recordedAt: at,
    actor: { userId: 'system:test', role: 'system' },
    causationId: e.eventId,
    correlationId: e.dossierId,
    producer: 'test',
    payload: e.payload,
  };
}

/** The dossiers' events interleaved as a log interleaves them: each dossier's in order. */
function interleaved(dossiers: MixEvent[][]): RecordedEvent[] {
  const out: RecordedEvent[] = [];
  const queues = dossiers.map((events) => events.map((e, i) => recorded(e, i + 1)));
  while (queues.some((q) => q.length > 0))
    for (const q of queues) {
      const next = q.shift();
      if (next) out.push(next);
    }
  return out;
}

describe('settled dossiers summarised for the reports, on the MongoDB-wire server', () => {
  const clock = new ManualClock(new Date('2026-02-10T03:00:00Z'));
  let client: MongoClient;
  let db: Db;
  let reports: Ii06aReports;

  beforeAll(async () => {
    client = await MongoClient.connect(process.env.MONGO_URL!);
    db = client.db(`monitoring_summaries_${randomUUID().slice(0, 8)}`);
    const app = new MonitoringApp(new TimelineRepository(db));
    const catalogue = new FieldCatalogue(async () => CATALOGUE);
    const statistics = new StatisticsRepository(db, catalogue);
    app.statistics = statistics;
    reports = new Ii06aReports(statistics, org, () => clock.now(), catalogue);
    const events = interleaved(dossierMix(400, 7));
    let offset = 0;
    const item = (event: RecordedEvent) => ({
      event,
      context: { topic: 't', partition: 0, offset: String(offset++) },
    });
    for (let i = 0; i < events.length; i += 150) {
      const batch = events.slice(i, i + 150);
      await app.onBatch(batch.map(item));
      // at-least-once: every third batch comes again
      if ((i / 150) % 3 === 1) await app.onBatch(batch.map(item));
    }
  }, 300_000);

  afterAll(async () => {
    await db?.dropDatabase().catch(() => undefined);
    await client?.close();
  });

  it('gives every month and the year of the province the numbers counted from the facts', async () => {
    const fromSummaries = await reports.read(PERIODS);
    const fromFacts = await reports.read(PERIODS, undefined, [], { via: 'facts' });
    expect(fromSummaries.reports).toEqual(fromFacts.reports);
    const year = fromFacts.reports[12]!.totals;
    expect(year.received.total).toBeGreaterThan(300);
    expect(year.resolved.total).toBeGreaterThan(150);
    expect(year.withdrawnOrStopped).toBeGreaterThan(0);
    expect(year.refusedAtIntake).toBeGreaterThan(0);
  });

  it("gives one center's months and year, a successor's included, the numbers counted from the facts", async () => {
    for (const centerId of ['hue-pasc', 'quang-dien', 'quang-dien-pasc']) {
      const fromSummaries = await reports.read(PERIODS, centerId);
      const fromFacts = await reports.read(PERIODS, centerId, [], { via: 'facts' });
      expect(fromSummaries.reports, centerId).toEqual(fromFacts.reports);
      expect(fromFacts.reports[12]!.totals.received.total, centerId).toBeGreaterThan(0);
    }
  });

  it("reads the facts of open dossiers only, and the settled ones from their centers' summary documents", async () => {
    const { facts } = await reports.read(PERIODS);
    expect(facts.length).toBeGreaterThan(0);
    for (const f of facts) expect(f.returnedAt ?? f.withdrawnAt ?? f.stoppedAt).toBeUndefined();
    const summaries = await db
      .collection<{ _id: string; centerId: string; json: string }>('dossier_fact_index')
      .find({ _id: { $regex: '^summary:' } } as never)
      .toArray();
    const held = summaries.reduce((n, d) => n + summaryEntries(d).size, 0);
    expect(held).toBeGreaterThan(200);
    // one document per center and five days of settlements
    for (const d of summaries)
      expect(d._id).toMatch(
        /^summary:[a-z-]+:2025-(0[1-9]|1[0-2]):[0-6]$|^summary:[a-z-]+:2026-0[12]:[0-6]$/,
      );
  });
});
