import type { ServiceSpec } from '@motcua/runtime';
import { auditGrpcService } from './adapters/grpc-audit-service.js';
import { monitoringRoutes } from './adapters/http-routes.js';
import { TimelineRepository } from './adapters/timeline-repository.js';
import { MonitoringApp } from './app/monitoring-app.js';

export const MONITORING_PORTS = { httpPort: 7105, grpcPort: 7205 };

export function monitoringService(overrides: Partial<ServiceSpec> = {}): ServiceSpec {
  return {
    name: 'monitoring',
    description: "The supervision board's audit: every dossier's lifecycle rebuilt from the event log alone",
    ports: MONITORING_PORTS,
    ...overrides,
    build: async (deps) => {
      const app = new MonitoringApp(new TimelineRepository(deps.db));
      return {
        consumers: [
          { groupId: 'monitoring.timeline', handle: (event, context) => app.onEvent(event, context) },
        ],
        grpcServices: [auditGrpcService(app, deps.logger)],
        routes: monitoringRoutes(app),
      };
    },
  };
}
