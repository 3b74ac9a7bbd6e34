import { errorResponseSchema } from '@motcua/http';

export const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;
export const commandId = {
  type: 'string',
  format: 'uuid',
  description: 'Client command id: a retry with the same id changes nothing',
} as const;
export const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
};
export const dossierParams = {
  type: 'object',
  required: ['dossierId'],
  properties: { dossierId: { type: 'string', format: 'uuid' } },
} as const;
export const strings = { type: 'array', minItems: 1, maxItems: 100, items: text(1000) } as const;

/** A file attached to an online submission before the counter checks it. */
export const attachedDocumentSchema = {
  type: 'object',
  properties: {
    documentId: { type: 'string' },
    name: { type: 'string' },
    sha256: { type: 'string' },
    size: { type: 'integer' },
    contentType: { type: 'string' },
    attachedAt: { type: 'string', format: 'date-time' },
    reusedFromDossierId: { type: 'string' },
  },
} as const;

export const dossierSchema = {
  type: 'object',
  properties: {
    dossierId: { type: 'string' },
    dossierCode: { type: 'string' },
    status: {
      type: 'string',
      enum: ['submitted', 'refused', 'received', 'withdrawn', 'result_at_counter', 'returned'],
    },
    procedureCode: { type: 'string' },
    procedureVersion: { type: 'integer' },
    procedureName: { type: 'string' },
    applicantFullName: { type: 'string' },
    receivingUnitCode: { type: 'string' },
    centerId: { type: 'string', description: 'the receiving center' },
    competentCenterId: { type: 'string', description: 'the center whose units decide (Decree 118/2025)' },
    returnCenterId: { type: 'string', description: 'where the applicant collects the result' },
    rulebookId: { type: 'string', description: 'the rulebook of the reception day (packages/rulebook)' },
    channel: { type: 'string' },
    submittedAt: { type: 'string', format: 'date-time' },
    receiptNumber: { type: 'string', description: 'The electronic receipt number of an online submission' },
    receivedAt: { type: 'string', format: 'date-time' },
    appointmentAt: { type: 'string', format: 'date-time' },
    resultAt: { type: 'string', format: 'date-time' },
    resultOutcome: { type: 'string' },
    returnedAt: { type: 'string', format: 'date-time' },
    supplementsReceived: { type: 'integer' },
    feedbackRating: { type: 'integer' },
    documents: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          original: { type: 'boolean' },
          count: { type: 'integer' },
          documentId: { type: 'string' },
        },
      },
    },
    attachedDocuments: { type: 'array', items: attachedDocumentSchema },
    resultFile: attachedDocumentSchema,
    process: {
      type: 'object',
      nullable: true,
      properties: {
        status: { type: 'string' },
        supplementRequestNumber: { type: 'integer' },
        amountVnd: { type: 'integer' },
        supplement: {
          type: 'object',
          description:
            'The open supplement request: what is missing, why, and since when the clock is paused',
          properties: {
            missingDocuments: { type: 'array', items: { type: 'string' } },
            reason: { type: 'string' },
            requestedAt: { type: 'string', format: 'date-time' },
          },
        },
        steps: {
          type: 'array',
          description: 'The workflow steps the dossier was handed to, in order (unit names, not codes)',
          items: {
            type: 'object',
            properties: {
              stepId: { type: 'string' },
              stepName: { type: 'string' },
              departmentName: { type: 'string' },
              stage: { type: 'integer' },
              at: { type: 'string', format: 'date-time' },
            },
          },
        },
        // who holds the dossier now, for the applicant's progress (routing's DossierRouted)
        heldBy: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              stepId: { type: 'string' },
              stepName: { type: 'string' },
              departmentName: { type: 'string' },
              stage: { type: 'integer' },
              since: { type: 'string' },
            },
          },
        },
      },
    },
    version: { type: 'integer' },
  },
} as const;

export const applicantSchema = {
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
} as const;

export const documentsSchema = {
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
      documentId: { type: 'string', maxLength: 64 },
      sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    },
  },
} as const;

export const checklistSchema = {
  type: 'array',
  maxItems: 100,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['documentName', 'required', 'provided'],
    properties: { documentName: text(300), required: { type: 'boolean' }, provided: { type: 'boolean' } },
  },
} as const;

export const procedureCode = {
  type: 'string',
  pattern: '^(\\d\\.\\d{6}|[a-z0-9][a-z0-9-]{2,79})$',
  description: 'National procedure code (e.g. 2.000575), or the id of an interconnected procedure group',
} as const;

/** A command body: its fields plus the client command id. */
export const commandBody = (required: string[], properties: Record<string, unknown>) => ({
  type: 'object',
  additionalProperties: false,
  required: ['commandId', ...required],
  properties: { commandId, ...properties },
});
