import type { ServiceSpec } from '@motcua/runtime';
import { taskGrpcService } from './adapters/grpc-task-service.js';
import { departmentRoutes } from './adapters/http-routes.js';
import { QueueRepository } from './adapters/queue-repository.js';
import { DepartmentApp } from './app/department-app.js';

export const DEPARTMENT_PORTS = { httpPort: 7103, grpcPort: 7203 };

export function departmentService(overrides: Partial<ServiceSpec> = {}): ServiceSpec {
  return {
    name: 'department',
    description: "Departments' work queues: officers take and complete the steps of dossiers",
    ports: DEPARTMENT_PORTS,
    ...overrides,
    build: async (deps) => {
      const app = new DepartmentApp(deps, new QueueRepository(deps.db));
      return {
        consumers: [{ groupId: 'department.tasks', handle: (event) => app.onEvent(event) }],
        grpcServices: [taskGrpcService(app, deps.logger)],
        routes: departmentRoutes(app),
      };
    },
  };
}
