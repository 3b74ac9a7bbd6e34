import type { HttpApp } from '@motcua/http';
import { errors, text } from './http-schemas.js';
import type { UserRepository } from './user-repository.js';

const officer = {
  type: 'object',
  required: ['userId', 'displayName', 'role'],
  properties: {
    userId: { type: 'string' },
    displayName: { type: 'string' },
    role: { type: 'string' },
    departmentId: { type: 'string' },
  },
} as const;

/**
 * `GET /centers/:centerId/officers`: the center's officers by full name, for the consoles' names
 * (task assignees, timelines, the head's assignment list). The center's own staff and the auditors.
 */
export function officerRoutes(users: UserRepository) {
  return async (http: HttpApp) => {
    http.get<{ Params: { centerId: string } }>(
      '/centers/:centerId/officers',
      {
        schema: {
          summary: "A center's officers: login, full name, role and department",
          tags: ['auth'],
          params: { type: 'object', properties: { centerId: text(128) }, required: ['centerId'] },
          response: { 200: { type: 'array', items: officer }, ...errors },
        },
      },
      async (request) => users.officersOf(request.params.centerId),
    );
  };
}
