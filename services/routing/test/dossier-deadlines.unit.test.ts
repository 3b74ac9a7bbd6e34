import { createCalendar, OFFICIAL_CALENDAR_YEARS } from '@motcua/calendar';
import type { NewEvent } from '@motcua/eventstore';
import { deciderSpec } from '@motcua/eventstore/testing';
import { describe, expect, it } from 'vitest';
import {
  apologyDeadline,
  apologyPromptAt,
  type ClockView,
  planDossierDeadlines,
} from '../src/domain/dossier-deadlines.js';
import { type ProcessCommand, type ProcessStep, processDecider } from '../src/domain/process.js';

// 2026: Sat 25 – Mon 27 April off (Hùng Kings, moved), Thu 30 April – Sun 3 May off (30/4, 1/5, weekend).
const calendar = createCalendar({ years: OFFICIAL_CALENDAR_YEARS, computeMissingYears: true });
const decider = processDecider(calendar);
const spec = deciderSpec(decider);
const at = (local: string) => new Date(`${local}+07:00`);
const iso = (local: string) => at(local).toISOString();

const step = (stepId: string, stage: number): ProcessStep => ({
  stepId,
  name: `Bước ${stepId}`,
  departmentId: `hue-city.${stepId}`,
  departmentName: stepId,
  role: 'department_officer',
  allottedWorkingHours: 8,
  stage,
});

// Received Tuesday 28 April 09:00, 3 working days: 29 April, 4 May, 5 May → Tuesday 5 May 17:00.
const APPOINTMENT = '2026-05-05T17:00:00';
const start: ProcessCommand = {
  type: 'StartRouting',
  procedureCode: '2.000575',
  procedureVersion: 1,
  centerId: 'hue-city',
  workflow: [step('appraise', 0), step('sign', 1)],
  receivedAt: at('2026-04-28T09:00:00'),
  appointmentAt: at(APPOINTMENT),
  legalTimeLimit: { value: 3, unit: 'working_days' },
  clockExclusions: ['financial_obligation'],
  cutoffApplies: false,
};
const record = (
  deadline: 'near_due' | 'apology_prompt' | 'overdue',
  local: string,
  appointmentLocal = APPOINTMENT,
): ProcessCommand => ({
  type: 'RecordDeadline',
  deadline,
  appointmentAt: iso(appointmentLocal),
  horizonWorkingMinutes: 930,
  at: at(local),
});
const run = (commands: ProcessCommand[]): NewEvent[] => {
  const history: NewEvent[] = [];
  for (const command of commands) history.push(...decider.decide(command, spec.given(history).state));
  return history;
};
const stateAfter = (commands: ProcessCommand[]) => spec.given(run(commands)).state as unknown as ClockView;
const plan = (commands: ProcessCommand[], nearDueWorkingMinutes = 930) =>
  planDossierDeadlines(stateAfter(commands), calendar, { nearDueWorkingMinutes });

describe("the deadlines of a dossier's appointment on the working-day calendar", () => {
  it('plans near due, the apology prompt and overdue across a weekend and the 30/4–1/5 holiday', () => {
    // 930 working minutes before Tue 5 May 17:00: all of 5 May, all of 4 May, then 30 minutes of
    // Wed 29 April (Thu 30 April to Sun 3 May are off).
    expect(plan([start])).toEqual({
      near_due: at('2026-04-29T16:30:00'),
      apology_prompt: at('2026-05-04T07:30:00'),
      overdue: at(APPOINTMENT),
    });
  });

  it('prompts the apology at the start of the last working day before the appointment’s day', () => {
    // Appointment Monday 4 May: the last working day before it is Wednesday 29 April.
    expect(apologyPromptAt(calendar, at('2026-05-04T17:00:00'))).toEqual(at('2026-04-29T07:30:00'));
    expect(apologyDeadline(at('2026-05-04T17:00:00'))).toEqual(at('2026-05-04T00:00:00'));
  });

  it('records DossierNearDue once for the appointment, naming the departments at work', () => {
    const history = run([start]);
    spec
      .given(history)
      .when(record('near_due', '2026-04-29T16:30:00'))
      .thenEmits([
        {
          type: 'DossierNearDue',
          schemaVersion: 1,
          occurredAt: iso('2026-04-29T16:30:00'),
          payload: {
            centerId: 'hue-city',
            procedureCode: '2.000575',
            appointmentAt: iso(APPOINTMENT),
            departmentIds: ['hue-city.appraise'],
            horizonWorkingMinutes: 930,
            detectedAt: iso('2026-04-29T16:30:00'),
          },
        },
      ]);
    const once = run([start, record('near_due', '2026-04-29T16:30:00')]);
    spec.given(once).when(record('near_due', '2026-04-29T16:31:00')).thenEmits([]);
    expect(plan([start, record('near_due', '2026-04-29T16:30:00')]).near_due).toBeUndefined();
  });

  it('prompts the apology while it is still allowed, with the deadline the apology decider keeps', () => {
    const [prompted] = run([start, record('apology_prompt', '2026-05-04T07:30:00')]).slice(-1);
    expect(prompted).toMatchObject({
      type: 'ApologyPrompted',
      payload: {
        apologyDeadline: iso('2026-05-05T00:00:00'),
        departmentIds: ['hue-city.appraise'],
        promptedAt: iso('2026-05-04T07:30:00'),
      },
    });
    // the apology is accepted on the prompt's day …
    const apology = (local: string): ProcessCommand => ({
      type: 'IssueApology',
      newAppointmentAt: at('2026-05-08T17:00:00'),
      reason: 'Cần xác minh thêm',
      at: at(local),
    });
    expect(run([start, apology('2026-05-04T16:59:00')]).at(-1)?.type).toBe('ApologyIssued');
    // … and still refused on the appointment's day, which is also too late for a prompt.
    expect(
      spec
        .given(run([start]))
        .when(apology('2026-05-05T08:00:00'))
        .thenThrows(),
    ).toMatchObject({
      code: 'FORBIDDEN_TRANSITION',
      details: { rule: 'routing.apology-one-working-day-before-due' },
    });
    spec
      .given(run([start]))
      .when(record('apology_prompt', '2026-05-05T00:00:00'))
      .thenEmits([]);
  });

  it('moves every deadline with the appointment: an apology’s new date has no second prompt', () => {
    const apologised: ProcessCommand[] = [
      start,
      {
        type: 'IssueApology',
        newAppointmentAt: at('2026-05-08T17:00:00'),
        reason: 'Cần xác minh thêm',
        at: at('2026-05-04T10:00:00'),
      },
    ];
    expect(plan(apologised, 450)).toEqual({
      near_due: at('2026-05-08T07:30:00'),
      overdue: at('2026-05-08T17:00:00'),
    });
    // a timer planned for the old appointment is moot
    spec.given(run(apologised)).when(record('overdue', APPOINTMENT)).thenEmits([]);
    expect(
      types(run([...apologised, record('overdue', '2026-05-08T17:00:00', '2026-05-08T17:00:00')])),
    ).toContain('DossierOverdue');
  });

  it('plans nothing while a supplement is awaited, then plans from the restarted clock', () => {
    const awaiting: ProcessCommand[] = [
      start,
      {
        type: 'RequestSupplement',
        missingDocuments: ['Bản sao CCCD'],
        reason: 'Thiếu',
        at: at('2026-04-29T09:00:00'),
      },
    ];
    expect(plan(awaiting)).toEqual({});
    spec.given(run(awaiting)).when(record('overdue', APPOINTMENT)).thenEmits([]);
    // complete on Monday 4 May 10:00: 3 working days again → Thursday 7 May 17:00
    const restarted = [...awaiting, { type: 'ReceiveSupplement', at: at('2026-05-04T10:00:00') } as const];
    expect(plan(restarted, 450)).toEqual({
      near_due: at('2026-05-07T07:30:00'),
      apology_prompt: at('2026-05-06T07:30:00'),
      overdue: at('2026-05-07T17:00:00'),
    });
  });

  it('plans nothing while a financial obligation pauses the clock, then from the extended appointment', () => {
    const paused: ProcessCommand[] = [
      start,
      {
        type: 'NotifyFinancialObligation',
        amountVnd: 100_000,
        description: 'Lệ phí',
        at: at('2026-04-29T09:00:00'),
      },
    ];
    expect(plan(paused)).toEqual({});
    const resumed = [...paused, { type: 'RecordPayment', at: at('2026-05-04T09:00:00') } as const];
    const after = stateAfter(resumed);
    expect(Date.parse(after.appointmentAt)).toBeGreaterThan(at(APPOINTMENT).getTime());
    expect(plan(resumed).overdue).toEqual(new Date(after.appointmentAt));
  });

  it('records DossierOverdue at the appointment, and nothing once processing is finished', () => {
    expect(types(run([start, record('overdue', APPOINTMENT)])).at(-1)).toBe('DossierOverdue');
    const finished: ProcessCommand[] = [
      start,
      { type: 'CompleteStep', stepId: 'appraise', at: at('2026-04-29T09:00:00') },
      { type: 'CompleteStep', stepId: 'sign', at: at('2026-05-04T09:00:00') },
    ];
    expect(types(run(finished)).at(-1)).toBe('DossierProcessingCompleted');
    expect(plan(finished)).toEqual({});
    spec.given(run(finished)).when(record('overdue', APPOINTMENT)).thenEmits([]);
  });
});

function types(events: NewEvent[]) {
  return events.map((e) => e.type);
}
