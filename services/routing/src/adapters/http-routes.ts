import { errorResponseSchema, type HttpApp } from '@motcua/http';
import type { RoutingApp } from '../app/routing-app.js';
import type { Level } from '../domain/catalogue.js';

const errors = { 400: errorResponseSchema, 404: errorResponseSchema };
const str = { type: 'string' } as const;
const strings = { type: 'array', items: str } as const;
const int = { type: 'integer' } as const;
const timeLimit = {
  type: 'object',
  properties: {
    value: { type: 'number' },
    unit: { type: 'string', enum: ['working_days', 'calendar_days', 'working_hours', 'same_day'] },
  },
} as const;
const onlineService = {
  type: 'object',
  properties: { level: str, decree42: { type: 'string', enum: ['full', 'partial'] } },
} as const;
const step = {
  type: 'object',
  properties: {
    stepId: str,
    name: str,
    departmentKind: str,
    departmentId: str,
    departmentName: str,
    role: str,
    allottedWorkingHours: { type: 'number' },
    stage: int,
    clockPausedAfter: str,
  },
} as const;
const procedure = {
  type: 'object',
  properties: {
    code: str,
    version: int,
    name: str,
    fieldCode: str,
    levels: strings,
    legalTimeLimit: timeLimit,
    extensions: {
      type: 'array',
      items: { type: 'object', properties: { when: str, ...timeLimit.properties } },
    },
    cutoffApplies: { type: 'boolean' },
    clockExclusions: strings,
    fees: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: str,
          amountVnd: { anyOf: [{ type: 'number' }, { type: 'string', enum: ['free', 'varies'] }] },
          note: str,
        },
      },
    },
    requiredDocuments: {
      type: 'array',
      items: {
        type: 'object',
        properties: { name: str, form: str, count: int, template: str, conditional: str },
      },
    },
    result: { type: 'object', properties: { name: str, types: strings } },
    onlineService,
    legalBasis: strings,
    keywords: strings,
    effectiveFrom: str,
    workflow: { type: 'array', items: step },
    // the consoles offer another competent/return center only while the procedure is listed
    boundaryFree: {
      type: 'array',
      items: { type: 'object', properties: { provinceId: str, validFrom: str, validTo: str } },
    },
    unverified: strings,
  },
} as const;
const summary = {
  type: 'object',
  properties: {
    code: str,
    version: int,
    name: str,
    fieldCode: str,
    levels: strings,
    legalTimeLimit: timeLimit,
    cutoffApplies: { type: 'boolean' },
    departmentKinds: strings,
    onlineService,
    keywords: strings,
    score: { type: 'integer', description: 'query words matched (search only)' },
  },
} as const;
const group = {
  type: 'object',
  properties: {
    groupId: str,
    version: int,
    name: str,
    levels: strings,
    entryAgencyKind: str,
    leadAgencyKind: str,
    legalTimeLimit: timeLimit,
    onlineTimeLimit: timeLimit,
    members: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          memberId: str,
          procedureCode: str,
          procedureName: str,
          agencyKind: str,
          task: str,
          allotted: timeLimit,
          after: strings,
          result: str,
        },
      },
    },
    legalBasis: strings,
    unverified: strings,
  },
} as const;
const codeParams = {
  type: 'object',
  required: ['code'],
  properties: { code: { type: 'string', pattern: '^\\d\\.\\d{6}$' } },
} as const;
const versionQuery = { type: 'object', properties: { version: { type: 'integer', minimum: 1 } } } as const;

export function routingRoutes(app: RoutingApp) {
  return async (http: HttpApp) => {
    http.get(
      '/fields',
      {
        schema: {
          summary: 'The fields (lĩnh vực) of the catalogue, with how many procedures each has',
          tags: ['catalogue'],
          response: {
            200: {
              type: 'array',
              items: {
                type: 'object',
                properties: { fieldCode: str, name: str, procedureCount: int, unverified: strings },
              },
            },
          },
        },
      },
      async () => app.procedures.fields(),
    );

    http.get<{ Querystring: { fieldCode?: string; departmentKind?: string; level?: Level; q?: string } }>(
      '/procedures',
      {
        schema: {
          summary:
            'Published procedures (current versions) by field and department kind; q searches without diacritics',
          tags: ['catalogue'],
          querystring: {
            type: 'object',
            properties: {
              fieldCode: { type: 'string', maxLength: 32 },
              departmentKind: { type: 'string', maxLength: 64 },
              level: { type: 'string', enum: ['province', 'district', 'commune'] },
              q: {
                type: 'string',
                maxLength: 200,
                description: 'e.g. "dang ky ho kinh doanh"; ranked by matched words',
              },
            },
          },
          response: { 200: { type: 'array', items: summary } },
        },
      },
      async (request) => app.procedures.list(request.query),
    );

    http.get<{ Params: { code: string }; Querystring: { version?: number } }>(
      '/procedures/:code',
      {
        schema: {
          summary: 'One procedure with its workflow (the current version unless one is asked for)',
          tags: ['catalogue'],
          params: codeParams,
          querystring: versionQuery,
          response: { 200: procedure, ...errors },
        },
      },
      async (request) => app.procedures.get(request.params.code, request.query.version ?? 0),
    );

    http.get<{ Params: { code: string } }>(
      '/procedures/:code/versions',
      {
        schema: {
          summary: 'Every published version of a procedure; old versions are never rewritten',
          tags: ['catalogue'],
          params: codeParams,
          response: {
            200: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  version: int,
                  name: str,
                  legalTimeLimit: timeLimit,
                  effectiveFrom: str,
                  current: { type: 'boolean' },
                },
              },
            },
            ...errors,
          },
        },
      },
      async (request) => app.procedures.versions(request.params.code),
    );

    http.get(
      '/procedure-groups',
      {
        schema: {
          summary: 'Interconnected procedure groups (liên thông): agencies, tasks, times, parallel branches',
          tags: ['catalogue'],
          response: { 200: { type: 'array', items: group } },
        },
      },
      async () => app.procedures.groups(),
    );

    http.get<{ Params: { groupId: string }; Querystring: { version?: number } }>(
      '/procedure-groups/:groupId',
      {
        schema: {
          summary: 'One interconnected procedure group (the current version unless one is asked for)',
          tags: ['catalogue'],
          params: {
            type: 'object',
            required: ['groupId'],
            properties: { groupId: { type: 'string', pattern: '^[a-z0-9-]{1,100}$' } },
          },
          querystring: versionQuery,
          response: { 200: group, ...errors },
        },
      },
      async (request) => app.procedures.getGroup(request.params.groupId, request.query.version ?? 0),
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
              // The process view grows with the lead's lifecycle work; pass its fields through.
              additionalProperties: true,
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
