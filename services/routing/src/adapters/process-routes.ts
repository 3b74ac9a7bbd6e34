import { errorResponseSchema, type HttpApp } from '@motcua/http';
import { actorHeadersSchema, commandMetaOf } from '@motcua/runtime';
import type { RoutingApp } from '../app/routing-app.js';

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
};
const params = {
  type: 'object',
  required: ['dossierId'],
  properties: { dossierId: { type: 'string', format: 'uuid' } },
} as const;
const commandId = { type: 'string', format: 'uuid' } as const;
const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;
const reasons = { type: 'array', minItems: 1, maxItems: 50, items: text(1000) } as const;
const process = {
  type: 'object',
  additionalProperties: true,
  properties: {
    dossierId: { type: 'string' },
    status: { type: 'string' },
    appointmentAt: { type: 'string', format: 'date-time' },
    supplementRequests: { type: 'integer' },
    apologyIssued: { type: 'boolean' },
    version: { type: 'integer' },
  },
} as const;

/** The decisions an officer takes on a whole dossier; routing keeps the process and its clock. */
const DECISIONS = [
  {
    path: 'supplement-requests',
    type: 'RequestSupplement',
    summary: 'Ask the applicant for more (Mẫu 02; only within 3 working days of reception; the clock stops)',
    body: {
      required: ['missingDocuments'],
      properties: {
        missingDocuments: { ...reasons },
        reason: { type: 'string', maxLength: 2000, default: '' },
      },
    },
  },
  {
    path: 'financial-obligations',
    type: 'NotifyFinancialObligation',
    summary: 'Notify a fee or financial obligation (status 6; pauses the clock when the procedure says so)',
    body: {
      required: ['amountVnd', 'description'],
      properties: { amountVnd: { type: 'integer', minimum: 1, maximum: 1e13 }, description: text(500) },
    },
  },
  {
    path: 'refusal',
    type: 'Refuse',
    summary: 'Refuse after appraisal, within the time limit, with written reasons',
    body: { required: ['reasons'], properties: { reasons } },
  },
  {
    path: 'apology',
    type: 'IssueApology',
    summary: 'Apologise and set a new appointment (Mẫu 04): once, at the latest 1 working day before due',
    body: {
      required: ['newAppointmentAt', 'reason'],
      properties: { newAppointmentAt: { type: 'string', format: 'date-time' }, reason: text(2000) },
    },
  },
  {
    path: 'stop',
    type: 'Stop',
    summary: 'Stop processing (status 8), with the reason',
    body: { required: ['reason'], properties: { reason: text(2000) } },
  },
  {
    path: 'stop-on-request',
    type: 'StopOnRequest',
    summary:
      "Stop on the applicant's request before any result exists, with the stop notice of the dossier's rulebook (Decree 118/2025 Art 21; refused under Decree 61/2018)",
    body: { required: ['reason'], properties: { reason: text(2000) } },
  },
] as const;

export function processRoutes(app: RoutingApp) {
  return async (http: HttpApp) => {
    for (const decision of DECISIONS) {
      http.post<{ Params: { dossierId: string }; Body: Record<string, unknown> & { commandId: string } }>(
        `/dossiers/:dossierId/${decision.path}`,
        {
          schema: {
            summary: decision.summary,
            tags: ['process'],
            headers: actorHeadersSchema,
            params,
            body: {
              type: 'object',
              additionalProperties: false,
              required: ['commandId', ...decision.body.required],
              properties: { commandId, ...decision.body.properties },
            },
            response: { 200: process, ...errors },
          },
        },
        async (request) => {
          const { commandId: id, ...input } = request.body;
          const parsed =
            decision.type === 'IssueApology'
              ? { ...input, newAppointmentAt: new Date(String(input.newAppointmentAt)) }
              : input;
          return app.decideForDossier(
            request.params.dossierId,
            decision.type,
            parsed as never,
            commandMetaOf(request, id),
          );
        },
      );
    }
  };
}
