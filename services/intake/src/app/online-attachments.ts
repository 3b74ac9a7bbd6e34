import { idNumberOfApplicant, lookupKeyFor } from '@motcua/auth';
import { type CommandMeta, handleCommand } from '@motcua/eventstore';
import type { ServiceDeps } from '@motcua/runtime';
import type { DocumentStore } from '../adapters/document-store.js';
import type { DocumentRef } from '../domain/documents.js';
import { type IntakeDossier, intakeDossier, intakeStreamId } from '../domain/dossier.js';
import {
  type AttachedDocument,
  onlineDocumentErrors,
  sameAttachment,
  uploadKeyMatches,
} from '../domain/online-documents.js';

type Known = Exclude<IntakeDossier, { status: 'new' }>;

/** An earlier dossier the applicant proved is theirs (code + look-up key), as intake sees it. */
export type ProveOwnership = (dossierCode: string, lookupKey: string, source: string) => Promise<Known>;

/**
 * Documents of an online submission before the counter checks it. Whoever created the submission
 * holds its upload key; nothing else (no ID number, no token) opens it, so nobody files documents
 * under someone else's name. The files join the applicant's re-use list only at reception.
 */
export class OnlineAttachments {
  constructor(
    private readonly deps: Pick<ServiceDeps, 'store' | 'clock'>,
    private readonly documents: DocumentStore,
    private readonly secret: string,
    private readonly proveOwnership: ProveOwnership,
  ) {}

  /** Checked before a byte is stored: the key is this submission's and it still waits for the counter. */
  async openForUpload(dossierId: string, uploadKey: string) {
    const state = await this.submission(dossierId, uploadKey);
    if (state.status !== 'submitted') throw onlineDocumentErrors.notWaiting(state.status);
    return {
      centerId: state.centerId,
      applicantIdNumber: idNumberOfApplicant(state.applicantId),
      uploader: { userId: `applicant:submission:${dossierId}`, role: 'applicant', centerId: state.centerId },
    };
  }

  /** Records an uploaded file on the submission; the same bytes for the same document answer the earlier attachment. */
  async attach(dossierId: string, uploadKey: string, file: DocumentRef, meta: Omit<CommandMeta, 'actor'>) {
    const state = await this.run(dossierId, uploadKey, [file], meta);
    const attached = state.attachedDocuments ?? [];
    const document = sameAttachment(attached, file)!;
    return { document, duplicate: document.documentId !== file.documentId, documents: attached };
  }

  /** Attaches the scanned files of an earlier dossier whose code and look-up key the applicant gave. */
  async reuse(
    dossierId: string,
    input: { uploadKey: string; dossierCode: string; lookupKey: string },
    meta: Omit<CommandMeta, 'actor'>,
    source: string,
  ) {
    await this.submission(dossierId, input.uploadKey);
    const earlier = await this.proveOwnership(input.dossierCode, input.lookupKey, source);
    const ids = [
      ...(earlier.documents ?? []).flatMap((d) => (d.documentId ? [d.documentId] : [])),
      ...(earlier.attachedDocuments ?? []).map((d) => d.documentId),
    ];
    const files = await this.documents.describeFiles(ids);
    if (files.length === 0) throw onlineDocumentErrors.nothingToReuse();
    const state = await this.run(dossierId, input.uploadKey, files, meta, earlier.dossierId);
    return { documents: state.attachedDocuments ?? [] };
  }

  /**
   * Where the submission stands, for the page of whoever made it (its upload key): after a reload the
   * portal resumes from here. Once the counter has received it, the dossier code and its look-up key
   * are answered too — the submitter is the applicant, and the key is derived again, never stored.
   */
  async state(dossierId: string, uploadKey: string) {
    const state = await this.submission(dossierId, uploadKey);
    return {
      dossierId,
      status: state.status,
      ...(state.receiptNumber ? { receiptNumber: state.receiptNumber } : {}),
      procedureCode: state.procedureCode,
      procedureName: state.procedureName,
      documents: state.attachedDocuments ?? [],
      ...(state.dossierCode
        ? { dossierCode: state.dossierCode, lookupKey: lookupKeyFor(dossierId, this.secret) }
        : {}),
    };
  }

  /** What the submission holds so far (for the applicant who holds its key). */
  async list(dossierId: string, uploadKey: string): Promise<{ documents: AttachedDocument[] }> {
    const state = await this.submission(dossierId, uploadKey);
    return { documents: state.attachedDocuments ?? [] };
  }

  private async run(
    dossierId: string,
    uploadKey: string,
    documents: DocumentRef[],
    meta: Omit<CommandMeta, 'actor'>,
    reusedFromDossierId?: string,
  ): Promise<Known> {
    const current = await this.submission(dossierId, uploadKey);
    const result = await handleCommand(this.deps.store, intakeDossier, {
      ...meta,
      actor: { userId: current.applicantId, role: 'applicant' },
      streamId: intakeStreamId(dossierId),
      dossierId,
      command: {
        type: 'AttachOnlineDocuments',
        documents,
        ...(reusedFromDossierId ? { reusedFromDossierId } : {}),
        at: this.deps.clock.now(),
      },
    });
    return result.state as Known;
  }

  /** A wrong key answers like an unknown submission's: nobody learns which ids exist. */
  private async submission(dossierId: string, uploadKey: string): Promise<Known> {
    if (!uploadKeyMatches(dossierId, this.secret, uploadKey)) throw onlineDocumentErrors.wrongUploadKey();
    const stream = await this.deps.store.read(intakeStreamId(dossierId));
    const state = (stream?.events ?? []).reduce(intakeDossier.evolve, intakeDossier.initialState());
    if (state.status === 'new' || state.channel !== 'online') throw onlineDocumentErrors.wrongUploadKey();
    return state;
  }
}
