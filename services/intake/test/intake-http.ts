// An in-process intake HTTP app over a real FerretDB (event store, GridFS) for integration tests;
// routing's catalogue answers over gRPC in production, here a fixed procedure stands in for it.

import { randomUUID } from 'node:crypto';
import { DEVELOPMENT_JWT_SECRET, installHttpGuard, type Principal, Tokens } from '@motcua/auth';
import { type CatalogueServiceClient, DomainError } from '@motcua/contracts';
import { EventStore, ManualClock } from '@motcua/eventstore';
import type { PromiseClient } from '@motcua/grpc';
import { buildHttpApp, type HttpApp } from '@motcua/http';
import { createLogger } from '@motcua/logger';
import { type ServiceDeps, validateNewEvent } from '@motcua/runtime';
import { type CommandStartedEvent, type Db, MongoClient } from 'mongodb';
import { applicantAuthRoutes } from '../src/adapters/applicant-auth-routes.js';
import { authRoutes, openUserStore } from '../src/adapters/auth-routes.js';
import { DossierCodeAllocator } from '../src/adapters/code-allocator.js';
import { onlineQueueRoutes, receiptRoutes } from '../src/adapters/counter-routes.js';
import { documentRoutes } from '../src/adapters/document-routes.js';
import { DocumentStore } from '../src/adapters/document-store.js';
import { dossierResources } from '../src/adapters/dossier-resources.js';
import { intakeRoutes } from '../src/adapters/http-routes.js';
import { officerRoutes } from '../src/adapters/officer-routes.js';
import { onlineDraftRoutes } from '../src/adapters/online-draft-routes.js';
import { OnlineDrafts } from '../src/adapters/online-drafts.js';
import { onlineSubmissionRoutes } from '../src/adapters/online-submission-routes.js';
import { resultFileRoutes } from '../src/adapters/result-file-routes.js';
import { searchRoutes } from '../src/adapters/search-routes.js';
import { securityEventRoutes } from '../src/adapters/security-events.js';
import { IntakeApp } from '../src/app/intake-app.js';
import { intakeStreamId } from '../src/domain/dossier.js';

export const REQUEST = 'Giấy đề nghị đăng ký hộ kinh doanh';
const MAX_BYTES = 1_000_000;
const tokens = new Tokens({ secret: DEVELOPMENT_JWT_SECRET });

// One procedure is known; any other code is PROCEDURE_NOT_FOUND, as routing answers it.
const catalogueWith = (resultTypes: string[]) =>
  ({
    call: async (method: string, request: { procedureCode?: string }) =>
      method === 'getProcedure'
        ? request.procedureCode !== '2.000575'
          ? Promise.reject(new DomainError('PROCEDURE_NOT_FOUND', { details: request }))
          : {
              code: '2.000575',
              version: 1,
              name: 'Đăng ký thành lập hộ kinh doanh',
              legalTimeLimit: { value: 3, unit: 'working_days' },
              details: {
                requiredDocuments: [{ name: REQUEST, conditional: '' }],
                cutoffApplies: false,
                resultTypes,
              },
            }
        : { appointmentAt: '2026-03-05T10:00:00.000Z' },
    close: () => undefined,
  }) as unknown as PromiseClient<CatalogueServiceClient>;

export interface IntakeHttp {
  http: HttpApp;
  app: IntakeApp;
  db: Db;
  store: EventStore;
  clock: ManualClock;
  headersOf: (principal: Principal) => Promise<Record<string, string>>;
  eventsOf: (dossierId: string) => Promise<string[]>;
  files: () => Promise<number>;
  close: () => Promise<void>;
}

export async function startIntakeHttp(
  options: {
    resultTypes?: string[];
    logins?: boolean;
    /** Sees every command the app sends to the database. */
    onCommand?: (event: CommandStartedEvent) => void;
  } = {},
): Promise<IntakeHttp> {
  const client = await MongoClient.connect(process.env.MONGO_URL!, { monitorCommands: !!options.onCommand });
  if (options.onCommand) client.on('commandStarted', options.onCommand);
  const db = client.db(`intake_http_${randomUUID().slice(0, 8)}`);
  const clock = new ManualClock(new Date('2026-03-02T08:00:00+07:00'));
  const store = new EventStore({ db, producer: 'intake', clock, validate: validateNewEvent });
  const documents = new DocumentStore(db, { maxBytes: MAX_BYTES, clock });
  const deps = { db, store, clock } as unknown as ServiceDeps;
  const catalogue = catalogueWith(options.resultTypes ?? ['paper', 'electronic']);
  const app = new IntakeApp(deps, catalogue, new DossierCodeAllocator(db), 'test-secret', documents);
  const logger = createLogger({ service: 'intake', level: 'silent' });
  const http = await buildHttpApp({
    service: 'intake',
    version: 'test',
    logger,
    routes: async (scope) => {
      const loaders = {
        ...dossierResources(app),
        document: (id: string) => documents.resourceOf(id),
      };
      installHttpGuard(scope, { service: 'intake', tokens, logger, loaders });
      await intakeRoutes(app)(scope);
      await documentRoutes(documents, { maxBytes: MAX_BYTES })(scope);
      await receiptRoutes(app)(scope);
      await onlineQueueRoutes(app)(scope);
      await searchRoutes(app)(scope);
      await onlineSubmissionRoutes(app, documents, { maxBytes: MAX_BYTES })(scope);
      await onlineDraftRoutes(new OnlineDrafts(db, app, 'test-secret', clock))(scope);
      await resultFileRoutes(app, documents, { maxBytes: MAX_BYTES })(scope);
      // Logins over the demo accounts (development mode), throttled and recorded as in the service.
      if (options.logins) {
        const users = await openUserStore(db, { MOTCUA_DEV_MODE: 'true' }, logger);
        await authRoutes(users, tokens, app.attempts)(scope);
        await officerRoutes(users)(scope);
      }
      await applicantAuthRoutes(app, tokens)(scope);
      await securityEventRoutes(app.attempts.events)(scope);
    },
  });
  return {
    http,
    app,
    db,
    store,
    clock,
    headersOf: async (principal) => ({
      authorization: `Bearer ${(await tokens.issue(principal)).accessToken}`,
    }),
    eventsOf: async (dossierId) =>
      ((await store.read(intakeStreamId(dossierId)))?.events ?? []).map((e) => e.type),
    files: () => db.collection('documents.files').countDocuments(),
    close: async () => {
      await http.close();
      await db.dropDatabase().catch(() => undefined);
      await client.close();
    },
  };
}

type Part = { name: string; value: string } | { name: string; filename: string; data: Buffer };

/** A multipart/form-data body built by hand: parts in exactly the order given. */
export function multipart(parts: Part[]) {
  const boundary = `----motcua${randomUUID()}`;
  const chunks = parts.flatMap((p) => {
    const disposition = `Content-Disposition: form-data; name="${p.name}"`;
    return 'value' in p
      ? [Buffer.from(`--${boundary}\r\n${disposition}\r\n\r\n${p.value}\r\n`)]
      : [
          Buffer.from(
            `--${boundary}\r\n${disposition}; filename="${p.filename}"\r\nContent-Type: application/pdf\r\n\r\n`,
          ),
          p.data,
          Buffer.from('\r\n'),
        ];
  });
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
