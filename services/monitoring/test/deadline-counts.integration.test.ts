import { randomUUID } from 'node:crypto';
import { decodeRecordedEvent, newEventId } from '@motcua/contracts';
import { chainEvents, ManualClock } from '@motcua/eventstore';
import type { HttpApp } from '@motcua/http';
import { topicNames } from '@motcua/kafka';
import type { Kafka, Producer } from 'kafkajs';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEADLINE_COUNT_HEADERS } from '../src/adapters/deadline-counts-export.js';
import { DEADLINE_COLLECTION, DeadlineCountsRepository } from '../src/adapters/deadline-counts-repository.js';
import {
  type CenterDeadlineCounts,
  type DeadlineCountsAnswer,
  DeadlineCountsBoard,
  deadlineCountsRoutes,
} from '../src/adapters/deadline-counts-routes.js';
import { IntegrityLedger, IntegrityRepository } from '../src/adapters/integrity-repository.js';
import { zeroDeadlineCounts } from '../src/domain/deadline-counts.js';
import { projectionApp, rebuild } from '../src/rebuild/engine.js';
import { verifyRebuild } from '../src/rebuild/verify.js';
import { type GetAs, guardedHttpFor, openTopics, type Topics } from './support.js';

// Deadline events as the department and routing record them (hash-chained per stream), published on a
// throwaway namespace's lifecycle topic and applied live in the order they were published, as the
// consumer does; then rebuilt from the topic. Every expected count below is tallied from the list.

const vn = (local: string) => new Date(`${local}+07:00`).toISOString();
const HUE = 'hue-city';
const FINANCE = 'hue-city.finance-planning';
const JUSTICE = 'hue-city.justice';
const THUY_JUSTICE = 'huong-thuy.justice';

type Item = [type: string, at: string, payload: Record<string, unknown>];
/** A stream's events, chained as the event store chains them. */
function stream(dossierId: string, streamId: string, producer: string, items: Item[]) {
  return chainEvents(
    '',
    items.map(([type, at, payload], i) => ({
      eventId: newEventId(),
      type,
      schemaVersion: 1,
      dossierId,
      dossierCode: dossierId.startsWith('digest:') ? '' : `CODE-${dossierId.slice(0, 8)}`,
      streamId,
      streamVersion: i + 1,
      occurredAt: vn(at),
      recordedAt: vn(at),
      actor: { userId: `system:${producer}`, role: 'system' },
      causationId: newEventId(),
      correlationId: dossierId,
      producer,
      payload,
    })),
  );
}

const step = (taskId: string, departmentId: string, centerId: string, due: string) => ({
  taskId,
  stepId: 'appraise',
  stepName: 'Thẩm định',
  departmentId,
  centerId,
  assigneeId: 'officer',
  dueAt: vn(due),
});
function task(dossierId: string, departmentId: string, centerId: string, due: string, deadlines: Item[]) {
  const taskId = randomUUID();
  const s = step(taskId, departmentId, centerId, due);
  const items: Item[] = [
    [
      'TaskQueued',
      '2025-08-27T17:00',
      { taskId, stepId: s.stepId, departmentId, stepName: s.stepName, dueAt: s.dueAt },
    ],
    ...deadlines.map(([type, at, payload]): Item => [type, at, { ...s, ...payload }]),
  ];
  return stream(dossierId, `department-task:${taskId}`, 'department', items);
}
const nearDue = (at: string): Item => ['StepNearDue', at, { horizonWorkingMinutes: 225, remindedAt: vn(at) }];
const overdue = (at: string): Item => ['StepOverdue', at, { detectedAt: vn(at) }];
const escalated = (level: number, at: string): Item => [
  'StepEscalated',
  at,
  {
    level,
    escalatedToRole: level === 1 ? 'department_head' : 'center_leader',
    ruleId: 'default',
    ruleVersion: 1,
    overdueWorkingMinutes: level === 1 ? 0 : 450,
    escalatedAt: vn(at),
  },
];
const digest = (unitKind: 'department' | 'center', unitId: string, day: string) =>
  stream(`digest:${unitKind}:${unitId}`, `digest:${unitKind}:${unitId}:${day}`, 'department', [
    [
      'DailyDigestIssued',
      `${day}T07:30`,
      {
        unitId,
        unitKind,
        centerId: HUE,
        workingDate: day,
        nextWorkingDate: day,
        dueToday: [],
        dueTomorrow: [],
        overdue: [],
        issuedAt: vn(`${day}T07:30`),
      },
    ],
  ]);

const [d1, d2, d3, d4] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
const streams = [
  // d1 at Huế's finance: reminded in August, overdue and escalated twice in September
  task(d1, FINANCE, HUE, '2025-09-03T08:30', [
    nearDue('2025-08-29T14:15'),
    overdue('2025-09-03T08:30'),
    escalated(1, '2025-09-03T08:30'),
    escalated(2, '2025-09-04T08:30'),
  ]),
  // routing on d1: the apology prompted, then the appointment passed
  stream(d1, `routing-dossier:${d1}`, 'routing', [
    [
      'ApologyPrompted',
      '2025-09-09T07:30',
      {
        centerId: HUE,
        appointmentAt: vn('2025-09-10T17:00'),
        apologyDeadline: vn('2025-09-09T17:00'),
        departmentIds: [FINANCE],
        promptedAt: vn('2025-09-09T07:30'),
      },
    ],
    [
      'DossierOverdue',
      '2025-09-10T17:00',
      {
        centerId: HUE,
        appointmentAt: vn('2025-09-10T17:00'),
        departmentIds: [FINANCE],
        detectedAt: vn('2025-09-10T17:00'),
      },
    ],
  ]),
  // d2 at Huế's justice: reminded in September, nothing more
  task(d2, JUSTICE, HUE, '2025-09-04T17:00', [nearDue('2025-09-04T10:30')]),
  // d3 at Huế, past its appointment at the counter (no department's step)
  stream(d3, `routing-dossier:${d3}`, 'routing', [
    [
      'DossierOverdue',
      '2025-09-12T17:00',
      {
        centerId: HUE,
        appointmentAt: vn('2025-09-12T17:00'),
        departmentIds: [],
        detectedAt: vn('2025-09-12T17:00'),
      },
    ],
  ]),
  // d4 at Hương Thủy's justice: overdue and escalated to its head
  task(d4, THUY_JUSTICE, 'huong-thuy', '2025-09-05T17:00', [
    overdue('2025-09-05T17:00'),
    escalated(1, '2025-09-05T17:00'),
  ]),
  digest('department', FINANCE, '2025-09-03'),
  digest('department', FINANCE, '2025-09-04'),
  digest('center', HUE, '2025-09-04'),
];
// Interleaved as the log has them: each stream in order, the streams mixed.
const mixed: Record<string, unknown>[] = [];
for (let i = 0; i < 5; i++) for (const s of streams) if (s[i]) mixed.push(s[i] as never);

describe("the board's reminder and escalation counts from the log, on real Kafka and the MongoDB-wire server", () => {
  const namespace = `test-deadline-counts-${randomUUID().slice(0, 8)}`;
  const topic = topicNames(namespace).lifecycle;
  const clock = new ManualClock(new Date(vn('2025-09-15T09:00')));
  let topics: Topics;
  let kafka: Kafka;
  let producer: Producer;
  let mongo: MongoClient;
  let db: Db;
  let http: HttpApp;
  let get: GetAs;
  const callers = {
    board: { userId: 'board', role: 'supervision_board' },
    hueLeader: {
      userId: 'leader.hue',
      role: 'district_leader',
      centerId: HUE,
      departmentId: 'hue-city.leadership',
    },
    thuyAdmin: { userId: 'admin.thuy', role: 'center_admin', centerId: 'huong-thuy' },
    hueHead: { userId: 'head.tckh.hue', role: 'department_head', centerId: HUE, departmentId: FINANCE },
  } as const;
  const places: { event: Record<string, unknown>; partition: number; offset: string }[] = [];

  beforeAll(async () => {
    topics = await openTopics(namespace, 'deadline-counts-test');
    ({ kafka, producer } = topics);
    mongo = await MongoClient.connect(process.env.MONGO_URL!);
    db = mongo.db(`test_deadline_counts_${randomUUID().slice(0, 8)}`);

    const live = projectionApp(db, '');
    for (const value of mixed) {
      const text = JSON.stringify(value);
      const [meta] = await producer.send({
        topic,
        acks: -1,
        messages: [{ key: String(value.dossierId), value: text }],
      });
      const decoded = decodeRecordedEvent(Buffer.from(text));
      if (!decoded.ok) throw new Error(`not an event: ${decoded.reason}`);
      const place = { topic, partition: meta?.partition ?? -1, offset: String(meta?.baseOffset) };
      places.push({ event: value, ...place });
      await live.onEvent(decoded.event, place);
    }
    // a redelivery of the same messages changes nothing
    for (const { event, partition, offset } of places.slice(0, 6)) {
      const decoded = decodeRecordedEvent(Buffer.from(JSON.stringify(event)));
      if (decoded.ok) await live.onEvent(decoded.event, { topic, partition, offset });
    }

    const board = new DeadlineCountsBoard(new DeadlineCountsRepository(db), () => clock.now());
    ({ http, get } = await guardedHttpFor(callers, deadlineCountsRoutes(board)));
  }, 120_000);

  afterAll(async () => {
    await http?.close();
    await topics?.close();
    await db?.dropDatabase().catch(() => undefined);
    await mongo?.close();
  });

  const zero = zeroDeadlineCounts();
  const departmentOf = (center: CenterDeadlineCounts | undefined, id: string) =>
    center?.departments.find((d) => d.departmentId === id);

  it("answers Huế's September per department, every other department at zero, and the center once per dossier", async () => {
    const res = await get('/board/deadlines?from=2025-09-01&to=2025-10-01&centerId=hue-city');
    expect(res.statusCode).toBe(200);
    const answer = res.json() as DeadlineCountsAnswer;
    expect(answer).toMatchObject({ centerId: HUE, from: vn('2025-09-01T00:00'), to: vn('2025-10-01T00:00') });
    expect(answer.centers).toHaveLength(1);
    const [hue] = answer.centers;
    expect(departmentOf(hue, FINANCE)).toEqual({
      departmentId: FINANCE,
      departmentName: expect.any(String),
      ...zero,
      overdueSteps: 1,
      escalations: 2,
      escalationsLevel1: 1,
      escalationsLevel2: 1,
      overdueDossiers: 1,
      apologyPrompts: 1,
    });
    expect(departmentOf(hue, JUSTICE)).toMatchObject({ ...zero, reminders: 1 });
    const others =
      hue?.departments.filter((d) => d.departmentId !== FINANCE && d.departmentId !== JUSTICE) ?? [];
    expect(others.length).toBeGreaterThan(0);
    for (const d of others) expect(d).toMatchObject(zero);
    // d3 passed its appointment at no department's step: the center counts it
    expect(hue?.totals).toEqual({
      ...zero,
      reminders: 1,
      overdueSteps: 1,
      escalations: 2,
      escalationsLevel1: 1,
      escalationsLevel2: 1,
      overdueDossiers: 2,
      apologyPrompts: 1,
    });
  });

  it('counts the August reminder in August only', async () => {
    const res = await get('/board/deadlines?year=2025&period=month&index=8&centerId=hue-city');
    expect(res.statusCode).toBe(200);
    const [hue] = (res.json() as DeadlineCountsAnswer).centers;
    expect(departmentOf(hue, FINANCE)).toMatchObject({ ...zero, reminders: 1 });
    expect(hue?.totals).toEqual({ ...zero, reminders: 1 });
  });

  it('gives the board every center, each with its own departments', async () => {
    const res = await get('/board/deadlines?from=2025-09-01&to=2025-10-01');
    expect(res.statusCode).toBe(200);
    const answer = res.json() as DeadlineCountsAnswer;
    expect(answer.centerId).toBeUndefined();
    const thuy = answer.centers.find((c) => c.centerId === 'huong-thuy');
    expect(departmentOf(thuy, THUY_JUSTICE)).toMatchObject({
      ...zero,
      overdueSteps: 1,
      escalations: 1,
      escalationsLevel1: 1,
    });
    expect(departmentOf(thuy, FINANCE)).toBeUndefined();
    expect(answer.centers.find((c) => c.centerId === HUE)?.totals.overdueDossiers).toBe(2);
    expect(answer.centers.length).toBeGreaterThan(2);
  });

  it("lets a center's leadership read its own center only, and no one without report rights", async () => {
    expect(
      (await get('/board/deadlines?from=2025-09-01&to=2025-10-01&centerId=hue-city', 'hueLeader')).statusCode,
    ).toBe(200);
    expect((await get('/board/deadlines?from=2025-09-01&to=2025-10-01', 'hueLeader')).statusCode).toBe(403);
    expect(
      (await get('/board/deadlines?from=2025-09-01&to=2025-10-01&centerId=hue-city', 'thuyAdmin')).statusCode,
    ).toBe(403);
    expect(
      (await get('/board/deadlines?from=2025-09-01&to=2025-10-01&centerId=hue-city', 'hueHead')).statusCode,
    ).toBe(403);
    expect(
      (await get('/board/deadlines?from=2025-09-01&to=2025-10-01&centerId=hue-city', 'nobody')).statusCode,
    ).toBe(401);
  });

  it('refuses a bad period with a bilingual error and reads nothing', async () => {
    const res = await get('/board/deadlines?from=2025-10-01&to=2025-09-01&centerId=hue-city');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'INVALID_INPUT',
      message: { vi: expect.any(String), en: expect.any(String) },
    });
  });

  it('exports the same counts as CSV and XLSX', async () => {
    const csv = await get('/board/deadlines.csv?from=2025-09-01&to=2025-10-01&centerId=hue-city');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="nhac-viec_2025-09-01_2025-09-30_hue-city.csv"',
    );
    const lines = csv.body.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines[0]).toBe(DEADLINE_COUNT_HEADERS.join(','));
    expect(lines.find((l) => l.includes(`,${FINANCE},`))?.endsWith(',0,1,2,1,1,0,1,1')).toBe(true);
    expect(lines.at(-1)?.endsWith(',1,1,2,1,1,0,2,1')).toBe(true);
    const xlsx = await get('/board/deadlines.xlsx?from=2025-09-01&to=2025-10-01&centerId=hue-city');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.headers['content-disposition']).toBe(
      'attachment; filename="nhac-viec_2025-09-01_2025-09-30_hue-city.xlsx"',
    );
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('keeps the daily digests out of the per-dossier statistics, and verifies their chains', async () => {
    const unit = `digest:department:${FINANCE}`;
    expect(await db.collection('dossier_facts').findOne({ _id: unit as never })).toBeNull();
    expect(await db.collection('board_dossier_tasks').findOne({ _id: unit as never })).toBeNull();
    expect(await db.collection('dossier_fact_index').findOne({ _id: 'centers' as never })).toBeNull();
    const ledger = new IntegrityLedger(new IntegrityRepository(db), () => clock.now());
    const report = await ledger.verify(unit);
    expect(report).toMatchObject({ verified: true, problems: [] });
    expect(report?.streams).toHaveLength(2);
    // the dossiers' own chains (a task stream and a routing stream) verify too
    expect(await ledger.verify(d1)).toMatchObject({ verified: true, problems: [] });
  });

  it('rebuilds from the topic exactly what the live consumer built', async () => {
    const result = await rebuild({
      kafka,
      db,
      topic,
      rebuildId: 'counts',
      batchSize: 3,
      groupPrefix: namespace,
    });
    expect(result.state.applied).toBe(mixed.length);
    const comparison = await verifyRebuild(db, result.state);
    expect(comparison.collections.find((c) => c.collection === DEADLINE_COLLECTION)).toMatchObject({
      missing: [],
      extra: [],
      different: [],
    });
    expect(comparison.equal).toBe(true);
    expect(
      await db.collection(`${DEADLINE_COLLECTION}${result.state.suffix}`).countDocuments(),
    ).toBeGreaterThan(5);
  });
});
