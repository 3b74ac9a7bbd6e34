import { type ListQueueResponse, TaskServiceService } from '@motcua/contracts';
import { defineService, unary } from '@motcua/grpc';
import type { Logger } from '@motcua/logger';
import type { DepartmentApp } from '../app/department-app.js';

export function taskGrpcService(app: DepartmentApp, logger: Logger) {
  return defineService(TaskServiceService, {
    listQueue: unary(async (request): Promise<ListQueueResponse> => {
      const entries = await app.queue(request.departmentId);
      return {
        tasks: entries.map((e) => ({
          taskId: e.taskId,
          dossierId: e.dossierId,
          dossierCode: e.dossierCode,
          procedureCode: '',
          stepId: e.stepId,
          stepName: e.stepName,
          departmentId: request.departmentId,
          status: e.status,
          queuedAt: e.queuedAt,
          stepDueAt: e.dueAt,
          completedAt: e.completedAt,
          officerId: '',
        })),
      };
    }, logger),
  });
}
