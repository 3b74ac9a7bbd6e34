import { errorResponseSchema, type HttpApp } from '@motcua/http';
import { actorHeadersSchema, commandMetaOf } from '@motcua/runtime';
import type { IntakeApp, ReceiveInput, ReturnInput, SubmitOnlineInput } from '../app/intake-app.js';
import { submissionProofOf } from '../domain/online-documents.js';
import type { ChecklistItem, PaymentMethod, ReceivedDocument } from '../domain/types.js';
import {
  applicantSchema,
  checklistSchema,
  commandBody,
  documentsSchema,
  dossierParams,
  dossierSchema,
  errors,
  procedureCode,
  strings,
  text,
} from './http-schemas.js';

const received = {
  type: 'object',
  properties: { dossier: dossierSchema, lookupKey: { type: 'string' } },
} as const;
const centerRef = { type: 'string', pattern: '^[a-z0-9-]{2,64}$' } as const;
const receptionFields = {
  checklist: checklistSchema,
  guidance: { type: 'string', maxLength: 4000, default: '' },
  // Decree 118/2025 Art 14(2): only for a procedure on the province's boundary-free list.
  competentCenterId: { ...centerRef, description: 'the center whose unit decides; default: this center' },
  returnCenterId: {
    ...centerRef,
    description: 'where the applicant collects the result; default: this center',
  },
};

type Params = { dossierId: string };
type Command<B> = { Params: Params; Body: B & { commandId: string } };

/** Routes validate, call the use case and shape the answer; nothing more. */
export function intakeRoutes(app: IntakeApp) {
  return async (http: HttpApp) => {
    const command = <B>(
      path: string,
      summary: string,
      body: object,
      handler: (
        dossierId: string,
        input: B & { commandId: string },
        meta: ReturnType<typeof commandMetaOf>,
      ) => Promise<unknown>,
    ) =>
      http.post<Command<B>>(
        `/dossiers/:dossierId/${path}`,
        {
          schema: {
            summary,
            tags: ['dossiers'],
            headers: actorHeadersSchema,
            params: dossierParams,
            body,
            response: { 200: dossierSchema, ...errors },
          },
        },
        async (request) => {
          const body = request.body as B & { commandId: string };
          return handler(request.params.dossierId, body, commandMetaOf(request, body.commandId));
        },
      );

    http.post<{ Body: ReceiveInput }>(
      '/dossiers',
      {
        schema: {
          summary: 'Receive a complete dossier at the counter (Mẫu 01): issues its code and appointment',
          tags: ['dossiers'],
          headers: actorHeadersSchema,
          body: commandBody(['procedureCode', 'applicant', 'documents'], {
            procedureCode,
            channel: { type: 'string', enum: ['counter', 'postal'], default: 'counter' },
            applicant: applicantSchema,
            documents: documentsSchema,
            ...receptionFields,
          }),
          response: { 201: received, 200: received, ...errors },
        },
      },
      async (request, reply) => {
        const result = await app.receiveAtCounter(
          request.body,
          commandMetaOf(request, request.body.commandId),
        );
        return reply.code(result.duplicate ? 200 : 201).send(result);
      },
    );

    http.post<{ Body: SubmitOnlineInput }>(
      '/online-submissions',
      {
        schema: {
          summary: 'Submit a dossier online (status 1); the center checks it, then receives or refuses it',
          tags: ['applicants'],
          body: commandBody(['submissionSecret', 'procedureCode', 'centerId', 'applicant', 'documents'], {
            submissionSecret: {
              type: 'string',
              pattern: '^[A-Za-z0-9_-]{22,128}$',
              description:
                'A random secret the portal makes with the commandId and keeps for retries: a retry of the ' +
                'commandId is answered (with the upload key) only with the same secret, else 409 COMMAND_ID_CONFLICT',
            },
            procedureCode,
            centerId: text(64),
            applicant: applicantSchema,
            documents: documentsSchema,
          }),
          response: {
            201: {
              ...dossierSchema,
              properties: {
                ...dossierSchema.properties,
                uploadKey: {
                  type: 'string',
                  description: 'Only for the submitter: opens the upload of documents to this submission',
                },
              },
            },
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const meta = {
          commandId: request.body.commandId,
          actor: {
            userId: request.body.applicant.idNumber
              ? `applicant:${request.body.applicant.idNumber}`
              : 'applicant:online',
            role: 'applicant',
          },
          correlationId: String(request.id),
          retryProof: submissionProofOf(request.body.submissionSecret),
        };
        return reply.code(201).send(await app.submitOnline(request.body, meta));
      },
    );

    http.post<{ Body: { commandId: string; procedureCode: string; reasons: string[] } }>(
      '/dossier-refusals',
      {
        schema: {
          summary: 'Refuse a dossier at the counter with reasons (Mẫu 03, status 3)',
          tags: ['dossiers'],
          headers: actorHeadersSchema,
          body: commandBody(['procedureCode', 'reasons'], { procedureCode, reasons: strings }),
          response: { 200: dossierSchema, ...errors },
        },
      },
      async (request) => app.refuseAtIntake(request.body, commandMetaOf(request, request.body.commandId)),
    );

    // POST, not GET: the key is a secret and travels in the body, never in a URL (logs, history, Referer).
    http.post<{ Body: { dossierCode: string; lookupKey: string } }>(
      '/public/lookup',
      {
        schema: {
          summary: 'Public look-up: the code and status of a dossier, with the key printed on its receipt',
          tags: ['applicants'],
          body: {
            type: 'object',
            additionalProperties: false,
            required: ['dossierCode', 'lookupKey'],
            properties: { dossierCode: text(64), lookupKey: { type: 'string', pattern: '^[A-Z0-9]{8}$' } },
          },
          response: {
            200: {
              type: 'object',
              properties: {
                dossierCode: { type: 'string' },
                status: { type: 'string' },
                nationalStatusCode: { type: 'integer' },
              },
            },
            ...errors,
            429: errorResponseSchema,
          },
        },
      },
      async (request) => app.lookup(request.body.dossierCode, request.body.lookupKey, request.ip),
    );

    http.get<{ Params: { ref: string } }>(
      '/dossiers/:ref',
      {
        schema: {
          summary: 'A dossier by id or by dossier code',
          tags: ['dossiers'],
          params: { type: 'object', properties: { ref: text(64) }, required: ['ref'] },
          response: { 200: dossierSchema, ...errors },
        },
      },
      async (request) => app.find(request.params.ref),
    );

    command<{ checklist?: ChecklistItem[]; guidance?: string }>(
      'reception',
      'Receive an online submission after checking it (status 2, Mẫu 01)',
      commandBody([], receptionFields),
      async (id, input, meta) => (await app.acceptOnline(id, input, meta)).dossier,
    );
    command<{ reasons: string[] }>(
      'refusal',
      'Refuse an online submission with reasons (Mẫu 03, status 3)',
      commandBody(['reasons'], { reasons: strings }),
      (id, input, meta) => app.refuseAtIntake({ ...input, dossierId: id }, meta),
    );
    command<{ missingDocuments: string[]; guidance: string }>(
      'intake-supplement-requests',
      'Ask for what an online submission lacks, the complete list at once (Mẫu 02)',
      commandBody(['missingDocuments'], {
        missingDocuments: strings,
        guidance: { type: 'string', maxLength: 4000, default: '' },
      }),
      (id, input, meta) => app.requestSupplementAtIntake(id, input, meta),
    );
    command<{ documents: ReceivedDocument[] }>(
      'supplements',
      'Receive the complete supplement the processing asked for: the time limit restarts',
      commandBody(['documents'], { documents: documentsSchema }),
      (id, input, meta) => app.receiveSupplement(id, input, meta),
    );
    command<{ amountVnd: number; method: PaymentMethod; receiptNumber: string }>(
      'payments',
      'Record the payment of a fee or financial obligation (counter, postal or online)',
      commandBody(['amountVnd', 'method'], {
        amountVnd: { type: 'integer', minimum: 0, maximum: 1e13 },
        method: { type: 'string', enum: ['counter', 'postal', 'online'] },
        receiptNumber: { type: 'string', maxLength: 64, default: '' },
      }),
      (id, input, meta) => app.recordPayment(id, input, meta),
    );
    command<{ rating: number; comment: string }>(
      'feedback',
      "The applicant's satisfaction with the handling (1 = very dissatisfied … 5 = very satisfied), once, after the result",
      commandBody(['rating'], {
        rating: { type: 'integer', minimum: 1, maximum: 5 },
        comment: { type: 'string', maxLength: 2000, default: '' },
      }),
      (id, input, meta) => app.giveFeedback(id, input, meta),
    );
    command<{ reason: string }>(
      'withdrawal',
      'The applicant withdraws the dossier (status 7)',
      commandBody(['reason'], { reason: text(2000) }),
      (id, input, meta) => app.withdraw(id, input, meta),
    );
    command<Omit<ReturnInput, 'commandId'>>(
      'result-return',
      'Return the result to the applicant (status 10): at the counter (receipt or proxy authorisation), by post, or electronically',
      commandBody(['method', 'receiverName'], {
        method: { type: 'string', enum: ['counter', 'postal', 'electronic'] },
        receiverName: text(200),
        proxy: { type: 'boolean', default: false },
        authorizationReference: { type: 'string', maxLength: 128 },
        trackingNumber: { type: 'string', maxLength: 64 },
      }),
      (id, input, meta) => app.returnResult(id, input, meta),
    );
  };
}
