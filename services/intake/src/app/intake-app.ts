import type { WorkingCalendar } from '@motcua/calendar';
import { type CatalogueServiceClient, DomainError, type RecordedEvent } from '@motcua/contracts';
import { type CommandMeta, handleCommand } from '@motcua/eventstore';
import type { PromiseClient } from '@motcua/grpc';
import { reactionMetaOf, type ServiceDeps } from '@motcua/runtime';
import { v5 as uuidv5 } from 'uuid';
import type { DossierCodeAllocator } from '../adapters/code-allocator.js';
import { CENTERS } from '../domain/centers.js';
import { type IntakeDossier, intakeDossier, intakeStreamId } from '../domain/dossier.js';
import { parseDossierCode } from '../domain/dossier-code.js';
import { hashLookupKey, lookupKeyFor } from '../domain/lookup-key.js';
import type { Applicant, Channel, ReceivedDocument, ReturnMethod, TimeLimitUnit } from '../domain/types.js';

/** Namespace of dossier ids derived from reception command ids (a retry finds the same dossier). */
const DOSSIER_ID_NAMESPACE = '4b0c2f1e-8f0d-4c55-9a57-6d1b7c2e9a10';

export interface ReceiveInput {
  commandId: string;
  procedureCode: string;
  channel: Channel;
  /** Only the name is required; contact details the applicant gave are kept. */
  applicant: Partial<Applicant> & { fullName: string };
  documents: ReceivedDocument[];
}

export interface ReturnInput {
  commandId: string;
  method: ReturnMethod;
  receiverName: string;
  proxy: boolean;
}

export type DossierView = Exclude<IntakeDossier, { status: 'new' }> & { version: number };

/** The intake use cases, between the thin HTTP/gRPC/Kafka adapters and the pure domain. */
export class IntakeApp {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly calendar: WorkingCalendar,
    private readonly catalogue: PromiseClient<CatalogueServiceClient>,
    private readonly codes: DossierCodeAllocator,
    private readonly lookupSecret: string,
  ) {}

  async receiveAtCounter(input: ReceiveInput, meta: CommandMeta) {
    const center = meta.actor.centerId ? CENTERS[meta.actor.centerId] : undefined;
    if (!center) {
      throw new DomainError('INVALID_INPUT', {
        details: { rule: 'intake.officer-center', centerId: meta.actor.centerId ?? null },
        messages: {
          vi: 'Cán bộ chưa được gán cho một Trung tâm hành chính công hợp lệ',
          en: 'The officer is not assigned to a known service center',
        },
      });
    }
    const dossierId = uuidv5(input.commandId, DOSSIER_ID_NAMESPACE);
    const lookupKey = lookupKeyFor(dossierId, this.lookupSecret);
    const streamId = intakeStreamId(dossierId);

    // A retried reception must not allocate a code on another day: answer from the stream.
    const existing = await this.deps.store.read(streamId);
    if (existing?.commands.some((c) => c.id === input.commandId)) {
      return { dossier: await this.view(dossierId), lookupKey, duplicate: true };
    }

    const procedure = await this.catalogue.call('getProcedure', {
      procedureCode: input.procedureCode,
      version: 0,
    });
    const limit = procedure.legalTimeLimit;
    if (!limit)
      throw new DomainError('PROCEDURE_NOT_FOUND', { details: { procedureCode: input.procedureCode } });
    const receivedAt = this.deps.clock.now();
    const timeLimit = { value: limit.value, unit: limit.unit as TimeLimitUnit };
    const appointmentAt = this.calendar.dueAt(receivedAt, timeLimit);
    const { code } = await this.codes.allocate({
      unitCode: center.unitCode,
      receivedAt,
      commandId: input.commandId,
      dossierId,
    });
    const result = await handleCommand(this.deps.store, intakeDossier, {
      ...meta,
      streamId,
      dossierId,
      dossierCode: code,
      command: {
        type: 'ReceiveDossier',
        dossierId,
        dossierCode: code,
        lookupKeyHash: hashLookupKey(lookupKey),
        procedure: {
          code: procedure.code,
          version: procedure.version,
          name: procedure.name,
          legalTimeLimit: timeLimit,
        },
        applicant: { idNumber: '', phone: '', email: '', address: '', ...input.applicant },
        documents: input.documents,
        channel: input.channel,
        receivingUnitCode: center.unitCode,
        centerId: center.centerId,
        receivedAt,
        appointmentAt,
      },
    });
    return { dossier: toView(result.state, result.version), lookupKey, duplicate: result.duplicate };
  }

  async returnResult(dossierId: string, input: ReturnInput, meta: CommandMeta) {
    await this.requireDossier(dossierId);
    const result = await handleCommand(this.deps.store, intakeDossier, {
      ...meta,
      streamId: intakeStreamId(dossierId),
      dossierId,
      command: {
        type: 'ReturnResult',
        at: this.deps.clock.now(),
        method: input.method,
        receiverName: input.receiverName,
        proxy: input.proxy,
      },
    });
    return toView(result.state, result.version);
  }

  /** Reaction: the result of processing arrives at the counter to be returned. */
  async onEvent(event: RecordedEvent): Promise<void> {
    if (event.type !== 'DossierProcessingCompleted') return;
    await handleCommand(this.deps.store, intakeDossier, {
      ...reactionMetaOf(event, 'intake', 'record-result'),
      streamId: intakeStreamId(event.dossierId),
      dossierId: event.dossierId,
      command: { type: 'RecordResultAtCounter', at: this.deps.clock.now() },
    });
  }

  /** A dossier by id or by code. */
  async find(ref: string): Promise<DossierView> {
    const dossierId = parseDossierCode(ref) ? await this.codes.dossierIdForCode(ref) : ref;
    if (!dossierId) throw new DomainError('DOSSIER_NOT_FOUND', { details: { ref } });
    return this.requireDossier(dossierId);
  }

  private async requireDossier(dossierId: string): Promise<DossierView> {
    const view = await this.view(dossierId);
    if (!view) throw new DomainError('DOSSIER_NOT_FOUND', { details: { dossierId } });
    return view;
  }

  private async view(dossierId: string): Promise<DossierView | null> {
    const stream = await this.deps.store.read(intakeStreamId(dossierId));
    if (!stream) return null;
    const state = stream.events.reduce(intakeDossier.evolve, intakeDossier.initialState());
    return state.status === 'new' ? null : { ...state, version: stream.version };
  }
}

function toView(state: IntakeDossier, version: number): DossierView {
  if (state.status === 'new') throw new Error('a received dossier cannot be new');
  return { ...state, version };
}
