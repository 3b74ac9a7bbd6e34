import { readConfig, str } from '@motcua/config';
import { CatalogueServiceClient, type RecordedEvent } from '@motcua/contracts';
import { createClient } from '@motcua/grpc';
import type { HttpApp } from '@motcua/http';
import { type Directory, ORGANISATION } from '@motcua/organisation';
import type { ServiceDeps } from '@motcua/runtime';
import {
  type Contribution,
  factContributions,
  type Ii06aReport,
  ii06aReport,
  ii06aReportOf,
} from '../domain/report.js';
import { periodKeyOf, summaryContributions, summaryKey } from '../domain/settled-summary.js';
import type { DossierFact } from '../domain/statistics.js';
import { periodQuerystring, readErrors, readPeriod } from './period-query.js';
import { reportCsv, reportXlsx } from './report-export.js';
import { periodAnswerHead } from './schemas.js';
import { FieldCatalogue, StatisticsRepository } from './statistics-repository.js';
import { Succession } from './succession.js';
import { periodDownloads } from './table-export.js';

/** The report from the projections: the directory's centers, the catalogue's fields, the facts. */
export class Ii06aReports {
  constructor(
    private readonly statistics: StatisticsRepository,
    private readonly directory: Directory,
    private readonly now: () => Date,
    private readonly catalogue?: FieldCatalogue,
  ) {}

  private built?: Succession;
  /** The directory's succession, built on first use (the directory is data fixed for the process). */
  private get succession(): Succession {
    this.built ??= new Succession(this.directory);
    return this.built;
  }

  async report(query: { from: Date; to: Date; centerId?: string }): Promise<Ii06aReport> {
    return (await this.reportsFor([query], query.centerId))[0] as Ii06aReport;
  }

  /**
   * The reports of several periods (a year's months for the board's comparison) from one read of the
   * facts of their union: each report only counts what its own period holds, so the facts of a wider
   * period give the same numbers as reading each period's (II.06a's definitions, domain/report.ts).
   */
  async reportsFor(periods: { from: Date; to: Date }[], centerId?: string): Promise<Ii06aReport[]> {
    return (await this.read(periods, centerId)).reports;
  }

  /**
   * `reportsFor`, and the facts read for them, which also hold those of `alsoCenters` (the board's
   * first screen lists their dossiers due now from the same read). Each report counts only the facts
   * of its own centers, as when they are read alone.
   */
  async read(
    periods: { from: Date; to: Date }[],
    centerId?: string,
    alsoCenters: string[] = [],
    /** `facts`: count every period from the facts, as for any other period (tests compare the two). */
    options: { via?: 'facts' } = {},
  ): Promise<{ reports: Ii06aReport[]; facts: DossierFact[]; now: Date }> {
    if (periods.length === 0) return { reports: [], facts: [], now: this.now() };
    await this.catalogue?.refresh();
    const now = this.now();
    // the centers of a period: every one valid on one of its days, old and new (a reorganisation inside)
    const succession = this.succession;
    const known = await this.statistics.knownCenters();
    const centersOf = (period: { from: Date; to: Date }) => {
      const centers = new Map<string, string>();
      for (const c of succession.centersOf(period.from, period.to)) centers.set(c.centerId, c.name);
      for (const id of known) if (!centers.has(id)) centers.set(id, id);
      if (centerId && !centers.has(centerId)) centers.set(centerId, centerId);
      return [...centers].filter(([id]) => !centerId || id === centerId);
    };
    const perPeriod = periods.map(centersOf);
    const wanted = [...new Set(perPeriod.flatMap((cs) => cs.map(([id]) => id)))];
    const from = new Date(Math.min(...periods.map((p) => p.from.getTime())));
    const to = new Date(Math.max(...periods.map((p) => p.to.getTime())));
    // a successor's processing figures include dossiers its predecessors received
    const counted = new Set(succession.withPredecessors(wanted));
    const fields = (this.catalogue?.fields() ?? []).map((fieldCode) => ({
      fieldCode,
      name: this.catalogue?.fieldName(fieldCode) ?? fieldCode,
    }));
    const fieldOf = this.catalogue?.fieldOf;
    const units = succession.units();
    const inputOf = (period: { from: Date; to: Date }, i: number) => ({
      from: period.from,
      to: period.to,
      now,
      centers: (perPeriod[i] ?? []).map(([id, name]) => ({ centerId: id, name })),
      fields,
      ...(centerId ? { centerId } : {}),
    });
    // the facts the index files under a counted center (receiving or competent), as a read of those alone
    const isCounted = (f: DossierFact) =>
      counted.has(f.centerId) || (f.competentCenterId !== undefined && counted.has(f.competentCenterId));
    const readCenters = [...new Set([...counted, ...alsoCenters])];

    const keys = periods.map(periodKeyOf);
    if (options.via === 'facts' || !keys.every((k) => k !== undefined)) {
      const facts = await this.statistics.factsFor(readCenters, from, to, now);
      const ofCounted = facts.filter(isCounted);
      const reports = periods.map((period, i) =>
        ii06aReport(ofCounted, { ...inputOf(period, i), units, ...(fieldOf ? { fieldOf } : {}) }),
      );
      return { reports, facts, now };
    }
    // calendar months and years: the open dossiers' facts, and the settled ones' summaries
    const [open, settled] = await Promise.all([
      this.statistics.openFacts(readCenters),
      this.statistics.summariesFor([...counted], from, now),
    ]);
    const ofCounted = open.filter(isCounted);
    const openKeys = new Set(open.map((f) => summaryKey(f.dossierId)));
    const reports = periods.map((period, i) => {
      const p = { from: period.from.getTime(), to: period.to.getTime(), now: now.getTime() };
      const key = keys[i] as string;
      function* contributions(): Iterable<Contribution> {
        for (const fact of ofCounted) yield* factContributions(fact, p, units, fieldOf);
        for (const [k, s] of settled)
          if (!openKeys.has(k)) yield* summaryContributions(s, key, p, units, fieldOf);
      }
      return ii06aReportOf(contributions(), inputOf(period, i));
    });
    return { reports, facts: open, now };
  }
}

const count = { type: 'integer' } as const;
const counts = {
  received: {
    type: 'object',
    properties: { total: count, online: count, counterOrPostal: count, carriedOver: count },
  },
  resolved: { type: 'object', properties: { total: count, early: count, onTime: count, late: count } },
  inProgress: { type: 'object', properties: { total: count, withinTime: count, overdue: count } },
  paused: count,
  withdrawnOrStopped: count,
  finishedNotCollected: count,
  refusedAtIntake: count,
} as const;

/** The answer of `GET /reports/ii06a` (also inside the board's dashboard). */
export const ii06aSchema = {
  type: 'object',
  properties: {
    ...periodAnswerHead,
    rows: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          centerId: { type: 'string' },
          centerName: { type: 'string' },
          fieldCode: { type: 'string' },
          fieldName: { type: 'string' },
          ...counts,
        },
      },
    },
    totals: { type: 'object', properties: counts },
  },
} as const;

export function reportRoutes(reports: Ii06aReports) {
  return async (http: HttpApp) => {
    http.get(
      '/reports/ii06a',
      {
        schema: {
          summary: 'Periodic report II.06a per center × field: received, resolved, in progress',
          tags: ['statistics'],
          querystring: periodQuerystring,
          response: {
            200: ii06aSchema,
            ...readErrors,
          },
        },
      },
      async (request) => reports.report(readPeriod(request)),
    );

    // The same report as a download, one route per format.
    periodDownloads(http, {
      path: '/reports/ii06a',
      filePrefix: 'II06a',
      querystring: periodQuerystring,
      summary: { csv: 'Report II.06a as CSV (UTF-8)', xlsx: 'Report II.06a as an Excel workbook' },
      load: (request) => reports.report(readPeriod(request)),
      render: { csv: reportCsv, xlsx: reportXlsx },
    });
  };
}

/**
 * The statistics side of the service: the projection (fed from the app's onEvent), the field
 * catalogue from routing's CatalogueService over gRPC (never routing's database) and the reports.
 */
export function statisticsFor(
  app: { statistics?: { apply(event: RecordedEvent): Promise<void> } },
  deps: Pick<ServiceDeps, 'db' | 'auth' | 'clock' | 'logger'>,
  env: Record<string, string | undefined>,
): { reports: Ii06aReports; close: () => void } {
  const config = readConfig({ ROUTING_GRPC_ADDRESS: str('127.0.0.1:7202') }, env);
  const client = createClient(CatalogueServiceClient, config.ROUTING_GRPC_ADDRESS, {
    defaultMetadata: () => deps.auth.serviceToken.metadata(),
  });
  const catalogue = new FieldCatalogue(
    async () =>
      (await client.call('listProcedures', { fieldCode: '' }, { deadlineMs: 3000 })).procedures.map((p) => ({
        code: p.code,
        fieldCode: p.fieldCode,
        fieldName: p.fieldName,
      })),
    {
      onError: (err) =>
        deps.logger.warn({ err }, 'procedure catalogue unavailable: fields stay unknown for now'),
    },
  );
  const statistics = new StatisticsRepository(deps.db, catalogue);
  app.statistics = statistics;
  return {
    reports: new Ii06aReports(statistics, ORGANISATION, () => deps.clock.now(), catalogue),
    close: () => client.close(),
  };
}
