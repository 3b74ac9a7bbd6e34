import { readConfig, str } from '@motcua/config';
import { groupIdIn, topicNames } from '@motcua/kafka';
import type { ServiceSpec } from '@motcua/runtime';
import { auditRoutes } from './adapters/audit-routes.js';
import { boardFor, boardRoutes } from './adapters/board-routes.js';
import { deadlineCountsFor, deadlineCountsRoutes } from './adapters/deadline-counts-routes.js';
import { auditGrpcService } from './adapters/grpc-audit-service.js';
import { monitoringRoutes } from './adapters/http-routes.js';
import { indicesFor, indicesRoutes } from './adapters/indices-routes.js';
import { IntegrityLedger, IntegrityRepository } from './adapters/integrity-repository.js';
import { integrityRoutes } from './adapters/integrity-routes.js';
import { LiveEvents } from './adapters/live-stream.js';
import { liveStreamRoutes } from './adapters/live-stream-routes.js';
import { kafkaLogPosition } from './adapters/log-position.js';
import { reportRoutes, statisticsFor } from './adapters/report-routes.js';
import { successionRoutes } from './adapters/succession-routes.js';
import { TimelineRepository } from './adapters/timeline-repository.js';
import { AuditApp } from './app/audit-app.js';
import { MonitoringApp } from './app/monitoring-app.js';

export const MONITORING_PORTS = { httpPort: 7105, grpcPort: 7205 };
const TIMELINE_GROUP = 'monitoring.timeline';

export function monitoringService(overrides: Partial<ServiceSpec> = {}): ServiceSpec {
  return {
    name: 'monitoring',
    description: "The supervision board's audit: every dossier's lifecycle rebuilt from the event log alone",
    ports: MONITORING_PORTS,
    ...overrides,
    build: async (deps) => {
      const timelines = new TimelineRepository(deps.db);
      const app = new MonitoringApp(timelines);
      const audit = new AuditApp(timelines);
      const env = overrides.env ?? process.env;
      const namespace = readConfig({ MOTCUA_NAMESPACE: str('') }, env).MOTCUA_NAMESPACE;
      // a day is sealed once the timeline consumer has read the log as far as it went
      const position = kafkaLogPosition(
        deps.kafka,
        groupIdIn(namespace, TIMELINE_GROUP),
        topicNames(namespace).lifecycle,
      );
      const ledger = new IntegrityLedger(
        new IntegrityRepository(deps.db),
        () => deps.clock.now(),
        () => position.caughtUp(),
      );
      app.integrity = ledger;
      const live = new LiveEvents();
      app.live = live;
      // Records each day's digest once the day is over (GET /integrity/digests/:day also does).
      const sealer = setInterval(
        () => void ledger.sealDueDays().catch((err) => deps.logger.warn({ err }, 'could not record digests')),
        60_000,
      );
      sealer.unref();
      const reports = statisticsFor(app, deps, env);
      const board = boardFor(app, deps, reports.reports);
      const deadlineCounts = deadlineCountsFor(app, deps);
      return {
        consumers: [
          {
            groupId: TIMELINE_GROUP,
            handle: (event, context) => app.onEvent(event, context),
            handleBatch: (items) => app.onBatch(items),
            onJoin: () => app.forgetCached(),
          },
        ],
        grpcServices: [auditGrpcService({ app, audit, ledger, reports: reports.reports }, deps.logger)],
        routes: async (http) => {
          await monitoringRoutes(app)(http);
          await reportRoutes(reports.reports)(http);
          await boardRoutes(board)(http);
          await deadlineCountsRoutes(deadlineCounts)(http);
          await indicesRoutes(indicesFor(deps))(http);
          await successionRoutes()(http);
          await integrityRoutes(app, ledger)(http);
          await auditRoutes(audit)(http);
          await liveStreamRoutes(live)(http);
        },
        // The board's reads of one dossier are scoped to the center that received it.
        resources: { dossier: async (ref) => ({ centerId: await audit.centerOf(ref) }) },
        onStop: async () => {
          clearInterval(sealer);
          await reports.close();
        },
      };
    },
  };
}
