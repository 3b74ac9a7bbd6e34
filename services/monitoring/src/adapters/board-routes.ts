import type { RecordedEvent } from '@motcua/contracts';
import type { HttpApp } from '@motcua/http';
import { type Directory, ORGANISATION } from '@motcua/organisation';
import type { ServiceDeps } from '@motcua/runtime';
import {
  type Comparison,
  comparison,
  type DepartmentWorkload,
  type DueLists,
  departmentWorkload,
  dueLists,
  type OfficerWorkload,
  officerWorkload,
} from '../domain/board-lists.js';
import { type Ii06aReport, periodOf, zeroCounts } from '../domain/report.js';
import type { DossierFact } from '../domain/statistics.js';
import { BoardRepository } from './board-repository.js';
import {
  authorizeReportRead,
  centerIdSchema as centerId,
  datesQuerystring,
  invalid,
  readErrors,
  readPeriod,
} from './period-query.js';
import { type Ii06aReports, ii06aSchema } from './report-routes.js';
import { perCenterSchema } from './schemas.js';
import { StatisticsRepository } from './statistics-repository.js';

export interface Workload {
  centerId: string;
  from: string;
  to: string;
  asOf: string;
  departments: DepartmentWorkload[];
  officers: OfficerWorkload[];
}

/** Every center's workload (the board's view without a centerId), in the directory's order. */
export interface AllCentersWorkload {
  from: string;
  to: string;
  asOf: string;
  centers: {
    centerId: string;
    centerName: string;
    departments: DepartmentWorkload[];
    officers: OfficerWorkload[];
  }[];
}

/** Every center's due lists, in the directory's order. */
export interface AllCentersDue {
  asOf: string;
  withinHours: number;
  centers: ({ centerId: string; centerName: string } & Pick<DueLists, 'nearDue' | 'overdue'>)[];
}

/** The board's reads: workload from its own projection, due lists and comparison from the statistics. */
export class Board {
  constructor(
    private readonly board: BoardRepository,
    private readonly statistics: StatisticsRepository,
    private readonly reports: Ii06aReports,
    private readonly now: () => Date,
    private readonly directory: Directory = ORGANISATION,
  ) {}

  /** The centers valid today, then any other center the log has dossiers of. */
  private async centers(now: Date): Promise<{ centerId: string; centerName: string }[]> {
    const centers = new Map(this.directory.centers(now).map((c) => [c.centerId, c.name]));
    for (const id of await this.statistics.knownCenters()) if (!centers.has(id)) centers.set(id, id);
    return [...centers].map(([centerId, centerName]) => ({ centerId, centerName }));
  }

  async workloadAll(query: { from: Date; to: Date }): Promise<AllCentersWorkload> {
    const now = this.now();
    const centers = await this.centers(now);
    const each = await Promise.all(centers.map((c) => this.workload({ ...query, centerId: c.centerId })));
    return {
      from: query.from.toISOString(),
      to: query.to.toISOString(),
      asOf: now.toISOString(),
      centers: centers.map((c, i) => ({
        ...c,
        departments: each[i]?.departments ?? [],
        officers: each[i]?.officers ?? [],
      })),
    };
  }

  async dueAll(query: { withinHours: number }): Promise<AllCentersDue> {
    const now = this.now();
    const centers = await this.centers(now);
    const facts = await this.statistics.factsFor(
      centers.map((c) => c.centerId),
      now,
      now,
      now,
    );
    return this.dueOfCenters(centers, facts, now, query.withinHours);
  }

  /** Each center's due lists from facts that hold its open dossiers (others are left out). */
  private async dueOfCenters(
    centers: { centerId: string; centerName: string }[],
    facts: DossierFact[],
    now: Date,
    withinHours: number,
  ): Promise<AllCentersDue> {
    const lists = await this.dueLists(facts, now, withinHours, (f) => f.centerId);
    return {
      asOf: now.toISOString(),
      withinHours,
      centers: centers.map((c) => ({
        ...c,
        nearDue: lists.get(c.centerId)?.nearDue ?? [],
        overdue: lists.get(c.centerId)?.overdue ?? [],
      })),
    };
  }

  /**
   * The due lists of the facts, per `groupOf` key: which dossiers are listed is known from the facts
   * alone, so only the listed dossiers' tasks are read (a few queries by `_id`), not every open task.
   */
  private async dueLists(
    facts: DossierFact[],
    now: Date,
    withinHours: number,
    groupOf: (fact: DossierFact) => string,
  ): Promise<Map<string, DueLists>> {
    const listed = dueLists(facts, () => [], now, withinHours);
    const tasks = await this.board.tasksOfDossiers(
      [...listed.nearDue, ...listed.overdue].map((e) => e.dossierId),
    );
    const groups = new Map<string, DossierFact[]>();
    for (const fact of facts) groups.set(groupOf(fact), [...(groups.get(groupOf(fact)) ?? []), fact]);
    return new Map(
      [...groups].map(([key, group]) => [
        key,
        dueLists(group, (id) => tasks.get(id) ?? [], now, withinHours),
      ]),
    );
  }

  async workload(query: { from: Date; to: Date; centerId: string }): Promise<Workload> {
    const now = this.now();
    const [from, to, t] = [query.from.getTime(), query.to.getTime(), now.getTime()];
    const index = await this.board.centerIndex(query.centerId);
    const departments = await Promise.all(
      [...index.departments]
        .sort()
        .map(async (id) =>
          departmentWorkload(id, await this.board.departmentTasks(id, query.from, query.to), from, to, t),
        ),
    );
    const officers = await Promise.all(
      [...index.officers]
        .sort()
        .map(async (id) =>
          officerWorkload(id, await this.board.officerTasks(id, query.from, query.to), from, to, t),
        ),
    );
    return {
      centerId: query.centerId,
      from: query.from.toISOString(),
      to: query.to.toISOString(),
      asOf: now.toISOString(),
      departments,
      officers,
    };
  }

  async due(query: { centerId: string; withinHours: number }): Promise<DueLists & { centerId: string }> {
    const now = this.now();
    const facts = await this.statistics.factsFor([query.centerId], now, now, now);
    const lists = await this.dueLists(
      facts.filter((f) => f.centerId === query.centerId),
      now,
      query.withinHours,
      () => query.centerId,
    );
    const none = { asOf: now.toISOString(), withinHours: query.withinHours, nearDue: [], overdue: [] };
    return { centerId: query.centerId, ...(lists.get(query.centerId) ?? none) };
  }

  async comparison(query: { year: number; by: 'center' | 'field'; centerId?: string }): Promise<Comparison> {
    return comparison(query.year, query.by, (await this.yearOf(query.year, query.centerId)).monthly);
  }

  /**
   * The dashboard's first screen for a year: both comparisons, the year's II.06a and the dossiers
   * due now, from one read of the facts (four reads of the same facts took four times as long).
   */
  async dashboard(query: { year: number; centerId?: string; withinHours?: number }): Promise<Dashboard> {
    const now = this.now();
    const dueCenters = query.centerId
      ? [
          {
            centerId: query.centerId,
            centerName: this.directory.findCenter(query.centerId, now)?.name ?? query.centerId,
          },
        ]
      : await this.centers(now);
    const year = await this.yearOf(
      query.year,
      query.centerId,
      dueCenters.map((c) => c.centerId),
    );
    // due now: the open dossiers of the centers, which the year's read holds (pending are always read)
    const due = await this.dueOfCenters(dueCenters, year.facts, year.now, query.withinHours ?? 24);
    return {
      year: query.year,
      byCenter: comparison(query.year, 'center', year.monthly),
      byField: comparison(query.year, 'field', year.monthly),
      report: year.report,
      due,
    };
  }

  private async yearOf(year: number, centerId: string | undefined, alsoCenters: string[] = []) {
    const now = this.now();
    const months = Array.from({ length: 12 }, (_, i) => ({
      month: `${year}-${String(i + 1).padStart(2, '0')}`,
      period: periodOf(year, 'month', i + 1) as { from: Date; to: Date },
    }));
    // a month not begun yet has nothing to show (its "in progress" would be today's)
    const begun = months.filter((m) => m.period.from.getTime() <= now.getTime());
    const periods = [...begun.map((m) => m.period), periodOf(year, 'year') as { from: Date; to: Date }];
    // one read of the year's facts, each period's II.06a computed from them (not one read each)
    const read = await this.reports.read(periods, centerId, alsoCenters);
    const empty: Ii06aReport = { from: '', to: '', asOf: '', rows: [], totals: zeroCounts() };
    return {
      monthly: months.map((m, i) => ({
        month: m.month,
        report: i < begun.length ? (read.reports[i] ?? empty) : empty,
      })),
      report: read.reports[begun.length] as Ii06aReport,
      facts: read.facts,
      now: read.now,
    };
  }
}

/** The board's first screen (`GET /board/dashboard`). */
export interface Dashboard {
  year: number;
  byCenter: Comparison;
  byField: Comparison;
  report: Ii06aReport;
  due: AllCentersDue;
}

const count = { type: 'integer' } as const;
const completed = {
  type: 'object',
  properties: { total: count, early: count, onTime: count, late: count },
} as const;
const departmentsSchema = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      departmentId: { type: 'string' },
      queued: count,
      completed,
      returned: count,
      openNow: count,
      overdueNow: count,
    },
  },
} as const;
const officersSchema = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      officerId: { type: 'string' },
      assigned: count,
      claimed: count,
      completed,
      openNow: count,
    },
  },
} as const;
const dueEntry = {
  type: 'object',
  properties: {
    dossierId: { type: 'string' },
    dossierCode: { type: 'string' },
    procedureCode: { type: 'string' },
    fieldCode: { type: 'string' },
    receivedAt: { type: 'string' },
    dueAt: { type: 'string' },
    hoursLeft: { type: 'number' },
    paused: { type: 'boolean' },
    steps: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          stepId: { type: 'string' },
          stepName: { type: 'string' },
          departmentId: { type: 'string' },
          officerId: { type: 'string' },
          dueAt: { type: 'string' },
        },
      },
    },
  },
} as const;

const point = {
  type: 'object',
  properties: {
    month: { type: 'string' },
    received: count,
    resolved: count,
    early: count,
    onTime: count,
    late: count,
    onTimeRate: { type: ['number', 'null'] },
    overdueAtMonthEnd: count,
  },
} as const;
const comparisonSchema = {
  type: 'object',
  properties: {
    year: count,
    by: { type: 'string' },
    series: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          key: { type: 'string' },
          name: { type: 'string' },
          months: { type: 'array', items: point },
        },
      },
    },
  },
} as const;
const yearQuery = (extra: Record<string, unknown> = {}) =>
  ({
    type: 'object',
    additionalProperties: false,
    properties: { year: { type: 'string', maxLength: 4 }, ...extra, centerId },
  }) as const;

/** The year of a board query (400 INVALID_INPUT otherwise). */
function readYear(q: { year?: string }): number {
  if (!/^\d{4}$/.test(q.year ?? '') || !periodOf(Number(q.year), 'year')) {
    throw invalid('year', 'Năm không hợp lệ', 'year must be a 4-digit year');
  }
  return Number(q.year);
}

export function boardRoutes(board: Board) {
  return async (http: HttpApp) => {
    http.get(
      '/board/workload',
      {
        schema: {
          summary:
            "Workload of a center's departments and officers over a period; without centerId, every center's (the board)",
          tags: ['statistics'],
          querystring: datesQuerystring,
          response: {
            200: {
              type: 'object',
              properties: {
                centerId: { type: 'string' },
                from: { type: 'string' },
                to: { type: 'string' },
                asOf: { type: 'string' },
                departments: departmentsSchema,
                officers: officersSchema,
                // without a centerId: every center, each with its departments and officers
                centers: perCenterSchema({ departments: departmentsSchema, officers: officersSchema }),
              },
            },
            ...readErrors,
          },
        },
      },
      async (request) => {
        const { from, to, centerId } = readPeriod(request);
        return centerId ? board.workload({ from, to, centerId }) : board.workloadAll({ from, to });
      },
    );

    http.get(
      '/board/due',
      {
        schema: {
          summary:
            "A center's dossiers near their appointment and past it, for the daily follow-up; without centerId, every center's (the board)",
          tags: ['statistics'],
          querystring: {
            type: 'object',
            additionalProperties: false,
            properties: { centerId, withinHours: { type: 'string', maxLength: 4 } },
          },
          response: {
            200: {
              type: 'object',
              properties: {
                centerId: { type: 'string' },
                asOf: { type: 'string' },
                withinHours: count,
                nearDue: { type: 'array', items: dueEntry },
                overdue: { type: 'array', items: dueEntry },
                // without a centerId: every center's lists
                centers: perCenterSchema({
                  nearDue: { type: 'array', items: dueEntry },
                  overdue: { type: 'array', items: dueEntry },
                }),
              },
            },
            ...readErrors,
          },
        },
      },
      async (request) => {
        const q = request.query as { centerId?: string; withinHours?: string };
        const withinHours = q.withinHours === undefined ? 24 : Number(q.withinHours);
        if (!/^\d{1,4}$/.test(q.withinHours ?? '24') || withinHours < 1 || withinHours > 720) {
          throw invalid(
            'withinHours',
            'withinHours phải là số giờ nguyên từ 1 đến 720',
            'withinHours must be a whole number of hours from 1 to 720',
          );
        }
        authorizeReportRead(request, q.centerId);
        return q.centerId ? board.due({ centerId: q.centerId, withinHours }) : board.dueAll({ withinHours });
      },
    );

    http.get(
      '/board/comparison',
      {
        schema: {
          summary: 'Monthly series of a year per center or per field (from the II.06a report)',
          tags: ['statistics'],
          querystring: yearQuery({ by: { type: 'string', maxLength: 10 } }),
          response: {
            200: comparisonSchema,
            ...readErrors,
          },
        },
      },
      async (request) => {
        const q = request.query as { year?: string; by?: string; centerId?: string };
        const year = readYear(q);
        const by = q.by ?? 'center';
        if (by !== 'center' && by !== 'field') {
          throw invalid('by', 'by phải là center hoặc field', 'by must be center or field');
        }
        authorizeReportRead(request, q.centerId);
        return board.comparison({ year, by, ...(q.centerId ? { centerId: q.centerId } : {}) });
      },
    );

    http.get(
      '/board/dashboard',
      {
        schema: {
          summary:
            "The board's first screen for a year: the comparisons by center and by field, the year's II.06a and the dossiers due now (every center's without centerId), from one read",
          tags: ['statistics'],
          querystring: yearQuery(),
          response: {
            200: {
              type: 'object',
              properties: {
                year: count,
                byCenter: comparisonSchema,
                byField: comparisonSchema,
                report: ii06aSchema,
                due: {
                  type: 'object',
                  properties: {
                    asOf: { type: 'string' },
                    withinHours: count,
                    centers: perCenterSchema({
                      nearDue: { type: 'array', items: dueEntry },
                      overdue: { type: 'array', items: dueEntry },
                    }),
                  },
                },
              },
            },
            ...readErrors,
          },
        },
      },
      async (request) => {
        const q = request.query as { year?: string; centerId?: string };
        const year = readYear(q);
        authorizeReportRead(request, q.centerId);
        return board.dashboard({ year, ...(q.centerId ? { centerId: q.centerId } : {}) });
      },
    );
  };
}

/** The board's side of the service: its projection (fed from the app's onEvent) and its reads. */
export function boardFor(
  app: { board?: { apply(event: RecordedEvent): Promise<void> } },
  deps: Pick<ServiceDeps, 'db' | 'clock'>,
  reports: Ii06aReports,
): Board {
  const repository = new BoardRepository(deps.db, ORGANISATION);
  app.board = repository;
  return new Board(repository, new StatisticsRepository(deps.db), reports, () => deps.clock.now());
}
