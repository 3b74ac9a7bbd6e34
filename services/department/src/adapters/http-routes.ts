import { errorResponseSchema, type HttpApp } from '@motcua/http';
import { actorHeadersSchema, commandMetaOf } from '@motcua/runtime';
import type { DepartmentApp } from '../app/department-app.js';

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
    applicantName: { type: 'string' },
    procedureCode: { type: 'string' },
    procedureName: { type: 'string' },
    appointmentAt: { type: 'string', format: 'date-time' },
    stepId: { type: 'string' },
    stepName: { type: 'string' },
    departmentId: { type: 'string' },
    /** The role the workflow's step needs: the console shows the actions by it. */
    role: { type: 'string' },
    status: { type: 'string', enum: ['queued', 'completed', 'returned', 'closed', 'done'] },
    assignee: { type: 'string' },
    queuedAt: { type: 'string', format: 'date-time' },
    dueAt: { type: 'string', format: 'date-time' },
    completedAt: { type: 'string', format: 'date-time' },
    completedBy: { type: 'string' },
    records: { type: 'integer' },
    version: { type: 'integer' },
  },
} as const;
const taskParams = {
  type: 'object',
  required: ['taskId'],
  properties: { taskId: { type: 'string', format: 'uuid' } },
} as const;
const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;

/** Officer actions on a task: path, command, summary and body fields. */
const ACTIONS = [
  {
    path: 'assignment',
    type: 'AssignTask',
    summary: 'The department head assigns the task to an officer',
    required: ['officerId'],
    // The full name the head chose from the center's officer list: records name the assignee by it.
    properties: { officerId: text(128), officerName: text(200) },
  },
  {
    path: 'claim',
    type: 'ClaimTask',
    summary: 'An officer takes an unassigned task from the queue',
    required: [],
    properties: {},
  },
  {
    path: 'records',
    type: 'RecordVerification',
    summary: 'Record a verification or a consultation of another unit, with its deadline',
    required: ['kind', 'counterpart'],
    properties: {
      kind: { type: 'string', enum: ['verification', 'consultation'] },
      counterpart: text(300),
      note: { type: 'string', maxLength: 4000, default: '' },
      deadline: { type: 'string', format: 'date-time' },
    },
  },
  {
    path: 'complete',
    type: 'CompleteStep',
    summary: 'Complete the step and hand the dossier over: to the next step, or to the result',
    required: [],
    properties: { note: { type: 'string', maxLength: 2000, default: '' } },
  },
  {
    path: 'return',
    type: 'ReturnStep',
    summary: 'Send the dossier back to an earlier step, with the reason',
    required: ['toStepId', 'reason'],
    properties: { toStepId: text(64), reason: text(2000) },
  },
] as const;

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

    for (const action of ACTIONS) {
      http.post<{ Params: { taskId: string }; Body: Record<string, unknown> & { commandId: string } }>(
        `/tasks/:taskId/${action.path}`,
        {
          schema: {
            summary: action.summary,
            tags: ['queue'],
            headers: actorHeadersSchema,
            params: taskParams,
            body: {
              type: 'object',
              additionalProperties: false,
              required: ['commandId', ...action.required],
              properties: { commandId: { type: 'string', format: 'uuid' }, ...action.properties },
            },
            response: { 200: task, ...errors },
          },
        },
        async (request) => {
          const { commandId, ...input } = request.body;
          const parsed =
            typeof input.deadline === 'string' ? { ...input, deadline: new Date(input.deadline) } : input;
          return app.act(
            request.params.taskId,
            action.type,
            parsed as never,
            commandMetaOf(request, commandId),
          );
        },
      );
    }
  };
}
