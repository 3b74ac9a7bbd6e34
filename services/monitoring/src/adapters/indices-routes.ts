import { errorResponseSchema, type HttpApp } from '@motcua/http';
import { ORGANISATION } from '@motcua/organisation';
import { actorOf, authorize, type ServiceDeps } from '@motcua/runtime';
import type { FastifyRequest } from 'fastify';
import type { TaskFact } from '../domain/board-lists.js';
import { type Decision766, decision766, type IndicesReport, indicesReport } from '../domain/indices.js';
import { processingEndedAt } from '../domain/statistics.js';
import { BoardRepository } from './board-repository.js';
import { parseReportQuery, type ReportQuery } from './report-routes.js';
import { StatisticsRepository } from './statistics-repository.js';

/** The Circular 01/2018 indices and the Decision 766 indicators, from the statistics facts. */
export class IndicesReports {
  constructor(
    private readonly statistics: StatisticsRepository,
    private readonly now: () => Date,
    /** The board's task projection: the step times of index 2. */
    private readonly board?: Pick<BoardRepository, 'dossierTasks'>,
  ) {}

  private async facts(query: { from: Date; to: Date; centerId?: string }) {
    const now = this.now();
    const centerIds = query.centerId ? [query.centerId] : await this.statistics.knownCenters();
    const facts = await this.statistics.factsFor(centerIds, query.from, query.to, now);
    return { now, centerIds, facts };
  }

  async indices(query: { from: Date; to: Date; centerId?: string }): Promise<IndicesReport> {
    const { now, centerIds, facts } = await this.facts(query);
    // the tasks of the dossiers resolved in the period (only those are scored)
    const tasks = new Map<string, readonly TaskFact[]>();
    const [from, to] = [query.from.getTime(), query.to.getTime()];
    const resolved = facts.filter((f) => {
      const ended = processingEndedAt(f);
      const t = ended?.kind === 'resolved' ? Date.parse(ended.at) : Number.NaN;
      return t >= from && t < to;
    });
    if (this.board) {
      const board = this.board;
      await Promise.all(
        resolved.map(async (f) => tasks.set(f.dossierId, await board.dossierTasks(f.dossierId))),
      );
    }
    return indicesReport(facts, { ...query, now, centerIds, tasksOf: (id) => tasks.get(id) ?? [] });
  }

  async decision766(query: { from: Date; to: Date; centerId?: string }): Promise<Decision766> {
    const { now, facts } = await this.facts(query);
    return decision766(facts, { ...query, now });
  }
}

export function indicesFor(deps: Pick<ServiceDeps, 'db' | 'clock'>): IndicesReports {
  return new IndicesReports(
    new StatisticsRepository(deps.db),
    () => deps.clock.now(),
    new BoardRepository(deps.db, ORGANISATION),
  );
}

const querystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: { type: 'string', maxLength: 40, description: 'YYYY-MM-DD (00:00 Vietnam time) or an ISO instant' },
    to: { type: 'string', maxLength: 40, description: 'Excluded: the first instant after the period' },
    centerId: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._-]+$' },
  },
} as const;

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema } as const;

export function indicesRoutes(reports: IndicesReports) {
  return async (http: HttpApp) => {
    // As the II.06a routes: a center's managers must name their own center.
    const prepare = (request: FastifyRequest) => {
      const { from, to, centerId } = request.query as ReportQuery;
      const query = parseReportQuery({ from, to, ...(centerId ? { centerId } : {}) });
      authorize(actorOf(request), 'report.read', query.centerId ? { centerId: query.centerId } : {});
      return query;
    };

    http.get(
      '/reports/indices',
      {
        schema: {
          summary: 'The nine indices of Circular 01/2018 Arts 13–15 per center and resolved dossier',
          tags: ['statistics'],
          querystring,
          response: errors,
        },
      },
      async (request) => reports.indices(prepare(request)),
    );

    http.get(
      '/reports/decision-766',
      {
        schema: {
          summary: 'The Decision 766/QĐ-TTg progress indicators for a period and center',
          tags: ['statistics'],
          querystring,
          response: errors,
        },
      },
      async (request) => reports.decision766(prepare(request)),
    );
  };
}
