import type { HttpApp } from '@motcua/http';
import { type Directory, ORGANISATION } from '@motcua/organisation';
import type { ServiceDeps } from '@motcua/runtime';
import type { TaskFact } from '../domain/board-lists.js';
import { type Decision766, decision766, type IndicesReport, indicesReport } from '../domain/indices.js';
import { processingEndedAt } from '../domain/statistics.js';
import { BoardRepository } from './board-repository.js';
import { datesQuerystring, readErrors, readPeriod } from './period-query.js';
import { StatisticsRepository } from './statistics-repository.js';
import { Succession } from './succession.js';

/** The Circular 01/2018 indices and the Decision 766 indicators, from the statistics facts. */
export class IndicesReports {
  constructor(
    private readonly statistics: StatisticsRepository,
    private readonly now: () => Date,
    /** The board's task projection: the step times of index 2. */
    private readonly board?: Pick<BoardRepository, 'tasksOfDossiers'>,
    /** The organisation: where a dossier counts across a reorganisation (`counting-unit.ts`). */
    directory: Directory = ORGANISATION,
  ) {
    this.succession = new Succession(directory);
  }

  private readonly succession: Succession;

  private async facts(query: { from: Date; to: Date; centerId?: string }) {
    const now = this.now();
    const asked = query.centerId ? [query.centerId] : await this.statistics.knownCenters();
    const read = this.succession.withPredecessors(asked);
    const facts = await this.statistics.factsFor(read, query.from, query.to, now);
    const units = this.succession.units();
    const period = { to: query.to.getTime(), now: now.getTime() };
    // the units are the centers the facts count at (a successor taking over an old unit's dossiers)
    const centerIds = query.centerId
      ? asked
      : [...new Set([...asked, ...facts.map((f) => units.processing(f, period))])];
    return { now, centerIds, facts, units };
  }

  async indices(query: { from: Date; to: Date; centerId?: string }): Promise<IndicesReport> {
    const { now, centerIds, facts, units } = await this.facts(query);
    // the tasks of the dossiers resolved in the period (only those are scored)
    const tasks = new Map<string, readonly TaskFact[]>();
    const [from, to] = [query.from.getTime(), query.to.getTime()];
    const resolved = facts.filter((f) => {
      const ended = processingEndedAt(f);
      const t = ended?.kind === 'resolved' ? Date.parse(ended.at) : Number.NaN;
      return t >= from && t < to;
    });
    if (this.board)
      for (const [id, t] of await this.board.tasksOfDossiers(resolved.map((f) => f.dossierId)))
        tasks.set(id, t);
    return indicesReport(facts, { ...query, now, centerIds, units, tasksOf: (id) => tasks.get(id) ?? [] });
  }

  async decision766(query: { from: Date; to: Date; centerId?: string }): Promise<Decision766> {
    const { now, facts, units } = await this.facts(query);
    return decision766(facts, { ...query, now, units });
  }
}

export function indicesFor(deps: Pick<ServiceDeps, 'db' | 'clock'>): IndicesReports {
  return new IndicesReports(
    new StatisticsRepository(deps.db),
    () => deps.clock.now(),
    new BoardRepository(deps.db, ORGANISATION),
  );
}

export function indicesRoutes(reports: IndicesReports) {
  return async (http: HttpApp) => {
    // As the II.06a routes, but by dates only: a center's managers must name their own center.
    http.get(
      '/reports/indices',
      {
        schema: {
          summary: 'The nine indices of Circular 01/2018 Arts 13–15 per center and resolved dossier',
          tags: ['statistics'],
          querystring: datesQuerystring,
          response: readErrors,
        },
      },
      async (request) => reports.indices(readPeriod(request)),
    );

    http.get(
      '/reports/decision-766',
      {
        schema: {
          summary: 'The Decision 766/QĐ-TTg progress indicators for a period and center',
          tags: ['statistics'],
          querystring: datesQuerystring,
          response: readErrors,
        },
      },
      async (request) => reports.decision766(readPeriod(request)),
    );
  };
}
