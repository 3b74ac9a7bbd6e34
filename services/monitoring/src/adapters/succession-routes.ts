import { toLocalDay } from '@motcua/calendar';
import type { HttpApp } from '@motcua/http';
import { type Directory, ORGANISATION } from '@motcua/organisation';
import { type IndicatorSet, type Reports, type Rule, rulebooksBetween } from '@motcua/rulebook';
import { periodQuerystring, readErrors, readPeriod } from './period-query.js';
import { type CenterSuccession, Succession } from './succession.js';

/** The report definitions of one rulebook the period meets (its reception days inside the period). */
export interface ReportDefinition {
  rulebookId: string;
  rulebookName: string;
  validFrom: string;
  validTo?: string;
  reports: Rule<Reports>;
  indicators: Rule<IndicatorSet>;
}

export interface SuccessionView {
  from: string;
  to: string;
  /** Every center of the period, old and new, with whom it took over and who took it over. */
  centers: CenterSuccession[];
  /** Where a dossier counts: receptions at the receiving center, processing at the competent one. */
  countingRule: { receptions: 'receiving'; processing: 'competent' };
  reportDefinitions: ReportDefinition[];
}

/** The board's mapping view for a period: the organisation's succession and the report definitions. */
export function successionView(directory: Directory, period: { from: Date; to: Date }): SuccessionView {
  const last = new Date(period.to.getTime() - 1);
  return {
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    centers: new Succession(directory).centersOf(period.from, period.to),
    countingRule: { receptions: 'receiving', processing: 'competent' },
    reportDefinitions: rulebooksBetween(toLocalDay(period.from), toLocalDay(last)).map((r) => ({
      rulebookId: r.id,
      rulebookName: r.name,
      validFrom: r.validFrom,
      ...(r.validTo ? { validTo: r.validTo } : {}),
      reports: r.reports,
      indicators: r.indicators,
    })),
  };
}

export function successionRoutes(directory: Directory = ORGANISATION) {
  return async (http: HttpApp) => {
    http.get(
      '/board/succession',
      {
        schema: {
          summary:
            'The centers of a period, old and new: which new center took over which old one; the report definitions in force',
          tags: ['statistics'],
          querystring: periodQuerystring,
          response: readErrors,
        },
      },
      async (request) => successionView(directory, readPeriod(request)),
    );
  };
}
