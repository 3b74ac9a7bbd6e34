import { errorResponseSchema, type HttpApp } from '@motcua/http';
import { actorHeadersSchema, commandMetaOf } from '@motcua/runtime';
import type { IntakeApp, ReceiveInput, ReturnInput } from '../app/intake-app.js';

const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;
const commandId = {
  type: 'string',
  format: 'uuid',
  description: 'Client command id: a retry with the same id changes nothing',
} as const;
const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
};

const dossierSchema = {
  type: 'object',
  properties: {
    dossierId: { type: 'string' },
    dossierCode: { type: 'string' },
    status: { type: 'string', enum: ['received', 'result_at_counter', 'returned'] },
    procedureCode: { type: 'string' },
    procedureVersion: { type: 'integer' },
    procedureName: { type: 'string' },
    applicantFullName: { type: 'string' },
    receivingUnitCode: { type: 'string' },
    centerId: { type: 'string' },
    channel: { type: 'string' },
    receivedAt: { type: 'string', format: 'date-time' },
    appointmentAt: { type: 'string', format: 'date-time' },
    resultAt: { type: 'string', format: 'date-time' },
    returnedAt: { type: 'string', format: 'date-time' },
    version: { type: 'integer' },
  },
} as const;

const receiveBody = {
  type: 'object',
  additionalProperties: false,
  required: ['commandId', 'procedureCode', 'applicant', 'documents'],
  properties: {
    commandId,
    procedureCode: {
      type: 'string',
      pattern: '^\\d\\.\\d{6}$',
      description: 'National procedure code, e.g. 2.000575',
    },
    channel: { type: 'string', enum: ['counter', 'postal'], default: 'counter' },
    applicant: {
      type: 'object',
      additionalProperties: false,
      required: ['fullName'],
      properties: {
        fullName: text(200),
        idNumber: { type: 'string', pattern: '^[0-9]{9,12}$' },
        phone: { type: 'string', pattern: '^\\+?[0-9 .-]{8,15}$' },
        email: { type: 'string', format: 'email', maxLength: 254 },
        address: { type: 'string', maxLength: 500 },
      },
    },
    documents: {
      type: 'array',
      minItems: 1,
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        properties: {
          name: text(300),
          original: { type: 'boolean', default: false },
          count: { type: 'integer', minimum: 1, maximum: 1000, default: 1 },
        },
      },
    },
  },
} as const;

const returnBody = {
  type: 'object',
  additionalProperties: false,
  required: ['commandId', 'method', 'receiverName'],
  properties: {
    commandId,
    method: { type: 'string', enum: ['counter', 'postal', 'electronic'] },
    receiverName: text(200),
    proxy: { type: 'boolean', default: false, description: 'Collected by a proxy holding an authorisation' },
  },
} as const;

/** Routes validate, call the use case and shape the answer; nothing more. */
export function intakeRoutes(app: IntakeApp) {
  return async (http: HttpApp) => {
    http.post<{ Body: ReceiveInput }>(
      '/dossiers',
      {
        schema: {
          summary: 'Receive a complete dossier at the counter (Mẫu 01): issues its code and appointment',
          tags: ['dossiers'],
          headers: actorHeadersSchema,
          body: receiveBody,
          response: {
            201: { type: 'object', properties: { dossier: dossierSchema, lookupKey: { type: 'string' } } },
            200: { type: 'object', properties: { dossier: dossierSchema, lookupKey: { type: 'string' } } },
            ...errors,
          },
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

    http.post<{ Params: { dossierId: string }; Body: ReturnInput }>(
      '/dossiers/:dossierId/result-return',
      {
        schema: {
          summary: 'Return the result to the applicant (status 10)',
          tags: ['dossiers'],
          headers: actorHeadersSchema,
          params: {
            type: 'object',
            properties: { dossierId: { type: 'string', format: 'uuid' } },
            required: ['dossierId'],
          },
          body: returnBody,
          response: { 200: dossierSchema, ...errors },
        },
      },
      async (request) =>
        app.returnResult(
          request.params.dossierId,
          request.body,
          commandMetaOf(request, request.body.commandId),
        ),
    );
  };
}
