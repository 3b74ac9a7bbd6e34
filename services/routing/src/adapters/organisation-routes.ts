import { DomainError } from '@motcua/contracts';
import { errorResponseSchema, type HttpApp } from '@motcua/http';
import { isDay, ORGANISATION, type Unit } from '@motcua/organisation';

const errors = { 400: errorResponseSchema, 404: errorResponseSchema };
const unitView = {
  type: 'object',
  properties: {
    type: { type: 'string', enum: ['jurisdiction', 'center', 'department', 'agency'] },
    id: { type: 'string' },
    name: { type: 'string' },
    validFrom: { type: 'string' },
    validTo: { type: 'string' },
    predecessorIds: { type: 'array', items: { type: 'string' } },
    sources: { type: 'array', items: { type: 'string' } },
    unverified: { type: 'array', items: { type: 'string' } },
  },
} as const;
const asOfQuery = {
  type: 'object',
  required: ['asOf'],
  properties: { asOf: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' } },
} as const;

const view = (u: Unit) => {
  const r = u.record as unknown as Record<string, unknown>;
  return { type: u.type, id: u.id, ...r, name: String(r.name ?? '') };
};

const day = (asOf: string) => {
  if (!isDay(asOf))
    throw new DomainError('INVALID_INPUT', {
      details: { field: 'asOf', asOf },
      messages: { vi: 'Ngày không hợp lệ (YYYY-MM-DD)', en: 'Invalid day (YYYY-MM-DD)' },
    });
  return asOf;
};

/**
 * The organisation as of any day, 2018 history included (public, like the catalogue): the units in
 * force, and who took over a unit after a reorganisation.
 */
export function organisationRoutes() {
  return async (http: HttpApp) => {
    http.get<{ Querystring: { asOf: string } }>(
      '/organisation/units',
      {
        schema: {
          summary: 'The jurisdictions, centers, departments and agencies in force on a day',
          tags: ['organisation'],
          querystring: asOfQuery,
          response: { 200: { type: 'array', items: unitView }, ...errors },
        },
      },
      async (request) => ORGANISATION.unitsInForce(day(request.query.asOf)).map(view),
    );
    http.get<{ Params: { unitId: string }; Querystring: { asOf: string } }>(
      '/organisation/units/:unitId/successors',
      {
        schema: {
          summary: 'The units in force on a day that took over a unit (itself while in force)',
          tags: ['organisation'],
          params: {
            type: 'object',
            required: ['unitId'],
            properties: { unitId: { type: 'string', pattern: '^[a-z0-9.-]{2,128}$' } },
          },
          querystring: asOfQuery,
          response: { 200: { type: 'array', items: unitView }, ...errors },
        },
      },
      async (request) => {
        if (!ORGANISATION.unitExists(request.params.unitId))
          throw new DomainError('NOT_FOUND', { details: { unitId: request.params.unitId } });
        return ORGANISATION.successorsOf(request.params.unitId, day(request.query.asOf)).map(view);
      },
    );
  };
}
