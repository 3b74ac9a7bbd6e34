import { errorResponseSchema, type HttpApp } from '@motcua/http';
import type { RoutingApp } from '../app/routing-app.js';

const errors = { 400: errorResponseSchema, 404: errorResponseSchema };
const step = {
  type: 'object',
  properties: {
    stepId: { type: 'string' },
    name: { type: 'string' },
    departmentId: { type: 'string' },
    departmentName: { type: 'string' },
    role: { type: 'string' },
    allottedWorkingHours: { type: 'number' },
  },
} as const;
const procedure = {
  type: 'object',
  properties: {
    code: { type: 'string' },
    version: { type: 'integer' },
    name: { type: 'string' },
    fieldCode: { type: 'string' },
    legalTimeLimit: { type: 'object', properties: { value: { type: 'number' }, unit: { type: 'string' } } },
    workflow: { type: 'array', items: step },
    unverified: { type: 'array', items: { type: 'string' } },
  },
} as const;

export function routingRoutes(app: RoutingApp) {
  return async (http: HttpApp) => {
    http.get<{ Querystring: { fieldCode?: string } }>(
      '/procedures',
      {
        schema: {
          summary: 'The published procedures (current versions), optionally of one field',
          tags: ['catalogue'],
          querystring: { type: 'object', properties: { fieldCode: { type: 'string', maxLength: 32 } } },
          response: { 200: { type: 'array', items: procedure } },
        },
      },
      async (request) => app.procedures.listCurrent(request.query.fieldCode),
    );

    http.get<{ Params: { code: string }; Querystring: { version?: number } }>(
      '/procedures/:code',
      {
        schema: {
          summary: 'One procedure with its workflow (the current version unless one is asked for)',
          tags: ['catalogue'],
          params: {
            type: 'object',
            required: ['code'],
            properties: { code: { type: 'string', pattern: '^\\d\\.\\d{6}$' } },
          },
          querystring: { type: 'object', properties: { version: { type: 'integer', minimum: 1 } } },
          response: { 200: procedure, ...errors },
        },
      },
      async (request) => app.procedures.get(request.params.code, request.query.version ?? 0),
    );

    http.get<{ Params: { dossierId: string } }>(
      '/dossiers/:dossierId/route',
      {
        schema: {
          summary: "Where a dossier stands in its procedure's workflow",
          tags: ['routing'],
          params: {
            type: 'object',
            required: ['dossierId'],
            properties: { dossierId: { type: 'string', format: 'uuid' } },
          },
          response: {
            200: {
              type: 'object',
              properties: {
                dossierId: { type: 'string' },
                status: { type: 'string' },
                procedureCode: { type: 'string' },
                stepIndex: { type: 'integer' },
                currentStep: { ...step, nullable: true },
                workflow: { type: 'array', items: step },
              },
            },
            ...errors,
          },
        },
      },
      async (request) => app.route(request.params.dossierId),
    );
  };
}
