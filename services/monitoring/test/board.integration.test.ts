import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@motcua/contracts';
import { ManualClock } from '@motcua/eventstore';
import type { HttpApp } from '@motcua/http';
import { ORGANISATION } from '@motcua/organisation';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoardRepository } from '../src/adapters/board-repository.js';
import {
  type AllCentersDue,
  type AllCentersWorkload,
  boardFor,
  boardRoutes,
} from '../src/adapters/board-routes.js';
import { IndicesReports } from '../src/adapters/indices-routes.js';
import { Ii06aReports } from '../src/adapters/report-routes.js';
import { FieldCatalogue, StatisticsRepository } from '../src/adapters/statistics-repository.js';
import { TimelineRepository } from '../src/adapters/timeline-repository.js';
import { MonitoringApp } from '../src/app/monitoring-app.js';
import type { Comparison, DueLists } from '../src/domain/board-lists.js';
import { type GetAs, guardedHttpFor } from './support.js';

// A handful of dossiers and their tasks, built by hand as recorded events and fed through the
// app's onEvent as the consumer would; the board looks on 2 April 2025 at 09:00 (Vietnam time).
// Every expected number below is tallied from what each dossier was made to be.

const vn = (local: string) => new Date(`${local}+07:00`).toISOString();
const JUSTICE = 'hue-city.justice';
const FINANCE = 'hue-city.finance-planning';
const CATALOGUE = [
  { code: '1.001', fieldCode: 'H57-HT' },
  { code: '1.002', fieldCode: 'H57-DD' },
  { code: '1.003', fieldCode: 'H57-XD' }, // no dossier: zeros
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
const received = (at: string, procedureCode: string, appointment: string, centerId = 'hue-city'): Step => [
  'DossierReceived',
  at,
  {
    procedureCode,
    procedureVersion: 1,
    centerId,
    channel: 'counter',
    receivedAt: vn(at),
    appointmentAt: vn(appointment),
  },
];
const done = (at: string): Step => [
  'DossierProcessingCompleted',
  at,
  { outcome: 'approved', completedAt: vn(at) },
];
const back = (at: string): Step => ['ResultReturned', at, { returnedAt: vn(at), method: 'counter' }];
const queued = (taskId: string, at: string, departmentId: string, stepName: string, due: string): Step => [
  'TaskQueued',
  at,
  { taskId, stepId: `s-${taskId}`, departmentId, stepName, dueAt: vn(due) },
];
const assigned = (taskId: string, officerId: string, at: string): Step => [
  'TaskAssigned',
  at,
  { taskId, officerId, assignedAt: vn(at) },
];
const claimed = (taskId: string, officerId: string, at: string): Step => [
  'TaskClaimed',
  at,
  { taskId, officerId, claimedAt: vn(at) },
];
const stepDone = (taskId: string, departmentId: string, officerId: string, at: string): Step => [
  'StepCompleted',
  at,
  { taskId, stepId: `s-${taskId}`, departmentId, officerId, outcome: 'approved', completedAt: vn(at) },
];

// H1: resolved early; its task completed early by o1 (claimed)
dossier('H1', [
  received('2025-03-03T09:00', '1.001', '2025-03-07T17:00'),
  queued('h1-a', '2025-03-03T09:00', JUSTICE, 'Thẩm định', '2025-03-05T17:00'),
  claimed('h1-a', 'o1', '2025-03-03T10:00'),
  stepDone('h1-a', JUSTICE, 'o1', '2025-03-04T15:00'),
  done('2025-03-05T10:00'),
  back('2025-03-06T09:00'),
]);
// H2: past its appointment (31 March 17:00); its task assigned to o2, open and overdue
dossier('H2', [
  received('2025-03-20T09:00', '1.002', '2025-03-31T17:00'),
  queued('h2-a', '2025-03-20T09:00', JUSTICE, 'Thẩm định', '2025-03-28T17:00'),
  assigned('h2-a', 'o2', '2025-03-20T10:00'),
]);
// H3: due today at 17:00; o1 sent its first step back, the second is queued and unassigned
dossier('H3', [
  received('2025-03-25T09:00', '1.001', '2025-04-02T17:00'),
  queued('h3-a', '2025-03-25T09:00', JUSTICE, 'Thẩm định', '2025-03-27T17:00'),
  claimed('h3-a', 'o1', '2025-03-26T09:00'),
  [
    'StepReturned',
    '2025-03-27T09:00',
    {
      taskId: 'h3-a',
      stepId: 's-h3-a',
      toStepId: 's0',
      reason: 'thiếu',
      officerId: 'o1',
      returnedAt: vn('2025-03-27T09:00'),
    },
  ],
  queued('h3-b', '2025-03-27T09:00', JUSTICE, 'Thẩm định lại', '2025-04-02T12:00'),
]);
// H4: resolved late; its task (finance) completed late by o2
dossier('H4', [
  received('2025-03-10T09:00', '1.001', '2025-03-14T17:00'),
  queued('h4-a', '2025-03-10T09:00', FINANCE, 'Xác định nghĩa vụ', '2025-03-12T17:00'),
  assigned('h4-a', 'o2', '2025-03-10T10:00'),
  stepDone('h4-a', FINANCE, 'o2', '2025-03-14T09:00'),
  done('2025-03-17T09:00'),
  back('2025-03-18T09:00'),
]);
// H5: February, resolved early
dossier('H5', [
  received('2025-02-10T09:00', '1.002', '2025-02-14T17:00'),
  done('2025-02-13T09:00'),
  back('2025-02-14T09:00'),
]);
// L1: another center, resolved on time; its officer o3 is not Huế's
dossier('L1', [
  received('2025-03-05T09:00', '1.002', '2025-03-10T17:00', 'huong-thuy'),
  queued('l1-a', '2025-03-05T09:00', 'huong-thuy.justice', 'Thẩm định', '2025-03-07T17:00'),
  claimed('l1-a', 'o3', '2025-03-05T10:00'),
  stepDone('l1-a', 'huong-thuy.justice', 'o3', '2025-03-07T09:00'),
  done('2025-03-10T15:00'),
]);

const month = (m: number) => `2025-${String(m).padStart(2, '0')}`;
const zeroPoint = (m: number) => ({
  month: month(m),
  received: 0,
  resolved: 0,
  early: 0,
  onTime: 0,
  late: 0,
  onTimeRate: null,
  overdueAtMonthEnd: 0,
});
/** Twelve months of zeros with the given months filled in. */
const year = (filled: Record<number, object>) =>
  Array.from({ length: 12 }, (_, i) => ({ ...zeroPoint(i + 1), ...(filled[i + 1] ?? {}) }));

describe('the supervision board from a projection of recorded events, on the MongoDB-wire server', () => {
  const clock = new ManualClock(new Date(vn('2025-04-02T09:00')));
  let client: MongoClient;
  let db: Db;
  let http: HttpApp;
  let get: GetAs;

  beforeAll(async () => {
    client = await MongoClient.connect(process.env.MONGO_URL!);
    db = client.db(`monitoring_board_${randomUUID().slice(0, 8)}`);
    const app = new MonitoringApp(new TimelineRepository(db));
    const catalogue = new FieldCatalogue(async () => CATALOGUE);
    const statistics = new StatisticsRepository(db, catalogue);
    app.statistics = statistics;
    const board = boardFor(
      app,
      { db, clock },
      new Ii06aReports(statistics, ORGANISATION, () => clock.now(), catalogue),
    );
    ({ http, get } = await guardedHttpFor(
      {
        board: { userId: 'board', role: 'supervision_board' },
        hueAdmin: { userId: 'admin.hue', role: 'center_admin', centerId: 'hue-city' },
        hueCounter: { userId: 'counter.hue', role: 'counter_officer', centerId: 'hue-city' },
      },
      boardRoutes(board),
    ));
    let offset = 0;
    for (const event of events) {
      await app.onEvent(event, { topic: 't', partition: 0, offset: String(offset++) });
    }
    // a redelivery changes nothing
    for (const event of events.slice(0, 8)) {
      await app.onEvent(event, { topic: 't', partition: 0, offset: String(offset++) });
    }
  }, 120_000);

  afterAll(async () => {
    await http?.close();
    await db?.dropDatabase().catch(() => undefined);
    await client?.close();
  });

  it("answers Huế's March workload per department and per officer as tallied", async () => {
    const res = await get('/board/workload?from=2025-03-01&to=2025-04-01&centerId=hue-city');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      centerId: 'hue-city',
      from: vn('2025-03-01T00:00'),
      to: vn('2025-04-01T00:00'),
      asOf: vn('2025-04-02T09:00'),
      departments: [
        {
          departmentId: FINANCE,
          queued: 1,
          completed: { total: 1, early: 0, onTime: 0, late: 1 },
          returned: 0,
          openNow: 0,
          overdueNow: 0,
        },
        {
          departmentId: JUSTICE,
          queued: 4,
          completed: { total: 1, early: 1, onTime: 0, late: 0 },
          returned: 1,
          openNow: 2,
          overdueNow: 1,
        },
      ],
      officers: [
        {
          officerId: 'o1',
          assigned: 0,
          claimed: 2,
          completed: { total: 1, early: 1, onTime: 0, late: 0 },
          openNow: 0,
        },
        {
          officerId: 'o2',
          assigned: 2,
          claimed: 0,
          completed: { total: 1, early: 0, onTime: 0, late: 1 },
          openNow: 1,
        },
      ],
    });
  });

  it("lists Huế's dossier due within 24 hours and the one past its appointment, with steps and holders", async () => {
    const res = await get('/board/due?centerId=hue-city');
    expect(res.statusCode).toBe(200);
    const due = res.json() as DueLists;
    expect(due.withinHours).toBe(24);
    expect(due.nearDue).toEqual([
      expect.objectContaining({
        dossierCode: 'H3',
        procedureCode: '1.001',
        fieldCode: 'H57-HT',
        dueAt: vn('2025-04-02T17:00'),
        hoursLeft: 8,
        paused: false,
        steps: [
          {
            stepId: 's-h3-b',
            stepName: 'Thẩm định lại',
            departmentId: JUSTICE,
            dueAt: vn('2025-04-02T12:00'),
          },
        ],
      }),
    ]);
    expect(due.overdue).toEqual([
      expect.objectContaining({
        dossierCode: 'H2',
        fieldCode: 'H57-DD',
        dueAt: vn('2025-03-31T17:00'),
        hoursLeft: -40,
        steps: [
          {
            stepId: 's-h2-a',
            stepName: 'Thẩm định',
            departmentId: JUSTICE,
            officerId: 'o2',
            dueAt: vn('2025-03-28T17:00'),
          },
        ],
      }),
    ]);
    // a horizon of 7 hours leaves H3 out
    expect(((await get('/board/due?centerId=hue-city&withinHours=7')).json() as DueLists).nearDue).toEqual(
      [],
    );
  });

  it('compares the centers month by month over 2025, every center shown, months not begun as zeros', async () => {
    const res = await get('/board/comparison?year=2025&by=center');
    expect(res.statusCode).toBe(200);
    const c = res.json() as Comparison;
    expect(c.series.map((s) => s.key)).toEqual(ORGANISATION.centers('2025-01-01').map((x) => x.centerId));
    const series = (key: string) => c.series.find((s) => s.key === key)?.months;
    expect(series('hue-city')).toEqual(
      year({
        2: { received: 1, resolved: 1, early: 1, onTimeRate: 1 },
        3: { received: 4, resolved: 2, early: 1, late: 1, onTimeRate: 0.5, overdueAtMonthEnd: 1 },
        4: { overdueAtMonthEnd: 1 },
      }),
    );
    expect(series('huong-thuy')).toEqual(year({ 3: { received: 1, resolved: 1, onTime: 1, onTimeRate: 1 } }));
    expect(series('a-luoi')).toEqual(year({}));
  });

  it('compares the fields of the catalogue month by month, a field without dossiers as zeros', async () => {
    const c = (await get('/board/comparison?year=2025&by=field')).json() as Comparison;
    expect(c.series.map((s) => s.key)).toEqual(['H57-HT', 'H57-DD', 'H57-XD']);
    expect(c.series[0]?.months).toEqual(
      year({ 3: { received: 3, resolved: 2, early: 1, late: 1, onTimeRate: 0.5 } }),
    );
    expect(c.series[1]?.months).toEqual(
      year({
        2: { received: 1, resolved: 1, early: 1, onTimeRate: 1 },
        3: { received: 2, resolved: 1, onTime: 1, onTimeRate: 1, overdueAtMonthEnd: 1 },
        4: { overdueAtMonthEnd: 1 },
      }),
    );
    expect(c.series[2]?.months).toEqual(year({}));
  });

  it("lets a center's admin read only its own center, and not a counter officer", async () => {
    expect((await get('/board/due?centerId=hue-city', 'hueAdmin')).statusCode).toBe(200);
    expect((await get('/board/due?centerId=huong-thuy', 'hueAdmin')).statusCode).toBe(403);
    expect((await get('/board/comparison?year=2025&by=center', 'hueAdmin')).statusCode).toBe(403);
    const own = await get('/board/comparison?year=2025&by=field&centerId=hue-city', 'hueAdmin');
    expect(own.statusCode).toBe(200);
    expect((await get('/board/dashboard?year=2025', 'hueAdmin')).statusCode).toBe(403);
    expect((await get('/board/dashboard?year=2025&centerId=hue-city', 'hueAdmin')).statusCode).toBe(200);
    expect((await get('/board/dashboard?year=2025&centerId=hue-city', 'hueCounter')).statusCode).toBe(403);
    expect(
      (await get('/board/workload?from=2025-03-01&to=2025-04-01&centerId=hue-city', 'hueCounter')).statusCode,
    ).toBe(403);
    expect((await get('/board/due?centerId=hue-city', 'nobody')).statusCode).toBe(401);
  });

  it("gives the board every center's workload without a centerId, grouped by center, empty centers included", async () => {
    const res = await get('/board/workload?from=2025-03-01&to=2025-04-01');
    expect(res.statusCode).toBe(200);
    const all = res.json() as AllCentersWorkload;
    expect(all).toMatchObject({
      from: vn('2025-03-01T00:00'),
      to: vn('2025-04-01T00:00'),
      asOf: vn('2025-04-02T09:00'),
    });
    expect(all.centers.map((c) => c.centerId)).toEqual(
      ORGANISATION.centers('2025-04-02').map((c) => c.centerId),
    );
    const hue = (await get('/board/workload?from=2025-03-01&to=2025-04-01&centerId=hue-city')).json();
    const center = (id: string) => all.centers.find((c) => c.centerId === id);
    expect(center('hue-city')).toEqual({
      centerId: 'hue-city',
      centerName: ORGANISATION.findCenter('hue-city', '2025-04-02')?.name,
      departments: hue.departments,
      officers: hue.officers,
    });
    expect(center('huong-thuy')).toMatchObject({
      departments: [
        {
          departmentId: 'huong-thuy.justice',
          queued: 1,
          // completed on its due day, before the due time
          completed: { total: 1, early: 0, onTime: 1, late: 0 },
          openNow: 0,
        },
      ],
      officers: [{ officerId: 'o3', claimed: 1, completed: { total: 1, onTime: 1 } }],
    });
    expect(center('a-luoi')).toMatchObject({ departments: [], officers: [] });
  });

  it("gives the board every center's near-due and overdue dossiers without a centerId, grouped by center", async () => {
    const res = await get('/board/due?withinHours=24');
    expect(res.statusCode).toBe(200);
    const all = res.json() as AllCentersDue;
    expect(all.withinHours).toBe(24);
    expect(all.centers.map((c) => c.centerId)).toEqual(
      ORGANISATION.centers('2025-04-02').map((c) => c.centerId),
    );
    const codes = (id: string) => {
      const c = all.centers.find((x) => x.centerId === id);
      return { nearDue: c?.nearDue.map((d) => d.dossierCode), overdue: c?.overdue.map((d) => d.dossierCode) };
    };
    expect(codes('hue-city')).toEqual({ nearDue: ['H3'], overdue: ['H2'] });
    expect(codes('huong-thuy')).toEqual({ nearDue: [], overdue: [] });
    const one = (await get('/board/due?centerId=hue-city')).json() as DueLists;
    expect(all.centers.find((c) => c.centerId === 'hue-city')?.overdue).toEqual(one.overdue);
  });

  it("shows on the dashboard's first screen every center's due lists as the board's own read of them", async () => {
    const dashboard = (await get('/board/dashboard?year=2025')).json() as { due: AllCentersDue };
    const all = (await get('/board/due')).json() as AllCentersDue;
    expect(dashboard.due).toEqual(all);
    expect(
      dashboard.due.centers.find((c) => c.centerId === 'hue-city')?.overdue.map((d) => d.dossierCode),
    ).toEqual(['H2']);
  });

  it("refuses every center's lists to a center's admin, who may read only their own", async () => {
    expect((await get('/board/due', 'hueAdmin')).statusCode).toBe(403);
    expect((await get('/board/workload?from=2025-03-01&to=2025-04-01', 'hueAdmin')).statusCode).toBe(403);
  });

  it("scores Circular 01's index 2 from the board's step times: Huế's March, one step early, one late", async () => {
    const indices = new IndicesReports(
      new StatisticsRepository(db),
      () => clock.now(),
      new BoardRepository(db, ORGANISATION),
    );
    const report = await indices.indices({
      from: new Date(vn('2025-03-01T00:00')),
      to: new Date(vn('2025-04-01T00:00')),
      centerId: 'hue-city',
    });
    // H1's step done a day before its due day (2), H4's after its due time (0)
    expect(report.dossiers.map((d) => [d.dossierCode, d.index2])).toEqual([
      ['H1', 2],
      ['H4', 0],
    ]);
    expect(report.units[0]?.indices.find((i) => i.index === 2)?.score).toBe(1);
  });

  it('refuses bad parameters with 400 INVALID_INPUT in both languages', async () => {
    for (const url of [
      '/board/workload?from=2025-04-01&to=2025-03-01&centerId=hue-city',
      '/board/workload?centerId=hue-city',
      '/board/due?centerId=hue-city&withinHours=abc',
      '/board/due?centerId=hue-city&withinHours=0',
      '/board/comparison?by=center',
      '/board/comparison?year=25&by=center',
      '/board/comparison?year=2025&by=month',
      '/board/dashboard',
      '/board/dashboard?year=25',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error, url).toMatchObject({
        code: 'INVALID_INPUT',
        message: { vi: expect.any(String), en: expect.any(String) },
      });
    }
  });
});
