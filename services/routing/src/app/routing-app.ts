import { type DossierDecision, DUTY_DENIALS, mayDecideOnDossier } from '@motcua/auth/duties';
import { DomainError, type EventActor, type RecordedEvent } from '@motcua/contracts';
import { type CommandMeta, type Decider, handleCommand } from '@motcua/eventstore';
import { ORGANISATION } from '@motcua/organisation';
import { rulebookById } from '@motcua/rulebook';
import { reactionMetaOf, type ServiceDeps } from '@motcua/runtime';
import { firingKey, type Timer } from '@motcua/timers';
import type { CalendarFor } from '../adapters/calendar-repository.js';
import type { ProcedureRepository } from '../adapters/procedure-repository.js';
import { type Procedure, workflowFor } from '../domain/catalogue.js';
import { resolveGroupWorkflow } from '../domain/group-procedure.js';
import { organisationSuccession } from '../domain/organisation-succession.js';
import {
  type ProcessCommand,
  type ProcessState,
  type ProcessStep,
  processDecider,
  processStreamId,
  type TimeLimit,
} from '../domain/process.js';
import type { DossierDeadlineTimers, DossierTimerData } from './deadline-timers.js';

type OfficerDecision = Extract<
  ProcessCommand,
  {
    type:
      | 'RequestSupplement'
      | 'NotifyFinancialObligation'
      | 'Refuse'
      | 'IssueApology'
      | 'Stop'
      | 'StopOnRequest';
  }
>;
/** The events routing reacts to (`onEvent`); the consumer passes the rest over without a database look-up. */
const REACTIONS: ReadonlySet<string> = new Set([
  'DossierReceived',
  'StepCompleted',
  'StepReturned',
  'SupplementReceived',
  'FeePaid',
  'DossierWithdrawn',
]);

export const routingReactsTo = (event: Pick<RecordedEvent, 'type'>): boolean => REACTIONS.has(event.type);

const DECISION_ACTIONS: Readonly<Record<OfficerDecision['type'], DossierDecision>> = {
  RequestSupplement: 'dossier.requestSupplement',
  NotifyFinancialObligation: 'dossier.notifyFinancialObligation',
  Refuse: 'dossier.refuse',
  IssueApology: 'dossier.apologize',
  Stop: 'dossier.stop',
  // Recorded by whoever may stop the dossier; the request itself is the applicant's (Decree 118 Art 21).
  StopOnRequest: 'dossier.stop',
};
type DecisionInput<T extends OfficerDecision['type']> = Omit<
  Extract<OfficerDecision, { type: T }>,
  'type' | 'at'
>;

/**
 * A procedure's workflow as the process snapshots it, with the units of the dossier's own center
 * (as they were on the day of reception); stages default to the step order.
 */
function snapshot(procedure: Procedure, centerId: string, receivedAt: Date): ProcessStep[] {
  const resolved =
    workflowFor(procedure, centerId, ORGANISATION, receivedAt) ??
    resolveGroupWorkflow(procedure.workflow, centerId, ORGANISATION, receivedAt);
  if (!resolved) {
    throw new DomainError('FORBIDDEN_TRANSITION', {
      details: { rule: 'routing.workflow-units-exist', procedureCode: procedure.code, centerId },
      messages: {
        vi: 'Quy trình nêu đơn vị không có tại Trung tâm này',
        en: 'The workflow names a unit this center does not have',
      },
    });
  }
  return resolved.map((step, index) => ({
    stepId: step.stepId,
    name: step.name,
    departmentId: step.departmentId,
    departmentName: step.departmentName,
    role: step.role,
    allottedWorkingHours: step.allottedWorkingHours,
    stage: step.stage ?? index,
  }));
}

/** Moves each dossier through its procedure's workflow and keeps its legal clock. */
export class RoutingApp {
  private readonly decider: Decider<ProcessState, ProcessCommand>;

  /**
   * `calendarFor` gives the working-day calendar of a center (the current official overrides with
   * the center's working hours and cut-off). Each decision uses the calendar of the dossier's
   * center as it is when the decision is taken: a dossier already routed keeps the due times
   * computed when it was routed (they are in its events); new calendar versions apply to later
   * computations only (the next step, a restarted or resumed clock).
   */
  constructor(
    private readonly deps: ServiceDeps,
    calendarFor: CalendarFor,
    readonly procedures: ProcedureRepository,
    private readonly deadlines?: DossierDeadlineTimers,
  ) {
    const succession = organisationSuccession(ORGANISATION);
    const base = processDecider(calendarFor(), succession);
    this.decider = {
      ...base,
      decide: (command, state) => {
        const centerId =
          command.type === 'StartRouting'
            ? command.centerId
            : state.status === 'new'
              ? undefined
              : state.centerId;
        const rulebookId =
          command.type === 'StartRouting'
            ? command.rulebookId
            : state.status === 'new'
              ? undefined
              : state.rulebookId;
        // The transfer cut-off of the dossier's rulebook, unless the center published its own hours.
        const cutoff = rulebookById(rulebookId).transferCutoff.value;
        return processDecider(calendarFor(centerId, cutoff), succession).decide(command, state);
      },
    };
  }

  /** Reactions to the log; each uses the triggering event id as its command id. */
  async onEvent(event: RecordedEvent): Promise<void> {
    const p = event.payload as Record<string, unknown>;
    const at = (field: string) => new Date(String(p[field]));
    switch (event.type) {
      case 'DossierReceived': {
        const procedure = await this.procedures.get(String(p.procedureCode), Number(p.procedureVersion));
        // The process belongs to the competent center (Decree 118/2025 Art 20): its units work the
        // steps, its calendar keeps the clock, its leadership is told of delays.
        const competent = String(p.competentCenterId ?? p.centerId);
        const applicantAddress = (p.applicant as { address?: string } | undefined)?.address;
        return this.react(event, 'start-routing', {
          type: 'StartRouting',
          procedureCode: procedure.code,
          procedureVersion: procedure.version,
          centerId: competent,
          workflow: snapshot(procedure, competent, at('receivedAt')),
          receivedAt: at('receivedAt'),
          appointmentAt: at('appointmentAt'),
          legalTimeLimit: p.legalTimeLimit as TimeLimit,
          clockExclusions: procedure.clockExclusions ?? [],
          cutoffApplies: Boolean(p.cutoffApplies),
          ...(event.rulebookId ? { rulebookId: event.rulebookId } : {}),
          ...(applicantAddress ? { applicantAddress } : {}),
        });
      }
      case 'StepCompleted':
        return this.react(event, 'advance', {
          type: 'CompleteStep',
          stepId: String(p.stepId),
          at: at('completedAt'),
        });
      case 'StepReturned':
        return this.react(event, 'return', {
          type: 'ReturnStep',
          stepId: String(p.stepId),
          toStepId: String(p.toStepId),
          at: at('returnedAt'),
        });
      case 'SupplementReceived':
        return this.react(event, 'restart-clock', { type: 'ReceiveSupplement', at: at('receivedAt') });
      case 'FeePaid':
        return this.react(event, 'resume-clock', { type: 'RecordPayment', at: at('paidAt') });
      case 'DossierWithdrawn':
        return this.react(event, 'close', { type: 'CloseWithdrawn', at: at('withdrawnAt') });
    }
  }

  private async react(event: RecordedEvent, purpose: string, command: ProcessCommand): Promise<void> {
    const result = await handleCommand(this.deps.store, this.decider, {
      ...reactionMetaOf(event, 'routing', purpose),
      // the reception starts the process: its stream is new (unless this event comes again)
      likelyNew: command.type === 'StartRouting',
      streamId: processStreamId(event.dossierId),
      dossierId: event.dossierId,
      dossierCode: event.dossierCode,
      // The dossier's rulebook travels from intake's events into routing's stream.
      ...(event.rulebookId ? { rulebookId: event.rulebookId } : {}),
      command,
    });
    await this.deadlines?.sync(
      { dossierId: event.dossierId, dossierCode: event.dossierCode, correlationId: event.correlationId },
      result.state,
      { fresh: !result.duplicate && result.events[0]?.streamVersion === 1 },
    );
  }

  /** A deadline timer fired: the fact is recorded once (its command id is the firing's key). */
  async onDeadlineTimer(timer: Timer): Promise<void> {
    const data = timer.data as unknown as DossierTimerData;
    const result = await handleCommand(this.deps.store, this.decider, {
      commandId: firingKey(timer),
      actor: { userId: 'system:routing', role: 'system' },
      correlationId: data.correlationId,
      causationId: firingKey(timer),
      streamId: processStreamId(data.dossierId),
      dossierId: data.dossierId,
      dossierCode: data.dossierCode,
      command: {
        type: 'RecordDeadline',
        deadline: data.deadline,
        appointmentAt: data.appointmentAt,
        horizonWorkingMinutes: this.deadlines?.policy.nearDueWorkingMinutes ?? 0,
        at: this.deps.clock.now(),
      },
    });
    await this.deadlines?.sync(data, result.state);
  }

  /** An officer's decision on the whole dossier (supplement, fee, refusal, apology, stop). */
  async decideForDossier<T extends OfficerDecision['type']>(
    dossierId: string,
    type: T,
    input: DecisionInput<T>,
    meta: CommandMeta,
  ) {
    const state = await this.state(dossierId);
    if (state.status === 'new') throw new DomainError('DOSSIER_NOT_FOUND', { details: { dossierId } });
    this.requireStepHolder(state, meta.actor, type);
    const command = { ...input, type, at: this.deps.clock.now() } as unknown as ProcessCommand;
    const result = await handleCommand(this.deps.store, this.decider, {
      ...meta,
      streamId: processStreamId(dossierId),
      dossierId,
      command,
    });
    const dossierCode =
      result.events[0]?.dossierCode ??
      (await this.deps.store.read(processStreamId(dossierId)))?.events[0]?.dossierCode ??
      '';
    await this.deadlines?.sync({ dossierId, dossierCode, correlationId: meta.correlationId }, result.state);
    return this.view(dossierId, result.state, result.version);
  }

  /** The one check of who decides on the dossier now (@motcua/auth/duties; the guard checked the center). */
  private requireStepHolder(
    state: Exclude<ProcessState, { status: 'new' }>,
    actor: EventActor,
    type: OfficerDecision['type'],
  ): void {
    const currentSteps = state.workflow.filter((s) => state.openSteps.includes(s.stepId));
    const decision = mayDecideOnDossier(actor, DECISION_ACTIONS[type], currentSteps);
    if (decision.allowed) return;
    throw new DomainError('PERMISSION_DENIED', {
      details: {
        rule: decision.rule,
        action: DECISION_ACTIONS[type],
        departments: currentSteps.map((s) => s.departmentId),
      },
      messages: DUTY_DENIALS[decision.rule],
    });
  }

  async state(dossierId: string): Promise<ProcessState> {
    const stream = await this.deps.store.read(processStreamId(dossierId));
    return (stream?.events ?? []).reduce(this.decider.evolve, this.decider.initialState());
  }

  async route(dossierId: string) {
    const stream = await this.deps.store.read(processStreamId(dossierId));
    const state = (stream?.events ?? []).reduce(this.decider.evolve, this.decider.initialState());
    return this.view(dossierId, state, stream?.version ?? 0);
  }

  private view(dossierId: string, state: ProcessState, version: number) {
    if (state.status === 'new') throw new DomainError('DOSSIER_NOT_FOUND', { details: { dossierId } });
    const currentSteps = state.workflow.filter((s) => state.openSteps.includes(s.stepId));
    return { dossierId, ...state, currentSteps, version };
  }
}
