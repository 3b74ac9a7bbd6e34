import { DomainError } from '@motcua/contracts';
import type { Decider, NewEvent, RecordedEvent } from '@motcua/eventstore';
import type { WorkflowStep } from './catalogue.js';

/** Where a dossier stands in its procedure's workflow. */
export type RoutingState =
  | { status: 'new' }
  | { status: 'in_step' | 'completed'; workflow: WorkflowStep[]; stepIndex: number; procedureCode: string };

export type RoutingCommand =
  | {
      type: 'StartRouting';
      procedureCode: string;
      procedureVersion: number;
      /** The workflow of the procedure version the dossier was received under, kept with it. */
      workflow: WorkflowStep[];
      transferAt: Date;
      firstStepDueAt: Date;
    }
  | { type: 'AdvanceAfterStep'; stepId: string; completedAt: Date; nextStepDueAt: (start: Date) => Date };

function routed(step: WorkflowStep, index: number, transferAt: Date, dueAt: Date): NewEvent {
  return {
    type: 'DossierRouted',
    schemaVersion: 1,
    occurredAt: transferAt.toISOString(),
    payload: {
      stepId: step.stepId,
      stepName: step.name,
      stepIndex: index,
      departmentId: step.departmentId,
      departmentName: step.departmentName,
      transferAt: transferAt.toISOString(),
      stepDueAt: dueAt.toISOString(),
    },
  };
}

export function decide(command: RoutingCommand, state: RoutingState): NewEvent[] {
  switch (command.type) {
    case 'StartRouting': {
      if (state.status !== 'new') return []; // the same reception seen again
      const first = command.workflow[0];
      if (!first) {
        throw new DomainError('FORBIDDEN_TRANSITION', {
          details: { rule: 'routing.workflow-has-steps', procedureCode: command.procedureCode },
          messages: { vi: 'Quy trình nội bộ chưa có bước xử lý', en: 'The workflow has no step' },
        });
      }
      return [
        {
          type: 'DossierWorkflowAssigned',
          schemaVersion: 1,
          occurredAt: command.transferAt.toISOString(),
          payload: {
            procedureCode: command.procedureCode,
            procedureVersion: command.procedureVersion,
            workflow: command.workflow,
          },
        },
        routed(first, 0, command.transferAt, command.firstStepDueAt),
      ];
    }
    case 'AdvanceAfterStep': {
      // A completion for another step (a late duplicate) changes nothing.
      if (state.status !== 'in_step') return [];
      const current = state.workflow[state.stepIndex];
      if (current?.stepId !== command.stepId) return [];
      const nextIndex = state.stepIndex + 1;
      const next = state.workflow[nextIndex];
      const at = command.completedAt;
      if (!next) {
        return [
          {
            type: 'DossierProcessingCompleted',
            schemaVersion: 1,
            occurredAt: at.toISOString(),
            payload: {
              outcome: 'approved',
              resultSummary: `${current.name}: hoàn thành`,
              completedAt: at.toISOString(),
            },
          },
        ];
      }
      return [routed(next, nextIndex, at, command.nextStepDueAt(at))];
    }
  }
}

export function evolve(state: RoutingState, event: RecordedEvent): RoutingState {
  const p = event.payload as Record<string, unknown>;
  switch (event.type) {
    case 'DossierWorkflowAssigned':
      return {
        status: 'in_step',
        workflow: p.workflow as WorkflowStep[],
        stepIndex: 0,
        procedureCode: String(p.procedureCode),
      };
    case 'DossierRouted':
      return state.status === 'new' ? state : { ...state, stepIndex: Number(p.stepIndex) };
    case 'DossierProcessingCompleted':
      return state.status === 'new' ? state : { ...state, status: 'completed' };
    default:
      return state;
  }
}

export const routingDecider: Decider<RoutingState, RoutingCommand> = {
  initialState: () => ({ status: 'new' }),
  evolve,
  decide,
};

export const routingStreamId = (dossierId: string) => `routing-dossier:${dossierId}`;
