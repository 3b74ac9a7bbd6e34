import { randomUUID } from 'node:crypto';
import { guardGrpcService, type Principal, Tokens } from '@motcua/auth';
import { AuditServiceClient, isDomainError, type RecordedEvent } from '@motcua/contracts';
import { chainEvents } from '@motcua/eventstore';
import { createClient, type GrpcServer, startGrpcServer } from '@motcua/grpc';
import { createLogger } from '@motcua/logger';
import { ORGANISATION } from '@motcua/organisation';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditGrpcService } from '../src/adapters/grpc-audit-service.js';
import { IntegrityLedger, IntegrityRepository } from '../src/adapters/integrity-repository.js';
import { Ii06aReports } from '../src/adapters/report-routes.js';
import { FieldCatalogue, StatisticsRepository } from '../src/adapters/statistics-repository.js';
import { TimelineRepository } from '../src/adapters/timeline-repository.js';
import { AuditApp } from '../src/app/audit-app.js';
import { MonitoringApp } from '../src/app/monitoring-app.js';

// The AuditService's state-at-instant, integrity verification and report II.06a over real gRPC, with
// the guard and tokens the service runs with, on projections fed by hand-built (hash-chained) events.

const vn = (local: string) => new Date(`${local}:00+07:00`).toISOString();
const tokens = new Tokens({ secret: 'a-test-secret-that-is-long-enough-0123456789' });
const quiet = createLogger({ service: 'monitoring-test', level: 'silent' });
const NOW = new Date(vn('2026-04-01T09:00'));

let mongo: MongoClient;
let db: Db;
let server: GrpcServer;
let reports: Ii06aReports;
const offsets = { next: 0 };

function stream(dossierId: string, code: string, producer: string, steps: [string, string, object][]) {
  return chainEvents(
    '',
    steps.map(
      ([type, at, payload], i): RecordedEvent => ({
        eventId: randomUUID(),
        type,
        schemaVersion: 1,
        dossierId,
        dossierCode: code,
        streamId: `${producer}-dossier:${dossierId}`,
        streamVersion: i + 1,
        occurredAt: vn(at),
        recordedAt: vn(at),
        actor: { userId: `system:${producer}`, role: 'system' },
        causationId: randomUUID(),
        correlationId: dossierId,
        producer,
        payload: payload as Record<string, unknown>,
      }),
    ),
  );
}
const received = (centerId: string, at: string, appointment: string): [string, string, object] => [
  'DossierReceived',
  at,
  {
    procedureCode: '1.001',
    procedureVersion: 1,
    centerId,
    channel: 'counter',
    receivedAt: vn(at),
    appointmentAt: vn(appointment),
  },
];

const HUE = { id: randomUUID(), code: '000.00.31.H57-260302-0001' };
const HT = { id: randomUUID(), code: '000.00.32.H57-260302-0001' };
const TAMPERED = { id: randomUUID(), code: '000.00.31.H57-260302-0002' };

beforeAll(async () => {
  mongo = await MongoClient.connect(process.env.MONGO_URL as string);
  db = mongo.db(`it_grpc_audit_${randomUUID().slice(0, 8)}`);
  const catalogue = new FieldCatalogue(async () => [
    { code: '1.001', fieldCode: 'H57-HT' },
    { code: '1.002', fieldCode: 'H57-DD' },
  ]);
  const timelines = new TimelineRepository(db);
  const app = new MonitoringApp(timelines);
  const statistics = new StatisticsRepository(db, catalogue);
  app.statistics = statistics;
  const ledger = new IntegrityLedger(new IntegrityRepository(db), () => NOW);
  app.integrity = ledger;
  reports = new Ii06aReports(statistics, ORGANISATION, () => NOW, catalogue);

  const events = [
    ...stream(HUE.id, HUE.code, 'intake', [received('hue-city', '2026-03-02T09:00', '2026-03-05T17:00')]),
    ...stream(HUE.id, HUE.code, 'routing', [
      [
        'DossierRouted',
        '2026-03-02T09:05',
        {
          stepId: 'appraise',
          stepName: 'Thẩm định',
          departmentId: 'hue-city.justice',
          stepDueAt: vn('2026-03-04T17:00'),
        },
      ],
      [
        'DossierProcessingCompleted',
        '2026-03-03T15:00',
        { outcome: 'approved', completedAt: vn('2026-03-03T15:00') },
      ],
    ]),
    ...stream(HT.id, HT.code, 'intake', [received('huong-thuy', '2026-03-02T10:00', '2026-03-05T17:00')]),
  ];
  const [first, second] = stream(TAMPERED.id, TAMPERED.code, 'intake', [
    received('hue-city', '2026-03-02T11:00', '2026-03-05T17:00'),
    ['ResultReturned', '2026-03-06T09:00', { returnedAt: vn('2026-03-06T09:00') }],
  ]);
  // rewritten after it was hashed: its recomputed hash no longer matches the one it carries
  events.push(first!, { ...second!, payload: { returnedAt: vn('2026-03-06T10:00') } });
  for (const event of events) {
    await app.onEvent(event, { topic: 't', partition: 0, offset: String(offsets.next++) });
  }

  server = await startGrpcServer({
    port: 0,
    host: '127.0.0.1',
    logger: quiet,
    services: [
      guardGrpcService(auditGrpcService({ app, audit: new AuditApp(timelines), ledger, reports }, quiet), {
        tokens,
        logger: quiet,
      }),
    ],
  });
});
afterAll(async () => {
  await server?.stop();
  await db?.dropDatabase();
  await mongo?.close();
});

const BOARD: Principal = { userId: 'board', role: 'supervision_board' };
const HT_ADMIN: Principal = { userId: 'admin.huongthuy', role: 'center_admin', centerId: 'huong-thuy' };
const clientAs = (who: Principal) =>
  createClient(AuditServiceClient, `127.0.0.1:${server.port}`, {
    defaultMetadata: async () => ({ authorization: `Bearer ${(await tokens.issue(who)).accessToken}` }),
  });
const byId = (value: string) => ({ ref: { $case: 'dossierId' as const, value } });
const byCode = (value: string) => ({ ref: { $case: 'dossierCode' as const, value } });
async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (err) {
    return isDomainError(err) ? err.code : String(err);
  }
}

describe('the AuditService over gRPC', () => {
  it("answers a dossier's state at an instant, before and after its completion", async () => {
    const audit = clientAs(BOARD);
    const before = await audit.call('getStateAt', { ...byCode(HUE.code), at: vn('2026-03-02T12:00') });
    expect(before).toMatchObject({
      dossierId: HUE.id,
      dossierCode: HUE.code,
      centerId: 'hue-city',
      appointmentAt: vn('2026-03-05T17:00'),
      openSteps: [{ stepId: 'appraise', departmentId: 'hue-city.justice', dueAt: vn('2026-03-04T17:00') }],
    });
    const after = await audit.call('getStateAt', { ...byId(HUE.id), at: vn('2026-03-04T12:00') });
    expect(after.status).not.toBe(before.status);
    expect(after.openSteps).toEqual([]);
    expect(await codeOf(audit.call('getStateAt', byId(HUE.id)))).toBe('INVALID_INPUT');
    expect(
      await codeOf(audit.call('getStateAt', { ...byId(randomUUID()), at: vn('2026-03-04T12:00') })),
    ).toBe('DOSSIER_NOT_FOUND');
    audit.close();
  });

  it("verifies a dossier's hash chains, and names the event rewritten after it was hashed", async () => {
    const audit = clientAs(BOARD);
    const whole = await audit.call('verifyIntegrity', byId(HUE.id));
    expect(whole).toMatchObject({ dossierId: HUE.id, centerId: 'hue-city', verified: true, problems: [] });
    expect(whole.streams.map((s) => [s.streamId, s.events])).toEqual([
      [`intake-dossier:${HUE.id}`, 1],
      [`routing-dossier:${HUE.id}`, 2],
    ]);
    const tampered = await audit.call('verifyIntegrity', byCode(TAMPERED.code));
    expect(tampered.verified).toBe(false);
    expect(tampered.problems.map((p) => [p.kind, p.streamVersion])).toEqual([['altered', 2]]);
    audit.close();
  });

  it('gives report II.06a with the numbers of the HTTP report, every center and field included', async () => {
    const audit = clientAs(BOARD);
    const report = await audit.call('getPeriodicReport', {
      year: 2026,
      period: 'month',
      index: 3,
      centerId: '',
    });
    const row = (centerId: string, fieldCode: string) =>
      report.rows.find((r) => r.centerId === centerId && r.fieldCode === fieldCode)?.counts;
    expect(row('hue-city', 'H57-HT')).toMatchObject({
      received: { total: 2, counterOrPostal: 2 },
      resolved: { total: 1, early: 1, onTime: 0, late: 0 },
      inProgress: { total: 1, overdue: 1 },
      finishedNotCollected: 1,
    });
    expect(row('huong-thuy', 'H57-HT')).toMatchObject({ received: { total: 1 }, inProgress: { overdue: 1 } });
    expect(row('nam-dong', 'H57-DD')).toMatchObject({ received: { total: 0 }, resolved: { total: 0 } });
    const http = await reports.report({
      from: new Date(vn('2026-03-01T00:00')),
      to: new Date(vn('2026-04-01T00:00')),
    });
    expect(report.rows).toHaveLength(http.rows.length);
    expect(report.totals).toEqual({
      received: http.totals.received,
      resolved: http.totals.resolved,
      inProgress: http.totals.inProgress,
      paused: http.totals.paused,
      withdrawnOrStopped: http.totals.withdrawnOrStopped,
      finishedNotCollected: http.totals.finishedNotCollected,
      refusedAtIntake: http.totals.refusedAtIntake,
    });
    const byDates = await audit.call('getPeriodicReport', {
      from: vn('2026-03-01T00:00'),
      to: vn('2026-04-01T00:00'),
      year: 0,
      period: '',
      index: 0,
      centerId: '',
    });
    expect(byDates.totals).toEqual(report.totals);
    expect(
      await codeOf(
        audit.call('getPeriodicReport', { year: 2026, period: 'fortnight', index: 1, centerId: '' }),
      ),
    ).toBe('INVALID_INPUT');
    audit.close();
  });

  it("lets a center's administrator read only their own center's dossiers and report", async () => {
    const admin = clientAs(HT_ADMIN);
    expect(await codeOf(admin.call('getStateAt', { ...byId(HT.id), at: vn('2026-03-04T12:00') }))).toBe('OK');
    expect(await codeOf(admin.call('getStateAt', { ...byId(HUE.id), at: vn('2026-03-04T12:00') }))).toBe(
      'PERMISSION_DENIED',
    );
    expect(await codeOf(admin.call('verifyIntegrity', byId(HUE.id)))).toBe('PERMISSION_DENIED');
    const own = await admin.call('getPeriodicReport', {
      year: 2026,
      period: 'month',
      index: 3,
      centerId: 'huong-thuy',
    });
    expect(new Set(own.rows.map((r) => r.centerId))).toEqual(new Set(['huong-thuy']));
    expect(own.totals?.received?.total).toBe(1);
    expect(
      await codeOf(admin.call('getPeriodicReport', { year: 2026, period: 'month', index: 3, centerId: '' })),
    ).toBe('PERMISSION_DENIED');
    admin.close();
    const officer = clientAs({ userId: 'o', role: 'department_officer', centerId: 'huong-thuy' });
    expect(
      await codeOf(
        officer.call('getPeriodicReport', { year: 2026, period: 'month', index: 3, centerId: 'huong-thuy' }),
      ),
    ).toBe('PERMISSION_DENIED');
    officer.close();
  });
});
