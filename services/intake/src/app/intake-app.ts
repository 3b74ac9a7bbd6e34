import { timingSafeEqual } from 'node:crypto';
import { hashLookupKey, lookupKeyFor } from '@motcua/auth';
import { type CatalogueServiceClient, DomainError, type RecordedEvent } from '@motcua/contracts';
import { type CommandMeta, handleCommand, previousRun, type StreamDocument } from '@motcua/eventstore';
import type { PromiseClient } from '@motcua/grpc';
import { ORGANISATION } from '@motcua/organisation';
import { reactionMetaOf, type ServiceDeps } from '@motcua/runtime';
import { v5 as uuidv5 } from 'uuid';
import { Attempts } from '../adapters/attempts.js';
import type { DossierCodeAllocator } from '../adapters/code-allocator.js';
import type { DocumentStore } from '../adapters/document-store.js';
import { DossierSearchIndex, SEARCH_EVENTS } from '../adapters/dossier-search-index.js';
import { OnlineQueues } from '../adapters/online-queues.js';
import { OnlineReceipts } from '../adapters/online-receipts.js';
import { ProcessViews } from '../adapters/process-views.js';
import { ReturnQueues } from '../adapters/return-queues.js';
import { CENTERS, centersAsOf } from '../domain/centers.js';
import { buildChecklist, sameName } from '../domain/checklist.js';
import type { DocumentRef } from '../domain/documents.js';
import {
  assertComplete,
  type IntakeCommand,
  type IntakeDossier,
  intakeDossier,
  intakeStreamId,
  nationalStatus,
} from '../domain/dossier.js';
import { parseDossierCode } from '../domain/dossier-code.js';
import type { SearchHit } from '../domain/dossier-search.js';
import { uploadKeyFor } from '../domain/online-documents.js';
import { ONLINE_QUEUE_EVENTS, type WaitingSubmission } from '../domain/online-queue.js';
import { RECEIPT_NUMBER } from '../domain/online-submission.js';
import { type Receipt, receiptOf } from '../domain/receipt.js';
import { receptionUnits } from '../domain/reception-units.js';
import { downloadableResultFile, resultFileErrors } from '../domain/result-file.js';
import { RETURN_QUEUE_EVENTS, type WaitingResult } from '../domain/return-queue.js';
import type {
  Applicant,
  Channel,
  ChecklistItem,
  PaymentMethod,
  ProcedureSummary,
  ReceivedDocument,
  ReturnMethod,
  TimeLimitUnit,
} from '../domain/types.js';
import { followSuccession } from '../domain/types.js';
import { OnlineAttachments } from './online-attachments.js';

/** Namespace of dossier ids derived from the command ids that create them (a retry finds the same dossier). */
const DOSSIER_ID_NAMESPACE = '4b0c2f1e-8f0d-4c55-9a57-6d1b7c2e9a10';

type ApplicantInput = Partial<Applicant> & { fullName: string };

export interface ReceiveInput {
  commandId: string;
  procedureCode: string;
  channel: Channel;
  applicant: ApplicantInput;
  documents: ReceivedDocument[];
  checklist?: ChecklistItem[];
  guidance?: string;
  /** Boundary-free reception (Decree 118/2025 Art 14(2)): another center of the province decides. */
  competentCenterId?: string;
  /** Where the applicant collects the result; default the receiving center. */
  returnCenterId?: string;
}

export interface SubmitOnlineInput {
  commandId: string;
  /** Proves a retry comes from the submitter (its hash is the command's retry proof). */
  submissionSecret: string;
  procedureCode: string;
  centerId: string;
  applicant: ApplicantInput;
  documents: ReceivedDocument[];
}

export interface ReturnInput {
  commandId: string;
  method: ReturnMethod;
  receiverName: string;
  proxy: boolean;
  authorizationReference?: string;
  trackingNumber?: string;
}

export type DossierView = Exclude<IntakeDossier, { status: 'new' }> & {
  version: number;
  process: Awaited<ReturnType<ProcessViews['get']>>;
};

/** Constant-time comparison of two hex digests. */
const matches = (a: string, b: string) =>
  a.length === b.length && a.length > 0 && timingSafeEqual(Buffer.from(a), Buffer.from(b));

const fullApplicant = (a: ApplicantInput): Applicant => ({
  idNumber: '',
  phone: '',
  email: '',
  address: '',
  ...a,
});

/**
 * Whether `onEvent` does anything with the event, from its producer and type alone: routing's events
 * (the process view) and the few that feed the counter's queues and search. The consumer passes the rest
 * over without a database look-up.
 */
export function intakeReactsTo(event: Pick<RecordedEvent, 'type' | 'producer'>): boolean {
  return (
    event.producer === 'routing' ||
    RETURN_QUEUE_EVENTS.has(event.type) ||
    ONLINE_QUEUE_EVENTS.has(event.type) ||
    SEARCH_EVENTS.has(event.type)
  );
}

/** The intake use cases, between the thin HTTP/gRPC/Kafka adapters and the pure domain. */
export class IntakeApp {
  private readonly processes: ProcessViews;
  private readonly returnQueues: ReturnQueues;
  private readonly onlineQueues: OnlineQueues;
  private readonly onlineReceipts: OnlineReceipts;
  private readonly searchIndex: DossierSearchIndex;
  /** Documents of online submissions before the counter checks them (upload key, re-use). */
  readonly attachments: OnlineAttachments;
  /** Throttled, recorded credential checks: officers' logins and receipts' code + key. */
  readonly attempts: Attempts;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly catalogue: PromiseClient<CatalogueServiceClient>,
    private readonly codes: DossierCodeAllocator,
    private readonly lookupSecret: string,
    private readonly documents: DocumentStore,
  ) {
    this.processes = new ProcessViews(deps.db);
    this.returnQueues = new ReturnQueues(deps.db);
    this.onlineQueues = new OnlineQueues(deps.db);
    this.onlineReceipts = new OnlineReceipts(deps.db);
    this.searchIndex = new DossierSearchIndex(deps.db);
    this.attempts = new Attempts(deps.db, deps.clock);
    this.attachments = new OnlineAttachments(deps, documents, lookupSecret, async (code, key, source) => {
      await this.lookup(code, key, source);
      return this.find(code);
    });
  }

  /** Counter submission: a new dossier received in one step. */
  async receiveAtCounter(input: ReceiveInput, meta: CommandMeta) {
    const dossierId = uuidv5(input.commandId, DOSSIER_ID_NAMESPACE);
    return this.receive(dossierId, input, meta);
  }

  /** The officer's check of an online submission ends in reception (or refusal / supplement request). */
  async acceptOnline(
    dossierId: string,
    input: Omit<ReceiveInput, 'procedureCode' | 'channel' | 'applicant' | 'documents'>,
    meta: CommandMeta,
  ) {
    const submitted = await this.requireDossier(dossierId);
    const stream = await this.deps.store.read(intakeStreamId(dossierId));
    if (!stream) throw new DomainError('DOSSIER_NOT_FOUND', { details: { dossierId } });
    const payload = stream.events[0]?.payload as
      | { applicant: Applicant; documents: ReceivedDocument[] }
      | undefined;
    // The files attached to the submission are its own (its events name them): no re-use check.
    const attached = submitted.attachedDocuments ?? [];
    const declared = (payload?.documents ?? []).filter(
      (d) => !attached.some((a) => sameName(a.name, d.name)),
    );
    const result = await this.receive(
      dossierId,
      {
        ...input,
        procedureCode: submitted.procedureCode,
        channel: 'online',
        applicant: payload?.applicant ?? { fullName: submitted.applicantFullName },
        documents: declared,
      },
      meta,
      attached.map((a) => ({
        name: a.name,
        original: false,
        count: 1,
        documentId: a.documentId,
        sha256: a.sha256,
      })),
      stream,
    );
    const idNumber = payload?.applicant?.idNumber;
    if (idNumber && attached.length > 0 && !result.duplicate) {
      await this.documents.adopt(idNumber, attached, dossierId, {
        userId: `applicant:${idNumber}`,
        role: 'applicant',
        centerId: submitted.centerId,
      });
    }
    return result;
  }

  /**
   * Receives a dossier. `submitted`: the stream of an online submission being accepted; a counter
   * reception has none, and does not read one first: its number, written before its stream, tells a
   * retry apart (`fresh`), and a retry's stream is read only then.
   */
  private async receive(
    dossierId: string,
    input: ReceiveInput,
    meta: CommandMeta,
    attached: ReceivedDocument[] = [],
    submitted?: StreamDocument,
  ) {
    const center = this.centerOf(meta);
    const lookupKey = lookupKeyFor(dossierId, this.lookupSecret);
    const streamId = intakeStreamId(dossierId);
    const duplicate = async () => ({ dossier: (await this.view(dossierId))!, lookupKey, duplicate: true });
    // (to the same officer only: previousRun refuses a command id someone else used)
    if (submitted && previousRun(submitted, meta)) return duplicate();
    const prepared = await this.prepareReception(input, center, attached).catch(async (err: unknown) => {
      // A retry of a reception accepted before answers as it did then, even if its procedure changed.
      if (!submitted && err instanceof DomainError && previousRun(await this.deps.store.read(streamId), meta))
        return undefined;
      throw err;
    });
    if (!prepared) return duplicate();
    const { procedure, applicant, documents, checklist, units, receivedAt, appointmentAt, cutoffApplies } =
      prepared;
    // A retried reception keeps the number (and the day) it took the first time.
    const { code, fresh } = await this.codes.allocate(
      { unitCode: center.unitCode, receivedAt, commandId: input.commandId, dossierId },
      // a number taken before: its stream says whether that attempt completed (and whose it was)
      async () => !previousRun(await this.deps.store.read(streamId), meta),
    );
    const received = await handleCommand(this.deps.store, intakeDossier, {
      ...meta,
      streamId,
      dossierId,
      dossierCode: code,
      // a counter reception that took its number now has no stream yet (a retry is read instead)
      likelyNew: fresh && !submitted,
      command: {
        type: 'ReceiveDossier',
        dossierId,
        dossierCode: code,
        lookupKeyHash: hashLookupKey(lookupKey),
        procedure,
        applicant,
        documents,
        checklist,
        guidance: input.guidance ?? '',
        channel: input.channel,
        receivingUnitCode: center.unitCode,
        centerId: center.centerId,
        units,
        receivedAt,
        appointmentAt,
        cutoffApplies,
      },
    });
    if (received.duplicate) return duplicate();
    const stored = documents.flatMap((d) => (d.documentId && !attached.includes(d) ? [d.documentId] : []));
    if (stored.length > 0) await this.documents.recordUse(applicant.idNumber, stored, dossierId);
    // the state the command left, as stored: no need to read the stream back; and a dossier new to
    // the log has no process yet (routing starts one from the event this command just appended)
    const dossier = await this.viewOf(
      dossierId,
      received.state,
      received.version,
      submitted ? undefined : null,
    );
    return { dossier: dossier!, lookupKey, duplicate: false };
  }

  /** What a reception checks and asks for before it takes a number; refusals here write nothing. */
  private async prepareReception(
    input: ReceiveInput,
    center: { centerId: string },
    attached: ReceivedDocument[],
  ) {
    const { procedure, requiredDocuments, cutoffApplies, boundaryFree } = await this.procedureDetails(
      input.procedureCode,
    );
    const applicant = fullApplicant(input.applicant);
    const documents = [...(await this.withStoredFiles(applicant.idNumber, input.documents)), ...attached];
    const checklist = buildChecklist(requiredDocuments, documents, input.checklist);
    // Checked before a number is claimed: a refused reception leaves no gap in the daily sequence.
    assertComplete(checklist);
    const receivedAt = this.deps.clock.now();
    // Who decides and where the result goes, refused before anything is written or numbered.
    const units = receptionUnits(ORGANISATION, {
      procedureCode: procedure.code,
      receivingCenterId: center.centerId,
      ...(input.competentCenterId ? { competentCenterId: input.competentCenterId } : {}),
      ...(input.returnCenterId ? { returnCenterId: input.returnCenterId } : {}),
      boundaryFree,
      receivedAt,
    });
    // Routing is the one authority for due times (the calendar in force, the competent center's hours).
    const due = await this.catalogue.call('computeDueTimes', {
      centerId: units.competentCenterId,
      receivedAt: receivedAt.toISOString(),
      legalTimeLimit: procedure.legalTimeLimit,
      cutoffApplies,
    });
    if (!due.appointmentAt) throw new DomainError('UNAVAILABLE', { details: { dependency: 'routing' } });
    const appointmentAt = new Date(due.appointmentAt);
    return { procedure, applicant, documents, checklist, units, receivedAt, appointmentAt, cutoffApplies };
  }

  /**
   * Documents scanned into the store are taken with the hash the store computed, never the
   * client's; they must be the applicant's own (re-use of earlier dossiers' documents).
   */
  private async withStoredFiles(
    idNumber: string,
    documents: ReceivedDocument[],
  ): Promise<ReceivedDocument[]> {
    const ids = documents.flatMap((d) => (d.documentId ? [d.documentId] : []));
    if (ids.length === 0) return documents.map(({ sha256: _, ...d }) => d);
    if (!idNumber) {
      throw new DomainError('INVALID_INPUT', {
        details: { field: 'applicant.idNumber', rule: 'intake.documents-need-applicant-id' },
        messages: {
          vi: 'Cần số định danh của người nộp để gắn giấy tờ đã số hóa',
          en: "Scanned documents need the applicant's ID number",
        },
      });
    }
    const stored = new Map(
      (await this.documents.describeDocuments(idNumber, ids)).map((d) => [d.documentId, d]),
    );
    return documents.map(({ sha256: _, ...d }) => {
      const file = d.documentId ? stored.get(d.documentId) : undefined;
      return file ? { ...d, sha256: file.sha256 } : d;
    });
  }

  async submitOnline(input: SubmitOnlineInput, meta: CommandMeta) {
    if (!CENTERS[input.centerId]) {
      throw new DomainError('INVALID_INPUT', { details: { field: 'centerId', centerId: input.centerId } });
    }
    const dossierId = uuidv5(input.commandId, DOSSIER_ID_NAMESPACE);
    const procedure = await this.procedure(input.procedureCode);
    await this.run(dossierId, meta, {
      type: 'SubmitOnline',
      dossierId,
      procedure,
      centerId: input.centerId,
      applicant: fullApplicant(input.applicant),
      documents: input.documents,
      at: this.deps.clock.now(),
    });
    const view = (await this.view(dossierId))!;
    if (view.receiptNumber) await this.onlineReceipts.remember(view.receiptNumber, dossierId);
    // Answered to the submitter alone (a retry with the same command id gets it again): it opens
    // the upload of documents to this submission and nothing else.
    return { ...view, uploadKey: uploadKeyFor(dossierId, this.lookupSecret) };
  }

  async refuseAtIntake(
    input: { commandId: string; dossierId?: string; procedureCode?: string; reasons: string[] },
    meta: CommandMeta,
  ) {
    const dossierId = input.dossierId ?? uuidv5(input.commandId, DOSSIER_ID_NAMESPACE);
    const known = input.dossierId ? await this.requireDossier(input.dossierId) : null;
    const procedureCode = known?.procedureCode ?? input.procedureCode;
    if (!procedureCode) throw new DomainError('INVALID_INPUT', { details: { field: 'procedureCode' } });
    // A refusal is counted in II.06a by its procedure: an unknown code is refused, nothing written.
    if (!known) await this.procedure(procedureCode);
    return this.run(dossierId, meta, {
      type: 'RefuseAtIntake',
      reasons: input.reasons,
      procedureCode,
      centerId: known?.centerId ?? this.centerOf(meta).centerId,
      at: this.deps.clock.now(),
    });
  }

  requestSupplementAtIntake(
    dossierId: string,
    input: { missingDocuments: string[]; guidance: string },
    meta: CommandMeta,
  ) {
    return this.existing(dossierId, meta, {
      type: 'RequestSupplementAtIntake',
      ...input,
      at: this.deps.clock.now(),
    });
  }

  async receiveSupplement(dossierId: string, input: { documents: ReceivedDocument[] }, meta: CommandMeta) {
    const process = await this.processes.get(dossierId);
    return this.existing(dossierId, meta, {
      type: 'ReceiveSupplement',
      documents: input.documents,
      process,
      at: this.deps.clock.now(),
    });
  }

  async recordPayment(
    dossierId: string,
    input: { amountVnd: number; method: PaymentMethod; receiptNumber: string },
    meta: CommandMeta,
  ) {
    // The applicant declares only what they paid online (the national payment platform's reference);
    // payments at the counter or by post are recorded by the counter.
    if (meta.actor.role === 'applicant' && input.method !== 'online') {
      throw new DomainError('INVALID_INPUT', {
        messages: {
          vi: 'Người nộp hồ sơ chỉ tự ghi nhận được khoản thanh toán trực tuyến',
          en: 'An applicant can only record an online payment',
        },
        details: { field: 'method', rule: 'payment.applicant-online-only', method: input.method },
      });
    }
    const process = await this.processes.get(dossierId);
    return this.existing(dossierId, meta, {
      type: 'RecordPayment',
      ...input,
      process,
      at: this.deps.clock.now(),
    });
  }

  /** The applicant's satisfaction rating (1…5) and comment, once, after the result. */
  async giveFeedback(dossierId: string, input: { rating: number; comment: string }, meta: CommandMeta) {
    return this.existing(dossierId, meta, {
      type: 'GiveFeedback',
      rating: input.rating,
      comment: input.comment,
      at: this.deps.clock.now(),
    });
  }

  async withdraw(dossierId: string, input: { reason: string }, meta: CommandMeta) {
    const process = await this.processes.get(dossierId);
    return this.existing(dossierId, meta, {
      type: 'Withdraw',
      reason: input.reason,
      process,
      at: this.deps.clock.now(),
    });
  }

  /** The electronic result file, attached by the signing department or the counter (its hash recorded by ResultFileAttached). */
  async attachResultFile(dossierId: string, file: DocumentRef, meta: CommandMeta) {
    const dossier = await this.requireDossier(dossierId);
    const { resultTypes } = await this.procedureDetails(dossier.procedureCode);
    const process = await this.processes.get(dossierId);
    return this.run(dossierId, meta, {
      type: 'AttachResultFile',
      file,
      resultTypes,
      process,
      at: this.deps.clock.now(),
    });
  }

  /** The dossier's electronic result file id, for the download route. */
  async resultFileOf(dossierId: string): Promise<DocumentRef> {
    const file = downloadableResultFile(await this.requireDossier(dossierId));
    if (!file) throw resultFileErrors.none(dossierId);
    return file;
  }

  returnResult(dossierId: string, input: ReturnInput, meta: CommandMeta) {
    const { commandId: _, ...rest } = input;
    return this.existing(dossierId, meta, { type: 'ReturnResult', ...rest, at: this.deps.clock.now() });
  }

  /** Reactions: routing's decisions reach the counter. */
  async onEvent(event: RecordedEvent): Promise<void> {
    if (!intakeReactsTo(event)) return;
    await this.processes.apply(event);
    if (RETURN_QUEUE_EVENTS.has(event.type)) await this.updateReturnQueue(event);
    if (ONLINE_QUEUE_EVENTS.has(event.type)) await this.updateOnlineQueue(event);
    if (SEARCH_EVENTS.has(event.type)) await this.searchIndex.apply(event);
    if (event.type !== 'DossierProcessingCompleted') return;
    const outcome = (event.payload as { outcome?: string }).outcome === 'refused' ? 'refused' : 'approved';
    await handleCommand(this.deps.store, intakeDossier, {
      ...reactionMetaOf(event, 'intake', 'record-result'),
      streamId: intakeStreamId(event.dossierId),
      dossierId: event.dossierId,
      command: { type: 'RecordResultAtCounter', outcome, at: this.deps.clock.now() },
    });
  }

  /**
   * The public look-up (Circular 01/2018 Art 16): with the code and the key printed on the receipt,
   * anyone sees the code and the status, nothing else. A wrong key answers like an unknown code;
   * guesses are throttled per code and per source address (`source`: the caller's address).
   */
  async lookup(code: string, key: string, source: string) {
    return this.attempts.run({ kind: 'applicant', subject: code, source }, () =>
      this.checkedLookup(code, key),
    );
  }

  private async checkedLookup(code: string, key: string) {
    const dossierId = parseDossierCode(code) ? await this.codes.dossierIdForCode(code) : null;
    const stream = dossierId ? await this.deps.store.read(intakeStreamId(dossierId)) : null;
    const received = stream?.events.find((e) => e.type === 'DossierReceived');
    const expected = String(
      (received?.payload as { lookupKeyHash?: string } | undefined)?.lookupKeyHash ?? '',
    );
    if (!dossierId || !stream || !matches(hashLookupKey(key), expected)) {
      throw new DomainError('DOSSIER_NOT_FOUND', { details: { code } });
    }
    const state = stream.events.reduce(intakeDossier.evolve, intakeDossier.initialState());
    const { status, code: nationalStatusCode } = nationalStatus(state, await this.processes.get(dossierId));
    return { dossierCode: code, status, nationalStatusCode };
  }

  /** The applicant behind a receipt: the code and its key prove it (until VNeID login exists). */
  async applicantOf(code: string, key: string, source: string) {
    const attempt = { kind: 'applicant', subject: code, source, recordSuccess: true } as const;
    await this.attempts.run(attempt, () => this.checkedLookup(code, key));
    const dossier = await this.find(code);
    return { userId: dossier.applicantId, role: 'applicant', displayName: dossier.applicantFullName };
  }

  /** The results waiting at a center's counter, oldest first. */
  resultsToReturn(centerId: string): Promise<WaitingResult[]> {
    return this.returnQueues.waiting(centerId);
  }

  /** A center's dossiers by applicant name, phone, ID number or part of the code, newest first. */
  searchDossiers(centerId: string, query: string): Promise<SearchHit[]> {
    return this.searchIndex.search(centerId, query);
  }

  /** The online submissions waiting at a center's counter to be checked, oldest first. */
  onlineSubmissionsToCheck(centerId: string): Promise<WaitingSubmission[]> {
    return this.onlineQueues.waiting(centerId);
  }

  private async updateOnlineQueue(event: RecordedEvent): Promise<void> {
    const p = event.payload as { centerId?: string; fromOnlineSubmission?: boolean };
    if (event.type === 'DossierSubmittedOnline' || event.type === 'DossierRefusedAtIntake') {
      if (p.centerId) await this.onlineQueues.apply(event, p.centerId);
      return;
    }
    if (event.type === 'DossierReceived') {
      if (p.fromOnlineSubmission && p.centerId) await this.onlineQueues.apply(event, p.centerId);
      return;
    }
    const d = await this.view(event.dossierId);
    if (d?.channel === 'online') await this.onlineQueues.apply(event, d.centerId);
  }

  private async updateReturnQueue(event: RecordedEvent): Promise<void> {
    const d = await this.view(event.dossierId);
    if (!d) return;
    const p = event.payload as { receivedAt?: string; outcome?: string };
    // The result waits where the applicant chose to collect it.
    await this.returnQueues.apply(event, d.returnCenterId, {
      dossierId: d.dossierId,
      dossierCode: d.dossierCode,
      procedureName: d.procedureName,
      applicantFullName: d.applicantFullName,
      outcome: p.outcome ?? 'approved',
      resultAt: p.receivedAt ?? event.occurredAt,
      ...(d.appointmentAt ? { appointmentAt: d.appointmentAt } : {}),
    });
  }

  /** Mẫu 01 of a received dossier, with its look-up key derived again (never stored). */
  async receipt(dossierId: string): Promise<Receipt> {
    const stream = await this.deps.store.read(intakeStreamId(dossierId));
    const receipt = stream
      ? receiptOf(stream.events, lookupKeyFor(dossierId, this.lookupSecret), (id) => CENTERS[id]?.name ?? id)
      : undefined;
    if (!receipt) throw new DomainError('DOSSIER_NOT_FOUND', { details: { dossierId } });
    return receipt;
  }

  /** A dossier by id, by code or by the electronic receipt number of its online submission. */
  async find(ref: string): Promise<DossierView> {
    const dossierId = parseDossierCode(ref)
      ? await this.codes.dossierIdForCode(ref)
      : RECEIPT_NUMBER.test(ref.toUpperCase())
        ? await this.onlineReceipts.dossierIdFor(ref.toUpperCase())
        : ref;
    if (!dossierId) throw new DomainError('DOSSIER_NOT_FOUND', { details: { ref } });
    return this.requireDossier(dossierId);
  }

  private async existing(dossierId: string, meta: CommandMeta, command: IntakeCommand) {
    await this.requireDossier(dossierId);
    return this.run(dossierId, meta, command);
  }

  private async run(dossierId: string, meta: CommandMeta, command: IntakeCommand): Promise<DossierView> {
    await handleCommand(this.deps.store, intakeDossier, {
      ...meta,
      streamId: intakeStreamId(dossierId),
      dossierId,
      command,
    });
    return (await this.view(dossierId))!;
  }

  /** The officer's center as of the reception instant (a 2018 district center only until 30 June 2025). */
  private centerOf(meta: CommandMeta) {
    const center = meta.actor.centerId ? centersAsOf(this.deps.clock.now())[meta.actor.centerId] : undefined;
    if (!center) {
      throw new DomainError('INVALID_INPUT', {
        details: { rule: 'intake.officer-center', centerId: meta.actor.centerId ?? null },
        messages: {
          vi: 'Cán bộ chưa được gán cho một Trung tâm hành chính công hợp lệ',
          en: 'The officer is not assigned to a known service center',
        },
      });
    }
    return center;
  }

  private async procedure(code: string): Promise<ProcedureSummary> {
    return (await this.procedureDetails(code)).procedure;
  }

  /** The procedure in force, with what reception checks against: its documents and the cut-off. */
  private async procedureDetails(code: string) {
    const found = await this.catalogue.call('getProcedure', { procedureCode: code, version: 0 });
    const limit = found.legalTimeLimit;
    if (!limit) throw new DomainError('PROCEDURE_NOT_FOUND', { details: { procedureCode: code } });
    const procedure: ProcedureSummary = {
      code: found.code,
      version: found.version,
      name: found.name,
      legalTimeLimit: { value: limit.value, unit: limit.unit as TimeLimitUnit },
    };
    const requiredDocuments = (found.details?.requiredDocuments ?? []).map((d) => ({
      name: d.name,
      conditional: d.conditional,
    }));
    return {
      procedure,
      requiredDocuments,
      cutoffApplies: found.details?.cutoffApplies ?? false,
      resultTypes: found.details?.resultTypes ?? [],
      boundaryFree: found.details?.boundaryFree ?? [],
    };
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
    return this.viewOf(dossierId, state, stream.version);
  }

  private async viewOf(
    dossierId: string,
    state: ReturnType<typeof intakeDossier.initialState>,
    version: number,
    known?: DossierView['process'],
  ): Promise<DossierView | null> {
    if (state.status === 'new') return null;
    const process = known === undefined ? await this.processes.get(dossierId) : known;
    return { ...followSuccession(state, process), version, process };
  }
}
