import { deciderSpec } from '@motcua/eventstore/testing';
import { describe, expect, it } from 'vitest';
import { taskDecider } from '../src/domain/task.js';

const spec = deciderSpec(taskDecider);
const at = new Date('2026-03-02T03:00:00.000Z');
const queued = {
  type: 'TaskQueued',
  schemaVersion: 1,
  occurredAt: at.toISOString(),
  payload: {
    taskId: 't-1',
    stepId: 'appraise',
    stepName: 'Thụ lý, thẩm định hồ sơ',
    departmentId: 'hue-city.finance-planning',
    dueAt: '2026-03-04T10:00:00.000Z',
  },
};
const queue = {
  type: 'QueueTask' as const,
  taskId: 't-1',
  stepId: 'appraise',
  stepName: 'Thụ lý, thẩm định hồ sơ',
  departmentId: 'hue-city.finance-planning',
  dueAt: '2026-03-04T10:00:00.000Z',
  at,
};
const complete = (officerDepartmentId?: string) => ({
  type: 'CompleteStep' as const,
  officerId: 'officer-7',
  officerDepartmentId,
  outcome: 'approved' as const,
  note: 'Hồ sơ hợp lệ',
  at: new Date('2026-03-03T02:00:00.000Z'),
});

describe("a task in a department's queue", () => {
  it('is queued when the dossier is routed to the department', () => {
    spec.given([]).when(queue).thenEmits([queued]);
  });

  it('is queued once even when the routing arrives twice', () => {
    spec.given([queued]).when(queue).thenEmits([]);
  });

  it('is completed by an officer of the department, who is recorded', () => {
    const [event] = spec
      .given([queued])
      .when(complete('hue-city.finance-planning'))
      .thenEmits([
        {
          type: 'StepCompleted',
          schemaVersion: 1,
          occurredAt: '2026-03-03T02:00:00.000Z',
          payload: {
            taskId: 't-1',
            stepId: 'appraise',
            departmentId: 'hue-city.finance-planning',
            officerId: 'officer-7',
            outcome: 'approved',
            note: 'Hồ sơ hợp lệ',
            completedAt: '2026-03-03T02:00:00.000Z',
          },
        },
      ]);
    expect(event?.payload).toMatchObject({ officerId: 'officer-7' });
  });

  it('cannot be completed twice', () => {
    const done = { ...queued, type: 'StepCompleted', payload: { officerId: 'officer-7' } };
    expect(spec.given([queued, done]).when(complete()).thenThrows()).toMatchObject({
      code: 'FORBIDDEN_TRANSITION',
      details: { rule: 'department.complete-once' },
    });
  });

  it('refuses an officer of another department', () => {
    expect(spec.given([queued]).when(complete('hue-city.justice')).thenThrows()).toMatchObject({
      code: 'PERMISSION_DENIED',
    });
  });

  it('cannot complete a task that was never queued', () => {
    expect(spec.given([]).when(complete()).thenThrows()).toMatchObject({ code: 'TASK_NOT_FOUND' });
  });
});
