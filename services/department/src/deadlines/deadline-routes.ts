import { DomainError } from '@motcua/contracts';
import { errorResponseSchema, type HttpApp } from '@motcua/http';
import type { TimerRunner } from '@motcua/timers';
import type { DeadlineApp } from './deadline-app.js';
import type { UnitKind } from './digest.js';

const errors = { 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema };
const item = {
  type: 'object',
  properties: {
    dossierId: { type: 'string' },
    dossierCode: { type: 'string' },
    taskId: { type: 'string' },
    stepId: { type: 'string' },
    stepName: { type: 'string' },
    departmentId: { type: 'string' },
    assigneeId: { type: 'string' },
    dueAt: { type: 'string', format: 'date-time' },
    overdueWorkingMinutes: { type: 'integer' },
    overdueWorkingDays: { type: 'integer' },
  },
} as const;
const digest = {
  type: 'object',
  properties: {
    unitId: { type: 'string' },
    unitKind: { type: 'string', enum: ['department', 'center'] },
    centerId: { type: 'string' },
    // Present on department digests, so the permission check can scope them to the department.
    departmentId: { type: 'string' },
    workingDate: { type: 'string' },
    nextWorkingDate: { type: 'string' },
    dueToday: { type: 'array', items: item },
    dueTomorrow: { type: 'array', items: item },
    overdue: { type: 'array', items: item },
    issuedAt: { type: 'string', format: 'date-time' },
  },
} as const;

/** The daily digests' read side, and in test mode a way to run the timers now. */
export function deadlineRoutes(deadlines: DeadlineApp, runner: TimerRunner, testMode: boolean) {
  return async (http: HttpApp) => {
    http.get<{ Params: { unitKind: UnitKind; unitId: string } }>(
      '/digests/:unitKind/:unitId/latest',
      {
        schema: {
          summary: "A department's or a center's latest daily digest: due today, due tomorrow, overdue",
          tags: ['deadlines'],
          params: {
            type: 'object',
            required: ['unitKind', 'unitId'],
            properties: {
              unitKind: { type: 'string', enum: ['department', 'center'] },
              unitId: { type: 'string', minLength: 1, maxLength: 128 },
            },
          },
          response: { 200: digest, ...errors },
        },
      },
      async (request) => {
        const { unitKind, unitId } = request.params;
        const found = await deadlines.latestDigest(unitKind, unitId);
        if (!found) {
          throw new DomainError('NOT_FOUND', {
            details: { unitKind, unitId },
            messages: { vi: 'Chưa có bản tổng hợp hằng ngày', en: 'No daily digest yet' },
          });
        }
        return unitKind === 'department' ? { ...found, departmentId: unitId } : found;
      },
    );

    if (!testMode) return;
    http.post(
      '/test/timers/tick',
      {
        schema: {
          summary: 'Fire the timers due on the service clock now (test mode only)',
          tags: ['test'],
          response: {
            200: {
              type: 'object',
              properties: {
                fired: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      id: { type: 'string' },
                      kind: { type: 'string' },
                      dueAt: { type: 'string', format: 'date-time' },
                    },
                  },
                },
              },
            },
          },
        },
      },
      async () => ({
        fired: (await runner.tick()).map((t) => ({ id: t.id, kind: t.kind, dueAt: t.dueAt.toISOString() })),
      }),
    );
  };
}
