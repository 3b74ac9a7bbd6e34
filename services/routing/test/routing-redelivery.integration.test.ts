// Routing's consumer keeps no dedupe markers (`dedupe: 'handler'`): an event delivered again must be
// recognised by routing itself, from the command ids its process stream records.
import { randomUUID } from 'node:crypto';
import { createCalendar, OFFICIAL_CALENDAR_YEARS } from '@motcua/calendar';
import type { RecordedEvent } from '@motcua/contracts';
import { EventStore } from '@motcua/eventstore';
import type { ServiceDeps } from '@motcua/runtime';
import { TimerStore } from '@motcua/timers';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProcedureRepository } from '../src/adapters/procedure-repository.js';
import { DossierDeadlineTimers } from '../src/app/deadline-timers.js';
import { RoutingApp } from '../src/app/routing-app.js';
import { processStreamId } from '../src/domain/process.js';
import { DEFAULT_CENTER_ID, DEPARTMENTS, SEED_PROCEDURES } from '../src/domain/seed.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const calendar = createCalendar({ years: OFFICIAL_CALENDAR_YEARS, computeMissingYears: true });
const clock = { now: () => new Date('2026-04-28T02:00:00Z') };
const procedure = SEED_PROCEDURES[0]!;

describe('routing given an event it already handled', () => {
  let mongo: MongoClient;
  let db: Db;
  let app: RoutingApp;
  let timers: TimerStore;
  const dossierId = randomUUID();
  let version = 0;

  /** One of the dossier's events as the log carries it. */
  const event = (type: string, producer: string, payload: Record<string, unknown>): RecordedEvent =>
    ({
      eventId: randomUUID(),
      type,
      producer,
      schemaVersion: 1,
      streamId: `${producer}-${dossierId}`,
      streamVersion: ++version,
      dossierId,
      dossierCode: 'HUE-260428-0001',
      correlationId: dossierId,
      causationId: dossierId,
      occurredAt: '2026-04-28T02:00:00.000Z',
      recordedAt: '2026-04-28T02:00:00.000Z',
      actor: { userId: `system:${producer}`, role: 'system' },
      payload,
    }) as unknown as RecordedEvent;

  const processEvents = async () =>
    (await new EventStore({ db, producer: 'routing', clock }).read(processStreamId(dossierId)))?.events.map(
      (e) => e.type,
    ) ?? [];
  const pendingTimers = async () =>
    (await timers.timers.find({}).toArray()).map((t) => `${t._id}@${t.revision}`).sort();

  beforeAll(async () => {
    mongo = await MongoClient.connect(process.env.MONGO_URL!);
    db = mongo.db(`routing_redelivery_${randomUUID().slice(0, 8)}`);
    const procedures = new ProcedureRepository(db);
    await procedures.seed([procedure], new Set(DEPARTMENTS.map((d) => d.departmentId)));
    timers = new TimerStore(db);
    await timers.ensureIndexes();
    const store = new EventStore({ db, producer: 'routing', clock });
    const deps = { db, store, clock, logger: quiet } as unknown as ServiceDeps;
    const deadlines = new DossierDeadlineTimers(timers, () => calendar, { nearDueWorkingMinutes: 450 });
    app = new RoutingApp(deps, () => calendar, procedures, deadlines);
  });
  afterAll(async () => {
    await db.dropDatabase();
    await mongo.close();
  });

  it('starts the process once when the reception comes again, leaving its timers as they were', async () => {
    const received = event('DossierReceived', 'intake', {
      procedureCode: procedure.code,
      procedureVersion: procedure.version,
      centerId: DEFAULT_CENTER_ID,
      receivedAt: '2026-04-28T02:00:00.000Z',
      appointmentAt: '2026-05-05T10:00:00.000Z',
      legalTimeLimit: procedure.legalTimeLimit,
      cutoffApplies: false,
    });
    await app.onEvent(received);
    const started = await processEvents();
    const scheduled = await pendingTimers();
    expect(started).toContain('DossierWorkflowAssigned');
    expect(scheduled.length).toBeGreaterThan(0);

    await app.onEvent(received);
    expect(await processEvents()).toEqual(started);
    expect(await pendingTimers()).toEqual(scheduled);
  });

  it('moves past a step once when its completion comes again', async () => {
    const stream = await new EventStore({ db, producer: 'routing', clock }).read(processStreamId(dossierId));
    const routed = stream!.events.find((e) => e.type === 'DossierRouted')!;
    const completed = event('StepCompleted', 'department', {
      stepId: (routed.payload as { stepId: string }).stepId,
      completedAt: '2026-04-28T03:00:00.000Z',
    });
    await app.onEvent(completed);
    const advanced = await processEvents();
    expect(advanced.length).toBeGreaterThan(stream!.events.length);

    await app.onEvent(completed);
    expect(await processEvents()).toEqual(advanced);
  });
});
