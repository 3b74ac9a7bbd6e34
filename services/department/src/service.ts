import { createCalendar, OFFICIAL_CALENDAR_YEARS } from '@motcua/calendar';
import { bool, int, readConfig } from '@motcua/config';
import type { ServiceSpec } from '@motcua/runtime';
import { TimerRunner, TimerStore } from '@motcua/timers';
import { taskGrpcService } from './adapters/grpc-task-service.js';
import { departmentRoutes } from './adapters/http-routes.js';
import { QueueRepository } from './adapters/queue-repository.js';
import { DepartmentApp, departmentReactsTo } from './app/department-app.js';
import { DeadlineApp } from './deadlines/deadline-app.js';
import { deadlineRoutes } from './deadlines/deadline-routes.js';
import { defaultPolicy } from './deadlines/step-timers.js';

export const DEPARTMENT_PORTS = { httpPort: 7103, grpcPort: 7203 };

export function departmentService(overrides: Partial<ServiceSpec> = {}): ServiceSpec {
  return {
    name: 'department',
    description: "Departments' work queues: officers take and complete the steps of dossiers",
    ports: DEPARTMENT_PORTS,
    ...overrides,
    build: async (deps) => {
      const queues = new QueueRepository(deps.db, () => deps.clock.now());
      const app = new DepartmentApp(deps, queues);
      // The official schedules; a deadline instant uses the same days off as routing's due times.
      const calendar = createCalendar({ years: OFFICIAL_CALENDAR_YEARS, computeMissingYears: true });
      const config = readConfig(
        {
          // How long before a step's due time its assignee is reminded (default: half a working day).
          MOTCUA_NEAR_DUE_WORKING_MINUTES: int(defaultPolicy(calendar).nearDueWorkingMinutes, { min: 0 }),
          MOTCUA_TIMER_INTERVAL_MS: int(1000, { min: 10 }),
          MOTCUA_TEST_CLOCK: bool(false),
        },
        overrides.env ?? process.env,
      );
      const policy = { nearDueWorkingMinutes: config.MOTCUA_NEAR_DUE_WORKING_MINUTES };
      const timers = new TimerStore(deps.db);
      await timers.ensureIndexes();
      const deadlines = new DeadlineApp(deps, timers, queues, calendar, policy, (e) => app.project(e));
      app.onTaskQueued = (event, dossier) => deadlines.onTaskQueued(event, dossier);
      app.onTaskEnded = (taskId) => deadlines.onTaskEnded(taskId);
      const runner = new TimerRunner({
        store: timers,
        handlers: deadlines.handlers,
        logger: deps.logger,
        clock: deps.clock,
        intervalMs: config.MOTCUA_TIMER_INTERVAL_MS,
        // Under a test clock the test sets the time after start: no pass on the real time before that.
        firstPassDelayMs: config.MOTCUA_TEST_CLOCK ? config.MOTCUA_TIMER_INTERVAL_MS : 0,
      });
      runner.start();
      deps.health.register('timers', () => runner.status());
      const testMode = config.MOTCUA_TEST_CLOCK;
      return {
        consumers: [
          {
            groupId: 'department.tasks',
            relevant: departmentReactsTo,
            handle: (event) => app.onEvent(event),
          },
        ],
        grpcServices: [taskGrpcService(app, deps.logger)],
        routes: async (http) => {
          await departmentRoutes(app)(http);
          await deadlineRoutes(deadlines, runner, testMode)(http);
        },
        onStop: () => runner.stop(),
      };
    },
  };
}
