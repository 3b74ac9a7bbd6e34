import { deciderSpec } from '@motcua/eventstore/testing';
import { describe, expect, it } from 'vitest';
import { routingDecider } from '../src/domain/routing.js';
import { HOUSEHOLD_BUSINESS_REGISTRATION as procedure } from '../src/domain/seed.js';

const spec = deciderSpec(routingDecider);
const transferAt = new Date('2026-03-02T03:00:00.000Z');
const firstDue = new Date('2026-03-04T03:00:00.000Z');
const secondDue = (from: Date) => new Date(from.getTime() + 4 * 3600_000);
const [appraise, sign] = procedure.workflow;

const assigned = {
  type: 'DossierWorkflowAssigned',
  schemaVersion: 1,
  occurredAt: transferAt.toISOString(),
  payload: { procedureCode: procedure.code, procedureVersion: 1, workflow: procedure.workflow },
};
const routedTo = (step: typeof appraise, index: number, at: Date, due: Date) => ({
  type: 'DossierRouted',
  schemaVersion: 1,
  occurredAt: at.toISOString(),
  payload: {
    stepId: step!.stepId,
    stepName: step!.name,
    stepIndex: index,
    departmentId: step!.departmentId,
    departmentName: step!.departmentName,
    transferAt: at.toISOString(),
    stepDueAt: due.toISOString(),
  },
});
const start = {
  type: 'StartRouting' as const,
  procedureCode: procedure.code,
  procedureVersion: 1,
  workflow: procedure.workflow,
  transferAt,
  firstStepDueAt: firstDue,
};

describe('routing a dossier through its workflow', () => {
  it('keeps the workflow with the dossier and sends it to the first step', () => {
    spec
      .given([])
      .when(start)
      .thenEmits([assigned, routedTo(appraise, 0, transferAt, firstDue)]);
  });

  it('does not route the same reception twice', () => {
    spec
      .given([assigned, routedTo(appraise, 0, transferAt, firstDue)])
      .when(start)
      .thenEmits([]);
  });

  it('hands over to the next step when a step is completed', () => {
    const done = new Date('2026-03-03T08:00:00.000Z');
    spec
      .given([assigned, routedTo(appraise, 0, transferAt, firstDue)])
      .when({ type: 'AdvanceAfterStep', stepId: 'appraise', completedAt: done, nextStepDueAt: secondDue })
      .thenEmits([routedTo(sign, 1, done, secondDue(done))]);
  });

  it('completes processing after the last step', () => {
    const done = new Date('2026-03-04T02:00:00.000Z');
    const [event] = spec
      .given([assigned, routedTo(appraise, 0, transferAt, firstDue), routedTo(sign, 1, transferAt, firstDue)])
      .when({ type: 'AdvanceAfterStep', stepId: 'sign', completedAt: done, nextStepDueAt: secondDue })
      .thenEmits([
        {
          type: 'DossierProcessingCompleted',
          schemaVersion: 1,
          occurredAt: done.toISOString(),
          payload: {
            outcome: 'approved',
            resultSummary: 'Ký duyệt, cấp giấy chứng nhận: hoàn thành',
            completedAt: done.toISOString(),
          },
        },
      ]);
    expect(event?.type).toBe('DossierProcessingCompleted');
  });

  it('ignores a completion of a step the dossier is not at', () => {
    spec
      .given([assigned, routedTo(appraise, 0, transferAt, firstDue)])
      .when({ type: 'AdvanceAfterStep', stepId: 'sign', completedAt: transferAt, nextStepDueAt: secondDue })
      .thenEmits([]);
  });

  it('refuses a workflow without steps', () => {
    const error = spec
      .given([])
      .when({ ...start, workflow: [] })
      .thenThrows();
    expect(error).toMatchObject({
      code: 'FORBIDDEN_TRANSITION',
      details: { rule: 'routing.workflow-has-steps' },
    });
  });
});
