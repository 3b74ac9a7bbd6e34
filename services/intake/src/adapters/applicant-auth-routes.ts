import type { Tokens } from '@motcua/auth';
import { errorResponseSchema, type HttpApp } from '@motcua/http';
import type { IntakeApp } from '../app/intake-app.js';

/**
 * `POST /auth/applicant`: the dossier code and the key printed on its receipt → a short-lived token
 * with which the applicant sees their own dossiers (and only those) and may withdraw them.
 */
export function applicantAuthRoutes(app: IntakeApp, tokens: Tokens) {
  return async (http: HttpApp) => {
    http.post<{ Body: { dossierCode: string; lookupKey: string } }>(
      '/auth/applicant',
      {
        schema: {
          summary: "Applicant access with a receipt's dossier code and look-up key",
          tags: ['auth', 'applicants'],
          body: {
            type: 'object',
            additionalProperties: false,
            required: ['dossierCode', 'lookupKey'],
            properties: {
              dossierCode: { type: 'string', minLength: 1, maxLength: 64 },
              lookupKey: { type: 'string', pattern: '^[A-Z0-9]{8}$' },
            },
          },
          response: {
            200: {
              type: 'object',
              properties: {
                accessToken: { type: 'string' },
                tokenType: { type: 'string', enum: ['Bearer'] },
                expiresIn: { type: 'integer' },
                user: {
                  type: 'object',
                  properties: {
                    userId: { type: 'string' },
                    role: { type: 'string' },
                    displayName: { type: 'string' },
                  },
                },
              },
            },
            400: errorResponseSchema,
            404: errorResponseSchema,
            429: errorResponseSchema,
          },
        },
      },
      async (request) => {
        const user = await app.applicantOf(request.body.dossierCode, request.body.lookupKey, request.ip);
        const issued = await tokens.issue(user);
        return { accessToken: issued.accessToken, tokenType: 'Bearer', expiresIn: issued.expiresIn, user };
      },
    );
  };
}
