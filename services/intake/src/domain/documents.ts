import { createHash } from 'node:crypto';
import { DomainError } from '@motcua/contracts';

export const DEFAULT_MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
export const APPLICANT_ID_PATTERN = '^[0-9]{9,12}$';
export const MAX_DOCUMENT_NAME_LENGTH = 200;

/** What scanners and phones produce. The type is read from the bytes, never from the client's word. */
export const DOCUMENT_TYPES = {
  'application/pdf': { extension: 'pdf', signatures: [[0x25, 0x50, 0x44, 0x46, 0x2d]] }, // %PDF-
  'image/jpeg': { extension: 'jpg', signatures: [[0xff, 0xd8, 0xff]] },
  'image/png': { extension: 'png', signatures: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]] },
  'image/tiff': {
    extension: 'tif',
    signatures: [
      [0x49, 0x49, 0x2a, 0x00],
      [0x4d, 0x4d, 0x00, 0x2a],
    ],
  },
} as const satisfies Record<string, { extension: string; signatures: number[][] }>;

export type DocumentContentType = keyof typeof DOCUMENT_TYPES;
const SNIFF_BYTES = 8;

export function sniffContentType(head: Uint8Array): DocumentContentType | undefined {
  for (const [type, spec] of Object.entries(DOCUMENT_TYPES)) {
    const signatures: readonly (readonly number[])[] = spec.signatures;
    if (signatures.some((sig) => sig.length <= head.length && sig.every((b, i) => head[i] === b))) {
      return type as DocumentContentType;
    }
  }
  return undefined;
}

export const documentErrors = {
  tooLarge: (maxBytes: number) => {
    const mib = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
    return new DomainError('DOCUMENT_TOO_LARGE', {
      kind: 'invalid_input',
      httpStatus: 413,
      messages: {
        vi: `Tệp vượt quá dung lượng cho phép (${mib} MB)`,
        en: `The file exceeds the size limit (${mib} MiB)`,
      },
      details: { maxBytes },
    });
  },
  typeNotAllowed: () =>
    new DomainError('DOCUMENT_TYPE_NOT_ALLOWED', {
      kind: 'invalid_input',
      httpStatus: 415,
      messages: {
        vi: 'Chỉ chấp nhận tệp PDF, JPEG, PNG hoặc TIFF',
        en: 'Only PDF, JPEG, PNG or TIFF files are accepted',
      },
      details: { allowed: Object.keys(DOCUMENT_TYPES) },
    }),
  invalid: (rule: string, vi: string, en: string) =>
    new DomainError('INVALID_INPUT', { messages: { vi, en }, details: { rule } }),
  notFound: (documentIds: string[]) =>
    new DomainError('DOCUMENT_NOT_FOUND', {
      kind: 'not_found',
      messages: {
        vi: 'Không tìm thấy tài liệu của người nộp hồ sơ',
        en: "Document not found among the applicant's documents",
      },
      details: { documentIds },
    }),
};

export interface DocumentDigest {
  sha256: string;
  size: number;
  contentType: DocumentContentType;
}

/**
 * Checks a file while it streams, so a bad upload stops at the first offending byte: the size limit,
 * the type by magic bytes (within the first 8 bytes) and the SHA-256 of the content.
 */
export class DocumentInspector {
  private readonly hash = createHash('sha256');
  private head = Buffer.alloc(0);
  private size = 0;
  private type: DocumentContentType | undefined;

  constructor(private readonly maxBytes: number) {}

  push(chunk: Buffer): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) throw documentErrors.tooLarge(this.maxBytes);
    this.hash.update(chunk);
    if (this.type) return;
    this.head = Buffer.concat([this.head, chunk.subarray(0, SNIFF_BYTES)]).subarray(0, SNIFF_BYTES);
    if (this.head.length === SNIFF_BYTES) this.type = this.sniff();
  }

  end(): DocumentDigest {
    if (this.size === 0) throw documentErrors.invalid('document.empty', 'Tệp rỗng', 'The file is empty');
    const contentType = this.type ?? this.sniff();
    return { sha256: this.hash.digest('hex'), size: this.size, contentType };
  }

  private sniff(): DocumentContentType {
    const type = sniffContentType(this.head);
    if (!type) throw documentErrors.typeNotAllowed();
    return type;
  }
}

/** A display name from the officer's text or the client's file name: one line, no path, bounded. */
export function documentName(given: string | undefined, filename: string | undefined): string {
  const clean = (s: string | undefined) =>
    (s ?? '')
      .normalize('NFC')
      .split(/[/\\]/)
      .pop()!
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we strip
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, MAX_DOCUMENT_NAME_LENGTH);
  return clean(given) || clean(filename) || 'Tài liệu';
}

/** The download file name: the display name with the extension of the real type. */
export function downloadFileName(name: string, contentType: DocumentContentType): string {
  const extension = DOCUMENT_TYPES[contentType].extension;
  const base = name.replace(/\.(pdf|jpe?g|png|tiff?)$/i, '').trim() || 'tai-lieu';
  return `${base}.${extension}`;
}

/** `attachment`/`inline` with an ASCII fallback and the exact UTF-8 name (RFC 6266 + RFC 5987). */
export function contentDisposition(fileName: string, disposition: 'attachment' | 'inline'): string {
  const ascii =
    fileName
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .replace(/[^A-Za-z0-9._ -]/g, '_') || 'file';
  const encoded = encodeURIComponent(fileName).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** One entry of an applicant's re-usable documents. */
export interface ApplicantDocument extends DocumentDigest {
  documentId: string;
  name: string;
  uploadedAt: string;
  uploadedBy: { userId: string; role: string; centerId?: string };
  /** Dossiers the document was submitted with, as far as reception recorded them. */
  dossierIds: string[];
}

/** The reference a dossier event carries. */
export type DocumentRef = Pick<ApplicantDocument, 'documentId' | 'name' | 'sha256' | 'size' | 'contentType'>;

export const toDocumentRef = (d: ApplicantDocument): DocumentRef => ({
  documentId: d.documentId,
  name: d.name,
  sha256: d.sha256,
  size: d.size,
  contentType: d.contentType,
});

/** Same applicant, same bytes: one document. */
export const findSameContent = (entries: readonly ApplicantDocument[], sha256: string) =>
  entries.find((e) => e.sha256 === sha256);

/** The documents for a dossier, in the order asked; any id not the applicant's fails the whole call. */
export function describeDocuments(
  entries: readonly ApplicantDocument[],
  ids: readonly string[],
): DocumentRef[] {
  const byId = new Map(entries.map((e) => [e.documentId, e]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length > 0) throw documentErrors.notFound(missing);
  return [...new Set(ids)].map((id) => toDocumentRef(byId.get(id)!));
}

/** Entries with `dossierId` recorded on the given documents; the same array when nothing changes. */
export function markUsedIn(
  entries: ApplicantDocument[],
  ids: readonly string[],
  dossierId: string,
): ApplicantDocument[] {
  const wanted = new Set(ids);
  if (!entries.some((e) => wanted.has(e.documentId) && !e.dossierIds.includes(dossierId))) return entries;
  return entries.map((e) =>
    wanted.has(e.documentId) && !e.dossierIds.includes(dossierId)
      ? { ...e, dossierIds: [...e.dossierIds, dossierId] }
      : e,
  );
}
