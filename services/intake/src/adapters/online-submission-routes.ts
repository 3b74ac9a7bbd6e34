import multipart from '@fastify/multipart';
import { errorResponseSchema, type HttpApp } from '@motcua/http';
import { traceOf } from '@motcua/runtime';
import type { FastifyRequest } from 'fastify';
import type { IntakeApp } from '../app/intake-app.js';
import { documentErrors, documentName, MAX_DOCUMENT_NAME_LENGTH } from '../domain/documents.js';
import { asUploadError } from './document-routes.js';
import type { DocumentStore, StagedDocument } from './document-store.js';
import { attachedDocumentSchema, commandBody, commandId, dossierParams, errors } from './http-schemas.js';

const UPLOAD_KEY = { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const attachedList = {
  type: 'object',
  properties: { documents: { type: 'array', items: attachedDocumentSchema } },
} as const;
const invalid = documentErrors.invalid;

/** No token here: the submission's upload key is the credential, so the meta names no officer. */
const metaOf = (request: FastifyRequest, commandId: string) => {
  const trace = traceOf(request);
  return {
    commandId,
    correlationId: String(request.id),
    causationId: commandId,
    ...(trace ? { trace } : {}),
  };
};

/** Fields first (uploadKey, commandId, documentName), then one file: the key is checked before a byte is stored. */
async function receiveSubmissionUpload(
  request: FastifyRequest<{ Params: { dossierId: string } }>,
  app: IntakeApp,
  store: DocumentStore,
) {
  const { dossierId } = request.params;
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
      if (!UUID.test(fields.get('commandId') ?? '')) {
        throw invalid(
          'document.command-id',
          'Thiếu mã lệnh (commandId, gửi trước tệp)',
          'commandId (a UUID) is missing; send it before the file',
        );
      }
      const opened = await app.attachments.openForUpload(dossierId, fields.get('uploadKey') ?? '');
      const name = documentName(fields.get('documentName'), part.filename);
      staged = await store.stage(
        { applicantIdNumber: opened.applicantIdNumber, name, actor: opened.uploader },
        part.file,
      );
    }
  } catch (err) {
    if (staged) await store.discard(staged);
    throw asUploadError(err);
  }
  if (!staged) throw invalid('document.file', 'Chưa chọn tệp tài liệu', 'No file was sent');
  const file = {
    documentId: staged.id.toHexString(),
    name: staged.input.name,
    sha256: staged.sha256,
    size: staged.size,
    contentType: staged.contentType,
  };
  try {
    const result = await app.attachments.attach(
      dossierId,
      fields.get('uploadKey') ?? '',
      file,
      metaOf(request, fields.get('commandId')!),
    );
    if (result.duplicate) await store.discard(staged); // the same bytes are attached already
    return result;
  } catch (err) {
    await store.discard(staged);
    throw err;
  }
}

/**
 * Documents of an online submission, before the counter checks it: upload (with progress in the
 * portal) and re-use of an earlier dossier's files. The upload key answered at submission is the
 * credential; the permission matrix lets anyone call, intake checks the key.
 */
export function onlineSubmissionRoutes(app: IntakeApp, store: DocumentStore, options: { maxBytes: number }) {
  return async (http: HttpApp) => {
    await http.register(async (scope) => {
      await scope.register(multipart, {
        limits: { fileSize: options.maxBytes + 1, files: 1, fields: 10, fieldSize: 1000, parts: 11 },
        throwFileSizeLimit: false,
      });
      scope.post<{ Params: { dossierId: string } }>(
        '/online-submissions/:dossierId/documents',
        {
          schema: {
            summary: 'Upload a document to an online submission waiting to be checked (its upload key)',
            description:
              'multipart/form-data: fields `uploadKey` (answered at submission), `commandId` and optional ' +
              `\`documentName\` (max ${MAX_DOCUMENT_NAME_LENGTH} characters), then one PDF/JPEG/PNG/TIFF file of at ` +
              `most ${options.maxBytes} bytes. The same bytes again answer the earlier attachment (200).`,
            tags: ['applicants', 'documents'],
            consumes: ['multipart/form-data'],
            params: dossierParams,
            response: {
              201: {
                type: 'object',
                properties: {
                  document: attachedDocumentSchema,
                  duplicate: { type: 'boolean' },
                  documents: attachedList.properties.documents,
                },
              },
              200: {
                type: 'object',
                properties: {
                  document: attachedDocumentSchema,
                  duplicate: { type: 'boolean' },
                  documents: attachedList.properties.documents,
                },
              },
              ...errors,
              413: errorResponseSchema,
              415: errorResponseSchema,
            },
          },
        },
        async (request, reply) => {
          const result = await receiveSubmissionUpload(request, app, store);
          return reply.code(result.duplicate ? 200 : 201).send(result);
        },
      );
    });

    http.post<{ Params: { dossierId: string }; Body: { uploadKey: string } }>(
      '/online-submissions/:dossierId/state',
      {
        schema: {
          summary:
            'Where an online submission stands, for its submitter (its upload key): status, receipt number, ' +
            'files attached; once received, the dossier code and look-up key',
          description: 'A read: the key travels in the body (ADR 0016), so it never reaches a URL or a log.',
          tags: ['applicants'],
          params: dossierParams,
          body: {
            type: 'object',
            additionalProperties: false,
            required: ['uploadKey'],
            properties: { uploadKey: UPLOAD_KEY },
          },
          response: {
            200: {
              type: 'object',
              properties: {
                dossierId: { type: 'string' },
                status: { type: 'string' },
                receiptNumber: { type: 'string' },
                procedureCode: { type: 'string' },
                procedureName: { type: 'string' },
                documents: attachedList.properties.documents,
                dossierCode: { type: 'string' },
                lookupKey: { type: 'string' },
              },
            },
            ...errors,
          },
        },
      },
      async (request) => app.attachments.state(request.params.dossierId, request.body.uploadKey),
    );

    http.post<{
      Params: { dossierId: string };
      Body: { commandId: string; uploadKey: string; dossierCode: string; lookupKey: string };
    }>(
      '/online-submissions/:dossierId/reused-documents',
      {
        schema: {
          summary:
            "Re-use an earlier dossier's scanned documents in an online submission (its code + look-up key)",
          tags: ['applicants', 'documents'],
          params: dossierParams,
          body: commandBody(['uploadKey', 'dossierCode', 'lookupKey'], {
            commandId,
            uploadKey: UPLOAD_KEY,
            dossierCode: { type: 'string', minLength: 1, maxLength: 64 },
            lookupKey: { type: 'string', pattern: '^[A-Z0-9]{8}$' },
          }),
          response: { 200: attachedList, ...errors },
        },
      },
      async (request) =>
        app.attachments.reuse(
          request.params.dossierId,
          request.body,
          metaOf(request, request.body.commandId),
          request.ip,
        ),
    );
  };
}
