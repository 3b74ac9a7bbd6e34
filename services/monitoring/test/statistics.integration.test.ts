import { randomUUID } from 'node:crypto';
import { ServiceToken } from '@motcua/auth';
import { CatalogueServiceService, type Procedure, type RecordedEvent } from '@motcua/contracts';
import { ManualClock } from '@motcua/eventstore';
import { defineService, type GrpcServer, startGrpcServer, unary } from '@motcua/grpc';
import type { HttpApp } from '@motcua/http';
import { ORGANISATION } from '@motcua/organisation';
import ExcelJS from 'exceljs';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PackedFact, unpackFact } from '../src/adapters/packed.js';
import { reportRoutes, statisticsFor } from '../src/adapters/report-routes.js';
import { TimelineRepository } from '../src/adapters/timeline-repository.js';
import { MonitoringApp } from '../src/app/monitoring-app.js';
import type { Ii06aCounts, Ii06aReport } from '../src/domain/report.js';
import { type GetAs, guardedHttpFor, logger, tokens } from './support.js';

// A realistic mix of recorded events, built by hand, fed through the app's onEvent as the consumer
// would; every number of the March 2025 report is checked against counts tallied here from what
// each dossier was made to be (not from the report's code).

const vn = (day: string, time = '09:00') => new Date(`${day}T${time}:00+07:00`).toISOString();
const march = (d: number, time?: string) => vn(`2025-03-${String(d).padStart(2, '0')}`, time);

const CENTERS = ['hue-city', 'huong-thuy', 'a-luoi'];
const PROCEDURES: Record<string, string> = {
  '1.000001': 'H57-HT',
  '1.000002': 'H57-DD',
  '1.000003': 'H57-BTXH',
  '1.000004': 'H57-XD', // in the catalogue, no dossier: zero rows
};
const USED = ['1.000001', '1.000002', '1.000003'];

/** What a dossier must add to March's row, tallied independently of the report. */
interface Expect {
  new?: 'online' | 'counterOrPostal';
  carried?: true;
  resolved?: 'early' | 'onTime' | 'late';
  inProgress?: 'withinTime' | 'overdue';
  paused?: true;
  withdrawnOrStopped?: true;
  notCollected?: true;
  refused?: true;
}

type Step = { type: string; producer: 'intake' | 'routing'; payload: Record<string, unknown> };
const intake = (type: string, payload: Record<string, unknown>): Step => ({
  type,
  producer: 'intake',
  payload,
});
const routing = (type: string, payload: Record<string, unknown>): Step => ({
  type,
  producer: 'routing',
  payload,
});

interface Ctx {
  center: string;
  procedure: string;
  d: number;
}
const receivedAt = (c: Ctx, at: string, appointment: string, channel = 'counter', online = false) =>
  intake('DossierReceived', {
    procedureCode: c.procedure,
    procedureVersion: 1,
    procedureName: 'Thủ tục',
    channel,
    receivingUnitCode: '000.00.31.H57',
    centerId: c.center,
    applicant: { fullName: 'Nguyễn Văn A' },
    receivedAt: at,
    appointmentAt: appointment,
    legalTimeLimit: { value: 5, unit: 'working_days' },
    ...(online ? { fromOnlineSubmission: true } : {}),
  });
const done = (at: string, outcome = 'approved') =>
  routing('DossierProcessingCompleted', { outcome, completedAt: at });
const back = (at: string) => intake('ResultReturned', { returnedAt: at, method: 'counter' });
const submitted = (c: Ctx, at: string) =>
  intake('DossierSubmittedOnline', {
    procedureCode: c.procedure,
    procedureVersion: 1,
    procedureName: 'Thủ tục',
    centerId: c.center,
    applicant: { fullName: 'Trần Thị B' },
    submittedAt: at,
  });

const KINDS: Record<string, { steps: (c: Ctx) => Step[]; expect: Expect }> = {
  early: {
    steps: (c) => [
      receivedAt(c, march(c.d), march(c.d + 7, '17:00')),
      done(march(c.d + 3)),
      back(march(c.d + 4)),
    ],
    expect: { new: 'counterOrPostal', resolved: 'early' },
  },
  onTimeOnline: {
    steps: (c) => [
      submitted(c, march(c.d - 1)),
      receivedAt(c, march(c.d), march(c.d + 7, '17:00'), 'online', true),
      done(march(c.d + 7, '15:00')),
      intake('ResultReceivedAtCounter', { receivedAt: march(c.d + 7, '15:30'), outcome: 'approved' }),
    ],
    expect: { new: 'online', resolved: 'onTime', notCollected: true },
  },
  latePostal: {
    steps: (c) => [
      receivedAt(c, march(c.d), march(c.d + 5, '17:00'), 'postal'),
      done(march(c.d + 6)),
      back(march(c.d + 7)),
    ],
    expect: { new: 'counterOrPostal', resolved: 'late' },
  },
  twoSupplements: {
    steps: (c) => [
      receivedAt(c, march(c.d), march(c.d + 7, '17:00')),
      routing('SupplementRequested', {
        requestNumber: 1,
        missingDocuments: ['a'],
        stepId: 's',
        requestedAt: march(c.d + 1),
      }),
      routing('ProcessingClockRestarted', {
        restartedAt: march(c.d + 2),
        appointmentAt: march(c.d + 9, '17:00'),
        reason: 'supplement_complete',
      }),
      routing('SupplementRequested', {
        requestNumber: 2,
        missingDocuments: ['b'],
        stepId: 's',
        requestedAt: march(c.d + 2, '12:00'),
      }),
      routing('ProcessingClockRestarted', {
        restartedAt: march(c.d + 3),
        appointmentAt: march(c.d + 10, '17:00'),
        reason: 'supplement_complete',
      }),
      done(march(c.d + 4)),
      back(march(c.d + 5)),
    ],
    expect: { new: 'counterOrPostal', resolved: 'late' },
  },
  apology: {
    steps: (c) => [
      receivedAt(c, march(c.d), march(c.d + 7, '17:00')),
      routing('ApologyIssued', {
        previousAppointmentAt: march(c.d + 7, '17:00'),
        newAppointmentAt: march(c.d + 12, '17:00'),
        reason: 'Cần xác minh thêm',
        issuedAt: march(c.d + 5),
      }),
      done(march(c.d + 10)),
      back(march(c.d + 11)),
    ],
    expect: { new: 'counterOrPostal', resolved: 'late' },
  },
  refusedAtIntake: {
    steps: (c) => [
      submitted(c, march(c.d)),
      intake('DossierRefusedAtIntake', {
        reasons: ['Không thuộc thẩm quyền'],
        refusedAt: march(c.d + 1),
        procedureCode: c.procedure,
        centerId: c.center,
      }),
    ],
    expect: { refused: true },
  },
  withdrawn: {
    steps: (c) => [
      receivedAt(c, march(c.d), march(c.d + 7, '17:00')),
      intake('DossierWithdrawn', { reason: 'Người nộp rút', withdrawnAt: march(c.d + 2) }),
      routing('DossierProcessingClosed', { reason: 'withdrawn', closedAt: march(c.d + 2, '09:05') }),
    ],
    expect: { new: 'counterOrPostal', withdrawnOrStopped: true },
  },
  stopped: {
    steps: (c) => [
      receivedAt(c, march(c.d), march(c.d + 7, '17:00'), 'postal'),
      routing('DossierProcessingStopped', { reason: 'Dừng', stoppedAt: march(c.d + 3) }),
    ],
    expect: { new: 'counterOrPostal', withdrawnOrStopped: true },
  },
  refusedAfterAppraisal: {
    steps: (c) => [
      receivedAt(c, march(c.d), march(c.d + 7, '17:00')),
      routing('DossierRefusedAfterAppraisal', { reasons: ['Không đủ điều kiện'], refusedAt: march(c.d + 2) }),
      done(march(c.d + 2), 'refused'),
      back(march(c.d + 3)),
    ],
    expect: { new: 'counterOrPostal', resolved: 'early' },
  },
  openWithin: {
    steps: (c) => [receivedAt(c, march(25), vn('2025-04-05', '17:00'), 'online')],
    expect: { new: 'online', inProgress: 'withinTime' },
  },
  openOverdue: {
    steps: (c) => [receivedAt(c, march(c.d), march(c.d + 5, '17:00'))],
    expect: { new: 'counterOrPostal', inProgress: 'overdue' },
  },
  paused: {
    steps: (c) => [
      receivedAt(c, march(24), vn('2025-04-02', '17:00')),
      routing('SupplementRequested', {
        requestNumber: 1,
        missingDocuments: ['a'],
        stepId: 's',
        requestedAt: march(25),
      }),
    ],
    expect: { new: 'counterOrPostal', inProgress: 'withinTime', paused: true },
  },
  carriedOpen: {
    steps: (c) => [receivedAt(c, vn('2025-02-20'), vn('2025-02-27', '17:00'))],
    expect: { carried: true, inProgress: 'overdue' },
  },
  carriedResolved: {
    steps: (c) => [receivedAt(c, vn('2025-02-24'), march(3, '17:00')), done(march(3)), back(march(4))],
    expect: { carried: true, resolved: 'onTime' },
  },
  carriedNotCollected: {
    // resolved in February, never collected: only "finished but not collected"
    steps: (c) => [receivedAt(c, vn('2025-02-03'), vn('2025-02-12', '17:00')), done(vn('2025-02-10'))],
    expect: { notCollected: true },
  },
  previous: {
    steps: (c) => [
      receivedAt(c, vn('2025-02-03'), vn('2025-02-12', '17:00')),
      done(vn('2025-02-10')),
      back(vn('2025-02-11')),
    ],
    expect: {},
  },
  nextPeriod: {
    steps: (c) => [receivedAt(c, vn('2025-04-01', '00:00'), vn('2025-04-08', '17:00'))],
    expect: {},
  },
};
const KIND_NAMES = Object.keys(KINDS);

interface Dossier extends Ctx {
  id: string;
  kind: string;
  events: RecordedEvent[];
}

function buildDossiers(): Dossier[] {
  const out: Dossier[] = [];
  for (let i = 0; i < 66; i++) {
    const kind = KIND_NAMES[i % KIND_NAMES.length]!;
    const ctx: Ctx = {
      center: CENTERS[i % CENTERS.length]!,
      procedure: i === 65 ? '9.999999' : USED[Math.floor(i / 3) % USED.length]!,
      d: 2 + (i % 10),
    };
    const id = randomUUID();
    const code = `000.00.31.H57-250301-${String(i).padStart(4, '0')}`;
    let intakeVersion = 0;
    let routingVersion = 0;
    const events = KINDS[kind]!.steps(ctx).map((step): RecordedEvent => {
      const at = Object.entries(step.payload).find(
        ([k]) => k.endsWith('At') && !k.includes('ppointment'),
      )?.[1];
      return {
        eventId: randomUUID(),
        type: step.type,
        schemaVersion: 1,
        dossierId: id,
        dossierCode: step.type === 'DossierSubmittedOnline' ? '' : code,
        streamId: `${step.producer}-dossier:${id}`,
        streamVersion: step.producer === 'intake' ? ++intakeVersion : ++routingVersion,
        occurredAt: String(at),
        recordedAt: String(at),
        actor: { userId: `system:${step.producer}`, role: 'system' },
        causationId: randomUUID(),
        correlationId: id,
        producer: step.producer,
        payload: step.payload,
      };
    });
    out.push({ ...ctx, id, kind, events });
  }
  return out;
}

/** The March row counts each (center, field) must show, tallied from the dossiers' kinds. */
function expectedCounts(dossiers: Dossier[]): Map<string, Ii06aCounts> {
  const rows = new Map<string, Ii06aCounts>();
  for (const d of dossiers) {
    const field = PROCEDURES[d.procedure] ?? 'unknown';
    const key = `${d.center}/${field}`;
    const c = rows.get(key) ?? zero();
    const e = KINDS[d.kind]!.expect;
    if (e.new) c.received[e.new] += 1;
    if (e.carried) c.received.carriedOver += 1;
    if (e.new || e.carried) c.received.total += 1;
    if (e.resolved) {
      c.resolved[e.resolved] += 1;
      c.resolved.total += 1;
    }
    if (e.inProgress) {
      c.inProgress[e.inProgress] += 1;
      c.inProgress.total += 1;
    }
    if (e.paused) c.paused += 1;
    if (e.withdrawnOrStopped) c.withdrawnOrStopped += 1;
    if (e.notCollected) c.finishedNotCollected += 1;
    if (e.refused) c.refusedAtIntake += 1;
    rows.set(key, c);
  }
  return rows;
}

function zero(): Ii06aCounts {
  return {
    received: { total: 0, online: 0, counterOrPostal: 0, carriedOver: 0 },
    resolved: { total: 0, early: 0, onTime: 0, late: 0 },
    inProgress: { total: 0, withinTime: 0, overdue: 0 },
    paused: 0,
    withdrawnOrStopped: 0,
    finishedNotCollected: 0,
    refusedAtIntake: 0,
  };
}

const countsOf = (row: Ii06aReport['rows'][number]): Ii06aCounts => {
  const { centerId: _c, centerName: _n, fieldCode: _f, fieldName: _fn, ...counts } = row;
  return counts;
};

describe('report II.06a from a projection of recorded events, on the MongoDB-wire server', () => {
  const clock = new ManualClock(new Date(vn('2025-05-01')));
  const dossiers = buildDossiers();
  const expected = expectedCounts(dossiers);
  let client: MongoClient;
  let db: Db;
  let http: HttpApp;
  let grpc: GrpcServer;
  let app: MonitoringApp;
  let close: () => void;
  let catalogueCalls = 0;

  const feed = async () => {
    let offset = 0;
    const queue = [...dossiers];
    // dossiers in parallel (as partitions are), each dossier's events in log order
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        for (let d = queue.shift(); d; d = queue.shift()) {
          for (const event of d.events) {
            await app.onEvent(event, { topic: 't', partition: 0, offset: String(offset++) });
          }
        }
      }),
    );
  };
  let get: GetAs;

  beforeAll(async () => {
    const callers = {
      board: { userId: 'board', role: 'supervision_board' },
      sysadmin: { userId: 'sysadmin', role: 'system_admin' },
      hueAdmin: { userId: 'admin.hue', role: 'center_admin', centerId: 'hue-city' },
      hueLeader: {
        userId: 'leader.hue',
        role: 'district_leader',
        centerId: 'hue-city',
        departmentId: 'hue-city.leadership',
      },
      hueCounter: { userId: 'counter.hue', role: 'counter_officer', centerId: 'hue-city' },
    } as const;
    // routing's CatalogueService, as monitoring sees it over gRPC
    const procedure = (code: string): Procedure => ({
      code,
      version: 1,
      name: `Thủ tục ${code}`,
      fieldCode: PROCEDURES[code]!,
      fieldName: '',
      legalTimeLimit: { value: 5, unit: 'working_days' },
      steps: [],
      details: undefined,
    });
    grpc = await startGrpcServer({
      port: 0,
      host: '127.0.0.1',
      logger,
      services: [
        defineService(CatalogueServiceService, {
          getProcedure: unary(async (r) => procedure(r.procedureCode), logger),
          listProcedures: unary(async () => {
            catalogueCalls += 1;
            return { procedures: Object.keys(PROCEDURES).map(procedure) };
          }, logger),
          computeDueTimes: unary(async () => ({}), logger),
        }),
      ],
    });
    client = await MongoClient.connect(process.env.MONGO_URL!);
    db = client.db(`monitoring_statistics_${randomUUID().slice(0, 8)}`);
    app = new MonitoringApp(new TimelineRepository(db));
    const statistics = statisticsFor(
      app,
      { db, clock, logger, auth: { tokens, serviceToken: new ServiceToken(tokens, 'monitoring') } },
      { ROUTING_GRPC_ADDRESS: `127.0.0.1:${grpc.port}` },
    );
    close = statistics.close;
    ({ http, get } = await guardedHttpFor(callers, reportRoutes(statistics.reports)));
    await feed();
  }, 240_000);

  afterAll(async () => {
    await http?.close();
    close?.();
    await grpc?.stop();
    await db?.dropDatabase().catch(() => undefined);
    await client?.close();
  });

  it('answers every number of March 2025 as tallied, for every center and field (zero rows too)', async () => {
    const res = await get('/reports/ii06a?year=2025&period=month&index=3');
    expect(res.statusCode).toBe(200);
    const report = res.json() as Ii06aReport;
    expect(report).toMatchObject({ from: vn('2025-03-01', '00:00'), to: vn('2025-04-01', '00:00') });
    const centers = ORGANISATION.centers('2025-03-01').map((c) => c.centerId);
    const fields = [...Object.values(PROCEDURES), 'unknown'];
    expect(report.rows.map((r) => `${r.centerId}/${r.fieldCode}`)).toEqual(
      centers.flatMap((c) => fields.map((f) => `${c}/${f}`)),
    );
    for (const row of report.rows) {
      expect(countsOf(row), `${row.centerId}/${row.fieldCode}`).toEqual(
        expected.get(`${row.centerId}/${row.fieldCode}`) ?? zero(),
      );
    }
    // the totals, tallied once more over the whole mix
    const all = [...expected.values()].reduce((t, c) => {
      const add = (a: Record<string, number>, b: Record<string, number>) => {
        for (const k of Object.keys(a)) a[k] = (a[k] ?? 0) + (b[k] ?? 0);
      };
      add(t.received, c.received);
      add(t.resolved, c.resolved);
      add(t.inProgress, c.inProgress);
      t.paused += c.paused;
      t.withdrawnOrStopped += c.withdrawnOrStopped;
      t.finishedNotCollected += c.finishedNotCollected;
      t.refusedAtIntake += c.refusedAtIntake;
      return t;
    }, zero());
    expect(report.totals).toEqual(all);
    // the mix really has each case
    expect(all.resolved.late).toBeGreaterThanOrEqual(6);
    expect(all.received.carriedOver).toBeGreaterThan(0);
    expect(all.refusedAtIntake).toBeGreaterThan(0);
    expect(report.rows.find((r) => r.centerId === 'nam-dong' && r.fieldCode === 'H57-XD')).toMatchObject(
      zero(),
    );
    expect(catalogueCalls).toBeGreaterThanOrEqual(1);
  });

  it('keeps one fact per dossier by _id and index documents per center and day', async () => {
    const sample = dossiers.find((d) => d.kind === 'twoSupplements')!;
    const stored = await db.collection<PackedFact>('dossier_facts').findOne({ _id: sample.id as never });
    const fact = stored && unpackFact(stored);
    expect(fact).toMatchObject({ centerId: sample.center, fieldCode: PROCEDURES[sample.procedure] });
    expect(fact?.supplementRequests).toHaveLength(2);
    const index = db.collection('dossier_fact_index');
    const day = `2025-03-${String(sample.d).padStart(2, '0')}`;
    const dayDoc = await index.findOne({ _id: `${sample.center}:${day}` as never });
    const minutes = await index
      .find({
        _id: { $in: (dayDoc?.minutes ?? []).map((m: string) => `${sample.center}:${day}:${m}`) } as never,
      })
      .toArray();
    expect(minutes.flatMap((m) => JSON.parse(m.json).entered)).toContain(sample.id);
    const open = dossiers.filter(
      (d) => d.center === sample.center && ['openWithin', 'carriedOpen'].includes(d.kind),
    );
    const pendingDays = await index.findOne({ _id: `${sample.center}:pending` as never });
    const pending = new Set<string>();
    for (const d of pendingDays?.days ?? []) {
      const list = await index.findOne({ _id: `${sample.center}:pending:${d}` as never });
      expect(list?.minutes.length).toBeGreaterThan(0); // a day whose lists emptied is dropped
      for (const m of list?.minutes ?? []) {
        const minute = await index.findOne({ _id: `${sample.center}:pending:${d}:${m}` as never });
        const open = JSON.parse(minute?.json ?? '[]') as [string, number][];
        expect(open.length).toBeGreaterThan(0); // a minute whose list emptied is dropped
        for (const [id] of open) pending.add(id);
      }
    }
    for (const d of open) expect(pending).toContain(d.id);
    expect(pending).not.toContain(sample.id); // returned
  });

  it('changes nothing when the log is delivered again', async () => {
    const before = (await get('/reports/ii06a?year=2025&period=month&index=3')).json();
    await feed();
    const after = (await get('/reports/ii06a?year=2025&period=month&index=3')).json();
    expect(after).toEqual(before);
  }, 240_000);

  it('the same period by from/to; the first quarter counts February as received, not carried', async () => {
    const byDates = await get('/reports/ii06a?from=2025-03-01&to=2025-04-01');
    expect(byDates.json()).toEqual((await get('/reports/ii06a?year=2025&period=month&index=3')).json());
    const quarter = (await get('/reports/ii06a?year=2025&period=quarter&index=1')).json() as Ii06aReport;
    const tally = (pick: (e: Expect) => boolean) =>
      dossiers.filter((d) => pick(KINDS[d.kind]!.expect)).length;
    const februaryKinds = ['carriedOpen', 'carriedResolved', 'carriedNotCollected', 'previous'];
    expect(quarter.totals.received.carriedOver).toBe(0);
    expect(quarter.totals.received.total).toBe(
      tally((e) => Boolean(e.new)) + dossiers.filter((d) => februaryKinds.includes(d.kind)).length,
    );
  });

  it('a center admin or leader reads only their center, naming it', async () => {
    const own = await get('/reports/ii06a?year=2025&period=month&index=3&centerId=hue-city', 'hueAdmin');
    expect(own.statusCode).toBe(200);
    const report = own.json() as Ii06aReport;
    expect(new Set(report.rows.map((r) => r.centerId))).toEqual(new Set(['hue-city']));
    for (const row of report.rows) {
      expect(countsOf(row)).toEqual(expected.get(`hue-city/${row.fieldCode}`) ?? zero());
    }
    expect(
      (await get('/reports/ii06a?year=2025&period=month&index=3&centerId=hue-city', 'hueLeader')).statusCode,
    ).toBe(200);
    const other = await get('/reports/ii06a?year=2025&period=month&index=3&centerId=a-luoi', 'hueAdmin');
    expect(other.statusCode).toBe(403);
    expect(other.json().error).toMatchObject({
      code: 'PERMISSION_DENIED',
      details: { rule: 'auth.own-center' },
    });
    // without a center only the any-scope roles may read the whole province
    const all = await get('/reports/ii06a?year=2025&period=month&index=3', 'hueAdmin');
    expect(all.statusCode).toBe(403);
    expect(all.json().error.details.rule).toBe('auth.own-center');
    expect((await get('/reports/ii06a.csv?year=2025&period=month&index=3', 'hueLeader')).statusCode).toBe(
      403,
    );
    expect((await get('/reports/ii06a?year=2025&period=month&index=3', 'sysadmin')).statusCode).toBe(200);
    const counter = await get(
      '/reports/ii06a?year=2025&period=month&index=3&centerId=hue-city',
      'hueCounter',
    );
    expect(counter.statusCode).toBe(403);
    expect(counter.json().error.details.rule).toBe('auth.role');
    expect((await get('/reports/ii06a?year=2025&period=month&index=3', 'nobody')).statusCode).toBe(401);
  });

  it('refuses bad parameters with 400 INVALID_INPUT in both languages', async () => {
    for (const query of [
      '',
      'year=2025&period=week',
      'year=2025&period=month&index=13',
      'from=2025-04-01&to=2025-03-01',
      'from=2025-03-01',
      'from=2025-03-01&to=2025-04-01&year=2025&period=year',
      'year=2025&period=year&centerId=%20bad%20',
    ]) {
      const res = await get(`/reports/ii06a?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error).toMatchObject({
        code: 'INVALID_INPUT',
        message: { vi: expect.any(String), en: expect.any(String) },
      });
    }
  });

  it('exports CSV and XLSX with the same numbers and Vietnamese headers', async () => {
    const json = (await get('/reports/ii06a?year=2025&period=month&index=3')).json() as Ii06aReport;
    const csv = await get('/reports/ii06a.csv?year=2025&period=month&index=3');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="II06a_2025-03-01_2025-03-31.csv"');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toContain('Số hồ sơ nhận giải quyết - Kỳ trước chuyển qua');
    expect(lines).toHaveLength(json.rows.length + 2);
    const t = json.totals;
    expect(lines.at(-1)).toBe(
      [
        '',
        'Tổng cộng',
        '',
        '',
        t.received.total,
        t.received.online,
        t.received.counterOrPostal,
        t.received.carriedOver,
        t.resolved.total,
        t.resolved.early,
        t.resolved.onTime,
        t.resolved.late,
        t.inProgress.total,
        t.inProgress.withinTime,
        t.inProgress.overdue,
        t.paused,
        t.withdrawnOrStopped,
        t.finishedNotCollected,
        t.refusedAtIntake,
      ].join(','),
    );

    const xlsx = await get('/reports/ii06a.xlsx?year=2025&period=month&index=3&centerId=huong-thuy');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('II.06a')!;
    expect(sheet.getCell('E3').value).toBe('Số hồ sơ nhận giải quyết');
    const ht = expected.get('huong-thuy/H57-HT') ?? zero();
    const first = (sheet.getRow(5).values as unknown[]).slice(1);
    expect(first.slice(0, 3)).toEqual([1, 'Trung tâm Hành chính công thị xã Hương Thủy', 'H57-HT']);
    expect(first.slice(4, 8)).toEqual([
      ht.received.total,
      ht.received.online,
      ht.received.counterOrPostal,
      ht.received.carriedOver,
    ]);
  });
});
