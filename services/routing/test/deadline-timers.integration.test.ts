import { randomUUID } from 'node:crypto';
import { createCalendar, OFFICIAL_CALENDAR_YEARS } from '@motcua/calendar';
import type { NewEvent } from '@motcua/eventstore';
import { deciderSpec } from '@motcua/eventstore/testing';
import { TimerStore } from '@motcua/timers';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DossierDeadlineTimers } from '../src/app/deadline-timers.js';
import { type ProcessCommand, type ProcessState, processDecider } from '../src/domain/process.js';

const calendar = createCalendar({ years: OFFICIAL_CALENDAR_YEARS, computeMissingYears: true });
const decider = processDecider(calendar);
const spec = deciderSpec(decider);
const at = (local: string) => new Date(`${local}+07:00`);

const start: ProcessCommand = {
  type: 'StartRouting',
  procedureCode: '2.000575',
  procedureVersion: 1,
  centerId: 'hue-city',
  workflow: [
    {
      stepId: 'appraise',
      name: 'Thẩm định',
      departmentId: 'hue-city.finance-planning',
      departmentName: 'Phòng Tài chính - Kế hoạch',
      role: 'department_officer',
      allottedWorkingHours: 8,
      stage: 0,
    },
  ],
  receivedAt: at('2026-04-28T09:00:00'),
  appointmentAt: at('2026-05-05T17:00:00'),
  legalTimeLimit: { value: 3, unit: 'working_days' },
  clockExclusions: [],
  cutoffApplies: false,
};
const stateAfter = (commands: ProcessCommand[]): ProcessState => {
  const history: NewEvent[] = [];
  for (const c of commands) history.push(...decider.decide(c, spec.given(history).state));
  return spec.given(history).state as ProcessState;
};

describe("routing's deadline timers on the MongoDB-wire server", () => {
  const dossierId = randomUUID();
  const dossier = { dossierId, dossierCode: 'HUE-260428-0001', correlationId: dossierId };
  let mongo: MongoClient;
  let db: Db;
  let timers: TimerStore;
  let deadlines: DossierDeadlineTimers;
  const pending = async () =>
    Object.fromEntries(
      (await timers.timers.find({}).toArray()).map((t) => [t._id.split(':')[0], t.dueAt.toISOString()]),
    );

  beforeAll(async () => {
    mongo = await MongoClient.connect(process.env.MONGO_URL!);
    db = mongo.db(`routing_deadlines_${randomUUID().slice(0, 8)}`);
    timers = new TimerStore(db);
    deadlines = new DossierDeadlineTimers(timers, () => calendar, { nearDueWorkingMinutes: 450 });
  });

  afterAll(async () => {
    await db.dropDatabase();
    await mongo.close();
  });

  it('schedules the three timers for the appointment, moves them with an apology, and drops them when processing ends', async () => {
    await deadlines.sync(dossier, stateAfter([start]));
    expect(await pending()).toEqual({
      'dossier-near-due': at('2026-05-05T07:30:00').toISOString(),
      'dossier-apology-prompt': at('2026-05-04T07:30:00').toISOString(),
      'dossier-overdue': at('2026-05-05T17:00:00').toISOString(),
    });
    const revision = (await timers.get(`dossier-overdue:${dossierId}`))?.revision;
    await deadlines.sync(dossier, stateAfter([start])); // the same plan again: untouched
    expect((await timers.get(`dossier-overdue:${dossierId}`))?.revision).toBe(revision);

    const apologised: ProcessCommand[] = [
      start,
      {
        type: 'IssueApology',
        newAppointmentAt: at('2026-05-08T17:00:00'),
        reason: 'Xác minh',
        at: at('2026-05-04T09:00:00'),
      },
    ];
    await deadlines.sync(dossier, stateAfter(apologised));
    expect(await pending()).toEqual({
      'dossier-near-due': at('2026-05-08T07:30:00').toISOString(),
      'dossier-overdue': at('2026-05-08T17:00:00').toISOString(),
    });
    expect((await timers.get(`dossier-overdue:${dossierId}`))?.data).toMatchObject({
      deadline: 'overdue',
      appointmentAt: at('2026-05-08T17:00:00').toISOString(),
      dossierCode: 'HUE-260428-0001',
    });

    await deadlines.sync(
      dossier,
      stateAfter([
        ...apologised,
        { type: 'CompleteStep', stepId: 'appraise', at: at('2026-05-06T10:00:00') },
      ]),
    );
    expect(await pending()).toEqual({});
  });

  it("schedules a new dossier's timers without looking for them first, with the same plan", async () => {
    const reads: string[] = [];
    const watched = await MongoClient.connect(process.env.MONGO_URL!, { monitorCommands: true });
    watched.on('commandStarted', (e) => {
      if (e.commandName === 'find' || e.commandName === 'delete') reads.push(e.commandName);
    });
    try {
      const store = new TimerStore(watched.db(db.databaseName));
      const fresh = new DossierDeadlineTimers(store, () => calendar, { nearDueWorkingMinutes: 450 });
      const newcomer = { ...dossier, dossierId: randomUUID() };
      await fresh.sync(newcomer, stateAfter([start]), { fresh: true });
      expect(reads).toEqual([]);
      const due = async (deadline: string) =>
        (await store.get(`${deadline}:${newcomer.dossierId}`))?.dueAt.toISOString();
      expect(await due('dossier-overdue')).toBe(at('2026-05-05T17:00:00').toISOString());
      expect(await due('dossier-near-due')).toBe(at('2026-05-05T07:30:00').toISOString());
    } finally {
      await watched.close();
    }
  });
});
