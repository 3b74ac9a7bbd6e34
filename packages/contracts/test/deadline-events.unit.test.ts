import { describe, expect, it } from 'vitest';
import { decodePayload, encodePayload } from '../src/index.js';

const item = {
  dossierId: 'd-1',
  dossierCode: 'H57-250905-0001',
  taskId: 't-1',
  stepId: 'appraise',
  stepName: 'Thẩm định',
  departmentId: 'dept-tckh',
  assigneeId: 'officer-1',
  dueAt: '2025-09-03T10:00:00Z',
  overdueWorkingMinutes: 0,
  overdueWorkingDays: 0,
};

describe('the deadline events', () => {
  it('round-trips a step escalation with its level, rule and overdue time', () => {
    const payload = {
      taskId: 't-1',
      stepId: 'appraise',
      stepName: 'Thẩm định',
      departmentId: 'dept-tckh',
      centerId: 'center-hue',
      assigneeId: 'officer-1',
      level: 2,
      escalatedToRole: 'center_leader',
      ruleId: 'default',
      ruleVersion: 1,
      procedureCode: '2.000575',
      dueAt: '2025-09-03T10:00:00Z',
      overdueWorkingMinutes: 450,
      escalatedAt: '2025-09-04T10:00:00Z',
    };
    const json = encodePayload('StepEscalated', payload);
    const decoded = decodePayload('StepEscalated', 1, json);
    expect(decoded).toEqual({ ok: true, value: payload });
  });

  it('refuses an escalation to a role that is not a level of the ladder', () => {
    const decoded = decodePayload('StepEscalated', 1, {
      taskId: 't',
      stepId: 's',
      stepName: 'n',
      departmentId: 'd',
      centerId: 'c',
      level: 1,
      escalatedToRole: 'minister',
      ruleId: 'default',
      ruleVersion: 1,
      dueAt: '2025-09-03T10:00:00Z',
      escalatedAt: '2025-09-03T10:00:00Z',
    });
    expect(decoded.ok).toBe(false);
  });

  it('round-trips a daily digest with items due today, tomorrow and overdue', () => {
    const payload = {
      unitId: 'dept-tckh',
      unitKind: 'department',
      centerId: 'center-hue',
      workingDate: '2025-09-03',
      nextWorkingDate: '2025-09-04',
      dueToday: [item],
      dueTomorrow: [],
      overdue: [{ ...item, taskId: 't-2', overdueWorkingMinutes: 900, overdueWorkingDays: 2 }],
      issuedAt: '2025-09-03T00:30:00Z',
    };
    const decoded = decodePayload('DailyDigestIssued', 1, encodePayload('DailyDigestIssued', payload));
    expect(decoded).toEqual({ ok: true, value: payload });
  });

  it('refuses a digest for a unit kind other than department or center', () => {
    const decoded = decodePayload('DailyDigestIssued', 1, {
      unitId: 'x',
      unitKind: 'province',
      centerId: 'c',
      workingDate: '2025-09-03',
      nextWorkingDate: '2025-09-04',
      issuedAt: '2025-09-03T00:30:00Z',
    });
    expect(decoded.ok).toBe(false);
  });

  it('requires an apology prompt to name the latest time the apology may be issued', () => {
    const decoded = decodePayload('ApologyPrompted', 1, {
      centerId: 'c',
      appointmentAt: '2025-09-10T10:00:00Z',
      departmentIds: ['dept-tckh'],
      promptedAt: '2025-09-05T10:00:00Z',
    });
    expect(decoded.ok).toBe(false);
  });
});
