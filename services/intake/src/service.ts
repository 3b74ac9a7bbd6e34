import { createCalendar, OFFICIAL_CALENDAR_YEARS } from '@motcua/calendar';
import { readConfig, str } from '@motcua/config';
import { CatalogueServiceClient } from '@motcua/contracts';
import { createClient } from '@motcua/grpc';
import type { ServiceSpec } from '@motcua/runtime';
import { DossierCodeAllocator } from './adapters/code-allocator.js';
import { dossierGrpcService } from './adapters/grpc-dossier-service.js';
import { intakeRoutes } from './adapters/http-routes.js';
import { IntakeApp } from './app/intake-app.js';

export const INTAKE_PORTS = { httpPort: 7101, grpcPort: 7201 };

export function intakeService(overrides: Partial<ServiceSpec> = {}): ServiceSpec {
  return {
    name: 'intake',
    description: 'Reception of dossiers at the counter, dossier codes, appointments and return of results',
    ports: INTAKE_PORTS,
    ...overrides,
    build: async (deps) => {
      const env = overrides.env ?? process.env;
      const config = readConfig(
        {
          ROUTING_GRPC_ADDRESS: str('127.0.0.1:7202'),
          // Only a development default: deployments set their own (docker-compose.yml, README).
          INTAKE_LOOKUP_SECRET: str('motcua-development-lookup-secret'),
        },
        env,
      );
      const catalogue = createClient(CatalogueServiceClient, config.ROUTING_GRPC_ADDRESS);
      const calendar = createCalendar({ years: OFFICIAL_CALENDAR_YEARS, computeMissingYears: true });
      const codes = new DossierCodeAllocator(deps.db);
      const app = new IntakeApp(deps, calendar, catalogue, codes, config.INTAKE_LOOKUP_SECRET);
      return {
        consumers: [{ groupId: 'intake.results', handle: (event) => app.onEvent(event) }],
        grpcServices: [dossierGrpcService(app, deps.logger)],
        routes: intakeRoutes(app),
        onStop: async () => catalogue.close(),
      };
    },
  };
}
