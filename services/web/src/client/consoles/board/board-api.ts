// The supervision board's reads from the monitoring service, as the consoles use them.
import { get } from '../../core/api.js';

export interface MonthPoint {
  month: string;
  received: number;
  resolved: number;
  early: number;
  onTime: number;
  late: number;
  onTimeRate: number | null;
  overdueAtMonthEnd: number;
}

export interface Comparison {
  year: number;
  by: 'center' | 'field';
  series: { key: string; name: string; months: MonthPoint[] }[];
}

export interface Counts {
  received: { total: number; online: number; counterOrPostal: number; carriedOver: number };
  resolved: { total: number; early: number; onTime: number; late: number };
  inProgress: { total: number; withinTime: number; overdue: number };
  paused: number;
  withdrawnOrStopped: number;
  finishedNotCollected: number;
  refusedAtIntake: number;
}

export interface ReportRow extends Counts {
  centerId: string;
  centerName: string;
  fieldCode: string;
  fieldName: string;
}

export interface Report {
  from: string;
  to: string;
  asOf: string;
  centerId?: string;
  rows: ReportRow[];
  totals: Counts;
}

export interface DueEntry {
  dossierId: string;
  dossierCode: string;
  procedureCode: string;
  fieldCode: string;
  dueAt: string;
  hoursLeft: number;
  paused: boolean;
  steps: { stepId: string; stepName: string; departmentId: string; officerId?: string }[];
}

export interface DueLists {
  centerId: string;
  nearDue: DueEntry[];
  overdue: DueEntry[];
}

export type ReportQuery = Record<string, string | undefined>;

/** The dashboard's first screen from one read of the year's facts (`GET /board/dashboard`). */
export const dashboardOf = (year: number, centerId?: string) =>
  get<{
    year: number;
    byCenter: Comparison;
    byField: Comparison;
    report: Report;
    due: { centers: (DueLists & { centerName: string })[] };
  }>('monitoring', '/board/dashboard', { year: String(year), centerId });

export const reportOf = (query: ReportQuery) => get<Report>('monitoring', '/reports/ii06a', query);

/** A center of the period with whom it took over and who took it over (`GET /board/succession`). */
export interface CenterSuccession {
  centerId: string;
  name: string;
  validFrom: string;
  validTo?: string;
  predecessorIds: string[];
  successorIds: string[];
}

export interface SuccessionView {
  centers: CenterSuccession[];
  reportDefinitions: {
    rulebookId: string;
    rulebookName: string;
    reports: { value: { periodicForm: string; indicatorSet: string }; verified: boolean };
  }[];
}

/** The same period as the report: the centers old and new, and the report definitions in force. */
export const successionOf = (query: ReportQuery) =>
  get<SuccessionView>('monitoring', '/board/succession', query);

/** The old centers of a view that ended inside it, each with the centers that took it over. */
export const takenOver = (view: SuccessionView) =>
  view.centers
    .filter((c) => c.successorIds.length > 0)
    .map((c) => ({
      ...c,
      successors: c.successorIds.map((id) => view.centers.find((x) => x.centerId === id)?.name ?? id),
    }));

/** Fields with nothing received, carried over or in progress in a report (all centers summed). */
export function fieldsWithoutDossiers(report: Report): { fieldCode: string; fieldName: string }[] {
  const active = new Map<string, { fieldName: string; any: boolean }>();
  for (const r of report.rows) {
    const seen = active.get(r.fieldCode) ?? { fieldName: r.fieldName, any: false };
    seen.any ||= r.received.total + r.received.carriedOver + r.inProgress.total + r.resolved.total > 0;
    active.set(r.fieldCode, seen);
  }
  return [...active]
    .filter(([, f]) => !f.any)
    .map(([fieldCode, f]) => ({ fieldCode, fieldName: f.fieldName }))
    .sort((a, b) => a.fieldCode.localeCompare(b.fieldCode));
}

/** Per center over a report: received, resolved and the on-time rate (early + on time over resolved). */
export function centerTotals(report: Report) {
  const byCenter = new Map<
    string,
    { centerId: string; name: string; received: number; resolved: number; inTime: number }
  >();
  for (const r of report.rows) {
    const c = byCenter.get(r.centerId) ?? {
      centerId: r.centerId,
      name: r.centerName,
      received: 0,
      resolved: 0,
      inTime: 0,
    };
    c.received += r.received.online + r.received.counterOrPostal;
    c.resolved += r.resolved.total;
    c.inTime += r.resolved.early + r.resolved.onTime;
    byCenter.set(r.centerId, c);
  }
  return [...byCenter.values()].map((c) => ({ ...c, onTimeRate: c.resolved ? c.inTime / c.resolved : null }));
}

/**
 * The on-time rate from the start of the year to the end of each month begun: (early + on time) /
 * resolved, summed month by month. A month with nothing resolved keeps the rate so far, so a series
 * is a line over the months it covers, not a dot per month that happened to resolve something.
 */
export const rateSeries = (c: Comparison, monthsBegun: number) =>
  c.series.map((s) => {
    let inTime = 0;
    let resolved = 0;
    return {
      label: s.name,
      values: s.months.map((m, i) => {
        inTime += m.early + m.onTime;
        resolved += m.resolved;
        if (i >= monthsBegun || resolved === 0) return null;
        return Math.round((inTime / resolved) * 1000) / 10;
      }),
    };
  });
