import multipart from '@fastify/multipart';
import { errorResponseSchema, type HttpApp } from '@motcua/http';
import { actorOf, commandMetaOf } from '@motcua/runtime';
import type { FastifyRequest } from 'fastify';
import type { IntakeApp } from '../app/intake-app.js';
import { contentDisposition, documentErrors, documentName, downloadFileName } from '../domain/documents.js';
import { asUploadError } from './document-routes.js';
import type { DocumentStore, StagedDocument } from './document-store.js';
import { dossierParams, dossierSchema, errors } from './http-schemas.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const invalid = documentErrors.invalid;

/** Fields first (commandId, optional documentName), then the one result file. */
async function receiveResultFile(
  request: FastifyRequest<{ Params: { dossierId: string } }>,
  app: IntakeApp,
  store: DocumentStore,
) {
  const actor = actorOf(request);
  const fields = new Map<string, string>();
  let staged: StagedDocument | undefined;
  try {
    for await (const part of request.parts()) {
      if (staged) throw invalid('document.single-file', 'Chỉ gửi một tệp', 'Send exactly one file');
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
      const name = documentName(fields.get('documentName'), part.filename);
      staged = await store.stage({ applicantIdNumber: '', name, actor }, part.file);
    }
  } catch (err) {
    if (staged) await store.discard(staged);
    throw asUploadError(err);
  }
  if (!staged) throw invalid('document.file', 'Chưa chọn tệp kết quả', 'No file was sent');
  const file = {
    documentId: staged.id.toHexString(),
    name: staged.input.name,
    sha256: staged.sha256,
    size: staged.size,
    contentType: staged.contentType,
  };
  try {
    const meta = commandMetaOf(request, fields.get('commandId')!);
    const dossier = await app.attachResultFile(request.params.dossierId, file, meta);
    // The same bytes sent again keep the first file.
    if (dossier.resultFile?.documentId !== file.documentId) await store.discard(staged);
    return dossier;
  } catch (err) {
    await store.discard(staged);
    throw err;
  }
}

/** The electronic result: attached at the counter, downloaded by the applicant (their receipt's token) or the counter. */
export function resultFileRoutes(app: IntakeApp, store: DocumentStore, options: { maxBytes: number }) {
  return async (http: HttpApp) => {
    await http.register(async (scope) => {
      await scope.register(multipart, {
        limits: { fileSize: options.maxBytes + 1, files: 1, fields: 10, fieldSize: 1000, parts: 11 },
        throwFileSizeLimit: false,
      });
      scope.post<{ Params: { dossierId: string } }>(
        '/dossiers/:dossierId/result-file',
        {
          schema: {
            summary: 'Attach the electronic result (PDF/image) once the result is at the counter',
            description:
              'multipart/form-data: `commandId`, optional `documentName`, then one file. Only for procedures ' +
              'that issue an electronic result; one file per dossier (the same bytes again change nothing).',
            tags: ['dossiers', 'documents'],
            consumes: ['multipart/form-data'],
            params: dossierParams,
            response: { 200: dossierSchema, ...errors, 413: errorResponseSchema, 415: errorResponseSchema },
          },
        },
        async (request) => receiveResultFile(request, app, store),
      );
    });

    http.get<{ Params: { dossierId: string } }>(
      '/dossiers/:dossierId/result-file',
      {
        schema: {
          summary:
            "Download the dossier's electronic result (the applicant with their receipt's access, or the counter)",
          tags: ['dossiers', 'documents'],
          params: dossierParams,
          response: errors,
        },
      },
      async (request, reply) => {
        const ref = await app.resultFileOf(request.params.dossierId);
        const file = await store.open(ref.documentId);
        if (!file) throw documentErrors.notFound([ref.documentId]);
        return reply
          .header('content-type', file.contentType)
          .header('content-length', file.size)
          .header(
            'content-disposition',
            contentDisposition(downloadFileName(file.name, file.contentType), 'attachment'),
          )
          .header('etag', `"${file.sha256}"`)
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', 'sandbox')
          .header('cache-control', 'private, no-store')
          .send(file.stream);
      },
    );
  };
}
