import multipart from '@fastify/multipart';
import { applicantIdOf, decide } from '@motcua/auth';
import { DomainError } from '@motcua/contracts';
import { asDomainError, errorResponseSchema, type HttpApp } from '@motcua/http';
import { actorOf } from '@motcua/runtime';
import type { FastifyRequest } from 'fastify';
import {
  APPLICANT_ID_PATTERN,
  contentDisposition,
  DOCUMENT_TYPES,
  documentErrors,
  documentName,
  downloadFileName,
  MAX_DOCUMENT_NAME_LENGTH,
} from '../domain/documents.js';
import type { DocumentStore, StagedDocument } from './document-store.js';

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 404: errorResponseSchema };
const contentType = { type: 'string', enum: Object.keys(DOCUMENT_TYPES) } as const;
const documentProps = {
  documentId: { type: 'string' },
  name: { type: 'string' },
  sha256: { type: 'string' },
  size: { type: 'integer' },
  contentType,
  uploadedAt: { type: 'string', format: 'date-time' },
} as const;
const uploaded = {
  type: 'object',
  properties: { ...documentProps, duplicate: { type: 'boolean' } },
} as const;
const listed = {
  type: 'object',
  properties: {
    ...documentProps,
    uploadedBy: {
      type: 'object',
      properties: { userId: { type: 'string' }, role: { type: 'string' }, centerId: { type: 'string' } },
    },
    dossierIds: { type: 'array', items: { type: 'string' } },
  },
} as const;

const idNumberBody = {
  type: 'object',
  required: ['idNumber'],
  properties: { idNumber: { type: 'string', pattern: APPLICANT_ID_PATTERN } },
} as const;
const documentParams = {
  type: 'object',
  required: ['documentId'],
  properties: { documentId: { type: 'string', pattern: '^[0-9a-f]{24}$' } },
} as const;

const invalid = (rule: string, vi: string, en: string) => documentErrors.invalid(rule, vi, en);

/** Field parts must come before the file: the applicant is needed before anything is stored. */
function uploadFields(fields: Map<string, string>) {
  const applicantIdNumber = fields.get('applicantIdNumber') ?? '';
  if (!new RegExp(APPLICANT_ID_PATTERN).test(applicantIdNumber)) {
    throw invalid(
      'document.applicant-id',
      'Thiếu hoặc sai số CMND/CCCD của người nộp (trường applicantIdNumber, gửi trước tệp)',
      'applicantIdNumber (9 to 12 digits) is missing or invalid; send it before the file',
    );
  }
  return { applicantIdNumber, documentName: fields.get('documentName') };
}

// busboy's messages for a body it cannot parse (it gives them no code).
const MULTIPART_PARSE_ERROR =
  /^(Multipart: Boundary not found|Boundary required|Unexpected end of (multipart data|form)|Malformed part header|.* terminated early due to unexpected end of multipart data|The needle )/;

/** The multipart plugin's own errors (not multipart, too many parts, cut-off body) as INVALID_INPUT. */
export function asUploadError(err: unknown): unknown {
  if (asDomainError(err)) return err;
  // The multipart parser (busboy) throws plain errors for a body it cannot read: no boundary in the
  // content type, a boundary that never comes, a cut-off part. The caller's fault: 400, not 500.
  if (err instanceof Error && MULTIPART_PARSE_ERROR.test(err.message)) {
    return invalid(
      'document.multipart',
      'Dữ liệu tải lên không đọc được',
      `Malformed multipart body (${err.message})`,
    );
  }
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('FST_')) return err;
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
    return invalid(
      'document.multipart',
      'Tệp phải được gửi dạng multipart/form-data',
      'The upload must be multipart/form-data',
    );
  }
  return invalid('document.multipart', 'Dữ liệu tải lên không hợp lệ', `Malformed upload (${code})`);
}

/** An applicant uploads only under their own ID number (their token names it: `applicant:<idNumber>`). */
function assertOwnDocuments(actor: { userId: string; role: string }, applicantIdNumber: string) {
  if (actor.role === 'applicant' && actor.userId !== applicantIdOf({ idNumber: applicantIdNumber }, '')) {
    throw new DomainError('PERMISSION_DENIED', {
      messages: {
        vi: 'Chỉ tải lên được giấy tờ của chính người nộp hồ sơ',
        en: 'An applicant can only upload their own documents',
      },
      details: { rule: 'document.own-applicant' },
    });
  }
}

async function receiveUpload(request: FastifyRequest, store: DocumentStore) {
  const actor = actorOf(request);
  const fields = new Map<string, string>();
  let staged: StagedDocument | undefined;
  try {
    for await (const part of request.parts()) {
      if (staged) {
        throw invalid(
          'document.single-file',
          'Chỉ gửi một tệp, sau các trường thông tin',
          'Send exactly one file, after the fields',
        );
      }
      if (part.type === 'field') {
        if (part.valueTruncated || typeof part.value !== 'string') {
          throw invalid('document.field', 'Trường thông tin quá dài', `Field ${part.fieldname} is too long`);
        }
        fields.set(part.fieldname, part.value);
        continue;
      }
      const input = uploadFields(fields);
      assertOwnDocuments(actor, input.applicantIdNumber);
      const name = documentName(input.documentName, part.filename);
      staged = await store.stage({ applicantIdNumber: input.applicantIdNumber, name, actor }, part.file);
    }
  } catch (err) {
    if (staged) await store.discard(staged);
    throw asUploadError(err);
  }
  if (!staged) throw invalid('document.file', 'Chưa chọn tệp tài liệu', 'No file was sent');
  return store.commit(staged);
}

/** Upload, download and re-use of scanned documents; multipart is registered here only. */
export function documentRoutes(store: DocumentStore, options: { maxBytes: number }) {
  return async (http: HttpApp) => {
    await http.register(async (scope) => {
      await scope.register(multipart, {
        // busboy stops one byte past the limit, so the inspector sees the overflow and reports it.
        limits: { fileSize: options.maxBytes + 1, files: 1, fields: 10, fieldSize: 1000, parts: 11 },
        throwFileSizeLimit: false,
      });

      scope.post(
        '/documents',
        {
          schema: {
            summary: 'Upload a scanned document of an applicant (PDF, JPEG, PNG, TIFF)',
            description:
              `multipart/form-data: fields \`applicantIdNumber\` and optional \`documentName\` ` +
              `(max ${MAX_DOCUMENT_NAME_LENGTH} characters), then one file of at most ${options.maxBytes} bytes. ` +
              'The type is read from the file content. The same bytes for the same applicant return the ' +
              'earlier document (200, `duplicate: true`).',
            tags: ['documents'],
            consumes: ['multipart/form-data'],
            response: {
              201: uploaded,
              200: uploaded,
              ...errors,
              413: errorResponseSchema,
              415: errorResponseSchema,
            },
          },
        },
        async (request, reply) => {
          const { document, duplicate } = await receiveUpload(request, store);
          return reply.code(duplicate ? 200 : 201).send({ ...document, duplicate });
        },
      );

      scope.get<{ Params: { documentId: string }; Querystring: { disposition: 'attachment' | 'inline' } }>(
        '/documents/:documentId',
        {
          schema: {
            summary: 'Download a document with its type and file name',
            tags: ['documents'],
            params: documentParams,
            querystring: {
              type: 'object',
              properties: {
                disposition: { type: 'string', enum: ['attachment', 'inline'], default: 'attachment' },
              },
            },
            response: errors,
          },
        },
        async (request, reply) => {
          actorOf(request); // personal documents: officers only
          const file = await store.open(request.params.documentId);
          if (!file) throw documentErrors.notFound([request.params.documentId]);
          const fileName = downloadFileName(file.name, file.contentType);
          return reply
            .header('content-type', file.contentType)
            .header('content-length', file.size)
            .header('content-disposition', contentDisposition(fileName, request.query.disposition))
            .header('etag', `"${file.sha256}"`)
            .header('x-content-type-options', 'nosniff')
            .header('content-security-policy', 'sandbox')
            .header('cache-control', 'private, no-store')
            .send(file.stream);
        },
      );

      // POST, not GET: the ID number is personal data and stays out of URLs (access logs, history).
      scope.post<{ Body: { idNumber: string } }>(
        '/applicant-documents/search',
        {
          schema: {
            summary:
              "An applicant's earlier documents uploaded at the caller's center, newest first, to re-use in a new dossier",
            tags: ['documents'],
            body: { ...idNumberBody, additionalProperties: false },
            response: {
              200: {
                type: 'object',
                properties: { documents: { type: 'array', items: listed } },
              },
              ...errors,
            },
          },
        },
        async (request) => {
          const actor = actorOf(request);
          // Each document is the uploading center's (as GET /documents/:id): another center's are not listed.
          const readable = (d: { uploadedBy: { centerId?: string } }) =>
            decide(actor, 'document.read', d.uploadedBy.centerId ? { centerId: d.uploadedBy.centerId } : {})
              .allowed;
          return { documents: (await store.listForApplicant(request.body.idNumber)).filter(readable) };
        },
      );
    });
  };
}
