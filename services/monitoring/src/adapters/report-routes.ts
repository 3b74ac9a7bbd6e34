import { readConfig, str } from '@motcua/config';
import { CatalogueServiceClient, type RecordedEvent } from '@motcua/contracts';
import { createClient } from '@motcua/grpc';
import type { HttpApp } from '@motcua/http';
import { type Directory, ORGANISATION } from '@motcua/organisation';
import type { ServiceDeps } from '@motcua/runtime';
import { type Ii06aReport, ii06aReport } from '../domain/report.js';
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

  async report(query: { from: Date; to: Date; centerId?: string }): Promise<Ii06aReport> {
    await this.catalogue?.refresh();
    const now = this.now();
    const centers = new Map<string, string>();
    // the centers of the period: every one valid on one of its days, old and new (a reorganisation inside)
    const succession = new Succession(this.directory);
    for (const c of succession.centersOf(query.from, query.to)) centers.set(c.centerId, c.name);
    for (const id of await this.statistics.knownCenters()) if (!centers.has(id)) centers.set(id, id);
    if (query.centerId && !centers.has(query.centerId)) centers.set(query.centerId, query.centerId);
    const wanted = [...centers.keys()].filter((id) => !query.centerId || id === query.centerId);
    // a successor's processing figures include dossiers its predecessors received
    const facts = await this.statistics.factsFor(
      succession.withPredecessors(wanted),
      query.from,
      query.to,
      now,
    );
    return ii06aReport(facts, {
      units: succession.units(),
      from: query.from,
      to: query.to,
      now,
      centers: wanted.map((centerId) => ({ centerId, name: centers.get(centerId) ?? centerId })),
      fields: (this.catalogue?.fields() ?? []).map((fieldCode) => ({ fieldCode, name: fieldCode })),
      ...(this.catalogue ? { fieldOf: this.catalogue.fieldOf } : {}),
      ...(query.centerId ? { centerId: query.centerId } : {}),
    });
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
            200: {
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
            },
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
