import { DEVELOPMENT_LOOKUP_SECRET, LOOKUP_SECRET_NAME } from '@motcua/auth';
import { int, readConfig, str } from '@motcua/config';
import { CatalogueServiceClient } from '@motcua/contracts';
import { createClient } from '@motcua/grpc';
import type { ServiceSpec } from '@motcua/runtime';
import { applicantAuthRoutes } from './adapters/applicant-auth-routes.js';
import { authRoutes, openUserStore } from './adapters/auth-routes.js';
import { DossierCodeAllocator } from './adapters/code-allocator.js';
import { onlineQueueRoutes, receiptRoutes, returnQueueRoutes } from './adapters/counter-routes.js';
import { documentRoutes } from './adapters/document-routes.js';
import { DocumentStore } from './adapters/document-store.js';
import { dossierResources } from './adapters/dossier-resources.js';
import { dossierGrpcService } from './adapters/grpc-dossier-service.js';
import { intakeRoutes } from './adapters/http-routes.js';
import { officerRoutes } from './adapters/officer-routes.js';
import { onlineDraftRoutes } from './adapters/online-draft-routes.js';
import { OnlineDrafts } from './adapters/online-drafts.js';
import { onlineSubmissionRoutes } from './adapters/online-submission-routes.js';
import { resultFileRoutes } from './adapters/result-file-routes.js';
import { searchRoutes } from './adapters/search-routes.js';
import { securityEventRoutes } from './adapters/security-events.js';
import { IntakeApp, intakeReactsTo } from './app/intake-app.js';
import { DEFAULT_MAX_DOCUMENT_BYTES } from './domain/documents.js';

export const INTAKE_PORTS = { httpPort: 7101, grpcPort: 7201 };

export function intakeService(overrides: Partial<ServiceSpec> = {}): ServiceSpec {
  return {
    name: 'intake',
    description: 'Reception of dossiers at the counter, dossier codes, appointments and return of results',
    ports: INTAKE_PORTS,
    // Derives the receipts' look-up keys and the upload keys (ADR 0016): required, no default.
    secrets: [{ name: LOOKUP_SECRET_NAME, developmentValue: DEVELOPMENT_LOOKUP_SECRET }],
    ...overrides,
    build: async (deps) => {
      const env = overrides.env ?? process.env;
      const config = readConfig(
        {
          ROUTING_GRPC_ADDRESS: str('127.0.0.1:7202'),
          INTAKE_MAX_DOCUMENT_BYTES: int(DEFAULT_MAX_DOCUMENT_BYTES, { min: 1 }),
          // The applicant portal's look-up page: the receipt's QR code links to it with the dossier code.
          INTAKE_PUBLIC_LOOKUP_URL: str('http://localhost:7100/applicant/lookup'),
        },
        env,
      );
      const lookupSecret = deps.secrets[LOOKUP_SECRET_NAME]!;
      const catalogue = createClient(CatalogueServiceClient, config.ROUTING_GRPC_ADDRESS, {
        defaultMetadata: () => deps.auth.serviceToken.metadata(),
      });
      const users = await openUserStore(deps.db, env, deps.logger);
      const codes = new DossierCodeAllocator(deps.db);
      const maxBytes = config.INTAKE_MAX_DOCUMENT_BYTES;
      const documents = new DocumentStore(deps.db, { maxBytes, clock: deps.clock });
      const app = new IntakeApp(deps, catalogue, codes, lookupSecret, documents);
      return {
        consumers: [
          { groupId: 'intake.results', relevant: intakeReactsTo, handle: (event) => app.onEvent(event) },
        ],
        grpcServices: [dossierGrpcService(app, deps.logger)],
        routes: async (http) => {
          await intakeRoutes(app)(http);
          await authRoutes(users, deps.auth.tokens, app.attempts)(http);
          await securityEventRoutes(app.attempts.events)(http);
          await officerRoutes(users)(http);
          await applicantAuthRoutes(app, deps.auth.tokens)(http);
          await documentRoutes(documents, { maxBytes })(http);
          await receiptRoutes(app, { lookupUrl: config.INTAKE_PUBLIC_LOOKUP_URL })(http);
          await returnQueueRoutes(app)(http);
          await onlineQueueRoutes(app)(http);
          await searchRoutes(app)(http);
          await onlineSubmissionRoutes(app, documents, { maxBytes })(http);
          await onlineDraftRoutes(new OnlineDrafts(deps.db, app, lookupSecret, deps.clock))(http);
          await resultFileRoutes(app, documents, { maxBytes })(http);
        },
        resources: {
          ...dossierResources(app),
          document: (id) => documents.resourceOf(id),
        },
        onStop: async () => catalogue.close(),
      };
    },
  };
}
