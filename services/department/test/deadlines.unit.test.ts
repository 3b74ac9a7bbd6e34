import { createCalendar, OFFICIAL_CALENDAR_YEARS } from '@motcua/calendar';
import type { NewEvent } from '@motcua/eventstore';
import { deciderSpec } from '@motcua/eventstore/testing';
import { describe, expect, it } from 'vitest';
import { buildDigest, nextDigestAt, type OpenTask } from '../src/deadlines/digest.js';
import { digestDecider } from '../src/deadlines/digest-decider.js';
import {
  DEFAULT_ESCALATION_RULES,
  escalationRulesFor,
  PROCEDURE_ESCALATION_RULES,
} from '../src/deadlines/escalation-rules.js';
import { nextEscalationAt, planStepTimers, type StepTimerData } from '../src/deadlines/step-timers.js';
import { type TaskCommand, taskDecider } from '../src/domain/task.js';

const calendar = createCalendar({ years: OFFICIAL_CALENDAR_YEARS, computeMissingYears: true });
const vn = (local: string) => new Date(`${local}:00+07:00`);
const DEPT = 'hue-city.finance-planning';
const context = { centerId: 'hue-city', procedureCode: '2.000575' };
// A step due Wed 3/9/2025 10:00, the first working day after Sat 30/8 – Tue 2/9 (weekend + National Day).
const DUE = '2025-09-03T03:00:00.000Z';

const spec = deciderSpec(taskDecider);
const queued: NewEvent[] = taskDecider.decide(
  {
    type: 'QueueTask',
    taskId: 't-1',
    stepId: 'appraise',
    stepName: 'Thụ lý, thẩm định hồ sơ',
    departmentId: DEPT,
    dueAt: DUE,
    at: vn('2025-08-28T09:00'),
  },
  { status: 'none' },
);
const assigned = taskDecider.decide(
  {
    type: 'AssignTask',
    officerId: 'officer-7',
    by: { userId: 'head-1', role: 'department_head', departmentId: DEPT },
    at: vn('2025-08-28T09:30'),
  },
  spec.given(queued).state,
);
const held = [...queued, ...assigned];
const remind = (at: string): TaskCommand => ({
  type: 'RemindNearDue',
  horizonWorkingMinutes: 225,
  context,
  at: vn(at),
});
const escalate = (at: string, overdueWorkingMinutes: number): TaskCommand => ({
  type: 'Escalate',
  rules: DEFAULT_ESCALATION_RULES,
  overdueWorkingMinutes,
  context,
  at: vn(at),
});
const completed = [
  ...held,
  ...taskDecider.decide(
    {
      type: 'CompleteStep',
      by: { userId: 'officer-7', role: 'department_officer', departmentId: DEPT },
      note: '',
      at: vn('2025-09-01T08:00'),
    },
    spec.given(held).state,
  ),
];

describe("a step's timers on the working-day calendar", () => {
  const data: StepTimerData = {
    taskId: 't-1',
    dossierId: 'd-1',
    dossierCode: 'H57-250828-0001',
    ...context,
    dueAt: DUE,
    correlationId: 'c-1',
  };

  it('remind half a working day before the due time, across a weekend and a holiday', () => {
    const timers = planStepTimers(data, calendar, { nearDueWorkingMinutes: 225 }, DEFAULT_ESCALATION_RULES);
    expect(timers.map((t) => [t.id, t.dueAt.toISOString()])).toEqual([
      ['step-near-due:t-1', vn('2025-08-29T15:45').toISOString()],
      ['step-overdue:t-1', DUE],
      ['step-escalation:t-1', DUE],
    ]);
  });

  it('escalate to the center leadership one working day after the due time', () => {
    expect(nextEscalationAt(new Date(DUE), calendar, DEFAULT_ESCALATION_RULES, [1])).toEqual(
      vn('2025-09-04T10:00'),
    );
    expect(nextEscalationAt(new Date(DUE), calendar, DEFAULT_ESCALATION_RULES, [1, 2])).toBeUndefined();
  });

  it('take a procedure’s own escalation ladder over the default', () => {
    expect(escalationRulesFor('2.000815')).toBe(PROCEDURE_ESCALATION_RULES['2.000815']);
    expect(escalationRulesFor('2.000575')).toBe(DEFAULT_ESCALATION_RULES);
  });
});

describe('deadline commands on a task', () => {
  it('remind the assignee once when the step is near due', () => {
    const [reminder] = spec
      .given(held)
      .when(remind('2025-08-29T15:45'))
      .thenEmits([
        {
          type: 'StepNearDue',
          schemaVersion: 1,
          occurredAt: vn('2025-08-29T15:45').toISOString(),
          payload: {
            taskId: 't-1',
            stepId: 'appraise',
            stepName: 'Thụ lý, thẩm định hồ sơ',
            departmentId: DEPT,
            centerId: 'hue-city',
            assigneeId: 'officer-7',
            dueAt: DUE,
            procedureCode: '2.000575',
            horizonWorkingMinutes: 225,
            remindedAt: vn('2025-08-29T15:45').toISOString(),
          },
        },
      ]);
    spec
      .given([...held, reminder!])
      .when(remind('2025-08-29T16:00'))
      .thenEmits([]);
  });

  it('remind the department when nobody holds the task', () => {
    const [reminder] = taskDecider.decide(remind('2025-08-29T15:45'), spec.given(queued).state);
    expect(reminder?.payload).toMatchObject({ assigneeId: '', departmentId: DEPT });
  });

  it('mark the step overdue at its due time, not before, and once', () => {
    spec
      .given(held)
      .when({ type: 'MarkOverdue', context, at: vn('2025-09-03T09:59') })
      .thenEmits([]);
    const [overdue] = taskDecider.decide(
      { type: 'MarkOverdue', context, at: vn('2025-09-03T10:00') },
      spec.given(held).state,
    );
    expect(overdue).toMatchObject({ type: 'StepOverdue', payload: { dueAt: DUE, assigneeId: 'officer-7' } });
    spec
      .given([...held, overdue!])
      .when({ type: 'MarkOverdue', context, at: vn('2025-09-03T11:00') })
      .thenEmits([]);
  });

  it('escalate level by level as the rules say, each level once', () => {
    const level1 = taskDecider.decide(escalate('2025-09-03T10:00', 0), spec.given(held).state);
    expect(level1.map((e) => e.payload)).toMatchObject([
      {
        level: 1,
        escalatedToRole: 'department_head',
        ruleId: 'default',
        ruleVersion: 1,
        overdueWorkingMinutes: 0,
      },
    ]);
    spec
      .given([...held, ...level1])
      .when(escalate('2025-09-03T15:00', 240))
      .thenEmits([]);
    const level2 = taskDecider.decide(
      escalate('2025-09-04T10:00', 450),
      spec.given([...held, ...level1]).state,
    );
    expect(level2.map((e) => e.payload)).toMatchObject([
      { level: 2, escalatedToRole: 'center_leader', overdueWorkingMinutes: 450 },
    ]);
  });

  it('escalate every level reached at once after a downtime', () => {
    const events = taskDecider.decide(escalate('2025-09-05T10:00', 900), spec.given(held).state);
    expect(events.map((e) => e.payload.level)).toEqual([1, 2]);
  });

  it('ignore every deadline once the step is completed, returned or closed', () => {
    spec.given(completed).when(remind('2025-08-29T15:45')).thenEmits([]);
    spec
      .given(completed)
      .when({ type: 'MarkOverdue', context, at: vn('2025-09-03T10:00') })
      .thenEmits([]);
    spec.given(completed).when(escalate('2025-09-04T10:00', 450)).thenEmits([]);
  });
});

describe('the daily digest', () => {
  const task = (taskId: string, dueAt: string, assignee?: string): OpenTask => ({
    dossierId: `d-${taskId}`,
    dossierCode: `H57-${taskId}`,
    taskId,
    stepId: 'appraise',
    stepName: 'Thụ lý',
    departmentId: DEPT,
    ...(assignee ? { assignee } : {}),
    dueAt,
  });
  const tasks = [
    task('late', DUE, 'officer-7'),
    task('today', vn('2025-09-04T16:00').toISOString()),
    task('tomorrow', vn('2025-09-05T10:00').toISOString(), 'officer-8'),
    task('later', vn('2025-09-09T10:00').toISOString()),
  ];

  it('lists what is due today, due the next working day, and overdue by how long', () => {
    const digest = buildDigest({
      unitId: DEPT,
      unitKind: 'department',
      centerId: 'hue-city',
      workingDate: '2025-09-04',
      tasks,
      now: vn('2025-09-04T07:30'),
      calendar,
    });
    expect(digest).toMatchObject({ workingDate: '2025-09-04', nextWorkingDate: '2025-09-05' });
    expect(digest.dueToday.map((i) => i.taskId)).toEqual(['today']);
    expect(digest.dueTomorrow.map((i) => i.taskId)).toEqual(['tomorrow']);
    expect(digest.overdue).toMatchObject([
      { taskId: 'late', assigneeId: 'officer-7', overdueWorkingMinutes: 300, overdueWorkingDays: 1 },
    ]);
  });

  it('call the working day after a weekend and a holiday "tomorrow"', () => {
    const digest = buildDigest({
      unitId: DEPT,
      unitKind: 'department',
      centerId: 'hue-city',
      workingDate: '2025-08-29',
      tasks,
      now: vn('2025-08-29T07:30'),
      calendar,
    });
    expect(digest.nextWorkingDate).toBe('2025-09-03');
    expect(digest.dueTomorrow.map((i) => i.taskId)).toEqual(['late']);
  });

  it('is issued at the start of the next working day, never on a weekend or a holiday', () => {
    expect(nextDigestAt(calendar, vn('2025-08-28T09:00'))).toEqual(vn('2025-08-29T07:30'));
    expect(nextDigestAt(calendar, vn('2025-08-29T07:30'))).toEqual(vn('2025-09-03T07:30'));
    expect(nextDigestAt(calendar, vn('2025-09-03T06:00'))).toEqual(vn('2025-09-03T07:30'));
  });

  it('is issued once per unit and working date', () => {
    const digest = buildDigest({
      unitId: DEPT,
      unitKind: 'department',
      centerId: 'hue-city',
      workingDate: '2025-09-04',
      tasks: [],
      now: vn('2025-09-04T07:30'),
      calendar,
    });
    const issued = digestDecider.decide({ type: 'IssueDigest', digest }, digestDecider.initialState());
    expect(issued).toMatchObject([{ type: 'DailyDigestIssued', payload: { unitId: DEPT } }]);
    deciderSpec(digestDecider).given(issued).when({ type: 'IssueDigest', digest }).thenEmits([]);
  });
});
