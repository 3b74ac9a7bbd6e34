import { createCalendar, OFFICIAL_CALENDAR_YEARS } from '@motcua/calendar';
import type { NewEvent } from '@motcua/eventstore';
import { deciderSpec } from '@motcua/eventstore/testing';
import { describe, expect, it } from 'vitest';
import { type ProcessCommand, processDecider } from '../src/domain/process.js';

const calendar = createCalendar({ years: OFFICIAL_CALENDAR_YEARS, computeMissingYears: true });
const decider = processDecider(calendar);
const spec = deciderSpec(decider);
const at = (local: string) => new Date(`${local}+07:00`);

const start = (receivedAt: Date): ProcessCommand => ({
  type: 'StartRouting',
  procedureCode: '2.000575',
  procedureVersion: 1,
  centerId: 'hue-city',
  workflow: [
    {
      stepId: 'appraise',
      name: 'Thẩm định',
      departmentId: 'hue-city.justice',
      departmentName: 'Phòng Tư pháp',
      role: 'department_officer',
      allottedWorkingHours: 8,
      stage: 0,
    },
  ],
  receivedAt,
  appointmentAt: new Date(receivedAt.getTime() + 7 * 86_400_000),
  legalTimeLimit: { value: 5, unit: 'working_days' },
  clockExclusions: [],
  cutoffApplies: false,
});

/** A routing stream as the event store keeps it: every event records the dossier's rulebook. */
const routedUnder = (rulebookId: string | undefined, receivedAt: Date): NewEvent[] =>
  decider
    .decide(start(receivedAt), decider.initialState())
    .map((e) => (rulebookId ? { ...e, rulebookId } : e));
const stopOnRequest = (local: string): ProcessCommand => ({
  type: 'StopOnRequest',
  reason: 'Người nộp đề nghị dừng giải quyết',
  at: at(local),
});

describe("stopping a dossier on the applicant's request (Decree 118/2025 Art 21)", () => {
  it('given a dossier received on 15 September 2025, when the applicant asks to stop, then it stops with Mẫu 05', () => {
    const history = routedUnder('decree-118-2025-circular-03', at('2025-09-15T09:00:00'));
    spec
      .given(history)
      .when(stopOnRequest('2025-09-16T10:00:00'))
      .thenEmits([
        {
          type: 'DossierProcessingStopped',
          schemaVersion: 1,
          occurredAt: at('2025-09-16T10:00:00').toISOString(),
          payload: {
            reason: 'Người nộp đề nghị dừng giải quyết',
            stoppedAt: at('2025-09-16T10:00:00').toISOString(),
            onApplicantRequest: true,
            stopNotice: 'Mẫu 05 – Thông báo dừng giải quyết hồ sơ (Thông tư 03/2025/TT-VPCP)',
            legalBasis: 'Nghị định 118/2025/NĐ-CP, Điều 21',
          },
        },
      ]);
  });

  it('given a dossier received on 1 July 2025 (before Circular 03), then the stop notice has no form number', () => {
    const history = routedUnder('decree-118-2025-before-circular-03', at('2025-07-01T09:00:00'));
    const [stopped] = decider.decide(stopOnRequest('2025-07-02T10:00:00'), spec.given(history).state);
    expect(stopped?.payload).toMatchObject({
      onApplicantRequest: true,
      stopNotice: 'Thông báo dừng giải quyết hồ sơ',
    });
  });

  it('given a dossier received on 30 June 2025 (Decree 61/2018), when the applicant asks to stop in July, then it is refused', () => {
    const history = routedUnder('decree-61-2018', at('2025-06-30T09:00:00'));
    expect(spec.given(history).when(stopOnRequest('2025-07-02T10:00:00')).thenThrows()).toMatchObject({
      code: 'FORBIDDEN_TRANSITION',
      details: { rule: 'routing.stop-on-request-under-rulebook', rulebookId: 'decree-61-2018' },
    });
  });

  it('given a stream recorded before rulebooks (no id), then it follows Decree 61/2018 and refuses the stop', () => {
    const history = routedUnder(undefined, at('2026-03-02T09:00:00'));
    expect(spec.given(history).when(stopOnRequest('2026-03-03T10:00:00')).thenThrows()).toMatchObject({
      details: { rule: 'routing.stop-on-request-under-rulebook' },
    });
  });

  it('given a result already exists, when the applicant asks to stop, then it is refused', () => {
    const routed = routedUnder('decree-118-2025-circular-04', at('2026-03-02T09:00:00'));
    const done = decider.decide(
      { type: 'CompleteStep', stepId: 'appraise', at: at('2026-03-03T09:00:00') },
      spec.given(routed).state,
    );
    const history = [...routed, ...done.map((e) => ({ ...e, rulebookId: 'decree-118-2025-circular-04' }))];
    expect(done.map((e) => e.type)).toContain('DossierProcessingCompleted');
    expect(spec.given(history).when(stopOnRequest('2026-03-03T10:00:00')).thenThrows()).toMatchObject({
      details: { rule: 'routing.status' },
    });
  });
});
