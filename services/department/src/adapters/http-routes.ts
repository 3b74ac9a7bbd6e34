import { errorResponseSchema, type HttpApp } from '@motcua/http';
import { actorHeadersSchema, commandMetaOf } from '@motcua/runtime';
import type { CompleteInput, DepartmentApp } from '../app/department-app.js';

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
};
const task = {
  type: 'object',
  properties: {
    taskId: { type: 'string' },
    dossierId: { type: 'string' },
    dossierCode: { type: 'string' },
    stepId: { type: 'string' },
    stepName: { type: 'string' },
    departmentId: { type: 'string' },
    status: { type: 'string', enum: ['queued', 'completed'] },
    queuedAt: { type: 'string', format: 'date-time' },
    dueAt: { type: 'string', format: 'date-time' },
    completedAt: { type: 'string', format: 'date-time' },
    completedBy: { type: 'string' },
    version: { type: 'integer' },
  },
} as const;
const taskParams = {
  type: 'object',
  required: ['taskId'],
  properties: { taskId: { type: 'string', format: 'uuid' } },
} as const;

export function departmentRoutes(app: DepartmentApp) {
  return async (http: HttpApp) => {
    http.get<{ Params: { departmentId: string } }>(
      '/departments/:departmentId/queue',
      {
        schema: {
          summary: "A department's open tasks, the one due first on top",
          tags: ['queue'],
          params: {
            type: 'object',
            required: ['departmentId'],
            properties: { departmentId: { type: 'string', minLength: 1, maxLength: 128 } },
          },
          response: { 200: { type: 'array', items: task }, ...errors },
        },
      },
      async (request) => app.queue(request.params.departmentId),
    );

    http.get<{ Params: { taskId: string } }>(
      '/tasks/:taskId',
      {
        schema: {
          summary: 'One task',
          tags: ['queue'],
          params: taskParams,
          response: { 200: task, ...errors },
        },
      },
      async (request) => app.task(request.params.taskId),
    );

    http.post<{ Params: { taskId: string }; Body: CompleteInput }>(
      '/tasks/:taskId/complete',
      {
        schema: {
          summary: 'Complete the step: the dossier moves on to the next step or to the result',
          tags: ['queue'],
          headers: actorHeadersSchema,
          params: taskParams,
          body: {
            type: 'object',
            additionalProperties: false,
            required: ['commandId'],
            properties: {
              commandId: { type: 'string', format: 'uuid' },
              note: { type: 'string', maxLength: 2000, default: '' },
            },
          },
          response: { 200: task, ...errors },
        },
      },
      async (request) =>
        app.completeStep(request.params.taskId, request.body, commandMetaOf(request, request.body.commandId)),
    );
  };
}
