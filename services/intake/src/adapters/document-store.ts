import type { Readable } from 'node:stream';
import type { EventActor } from '@motcua/contracts';
import { type Clock, updateProjection } from '@motcua/eventstore';
import { type Collection, type Db, GridFSBucket, ObjectId } from 'mongodb';
import {
  type ApplicantDocument,
  type DocumentContentType,
  type DocumentDigest,
  DocumentInspector,
  type DocumentRef,
  describeDocuments,
  documentErrors,
  findSameContent,
  markUsedIn,
  toDocumentRef,
} from '../domain/documents.js';

export const DOCUMENTS_BUCKET = 'documents';
export const APPLICANT_DOCUMENTS = 'applicant_documents';

/** `_id` = applicant id number: the re-use list is one read by `_id` (field queries scan on FerretDB). */
type ApplicantDocumentsDoc = { entries: ApplicantDocument[] };
type Stored = ApplicantDocumentsDoc & { _id: string; revision: number };

interface FileMetadata extends Partial<DocumentDigest> {
  applicantIdNumber: string;
  uploadedBy: ApplicantDocument['uploadedBy'];
}

export interface UploadInput {
  applicantIdNumber: string;
  name: string;
  actor: EventActor;
}

/** A file in GridFS that is not yet in the applicant's list: commit or discard it. */
export interface StagedDocument extends DocumentDigest {
  id: ObjectId;
  input: UploadInput;
}

export interface DocumentDownload {
  name: string;
  size: number;
  contentType: DocumentContentType;
  sha256: string;
  stream: Readable;
}

/** Scanned documents in GridFS, and each applicant's list of them for re-use. */
export class DocumentStore {
  private readonly bucket: GridFSBucket;
  private readonly files: Collection<{
    _id: ObjectId;
    length: number;
    filename?: string;
    metadata?: FileMetadata;
  }>;
  private readonly chunks: Collection<{ files_id: ObjectId }>;
  private readonly lists: Collection<Stored>;

  constructor(
    db: Db,
    private readonly options: { maxBytes: number; clock: Clock },
  ) {
    this.bucket = new GridFSBucket(db, { bucketName: DOCUMENTS_BUCKET });
    this.files = db.collection(`${DOCUMENTS_BUCKET}.files`);
    this.chunks = db.collection(`${DOCUMENTS_BUCKET}.chunks`);
    this.lists = db.collection<Stored>(APPLICANT_DOCUMENTS);
  }

  /** Streams into GridFS while checking size, type and hash; on any failure nothing is left behind. */
  async stage(input: UploadInput, source: Readable): Promise<StagedDocument> {
    const id = new ObjectId();
    const inspector = new DocumentInspector(this.options.maxBytes);
    const metadata: FileMetadata = {
      applicantIdNumber: input.applicantIdNumber,
      uploadedBy: uploader(input),
    };
    const upload = this.bucket.openUploadStreamWithId(id, input.name, { metadata });
    upload.on('error', () => undefined); // errors arrive through the write callbacks below
    // Each write is awaited, so no chunk insert is still in flight when a check fails and we clean up.
    const write = (chunk?: Buffer) =>
      new Promise<void>((resolve, reject) => {
        const done = (err?: Error | null) => (err ? reject(err) : resolve());
        if (chunk) upload.write(chunk, done);
        else upload.end(done);
      });
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        inspector.push(chunk);
        await write(chunk);
      }
      const digest = inspector.end(); // an empty or unknown file fails before the files document exists
      await write();
      // The hash is known only now; the files document is found by `_id`, so this write is cheap.
      await this.files.updateOne({ _id: id }, { $set: { metadata: { ...metadata, ...digest } } });
      return { id, input, ...digest };
    } catch (err) {
      upload.destroy();
      await this.remove(id);
      throw err;
    }
  }

  /** Adds the staged file to the applicant's list, or returns the earlier upload of the same bytes. */
  async commit(staged: StagedDocument): Promise<{ document: ApplicantDocument; duplicate: boolean }> {
    const { id, input, sha256, size, contentType } = staged;
    const entry: ApplicantDocument = {
      documentId: id.toHexString(),
      name: input.name,
      sha256,
      size,
      contentType,
      uploadedAt: this.options.clock.now().toISOString(),
      uploadedBy: uploader(input),
      dossierIds: [],
    };
    let existing: ApplicantDocument | undefined;
    try {
      await updateProjection<ApplicantDocumentsDoc>(
        this.lists,
        input.applicantIdNumber,
        () => ({ entries: [] }),
        (current) => {
          existing = findSameContent(current.entries, sha256);
          return existing ? current : { entries: [...current.entries, entry] };
        },
      );
    } catch (err) {
      await this.remove(id);
      throw err;
    }
    if (!existing) return { document: entry, duplicate: false };
    await this.remove(id);
    return { document: existing, duplicate: true };
  }

  discard(staged: StagedDocument): Promise<void> {
    return this.remove(staged.id);
  }

  /** The file and what to send with it; undefined when unknown or never completed. */
  async open(documentId: string): Promise<DocumentDownload | undefined> {
    const id = fileId(documentId);
    const file = id && (await this.files.findOne({ _id: id }));
    const meta = file?.metadata;
    if (!id || !file || !meta?.sha256 || !meta.contentType) return undefined;
    const name = file.filename ?? documentId;
    const stream = this.bucket.openDownloadStream(id);
    return { name, size: file.length, contentType: meta.contentType, sha256: meta.sha256, stream };
  }

  /** The center that uploaded a document: the resource a permission `lookup` binding checks. */
  async resourceOf(documentId: string): Promise<{ centerId?: string }> {
    const id = fileId(documentId);
    const file = id && (await this.files.findOne({ _id: id }, { projection: { metadata: 1 } }));
    if (!file?.metadata?.sha256) throw documentErrors.notFound([documentId]);
    const centerId = file.metadata.uploadedBy.centerId;
    return centerId ? { centerId } : {};
  }

  /** The applicant's documents, newest first. */
  async listForApplicant(applicantIdNumber: string): Promise<ApplicantDocument[]> {
    const found = await this.lists.findOne({ _id: applicantIdNumber });
    return [...(found?.entries ?? [])].sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt));
  }

  /** For reception: the ids must be this applicant's documents; returns what the event records. */
  async describeDocuments(applicantIdNumber: string, documentIds: readonly string[]): Promise<DocumentRef[]> {
    const found = await this.lists.findOne({ _id: applicantIdNumber });
    return describeDocuments(found?.entries ?? [], documentIds);
  }

  /** After reception: remembers which dossier used the documents (shown in the re-use list). */
  async recordUse(applicantIdNumber: string, documentIds: readonly string[], dossierId: string) {
    await updateProjection<ApplicantDocumentsDoc>(
      this.lists,
      applicantIdNumber,
      () => ({ entries: [] }),
      (current) => {
        const entries = markUsedIn(current.entries, documentIds, dossierId);
        return entries === current.entries ? current : { entries };
      },
    );
  }

  /** What a dossier event records of stored files (name, hash, size, type); unknown ids are left out. */
  async describeFiles(documentIds: readonly string[]): Promise<DocumentRef[]> {
    const refs: DocumentRef[] = [];
    for (const documentId of new Set(documentIds)) {
      const id = fileId(documentId);
      const file = id && (await this.files.findOne({ _id: id }));
      const meta = file?.metadata;
      if (!file || !meta?.sha256 || !meta.contentType || meta.size === undefined) continue;
      const name = file.filename ?? documentId;
      refs.push({ documentId, name, sha256: meta.sha256, size: meta.size, contentType: meta.contentType });
    }
    return refs;
  }

  /**
   * After an online submission is received (the counter has checked who the applicant is), its
   * attached files join the applicant's list for re-use; files already there only gain the dossier.
   */
  async adopt(
    applicantIdNumber: string,
    documents: readonly (DocumentRef & { attachedAt: string })[],
    dossierId: string,
    uploadedBy: ApplicantDocument['uploadedBy'],
  ) {
    await updateProjection<ApplicantDocumentsDoc>(
      this.lists,
      applicantIdNumber,
      () => ({ entries: [] }),
      (current) => {
        const known = new Set(current.entries.map((e) => e.documentId));
        const added = documents
          .filter((d) => !known.has(d.documentId))
          .map(
            (d): ApplicantDocument => ({
              ...toDocumentRef({ ...d, uploadedAt: d.attachedAt, uploadedBy, dossierIds: [] }),
              uploadedAt: d.attachedAt,
              uploadedBy,
              dossierIds: [dossierId],
            }),
          );
        const entries = markUsedIn(
          added.length > 0 ? [...current.entries, ...added] : current.entries,
          documents.map((d) => d.documentId),
          dossierId,
        );
        return entries === current.entries ? current : { entries };
      },
    );
  }

  /** Both collections by the file id (the chunk filter scans on FerretDB: failures and duplicates only). */
  private async remove(id: ObjectId): Promise<void> {
    await this.files.deleteOne({ _id: id });
    await this.chunks.deleteMany({ files_id: id });
  }
}

const fileId = (documentId: string) =>
  /^[0-9a-f]{24}$/.test(documentId) ? ObjectId.createFromHexString(documentId) : undefined;

const uploader = ({ actor }: UploadInput): ApplicantDocument['uploadedBy'] => ({
  userId: actor.userId,
  role: actor.role,
  ...(actor.centerId ? { centerId: actor.centerId } : {}),
});
