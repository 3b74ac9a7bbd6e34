import { describe, expect, it } from 'vitest';
import { DEADLINE_COUNT_HEADERS, deadlineCountsCsv } from '../src/adapters/deadline-counts-export.js';
import type { DeadlineCountsAnswer } from '../src/adapters/deadline-counts-routes.js';
import { applyToTask, emptyTask } from '../src/domain/board-lists.js';
import {
  countDeadlines,
  type DeadlineEntry,
  type DeadlineEvent,
  deadlineMarkOf,
  entryMonth,
  withEntry,
  zeroDeadlineCounts,
} from '../src/domain/deadline-counts.js';
import { type IntegrityEntry, verifyEntries } from '../src/domain/integrity.js';
import { applyToFact, emptyFact } from '../src/domain/statistics.js';

const vn = (local: string) => new Date(`${local}+07:00`).toISOString();
const ms = (local: string) => Date.parse(vn(local));
const FINANCE = 'hue-city.finance-planning';
const JUSTICE = 'hue-city.justice';
const CENTER = 'hue-city';

let seq = 0;
const ev = (type: string, payload: Record<string, unknown>, dossierId = 'd-1'): DeadlineEvent => ({
  eventId: `e-${++seq}`,
  type,
  dossierId,
  occurredAt: vn('2000-01-01T00:00'),
  payload,
});
const step = (taskId: string, departmentId = FINANCE) => ({
  taskId,
  stepId: 'appraise',
  stepName: 'Thẩm định',
  departmentId,
  centerId: CENTER,
  dueAt: vn('2025-09-03T08:30'),
});
const nearDue = (taskId: string, at: string, dept = FINANCE) =>
  ev('StepNearDue', { ...step(taskId, dept), horizonWorkingMinutes: 225, remindedAt: vn(at) });
const overdue = (taskId: string, at: string, dept = FINANCE) =>
  ev('StepOverdue', { ...step(taskId, dept), detectedAt: vn(at) });
const escalated = (taskId: string, level: number, at: string, dept = FINANCE) =>
  ev('StepEscalated', {
    ...step(taskId, dept),
    level,
    escalatedToRole: level === 1 ? 'department_head' : 'center_leader',
    ruleId: 'default',
    ruleVersion: 1,
    escalatedAt: vn(at),
  });
const dossierOverdue = (dossierId: string, at: string, departmentIds: string[]) =>
  ev(
    'DossierOverdue',
    { centerId: CENTER, appointmentAt: vn(at), departmentIds, detectedAt: vn(at) },
    dossierId,
  );
const apology = (dossierId: string, at: string, departmentIds: string[]) =>
  ev(
    'ApologyPrompted',
    { centerId: CENTER, appointmentAt: vn(at), apologyDeadline: vn(at), departmentIds, promptedAt: vn(at) },
    dossierId,
  );
const digest = () =>
  ev(
    'DailyDigestIssued',
    {
      unitId: FINANCE,
      unitKind: 'department',
      centerId: CENTER,
      workingDate: '2025-09-04',
      nextWorkingDate: '2025-09-05',
      dueToday: [],
      dueTomorrow: [],
      overdue: [
        {
          dossierId: 'd-1',
          taskId: 't-1',
          stepId: 's',
          departmentId: FINANCE,
          dueAt: vn('2025-09-03T08:30'),
        },
      ],
      issuedAt: vn('2025-09-04T07:30'),
    },
    `digest:department:${FINANCE}`,
  );

/** Folds events as the projection does: the entries of each unit (center, departments). */
function fold(events: DeadlineEvent[]): Map<string, DeadlineEntry[]> {
  const units = new Map<string, DeadlineEntry[]>();
  for (const event of events) {
    const mark = deadlineMarkOf(event);
    if (!mark) continue;
    for (const unit of [`center:${mark.centerId}`, ...mark.departmentIds.map((d) => `department:${d}`)]) {
      units.set(unit, withEntry(units.get(unit) ?? [], mark.entry));
    }
  }
  return units;
}
const september = [ms('2025-09-01T00:00'), ms('2025-10-01T00:00')] as const;
const countOf = (units: Map<string, DeadlineEntry[]>, unit: string, [from, to] = september) =>
  countDeadlines(units.get(unit) ?? [], from, to);

describe('reminder and escalation counts', () => {
  it('counts a step reminded, overdue and escalated twice under its department and its center', () => {
    const units = fold([
      nearDue('t-1', '2025-08-29T14:15'),
      overdue('t-1', '2025-09-03T08:30'),
      escalated('t-1', 1, '2025-09-03T08:30'),
      escalated('t-1', 2, '2025-09-04T08:30'),
    ]);
    const expected = {
      ...zeroDeadlineCounts(),
      reminders: 1,
      overdueSteps: 1,
      escalations: 2,
      escalationsLevel1: 1,
      escalationsLevel2: 1,
    };
    const wide = [ms('2025-08-01T00:00'), ms('2025-10-01T00:00')] as const;
    expect(countOf(units, `department:${FINANCE}`, wide)).toEqual(expected);
    expect(countOf(units, `center:${CENTER}`, wide)).toEqual(expected);
    expect(countOf(units, `department:${JUSTICE}`, wide)).toEqual(zeroDeadlineCounts());
  });

  it('counts only what happened in the period, the end excluded', () => {
    const units = fold([
      nearDue('t-1', '2025-08-29T14:15'),
      overdue('t-1', '2025-09-03T08:30'),
      escalated('t-1', 1, '2025-09-03T08:30'),
      escalated('t-1', 2, '2025-09-04T08:30'),
    ]);
    // September: the August reminder is outside
    expect(countOf(units, `department:${FINANCE}`)).toMatchObject({
      reminders: 0,
      overdueSteps: 1,
      escalations: 2,
    });
    // [3/9 00:00, 4/9 08:30): level 2 happened at the excluded end
    const day = [ms('2025-09-03T00:00'), ms('2025-09-04T08:30')] as const;
    expect(countOf(units, `department:${FINANCE}`, day)).toMatchObject({
      overdueSteps: 1,
      escalationsLevel1: 1,
      escalationsLevel2: 0,
    });
  });

  it('files an entry under the Vietnam month it happened in', () => {
    const mark = deadlineMarkOf(overdue('t-1', '2025-10-01T06:00'));
    // 06:00 on 1 October in Vietnam is still 30 September in UTC
    expect(mark && entryMonth(mark.entry)).toBe('2025-10');
  });

  it('counts a redelivered event once, and a step reminded again by another event once', () => {
    const once = nearDue('t-1', '2025-09-02T10:00');
    const again = nearDue('t-1', '2025-09-02T10:05');
    const units = fold([
      once,
      once,
      again,
      escalated('t-1', 1, '2025-09-03T08:30'),
      escalated('t-1', 1, '2025-09-03T08:31'),
    ]);
    expect(units.get(`department:${FINANCE}`)).toHaveLength(4); // the redelivery is not held
    expect(countOf(units, `department:${FINANCE}`)).toMatchObject({
      reminders: 1,
      escalations: 1,
      escalationsLevel1: 1,
    });
  });

  it('keeps departments apart and sums steps of different tasks', () => {
    const units = fold([
      nearDue('t-1', '2025-09-02T10:00'),
      nearDue('t-2', '2025-09-02T10:00'),
      overdue('t-3', '2025-09-02T10:00', JUSTICE),
      escalated('t-3', 1, '2025-09-02T10:00', JUSTICE),
    ]);
    expect(countOf(units, `department:${FINANCE}`)).toMatchObject({ reminders: 2, overdueSteps: 0 });
    expect(countOf(units, `department:${JUSTICE}`)).toMatchObject({
      reminders: 0,
      overdueSteps: 1,
      escalationsLevel1: 1,
    });
    expect(countOf(units, `center:${CENTER}`)).toMatchObject({
      reminders: 2,
      overdueSteps: 1,
      escalations: 1,
    });
  });

  it('counts a dossier overdue or prompted to apologise under each department it names, and once for the center', () => {
    const units = fold([
      dossierOverdue('d-1', '2025-09-10T17:00', [FINANCE, JUSTICE]),
      dossierOverdue('d-1', '2025-09-12T17:00', [FINANCE]), // after a moved appointment: still one dossier
      dossierOverdue('d-2', '2025-09-10T17:00', []), // at no department's step: the center's only
      apology('d-1', '2025-09-09T07:30', [FINANCE, JUSTICE]),
      ev(
        'DossierNearDue',
        {
          centerId: CENTER,
          appointmentAt: vn('2025-09-10T17:00'),
          horizonWorkingMinutes: 450,
          departmentIds: [JUSTICE],
          detectedAt: vn('2025-09-09T17:00'),
        },
        'd-3',
      ),
    ]);
    expect(countOf(units, `department:${FINANCE}`)).toMatchObject({
      overdueDossiers: 1,
      apologyPrompts: 1,
      nearDueDossiers: 0,
    });
    expect(countOf(units, `department:${JUSTICE}`)).toMatchObject({
      overdueDossiers: 1,
      apologyPrompts: 1,
      nearDueDossiers: 1,
    });
    expect(countOf(units, `center:${CENTER}`)).toMatchObject({
      overdueDossiers: 2,
      apologyPrompts: 1,
      nearDueDossiers: 1,
    });
  });

  it('reads nothing from other events: not the daily digest, not a task queued', () => {
    expect(deadlineMarkOf(digest())).toBeUndefined();
    expect(deadlineMarkOf(ev('TaskQueued', step('t-1')))).toBeUndefined();
  });
});

describe('the daily digest beside the per-dossier projections', () => {
  it('is no dossier to the statistics facts nor to the board tasks', () => {
    const event = { ...digest(), dossierCode: '' };
    const fact = emptyFact(event.dossierId);
    expect(applyToFact(fact, event)).toBe(fact);
    const task = emptyTask('t-1');
    expect(applyToTask(task, event)).toBe(task);
  });

  const leaf = (day: string, version = 1, previousHash = ''): IntegrityEntry => ({
    eventId: `digest-${day}`,
    streamId: `digest:department:${FINANCE}:${day}`,
    streamVersion: version,
    previousHash,
    hash: `h-${day}`,
    recomputed: `h-${day}`,
    recordedAt: vn(`${day}T07:30`),
    partition: 2,
    offset: String(Date.parse(day) / 1000),
  });

  it('verifies a unit’s digests, one stream per working date each at version 1, as an unbroken chain', () => {
    const report = verifyEntries([leaf('2025-09-03'), leaf('2025-09-04'), leaf('2025-09-05')]);
    expect(report.problems).toEqual([]);
    expect(report.verified).toBe(true);
    expect(report.streams).toHaveLength(3);
  });

  it('still reports a digest stream that really is broken', () => {
    const report = verifyEntries([leaf('2025-09-03'), leaf('2025-09-04', 2, 'elsewhere')]);
    expect(report.verified).toBe(false);
    expect(report.problems).toMatchObject([
      { kind: 'gap', streamId: `digest:department:${FINANCE}:2025-09-04` },
    ]);
  });
});

describe('the counts as CSV', () => {
  it('writes each department, then the center as a whole, under Vietnamese headers', () => {
    const zero = zeroDeadlineCounts();
    const answer: DeadlineCountsAnswer = {
      from: vn('2025-09-01T00:00'),
      to: vn('2025-10-01T00:00'),
      asOf: vn('2025-09-05T08:00'),
      centerId: CENTER,
      centers: [
        {
          centerId: CENTER,
          centerName: 'Trung tâm Huế',
          totals: { ...zero, reminders: 2, escalations: 1, escalationsLevel1: 1 },
          departments: [
            { departmentId: FINANCE, departmentName: 'Phòng Tài chính, Kế hoạch', ...zero, reminders: 2 },
            {
              departmentId: JUSTICE,
              departmentName: 'Phòng Tư pháp',
              ...zero,
              escalations: 1,
              escalationsLevel1: 1,
            },
          ],
        },
      ],
    };
    const lines = deadlineCountsCsv(answer).replace('\uFEFF', '').trim().split('\r\n');
    expect(lines[0]).toBe(DEADLINE_COUNT_HEADERS.join(','));
    expect(lines.slice(1)).toEqual([
      `1,Trung tâm Huế,${FINANCE},"Phòng Tài chính, Kế hoạch",2,0,0,0,0,0,0,0`,
      `2,Trung tâm Huế,${JUSTICE},Phòng Tư pháp,0,0,1,1,0,0,0,0`,
      `,Trung tâm Huế,${CENTER},Cả trung tâm,2,0,1,1,0,0,0,0`,
    ]);
  });
});
