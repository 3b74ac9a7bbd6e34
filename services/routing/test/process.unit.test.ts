import { createCalendar, OFFICIAL_CALENDAR_YEARS } from '@motcua/calendar';
import type { NewEvent } from '@motcua/eventstore';
import { deciderSpec } from '@motcua/eventstore/testing';
import { describe, expect, it } from 'vitest';
import { type ProcessCommand, type ProcessStep, processDecider } from '../src/domain/process.js';

const calendar = createCalendar({ years: OFFICIAL_CALENDAR_YEARS, computeMissingYears: true });
const spec = deciderSpec(processDecider(calendar));
const at = (local: string) => new Date(`${local}+07:00`);

const step = (stepId: string, stage: number, departmentId = `hue-city.${stepId}`): ProcessStep => ({
  stepId,
  name: `Bước ${stepId}`,
  departmentId,
  departmentName: departmentId,
  role: 'department_officer',
  allottedWorkingHours: 8,
  stage,
});
const sequential = [step('appraise', 0), step('sign', 1)];
// birth registration, then police and social insurance in parallel, then the commune returns it
const interconnected = [step('birth', 0), step('residence', 1), step('insurance', 1), step('handback', 2)];

const start = (over: Partial<Extract<ProcessCommand, { type: 'StartRouting' }>> = {}): ProcessCommand => ({
  type: 'StartRouting',
  procedureCode: '2.000575',
  procedureVersion: 1,
  centerId: 'hue-city',
  workflow: sequential,
  receivedAt: at('2026-03-02T09:00:00'), // Monday
  appointmentAt: at('2026-03-05T17:00:00'),
  legalTimeLimit: { value: 3, unit: 'working_days' },
  clockExclusions: [],
  cutoffApplies: false,
  ...over,
});
// The events a command produces from a history (given/when), for assertions on their parts.
const decider = processDecider(calendar);
const decide = (history: NewEvent[], command: ProcessCommand) =>
  decider.decide(command, spec.given(history).state);
const run = (commands: ProcessCommand[]): NewEvent[] => {
  const history: NewEvent[] = [];
  for (const command of commands) history.push(...decide(history, command));
  return history;
};
const types = (events: NewEvent[]) => events.map((e) => e.type);
const refusal = (history: NewEvent[], command: ProcessCommand) =>
  spec.given(history).when(command).thenThrows();

describe('routing a dossier through its workflow', () => {
  it('keeps the workflow with the dossier and transfers it to the first step the same working day', () => {
    const events = run([start()]);
    expect(types(events)).toEqual(['DossierWorkflowAssigned', 'DossierRouted']);
    expect(events[1]?.payload).toMatchObject({ stepId: 'appraise', transferAt: '2026-03-02T10:00:00.000Z' });
  });

  it('transfers a dossier received after 15:00 at the start of the next working day', () => {
    const [, routed] = run([start({ receivedAt: at('2026-03-06T15:30:00') })]); // Friday
    expect(routed?.payload.transferAt).toBe(at('2026-03-09T07:30:00').toISOString()); // Monday morning
  });

  it('stamps routing with the reception it reacted to and keeps the later transfer in the payload', () => {
    // received 00:40 on a Saturday: the law moves the transfer to Monday 07:30, not the decision
    const [assigned, routed] = run([start({ receivedAt: at('2026-03-07T00:40:00') })]);
    const monday = at('2026-03-09T07:30:00').toISOString();
    expect(assigned?.occurredAt).toBe(at('2026-03-07T00:40:00').toISOString());
    expect(assigned?.schemaVersion).toBe(2);
    expect(assigned?.payload.transferAt).toBe(monday);
    expect(routed?.occurredAt).toBe(at('2026-03-07T00:40:00').toISOString());
    expect(routed?.payload.transferAt).toBe(monday);
  });

  it('counts the step deadline from the transfer the law sets, not from the decision', () => {
    const [, routed] = run([start({ receivedAt: at('2026-03-06T15:30:00') })]); // Friday after 15:00
    // 8 working hours from Monday 07:30 (a 7.5-hour working day) end at 08:00 on Tuesday
    expect(routed?.payload.stepDueAt).toBe(at('2026-03-10T08:00:00').toISOString());
  });

  it('stamps the next step with the time the previous one was completed', () => {
    const events = run([
      start({ receivedAt: at('2026-03-07T00:40:00') }),
      { type: 'CompleteStep', stepId: 'appraise', at: at('2026-03-07T09:00:00') },
    ]);
    expect(events[2]?.occurredAt).toBe(at('2026-03-07T09:00:00').toISOString());
    const stamps = events.map((e) => String(e.occurredAt));
    expect(stamps).toEqual([...stamps].sort());
  });

  it('hands over to the next step, then finishes early and says so', () => {
    const events = run([
      start(),
      { type: 'CompleteStep', stepId: 'appraise', at: at('2026-03-03T10:00:00') },
      { type: 'CompleteStep', stepId: 'sign', at: at('2026-03-04T10:00:00') },
    ]);
    expect(types(events).slice(2)).toEqual(['DossierRouted', 'DossierProcessingCompleted']);
    expect(events.at(-1)?.payload).toMatchObject({ outcome: 'approved', early: true });
  });

  it('ignores a completion of a step the dossier is not at', () => {
    expect(
      decide(run([start()]), { type: 'CompleteStep', stepId: 'sign', at: at('2026-03-03T10:00:00') }),
    ).toEqual([]);
  });

  it('runs the branches of an interconnected group in parallel and moves on when all are done', () => {
    const history = run([
      start({ workflow: interconnected, legalTimeLimit: { value: 20, unit: 'working_days' } }),
      { type: 'CompleteStep', stepId: 'birth', at: at('2026-03-03T10:00:00') },
    ]);
    expect(types(history).slice(2)).toEqual(['DossierRouted', 'DossierRouted']);
    const afterOne = decide(history, {
      type: 'CompleteStep',
      stepId: 'insurance',
      at: at('2026-03-04T10:00:00'),
    });
    expect(afterOne).toMatchObject([
      { type: 'BranchCompleted', payload: { remainingStepIds: ['residence'] } },
    ]);
    const afterBoth = decide([...history, ...afterOne], {
      type: 'CompleteStep',
      stepId: 'residence',
      at: at('2026-03-05T10:00:00'),
    });
    expect(afterBoth).toMatchObject([{ type: 'DossierRouted', payload: { stepId: 'handback', stage: 2 } }]);
  });

  it('sends a dossier back to an earlier step with the step it came from', () => {
    const history = run([
      start(),
      { type: 'CompleteStep', stepId: 'appraise', at: at('2026-03-03T10:00:00') },
    ]);
    const back = decide(history, {
      type: 'ReturnStep',
      stepId: 'sign',
      toStepId: 'appraise',
      at: at('2026-03-03T14:00:00'),
    });
    expect(back).toMatchObject([
      { type: 'DossierRouted', payload: { stepId: 'appraise', returnedFromStepId: 'sign' } },
    ]);
  });

  it('refuses to send a dossier forward with a return', () => {
    expect(
      refusal(run([start()]), {
        type: 'ReturnStep',
        stepId: 'appraise',
        toStepId: 'sign',
        at: at('2026-03-02T14:00:00'),
      }),
    ).toMatchObject({
      code: 'FORBIDDEN_TRANSITION',
      details: { rule: 'routing.return-to-earlier-step' },
    });
  });
});

describe('the legal clock', () => {
  const supplement = (local: string): ProcessCommand => ({
    type: 'RequestSupplement',
    missingDocuments: ['Bản sao giấy chứng nhận quyền sử dụng đất'],
    reason: 'Thiếu giấy tờ',
    at: at(local),
  });

  it('accepts a supplement request within 3 working days of reception and counts it', () => {
    const [event] = decide(run([start()]), supplement('2026-03-05T16:00:00'));
    expect(event).toMatchObject({ type: 'SupplementRequested', payload: { requestNumber: 1 } });
  });

  it('refuses a supplement request after 3 working days', () => {
    expect(refusal(run([start()]), supplement('2026-03-06T08:00:00'))).toMatchObject({
      code: 'FORBIDDEN_TRANSITION',
      details: { rule: 'routing.supplement-within-3-working-days' },
    });
  });

  it('restarts the time limit from zero when the complete supplement arrives', () => {
    const history = run([start(), supplement('2026-03-03T10:00:00')]);
    const [restarted] = decide(history, { type: 'ReceiveSupplement', at: at('2026-03-10T09:00:00') }); // Tuesday
    // 3 working days counted again from the day after: Wed, Thu, Fri → Friday 13 March, 17:00
    expect(restarted).toMatchObject({
      type: 'ProcessingClockRestarted',
      payload: { appointmentAt: at('2026-03-13T17:00:00').toISOString() },
    });
  });

  it('pauses the clock for a land dossier awaiting its financial obligation and extends the appointment', () => {
    const land = {
      clockExclusions: ['financial_obligation'],
      legalTimeLimit: { value: 10, unit: 'working_days' as const },
    };
    const history = run([
      start({ ...land, appointmentAt: at('2026-03-16T17:00:00') }),
      {
        type: 'NotifyFinancialObligation',
        amountVnd: 2_500_000,
        description: 'Lệ phí trước bạ',
        at: at('2026-03-03T10:00:00'),
      },
    ]);
    expect(history.at(-1)?.payload).toMatchObject({ pausesClock: true });
    const [resumed] = decide(history, { type: 'RecordPayment', at: at('2026-03-06T10:00:00') });
    expect(resumed?.type).toBe('ProcessingClockResumed');
    expect(Date.parse(String(resumed?.payload.appointmentAt))).toBeGreaterThan(
      at('2026-03-16T17:00:00').getTime(),
    );
  });

  it('keeps the appointment when the procedure does not exclude the payment period', () => {
    const history = run([
      start(),
      {
        type: 'NotifyFinancialObligation',
        amountVnd: 100_000,
        description: 'Lệ phí',
        at: at('2026-03-03T10:00:00'),
      },
    ]);
    expect(history.at(-1)?.payload).toMatchObject({ pausesClock: false });
    const [resumed] = decide(history, { type: 'RecordPayment', at: at('2026-03-04T10:00:00') });
    expect(resumed?.payload.appointmentAt).toBe(at('2026-03-05T17:00:00').toISOString());
  });

  it('refuses after appraisal within the time limit, with reasons', () => {
    const events = decide(run([start()]), {
      type: 'Refuse',
      reasons: ['Ngành nghề kinh doanh bị cấm'],
      at: at('2026-03-04T10:00:00'),
    });
    expect(types(events)).toEqual(['DossierRefusedAfterAppraisal', 'DossierProcessingCompleted']);
    expect(events[1]?.payload).toMatchObject({ outcome: 'refused' });
  });

  it('refuses a refusal that comes after the time limit', () => {
    expect(
      refusal(run([start()]), { type: 'Refuse', reasons: ['x'], at: at('2026-03-06T10:00:00') }),
    ).toMatchObject({
      details: { rule: 'routing.refusal-within-time-limit' },
    });
  });

  const apology = (local: string, newLocal = '2026-03-10T17:00:00'): ProcessCommand => ({
    type: 'IssueApology',
    newAppointmentAt: at(newLocal),
    reason: 'Cần xác minh thêm',
    at: at(local),
  });

  it('moves the appointment once with an apology sent at least a working day before it', () => {
    const [issued] = decide(run([start()]), apology('2026-03-04T16:00:00'));
    expect(issued).toMatchObject({
      type: 'ApologyIssued',
      payload: { newAppointmentAt: at('2026-03-10T17:00:00').toISOString() },
    });
  });

  it('refuses a second apology', () => {
    const history = run([start(), apology('2026-03-03T16:00:00')]);
    expect(refusal(history, apology('2026-03-04T16:00:00', '2026-03-12T17:00:00'))).toMatchObject({
      details: { rule: 'routing.apology-at-most-once' },
    });
  });

  it('refuses an apology on the due day: the dossier is simply late', () => {
    expect(refusal(run([start()]), apology('2026-03-05T08:00:00'))).toMatchObject({
      details: { rule: 'routing.apology-one-working-day-before-due' },
    });
  });

  it('stops processing, after which no step moves it on', () => {
    const history = run([
      start(),
      { type: 'Stop', reason: 'Người nộp không bổ sung', at: at('2026-03-03T10:00:00') },
    ]);
    expect(types(history).at(-1)).toBe('DossierProcessingStopped');
    expect(
      decide(history, { type: 'CompleteStep', stepId: 'appraise', at: at('2026-03-03T11:00:00') }),
    ).toEqual([]);
    expect(refusal(history, apology('2026-03-03T12:00:00'))).toMatchObject({
      details: { rule: 'routing.status' },
    });
  });

  it('closes processing when the applicant withdraws, once', () => {
    const history = run([start(), { type: 'CloseWithdrawn', at: at('2026-03-03T10:00:00') }]);
    expect(types(history).at(-1)).toBe('DossierProcessingClosed');
    expect(decide(history, { type: 'CloseWithdrawn', at: at('2026-03-03T11:00:00') })).toEqual([]);
  });
});
