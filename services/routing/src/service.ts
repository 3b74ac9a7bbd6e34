import { workingDayMinutes } from '@motcua/calendar';
import { bool, int, readConfig } from '@motcua/config';
import type { ServiceSpec } from '@motcua/runtime';
import { TimerRunner, TimerStore } from '@motcua/timers';
import { CalendarProvider, CalendarRepository } from './adapters/calendar-repository.js';
import { calendarRoutes } from './adapters/calendar-routes.js';
import { catalogueGrpcService } from './adapters/grpc-catalogue-service.js';
import { routingRoutes } from './adapters/http-routes.js';
import { organisationRoutes } from './adapters/organisation-routes.js';
import { ProcedureRepository } from './adapters/procedure-repository.js';
import { processRoutes } from './adapters/process-routes.js';
import { DossierDeadlineTimers } from './app/deadline-timers.js';
import { RoutingApp, routingReactsTo } from './app/routing-app.js';
import { DOSSIER_DEADLINES, dossierTimerKind } from './domain/dossier-deadlines.js';
import { DEPARTMENTS, SEED_PROCEDURES } from './domain/seed.js';

export const ROUTING_PORTS = { httpPort: 7102, grpcPort: 7202 };

export function routingService(overrides: Partial<ServiceSpec> = {}): ServiceSpec {
  return {
    name: 'routing',
    description: 'The procedure catalogue with its workflows; moves each dossier from step to step',
    ports: ROUTING_PORTS,
    ...overrides,
    build: async (deps) => {
      const procedures = new ProcedureRepository(deps.db);
      await procedures.seed(SEED_PROCEDURES, new Set(DEPARTMENTS.map((d) => d.departmentId)));
      // The calendar: official 2018–2026 schedules seeded as version 1 (never rewritten), then the
      // current versions of the overrides and of each center's hours, refreshed every minute.
      const calendarData = new CalendarRepository(deps.db);
      await calendarData.seedYears();
      const calendars = new CalendarProvider(calendarData, deps.logger);
      await calendars.refresh();
      calendars.start();
      const config = readConfig(
        {
          // How long before the appointment a dossier is near due (default: one working day).
          DOSSIER_NEAR_DUE_WORKING_MINUTES: int(workingDayMinutes(calendars.calendarFor()), { min: 0 }),
          MOTCUA_TIMER_INTERVAL_MS: int(1000, { min: 10 }),
          MOTCUA_TEST_CLOCK: bool(false),
        },
        overrides.env ?? process.env,
      );
      const timers = new TimerStore(deps.db);
      await timers.ensureIndexes();
      const deadlines = new DossierDeadlineTimers(timers, calendars.calendarFor, {
        nearDueWorkingMinutes: config.DOSSIER_NEAR_DUE_WORKING_MINUTES,
      });
      const app = new RoutingApp(deps, calendars.calendarFor, procedures, deadlines);
      const runner = new TimerRunner({
        store: timers,
        handlers: Object.fromEntries(
          DOSSIER_DEADLINES.map((d) => [dossierTimerKind(d), (timer) => app.onDeadlineTimer(timer)]),
        ),
        logger: deps.logger,
        clock: deps.clock,
        intervalMs: config.MOTCUA_TIMER_INTERVAL_MS,
        // Under a test clock the test sets the time after start: no pass on the real time before that.
        firstPassDelayMs: config.MOTCUA_TEST_CLOCK ? config.MOTCUA_TIMER_INTERVAL_MS : 0,
      });
      runner.start();
      deps.health.register('timers', () => runner.status());
      return {
        consumers: [
          {
            groupId: 'routing.workflow',
            relevant: routingReactsTo,
            handle: (event) => app.onEvent(event),
            // every reaction is a command on the dossier's process stream, keyed by the event's id
            dedupe: 'handler',
          },
        ],
        grpcServices: [catalogueGrpcService(procedures, calendars.calendarFor, deps.logger)],
        // Officers' decisions are scoped to the center that received the dossier.
        resources: {
          dossier: async (id) => {
            const state = await app.state(id);
            return state.status === 'new' ? {} : { centerId: state.centerId };
          },
        },
        routes: async (http) => {
          await routingRoutes(app)(http);
          await processRoutes(app)(http);
          await calendarRoutes(calendarData, calendars)(http);
          await organisationRoutes()(http);
        },
        onStop: async () => {
          calendars.stop();
          await runner.stop();
        },
      };
    },
  };
}
