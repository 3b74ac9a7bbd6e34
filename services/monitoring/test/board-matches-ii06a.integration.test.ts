import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@motcua/contracts';
import { ManualClock } from '@motcua/eventstore';
import type { HttpApp } from '@motcua/http';
import { ORGANISATION } from '@motcua/organisation';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardFor, boardRoutes } from '../src/adapters/board-routes.js';
import { Ii06aReports, reportRoutes } from '../src/adapters/report-routes.js';
import { FieldCatalogue, StatisticsRepository } from '../src/adapters/statistics-repository.js';
import { TimelineRepository } from '../src/adapters/timeline-repository.js';
import { MonitoringApp } from '../src/app/monitoring-app.js';
import type { Comparison, DueLists } from '../src/domain/board-lists.js';
import type { Ii06aReport } from '../src/domain/report.js';
import { type GetAs, guardedHttpFor } from './support.js';

// The board's dashboard shows, for a center and a year: received / resolved / early / on time / late
// month by month (per center and per field), the centers' totals, and the dossiers overdue and near
// due now. Every one of those numbers must be the number II.06a gives for the same center and period.
// The mix holds the cases where they once disagreed: an apology (late by rule, its new date not yet
// past), a second supplement request, a clock stopped after the appointment, an online reception.

const vn = (local: string) => new Date(`${local}+07:00`).toISOString();
const NOW = '2025-04-16T09:00';
const HUE = 'hue-city';
const CATALOGUE = [
  { code: '1.001', fieldCode: 'H57-HT', fieldName: 'Hộ tịch' },
  { code: '1.002', fieldCode: 'H57-DD', fieldName: 'Đất đai' },
  { code: '1.003', fieldCode: 'H57-HKD', fieldName: 'Thành lập và hoạt động của hộ kinh doanh' },
  { code: '1.004', fieldCode: 'H57-XD', fieldName: 'Hoạt động xây dựng' }, // no dossier
];

type Step = [type: string, at: string, payload: Record<string, unknown>];
const events: RecordedEvent[] = [];
function dossier(code: string, steps: Step[]): void {
  const id = randomUUID();
  let version = 0;
  for (const [type, at, payload] of steps) {
    events.push({
      eventId: randomUUID(),
      type,
      schemaVersion: 1,
      dossierId: id,
      dossierCode: code,
      streamId: `test-dossier:${id}`,
      streamVersion: ++version,
      occurredAt: vn(at),
      recordedAt: vn(at),
      actor: { userId: 'system:test', role: 'system' },
      causationId: randomUUID(),
      correlationId: id,
      producer: 'test',
      payload,
    });
  }
}
const received = (at: string, procedureCode: string, due: string, channel = 'counter'): Step => [
  'DossierReceived',
  at,
  { procedureCode, procedureVersion: 1, centerId: HUE, channel, receivedAt: vn(at), appointmentAt: vn(due) },
];
const done = (at: string): Step => [
  'DossierProcessingCompleted',
  at,
  { outcome: 'approved', completedAt: vn(at) },
];
const supplement = (n: number, at: string): Step => [
  'SupplementRequested',
  at,
  { requestNumber: n, requestedAt: vn(at), missingDocuments: ['x'] },
];
const restarted = (at: string, due: string): Step => [
  'ProcessingClockRestarted',
  at,
  { restartedAt: vn(at), appointmentAt: vn(due), reason: 'supplement_complete' },
];

dossier('EARLY', [received('2025-03-03T09:00', '1.001', '2025-03-07T17:00'), done('2025-03-05T10:00')]);
dossier('ONTIME', [
  received('2025-03-10T09:00', '1.002', '2025-03-14T17:00', 'online'),
  done('2025-03-14T10:00'),
]);
dossier('LATE', [received('2025-02-10T09:00', '1.003', '2025-02-14T17:00'), done('2025-03-03T09:00')]);
dossier('OVERDUE', [received('2025-04-01T09:00', '1.001', '2025-04-04T17:00')]);
dossier('NEAR', [received('2025-04-14T09:00', '1.002', '2025-04-16T17:00')]);
// an apology moved the date past now: II.06a counts it overdue whatever the new date
dossier('APOLOGY', [
  received('2025-04-07T09:00', '1.003', '2025-04-17T17:00'),
  [
    'ApologyIssued',
    '2025-04-15T09:00',
    {
      previousAppointmentAt: vn('2025-04-17T17:00'),
      newAppointmentAt: vn('2025-04-24T17:00'),
      reason: 'chờ xác minh',
      issuedAt: vn('2025-04-15T09:00'),
    },
  ],
]);
// a second supplement request: late by rule
dossier('TWICE', [
  received('2025-04-08T09:00', '1.001', '2025-04-11T17:00'),
  supplement(1, '2025-04-09T09:00'),
  restarted('2025-04-10T09:00', '2025-04-15T17:00'),
  supplement(2, '2025-04-11T09:00'),
]);
// the clock stopped (supplement awaited) before the appointment: within time, paused
dossier('PAUSED', [
  received('2025-04-10T09:00', '1.002', '2025-04-15T17:00'),
  supplement(1, '2025-04-11T09:00'),
]);
// the clock stopped after the appointment had passed: overdue, judged when it stopped
dossier('STOPLATE', [
  received('2025-04-01T09:00', '1.003', '2025-04-04T17:00'),
  [
    'FinancialObligationNotified',
    '2025-04-08T09:00',
    { amountVnd: 1000, description: 'lệ phí', pausesClock: true, notifiedAt: vn('2025-04-08T09:00') },
  ],
]);

const sum = (c: Comparison, pick: 'received' | 'resolved' | 'early' | 'onTime' | 'late') =>
  c.series.reduce((n, s) => n + s.months.reduce((m, p) => m + p[pick], 0), 0);

describe('the dashboard and II.06a, for the same center and period, on the MongoDB-wire server', () => {
  const clock = new ManualClock(new Date(vn(NOW)));
  let client: MongoClient;
  let db: Db;
  let http: HttpApp;
  let get: GetAs;
  const json = async <T>(url: string): Promise<T> => {
    const res = await get(url);
    expect(res.statusCode, url).toBe(200);
    return res.json() as T;
  };

  beforeAll(async () => {
    client = await MongoClient.connect(process.env.MONGO_URL!);
    db = client.db(`monitoring_board_ii06a_${randomUUID().slice(0, 8)}`);
    const app = new MonitoringApp(new TimelineRepository(db));
    const catalogue = new FieldCatalogue(async () => CATALOGUE);
    const statistics = new StatisticsRepository(db, catalogue);
    app.statistics = statistics;
    const reports = new Ii06aReports(statistics, ORGANISATION, () => clock.now(), catalogue);
    const board = boardFor(app, { db, clock }, reports);
    ({ http, get } = await guardedHttpFor(
      { board: { userId: 'board', role: 'supervision_board' } },
      async (s) => {
        await boardRoutes(board)(s);
        await reportRoutes(reports)(s);
      },
    ));
    let offset = 0;
    for (const event of events)
      await app.onEvent(event, { topic: 't', partition: 0, offset: String(offset++) });
  }, 120_000);

  afterAll(async () => {
    await http?.close();
    await db?.dropDatabase().catch(() => undefined);
    await client?.close();
  });

  it("gives the year's received, resolved, early, on-time and late per center as II.06a does", async () => {
    const report = await json<Ii06aReport>(`/reports/ii06a?year=2025&period=year&centerId=${HUE}`);
    const byCenter = await json<Comparison>(`/board/comparison?year=2025&by=center&centerId=${HUE}`);
    const t = report.totals;
    expect(sum(byCenter, 'received')).toBe(t.received.online + t.received.counterOrPostal);
    expect(sum(byCenter, 'resolved')).toBe(t.resolved.total);
    expect(sum(byCenter, 'early')).toBe(t.resolved.early);
    expect(sum(byCenter, 'onTime')).toBe(t.resolved.onTime);
    expect(sum(byCenter, 'late')).toBe(t.resolved.late);
    // and the mix is what it was made to be, so the comparison is not of two zeros
    expect(t.resolved).toEqual({ total: 3, early: 1, onTime: 1, late: 1 });
  });

  it('gives each field the numbers of its II.06a rows', async () => {
    const report = await json<Ii06aReport>(`/reports/ii06a?year=2025&period=year&centerId=${HUE}`);
    const byField = await json<Comparison>(`/board/comparison?year=2025&by=field&centerId=${HUE}`);
    for (const series of byField.series) {
      const rows = report.rows.filter((r) => r.fieldCode === series.key);
      const total = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((n, r) => n + pick(r), 0);
      const months = (pick: 'received' | 'resolved' | 'late') =>
        series.months.reduce((n, p) => n + p[pick], 0);
      expect(months('received'), series.key).toBe(
        total((r) => r.received.online + r.received.counterOrPostal),
      );
      expect(months('resolved'), series.key).toBe(total((r) => r.resolved.total));
      expect(months('late'), series.key).toBe(total((r) => r.resolved.late));
    }
  });

  it('names the fields, in the comparison and in the report, not by their codes', async () => {
    const byField = await json<Comparison>(`/board/comparison?year=2025&by=field&centerId=${HUE}`);
    expect(byField.series.map((s) => [s.key, s.name])).toEqual([
      ['H57-HT', 'Hộ tịch'],
      ['H57-DD', 'Đất đai'],
      ['H57-HKD', 'Thành lập và hoạt động của hộ kinh doanh'],
      ['H57-XD', 'Hoạt động xây dựng'],
    ]);
    const report = await json<Ii06aReport>(`/reports/ii06a?year=2025&period=year&centerId=${HUE}`);
    expect(report.rows.find((r) => r.fieldCode === 'H57-XD')?.fieldName).toBe('Hoạt động xây dựng');
  });

  it('gives each month the numbers of that month’s II.06a, the overdue at its end included', async () => {
    const byCenter = await json<Comparison>(`/board/comparison?year=2025&by=center&centerId=${HUE}`);
    const hue = byCenter.series.find((s) => s.key === HUE)!;
    for (const m of [2, 3, 4]) {
      const report = await json<Ii06aReport>(
        `/reports/ii06a?year=2025&period=month&index=${m}&centerId=${HUE}`,
      );
      const point = hue.months[m - 1]!;
      expect(point.received, `month ${m}`).toBe(
        report.totals.received.online + report.totals.received.counterOrPostal,
      );
      expect(point.resolved, `month ${m}`).toBe(report.totals.resolved.total);
      expect(point.overdueAtMonthEnd, `month ${m}`).toBe(report.totals.inProgress.overdue);
    }
  });

  it('lists as overdue now exactly the dossiers II.06a counts in progress and overdue now', async () => {
    const report = await json<Ii06aReport>(`/reports/ii06a?year=2025&period=year&centerId=${HUE}`);
    const due = await json<DueLists>(`/board/due?centerId=${HUE}`);
    expect(due.overdue.length).toBe(report.totals.inProgress.overdue);
    expect(due.overdue.map((e) => e.dossierCode).sort()).toEqual(['APOLOGY', 'OVERDUE', 'STOPLATE', 'TWICE']);
    // near due is within time by II.06a's count: never one of the overdue
    expect(due.nearDue.map((e) => e.dossierCode)).toEqual(['NEAR']);
    expect(report.totals.inProgress.withinTime).toBeGreaterThanOrEqual(due.nearDue.length);
  });

  it("gives on the dashboard's first screen the same comparisons and year's II.06a as their own reads", async () => {
    const dashboard = await json<{
      byCenter: Comparison;
      byField: Comparison;
      report: Ii06aReport;
      due: { centers: (DueLists & { centerId: string })[] };
    }>(`/board/dashboard?year=2025&centerId=${HUE}`);
    expect(dashboard.byCenter).toEqual(
      await json<Comparison>(`/board/comparison?year=2025&by=center&centerId=${HUE}`),
    );
    expect(dashboard.byField).toEqual(
      await json<Comparison>(`/board/comparison?year=2025&by=field&centerId=${HUE}`),
    );
    expect(dashboard.report).toEqual(
      await json<Ii06aReport>(`/reports/ii06a?year=2025&period=year&centerId=${HUE}`),
    );
    expect(dashboard.report.totals.resolved.total).toBe(3);
    const due = await json<DueLists>(`/board/due?centerId=${HUE}`);
    expect(dashboard.due.centers.map((c) => c.centerId)).toEqual([HUE]);
    expect(dashboard.due.centers[0]?.overdue).toEqual(due.overdue);
    expect(dashboard.due.centers[0]?.nearDue).toEqual(due.nearDue);
    expect(due.overdue.length).toBe(dashboard.report.totals.inProgress.overdue);
  });
});
