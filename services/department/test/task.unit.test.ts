import type { NewEvent } from '@motcua/eventstore';
import { deciderSpec } from '@motcua/eventstore/testing';
import { describe, expect, it } from 'vitest';
import { type Officer, type TaskCommand, taskDecider } from '../src/domain/task.js';

const spec = deciderSpec(taskDecider);
const at = (local: string) => new Date(`${local}+07:00`);
const DEPT = 'hue-city.finance-planning';
const officer = (userId: string, departmentId = DEPT, role = 'department_officer'): Officer => ({
  userId,
  role,
  departmentId,
});
const head = officer('head-1', DEPT, 'department_head');
const queue: TaskCommand = {
  type: 'QueueTask',
  taskId: 't-1',
  stepId: 'appraise',
  stepName: 'Thụ lý, thẩm định hồ sơ',
  departmentId: DEPT,
  dueAt: '2026-03-04T10:00:00.000Z',
  at: at('2026-03-02T10:00:00'),
};
const queued: NewEvent[] = taskDecider.decide(queue, spec.given([]).state);
const decide = (history: NewEvent[], command: TaskCommand) =>
  taskDecider.decide(command, spec.given(history).state);
const complete = (by: Officer): TaskCommand => ({
  type: 'CompleteStep',
  by,
  note: 'Hồ sơ hợp lệ',
  at: at('2026-03-03T09:00:00'),
});
const assigned = decide(queued, {
  type: 'AssignTask',
  officerId: 'officer-7',
  by: head,
  at: at('2026-03-02T11:00:00'),
});
const held = [...queued, ...assigned];

describe("a task in a department's queue", () => {
  it('is queued when the dossier is routed to the department, once', () => {
    expect(queued).toMatchObject([{ type: 'TaskQueued', payload: { taskId: 't-1', departmentId: DEPT } }]);
    spec.given(queued).when(queue).thenEmits([]);
  });

  it('is assigned by the department head, and only by the head', () => {
    expect(assigned).toMatchObject([{ type: 'TaskAssigned', payload: { officerId: 'officer-7' } }]);
    const error = spec
      .given(queued)
      .when({
        type: 'AssignTask',
        officerId: 'officer-8',
        by: officer('officer-7'),
        at: at('2026-03-02T11:00:00'),
      })
      .thenThrows();
    expect(error).toMatchObject({ code: 'PERMISSION_DENIED', details: { rule: 'auth.role' } });
  });

  it('is claimed by an officer of the department when nobody holds it', () => {
    expect(
      decide(queued, { type: 'ClaimTask', by: officer('officer-9'), at: at('2026-03-02T11:00:00') }),
    ).toMatchObject([{ type: 'TaskClaimed', payload: { officerId: 'officer-9' } }]);
  });

  it('records verifications and consultations with their deadline', () => {
    const [record] = decide(held, {
      type: 'RecordVerification',
      kind: 'consultation',
      counterpart: 'Chi cục Thuế',
      note: 'Xin ý kiến về mã số thuế',
      deadline: at('2026-03-04T17:00:00'),
      by: officer('officer-7'),
      at: at('2026-03-02T14:00:00'),
    });
    expect(record).toMatchObject({
      type: 'VerificationRecorded',
      payload: {
        kind: 'consultation',
        counterpart: 'Chi cục Thuế',
        deadline: at('2026-03-04T17:00:00').toISOString(),
      },
    });
  });

  it('is completed by its assignee, who is recorded on the hand-over', () => {
    expect(decide(held, complete(officer('officer-7')))).toMatchObject([
      { type: 'StepCompleted', payload: { officerId: 'officer-7', stepId: 'appraise' } },
    ]);
  });

  it('is claimed and completed in one go by an officer when nobody held it', () => {
    expect(decide(queued, complete(officer('officer-9'))).map((e) => e.type)).toEqual([
      'TaskClaimed',
      'StepCompleted',
    ]);
  });

  it('cannot be completed by another officer than its assignee', () => {
    expect(
      spec
        .given([...queued, ...assigned])
        .when(complete(officer('officer-8')))
        .thenThrows(),
    ).toMatchObject({
      code: 'PERMISSION_DENIED',
      details: { rule: 'department.assignee-only' },
    });
  });

  it('refuses an officer of another department', () => {
    expect(
      spec
        .given(queued)
        .when(complete(officer('x', 'hue-city.justice')))
        .thenThrows(),
    ).toMatchObject({
      code: 'PERMISSION_DENIED',
      details: { rule: 'department.own-queue' },
    });
  });

  it('keeps a step the workflow gives to the head (signing) from a plain officer, even its assignee', () => {
    const signing = decide([], { ...queue, stepId: 'sign', role: 'department_head' });
    expect(signing).toMatchObject([{ type: 'TaskQueued', payload: { role: 'department_head' } }]);
    const byHead = decide(signing, { type: 'AssignTask', officerId: 'officer-7', by: head, at: queue.at });
    for (const command of [
      complete(officer('officer-7')),
      { ...complete(officer('officer-7')), type: 'ClaimTask' },
    ]) {
      expect(
        spec
          .given([...signing, ...byHead])
          .when(command as TaskCommand)
          .thenThrows(),
      ).toMatchObject({ code: 'PERMISSION_DENIED', details: { rule: 'workflow.step-role' } });
    }
    expect(decide([...signing, ...byHead], complete(head))).toMatchObject([
      { type: 'StepCompleted', payload: { officerId: 'head-1' } },
    ]);
  });

  it('cannot be completed twice', () => {
    const done = decide(held, complete(officer('officer-7')));
    expect(
      spec
        .given([...held, ...done])
        .when(complete(officer('officer-7')))
        .thenThrows(),
    ).toMatchObject({
      code: 'FORBIDDEN_TRANSITION',
      details: { rule: 'department.task-open' },
    });
  });

  it('sends the dossier back to an earlier step with the reason', () => {
    const [returned] = decide(held, {
      type: 'ReturnStep',
      toStepId: 'check',
      reason: 'Thiếu chữ ký',
      by: officer('officer-7'),
      at: at('2026-03-03T09:00:00'),
    });
    expect(returned).toMatchObject({
      type: 'StepReturned',
      payload: { toStepId: 'check', reason: 'Thiếu chữ ký' },
    });
  });

  it('closes when the dossier ends elsewhere, and only if still open', () => {
    expect(
      decide(queued, { type: 'CloseTask', reason: 'withdrawn', at: at('2026-03-03T09:00:00') }),
    ).toMatchObject([{ type: 'TaskClosed', payload: { reason: 'withdrawn' } }]);
    const done = decide(held, complete(officer('officer-7')));
    spec
      .given([...held, ...done])
      .when({ type: 'CloseTask', reason: 'withdrawn', at: at('2026-03-03T09:00:00') })
      .thenEmits([]);
  });

  it('cannot be completed when it was never queued', () => {
    expect(
      spec
        .given([])
        .when(complete(officer('officer-7')))
        .thenThrows(),
    ).toMatchObject({ code: 'TASK_NOT_FOUND' });
  });
});
