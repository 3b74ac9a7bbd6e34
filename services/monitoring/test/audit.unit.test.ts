import { describe, expect, it } from 'vitest';
import { controlSheet, outcome, stateAt } from '../src/domain/audit.js';
import type { Timeline, TimelineEntry } from '../src/domain/timeline.js';

let offset = 0;
const entry = (
  type: string,
  recordedAt: string,
  payload: Record<string, unknown>,
  userId = 'system',
): TimelineEntry => ({
  eventId: `e-${++offset}`,
  type,
  schemaVersion: 1,
  occurredAt: recordedAt,
  recordedAt,
  actor: { userId, role: 'x' },
  producer: 'p',
  streamId: 's',
  streamVersion: offset,
  causationId: 'c',
  correlationId: 'k',
  partition: 0,
  offset: String(offset),
  payload,
});
const vn = (local: string) => new Date(`${local}:00+07:00`).toISOString();

// A household-business dossier: received Monday, appraised Tuesday, signed Thursday after its due time.
const timeline: Timeline = {
  dossierId: 'd',
  dossierCode: 'X',
  entries: [
    entry(
      'DossierReceived',
      vn('2026-03-02T09:00'),
      { appointmentAt: vn('2026-03-05T17:00') },
      'counter.hue',
    ),
    entry('DossierRouted', vn('2026-03-02T09:00'), {
      stepId: 'appraise',
      stepName: 'Thụ lý',
      departmentId: 'fin',
      departmentName: 'Phòng TC-KH',
      transferAt: vn('2026-03-02T09:00'),
      stepDueAt: vn('2026-03-04T09:00'),
    }),
    entry('TaskQueued', vn('2026-03-02T09:01'), { taskId: 't1', stepId: 'appraise' }),
    entry('TaskClaimed', vn('2026-03-02T10:00'), { taskId: 't1', officerId: 'officer.tckh.hue' }),
    entry('StepCompleted', vn('2026-03-03T10:00'), {
      taskId: 't1',
      stepId: 'appraise',
      officerId: 'officer.tckh.hue',
      completedAt: vn('2026-03-03T10:00'),
    }),
    entry('DossierRouted', vn('2026-03-03T10:00'), {
      stepId: 'sign',
      stepName: 'Ký duyệt',
      departmentId: 'lead',
      departmentName: 'Lãnh đạo',
      transferAt: vn('2026-03-03T10:00'),
      stepDueAt: vn('2026-03-03T14:00'),
    }),
    entry('TaskQueued', vn('2026-03-03T10:01'), { taskId: 't2', stepId: 'sign' }),
    entry('ApologyIssued', vn('2026-03-04T10:00'), { newAppointmentAt: vn('2026-03-10T17:00') }),
    entry('StepCompleted', vn('2026-03-05T10:00'), {
      taskId: 't2',
      stepId: 'sign',
      officerId: 'leader.hue',
      completedAt: vn('2026-03-05T10:00'),
    }),
    entry('DossierProcessingCompleted', vn('2026-03-05T10:00'), { outcome: 'approved' }),
  ],
};

describe('a dossier as it stood at an instant', () => {
  it('shows the step, its assignee and the appointment in force at that time', () => {
    expect(stateAt(timeline, new Date(vn('2026-03-02T11:00')))).toEqual({
      at: new Date(vn('2026-03-02T11:00')).toISOString(),
      status: 'processing',
      nationalCode: 4,
      appointmentAt: vn('2026-03-05T17:00'),
      rescheduledReturnAt: null,
      openSteps: [
        {
          stepId: 'appraise',
          stepName: 'Thụ lý',
          departmentId: 'fin',
          dueAt: vn('2026-03-04T09:00'),
          assignee: 'officer.tckh.hue',
        },
      ],
    });
  });

  it('shows the apology date beside the appointment it does not replace, and no open step once processing finished', () => {
    // Decree 61 Art 19 k9: the apology sets a new return date; the dossier stays late against the appointment
    expect(stateAt(timeline, new Date(vn('2026-03-04T12:00')))).toMatchObject({
      appointmentAt: vn('2026-03-05T17:00'),
      rescheduledReturnAt: vn('2026-03-10T17:00'),
    });
    expect(stateAt(timeline, new Date(vn('2026-03-06T09:00')))).toMatchObject({
      status: 'result_ready',
      openSteps: [],
    });
  });

  it('knows nothing before the dossier was received', () => {
    expect(stateAt(timeline, new Date(vn('2026-03-01T09:00')))).toMatchObject({
      status: 'unknown',
      appointmentAt: null,
    });
  });
});

describe('the processing control sheet (Mẫu 05)', () => {
  it('never has a unit receive the dossier after it handed it on, even when the law schedules the transfer later', () => {
    // received 00:40 on Saturday: the transfer is due Monday 07:30, the officer worked it on Saturday
    const saturday = vn('2026-03-07T00:40');
    const sheet = controlSheet({
      dossierId: 'w',
      dossierCode: 'W',
      entries: [
        entry('DossierRouted', saturday, {
          stepId: 'appraise',
          stepName: 'Thụ lý',
          departmentId: 'fin',
          transferAt: vn('2026-03-09T07:30'),
          stepDueAt: vn('2026-03-10T08:00'),
        }),
        entry('TaskQueued', saturday, { taskId: 'w1', stepId: 'appraise' }),
        entry('StepCompleted', vn('2026-03-07T09:00'), {
          taskId: 'w1',
          stepId: 'appraise',
          officerId: 'officer.tckh.hue',
          completedAt: vn('2026-03-07T09:00'),
        }),
      ],
    });
    expect(sheet[0]).toMatchObject({ receivedAt: saturday, handedOverAt: vn('2026-03-07T09:00') });
  });

  it('takes the recording time for a routing event stamped, before schema 2, with its future transfer', () => {
    const old = {
      ...entry('DossierRouted', vn('2026-03-07T00:40'), { stepId: 's', transferAt: vn('2026-03-09T07:30') }),
      occurredAt: vn('2026-03-09T07:30'),
    };
    expect(controlSheet({ dossierId: 'o', dossierCode: 'O', entries: [old] })[0]?.receivedAt).toBe(
      vn('2026-03-07T00:40'),
    );
  });

  it('lists each transfer with who took and who handed on the dossier, and the result against the step allotment', () => {
    expect(controlSheet(timeline)).toMatchObject([
      {
        stepId: 'appraise',
        receiver: 'officer.tckh.hue',
        giver: 'officer.tckh.hue',
        handedOverAt: vn('2026-03-03T10:00'),
        result: 'early',
      },
      {
        stepId: 'sign',
        receiver: null,
        giver: 'leader.hue',
        handedOverAt: vn('2026-03-05T10:00'),
        result: 'late',
      },
    ]);
  });

  it('names the officers by the full name their own events carry, not by their login', () => {
    const named = (e: TimelineEntry): TimelineEntry =>
      e.type === 'StepCompleted' && e.payload.officerId === 'officer.tckh.hue'
        ? {
            ...e,
            actor: { userId: 'officer.tckh.hue', role: 'department_officer', displayName: 'Trần Văn Nam' },
          }
        : e;
    const sheet = controlSheet({ ...timeline, entries: timeline.entries.map(named) });
    expect(sheet[0]).toMatchObject({ receiver: 'Trần Văn Nam', giver: 'Trần Văn Nam' });
    // the leader's events carry no name here: the login is all the log knows
    expect(sheet[1]).toMatchObject({ giver: 'leader.hue' });
  });

  it('names an assignee who never acted by the full name the head chose them by', () => {
    const assigned = entry(
      'TaskAssigned',
      vn('2026-03-03T10:05'),
      { taskId: 't2', officerId: 'officer.ld.hue', officerName: 'Phạm Thị Lan' },
      'head.hue',
    );
    const entries = [...timeline.entries];
    entries.splice(
      entries.findIndex((e) => e.type === 'TaskQueued' && e.payload.taskId === 't2') + 1,
      0,
      assigned,
    );
    const sheet = controlSheet({ ...timeline, entries });
    expect(sheet[1]).toMatchObject({ receiver: 'Phạm Thị Lan' });
    expect(JSON.stringify(sheet)).not.toContain('officer.ld.hue');
  });

  it('judges a step done on its due day before the due time as on time', () => {
    expect(outcome(vn('2026-03-04T08:00'), vn('2026-03-04T09:00'))).toBe('on_time');
    expect(outcome(vn('2026-03-04T09:30'), vn('2026-03-04T09:00'))).toBe('late');
    expect(outcome(null, vn('2026-03-04T09:00'))).toBe('in_progress');
  });
});
