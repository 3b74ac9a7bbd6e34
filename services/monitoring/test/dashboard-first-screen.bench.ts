// `pnpm exec tsx services/monitoring/test/dashboard-first-screen.bench.ts [--dossiers N] [--runs R]`
// (MONGO_URL from infra/local's infra.env): how long the board's
// dashboard takes to have its first screen's data, with a month of dossiers across every center, on the
// servers of infra/local. Figures, not a test (issue 14: "ready in under 1 s").
// The first screen is one read, as DashboardPage makes it: the dashboard (comparisons by center and
// by field, the year's II.06a and every center's due lists, from one read of the facts); then the
// reads it replaced, each alone. The history is fed through monitoring's projections.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { RecordedEvent } from '@motcua/contracts';
import { ManualClock } from '@motcua/eventstore';
import { ORGANISATION } from '@motcua/organisation';
import { MongoClient } from 'mongodb';
import { boardFor, boardRoutes } from '../src/adapters/board-routes.js';
import { Ii06aReports, reportRoutes } from '../src/adapters/report-routes.js';
import { FieldCatalogue, StatisticsRepository } from '../src/adapters/statistics-repository.js';
import { TimelineRepository } from '../src/adapters/timeline-repository.js';
import { MonitoringApp } from '../src/app/monitoring-app.js';
import { guardedHttp, tokens } from './support.js';

const now = () => performance.now();

const { values } = parseArgs({
  options: { dossiers: { type: 'string', default: '3000' }, runs: { type: 'string', default: '7' } },
});
const DOSSIERS = Number(values.dossiers);
const RUNS = Number(values.runs);
const NOW = new Date('2026-11-30T09:00:00+07:00');
const DAY = 86_400_000;
const FIELDS = ['H57-HT', 'H57-CT', 'H57-HKD', 'H57-XD', 'H57-DD', 'H57-BTXH'];
const CATALOGUE = FIELDS.map((fieldCode, i) => ({
  code: `1.00${i}`,
  fieldCode,
  fieldName: `Lĩnh vực ${fieldCode}`,
}));
const centers = ORGANISATION.centers('2026-11-01').map((c) => c.centerId);

/**
 * One dossier's events: received at a time spread over the last 30 days; 70 % resolved (most on
 * time) and, a day later, returned; the rest open (the last days' dossiers are all still open).
 */
function history(n: number): RecordedEvent[] {
  const id = randomUUID();
  const centerId = centers[n % centers.length]!;
  const procedureCode = CATALOGUE[n % CATALOGUE.length]!.code;
  // 7,919 s apart modulo 30 days: every day and hour of the month gets its share
  const receivedAt = NOW.getTime() - ((n * 7_919_000) % (30 * DAY));
  const due = receivedAt + 4 * DAY;
  let version = 0;
  const event = (type: string, at: number, payload: Record<string, unknown>): RecordedEvent => ({
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    dossierId: id,
    dossierCode: `B-${n}`,
    streamId: `bench-dossier:${id}`,
    streamVersion: ++version,
    occurredAt: new Date(at).toISOString(),
    recordedAt: new Date(at).toISOString(),
    actor: { userId: 'system:bench', role: 'system' },
    causationId: randomUUID(),
    correlationId: id,
    producer: 'bench',
    payload,
  });
  const iso = (t: number) => new Date(t).toISOString();
  const taskId = `t-${n}`;
  const events = [
    event('DossierReceived', receivedAt, {
      procedureCode,
      procedureVersion: 1,
      centerId,
      channel: n % 3 === 0 ? 'online' : 'counter',
      receivedAt: iso(receivedAt),
      appointmentAt: iso(due),
    }),
    event('TaskQueued', receivedAt + 60_000, {
      taskId,
      stepId: 's',
      departmentId: `${centerId}.justice`,
      stepName: 'Thẩm định',
      dueAt: iso(receivedAt + 2 * DAY),
    }),
    event('TaskClaimed', receivedAt + 3_600_000, {
      taskId,
      officerId: `o-${n % 40}`,
      claimedAt: iso(receivedAt + 3_600_000),
    }),
  ];
  const finish = receivedAt + ((n % 10) + 1) * 0.6 * DAY;
  if (n % 10 < 7 && finish < NOW.getTime()) {
    events.push(
      event('StepCompleted', finish - 3_600_000, {
        taskId,
        stepId: 's',
        departmentId: `${centerId}.justice`,
        officerId: `o-${n % 40}`,
        outcome: 'approved',
        completedAt: iso(finish - 3_600_000),
      }),
      event('DossierProcessingCompleted', finish, { outcome: 'approved', completedAt: iso(finish) }),
    );
    const returned = finish + DAY;
    if (returned < NOW.getTime())
      events.push(event('ResultReturned', returned, { returnedAt: iso(returned), method: 'counter' }));
  }
  return events;
}

async function main() {
  const mongoUrl = process.env.MONGO_URL;
  if (!mongoUrl) throw new Error('MONGO_URL is not set: set -a; . .motcua/infra.env; set +a');
  const client = await MongoClient.connect(mongoUrl);
  const db = client.db(`bench_board_${randomUUID().slice(0, 8)}`);
  const clock = new ManualClock(NOW);
  try {
    const app = new MonitoringApp(new TimelineRepository(db));
    const catalogue = new FieldCatalogue(async () => CATALOGUE);
    const statistics = new StatisticsRepository(db, catalogue);
    app.statistics = statistics;
    const reports = new Ii06aReports(statistics, ORGANISATION, () => clock.now(), catalogue);
    const board = boardFor(app, { db, clock }, reports);
    const http = await guardedHttp(async (scope) => {
      await boardRoutes(board)(scope);
      await reportRoutes(reports)(scope);
    });
    const seedStart = now();
    let offset = 0;
    let events = 0;
    // fed as the live consumer does, a batch at a time (its projection writes once per batch)
    let batch: Parameters<MonitoringApp['onBatch']>[0] = [];
    for (let n = 0; n < DOSSIERS; n++) {
      for (const event of history(n)) {
        batch.push({ event, context: { topic: 'bench', partition: 0, offset: String(offset++) } });
        events++;
      }
      if (batch.length >= 200 || n === DOSSIERS - 1) {
        await app.onBatch(batch);
        batch = [];
      }
    }
    const seedMs = now() - seedStart;
    const headers = {
      authorization: `Bearer ${(await tokens.issue({ userId: 'board', role: 'supervision_board' })).accessToken}`,
    };
    const read = async (url: string) => {
      const res = await http.inject({ method: 'GET', url, headers });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    };
    const firstScreen = () => read('/board/dashboard?year=2026');
    const samples: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const start = now();
      await firstScreen();
      samples.push(now() - start);
    }
    const sorted = [...samples].sort((a, b) => a - b);
    // each read alone, to see which one the time goes to
    const alone: string[] = [];
    for (const url of [
      '/board/dashboard?year=2026',
      '/board/comparison?year=2026&by=center',
      '/board/comparison?year=2026&by=field',
      '/reports/ii06a?year=2026&period=year',
      '/board/due',
    ]) {
      const start = now();
      await read(url);
      alone.push(`${url} ${Math.round(now() - start)} ms`);
    }
    console.log(
      [
        `board dashboard, first screen (one read), ${DOSSIERS} dossiers in 30 days over ${centers.length} centers (${events} events, seeded in ${(seedMs / 1000).toFixed(1)} s)`,
        `runs: ${samples.map((s) => `${Math.round(s)} ms`).join(', ')}`,
        `each alone: ${alone.join(' · ')}`,
        `median ${Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0)} ms · max ${Math.round(Math.max(...samples))} ms · target < 1000 ms`,
      ].join('\n'),
    );
    await http.close();
  } finally {
    await db.dropDatabase().catch(() => undefined);
    await client.close();
  }
}

await main();
