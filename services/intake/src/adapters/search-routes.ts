import type { HttpApp } from '@motcua/http';
import type { IntakeApp } from '../app/intake-app.js';
import { errors } from './http-schemas.js';

const hits = {
  type: 'object',
  properties: {
    hits: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          dossierId: { type: 'string' },
          dossierCode: { type: 'string' },
          applicantFullName: { type: 'string' },
          procedureName: { type: 'string' },
          at: { type: 'string', format: 'date-time' },
        },
      },
    },
  },
} as const;

/**
 * `POST /centers/:centerId/dossier-search {query}`: the center's dossiers by applicant name, phone, ID
 * number or part of the code. POST, not GET: phones and ID numbers stay out of URLs and access logs.
 */
export function searchRoutes(app: IntakeApp) {
  return async (http: HttpApp) => {
    http.post<{ Params: { centerId: string }; Body: { query: string } }>(
      '/centers/:centerId/dossier-search',
      {
        schema: {
          summary:
            "A center's dossiers by applicant name, phone, ID number or part of the dossier code, newest first",
          tags: ['dossiers'],
          params: {
            type: 'object',
            required: ['centerId'],
            properties: { centerId: { type: 'string', pattern: '^[a-z0-9-]{2,64}$' } },
          },
          body: {
            type: 'object',
            additionalProperties: false,
            required: ['query'],
            properties: { query: { type: 'string', minLength: 2, maxLength: 300 } },
          },
          response: { 200: hits, ...errors },
        },
      },
      async (request) => ({ hits: await app.searchDossiers(request.params.centerId, request.body.query) }),
    );
  };
}
