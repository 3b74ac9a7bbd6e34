import type { WorkingCalendar } from '@motcua/calendar';
import { DomainError, type RecordedEvent } from '@motcua/contracts';
import { handleCommand } from '@motcua/eventstore';
import { reactionMetaOf, type ServiceDeps } from '@motcua/runtime';
import type { ProcedureRepository } from '../adapters/procedure-repository.js';
import { type RoutingState, routingDecider, routingStreamId } from '../domain/routing.js';

const hours = (value: number) => ({ value, unit: 'working_hours' as const });

/** Moves each dossier through its procedure's workflow, reacting to the log. */
export class RoutingApp {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly calendar: WorkingCalendar,
    readonly procedures: ProcedureRepository,
  ) {}

  async onEvent(event: RecordedEvent): Promise<void> {
    if (event.type === 'DossierReceived') await this.startRouting(event);
    else if (event.type === 'StepCompleted') await this.advance(event);
  }

  private async startRouting(event: RecordedEvent): Promise<void> {
    const p = event.payload as { procedureCode: string; procedureVersion: number; receivedAt: string };
    const procedure = await this.procedures.get(p.procedureCode, p.procedureVersion);
    // Decree 61 Art 18: transferred the same working day, or the next morning after 15:00.
    const transferAt = this.calendar.transferAt(new Date(p.receivedAt));
    const first = procedure.workflow[0];
    await handleCommand(this.deps.store, routingDecider, {
      ...reactionMetaOf(event, 'routing', 'start-routing'),
      streamId: routingStreamId(event.dossierId),
      dossierId: event.dossierId,
      dossierCode: event.dossierCode,
      command: {
        type: 'StartRouting',
        procedureCode: procedure.code,
        procedureVersion: procedure.version,
        workflow: procedure.workflow,
        transferAt,
        firstStepDueAt: this.calendar.dueAt(transferAt, hours(first?.allottedWorkingHours ?? 0)),
      },
    });
  }

  private async advance(event: RecordedEvent): Promise<void> {
    const p = event.payload as { stepId: string; completedAt: string };
    const state = await this.state(event.dossierId);
    if (state.status !== 'in_step') return;
    const next = state.workflow[state.stepIndex + 1];
    await handleCommand(this.deps.store, routingDecider, {
      ...reactionMetaOf(event, 'routing', 'advance'),
      streamId: routingStreamId(event.dossierId),
      dossierId: event.dossierId,
      command: {
        type: 'AdvanceAfterStep',
        stepId: p.stepId,
        completedAt: new Date(p.completedAt),
        nextStepDueAt: (start) => this.calendar.dueAt(start, hours(next?.allottedWorkingHours ?? 0)),
      },
    });
  }

  async state(dossierId: string): Promise<RoutingState> {
    const stream = await this.deps.store.read(routingStreamId(dossierId));
    return (stream?.events ?? []).reduce(routingDecider.evolve, routingDecider.initialState());
  }

  async route(dossierId: string) {
    const state = await this.state(dossierId);
    if (state.status === 'new') throw new DomainError('DOSSIER_NOT_FOUND', { details: { dossierId } });
    return { dossierId, ...state, currentStep: state.workflow[state.stepIndex] ?? null };
  }
}
