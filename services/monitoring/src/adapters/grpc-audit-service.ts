import {
  AuditServiceService,
  DomainError,
  type DossierStateAt,
  type GetReportIi06aRequest,
  type GetTimelineRequest,
  type Ii06aCounts,
  type IntegrityVerification,
  type ReportIi06a,
  type Timeline,
} from '@motcua/contracts';
import { defineService, unary } from '@motcua/grpc';
import type { Logger } from '@motcua/logger';
import type { AuditApp } from '../app/audit-app.js';
import type { MonitoringApp } from '../app/monitoring-app.js';
import type { Ii06aCounts as Counts } from '../domain/report.js';
import type { IntegrityLedger } from './integrity-repository.js';
import { parseReportQuery } from './period-query.js';
import type { Ii06aReports } from './report-routes.js';

export interface AuditGrpcDeps {
  app: MonitoringApp;
  audit: AuditApp;
  ledger: IntegrityLedger;
  reports: Ii06aReports;
}

const refOf = (request: Pick<GetTimelineRequest, 'ref'>): string => {
  const ref = request.ref?.value;
  if (!ref) {
    throw new DomainError('INVALID_INPUT', {
      details: { field: 'ref' },
      messages: { vi: 'Cần mã hoặc số hồ sơ', en: 'ref (dossier id or code) is needed' },
    });
  }
  return ref;
};

const countsOf = (c: Counts): Ii06aCounts => ({
  received: c.received,
  resolved: c.resolved,
  inProgress: c.inProgress,
  paused: c.paused,
  withdrawnOrStopped: c.withdrawnOrStopped,
  finishedNotCollected: c.finishedNotCollected,
  refusedAtIntake: c.refusedAtIntake,
});

/** The board's audit over gRPC: the same reads as the HTTP routes, from the same projections. */
export function auditGrpcService(deps: AuditGrpcDeps, logger: Logger) {
  const { app, audit, ledger, reports } = deps;
  return defineService(AuditServiceService, {
    getTimeline: unary(async (request): Promise<Timeline> => {
      const timeline = await app.timeline(refOf(request));
      return {
        dossierId: timeline.dossierId,
        dossierCode: timeline.dossierCode,
        entries: timeline.entries.map((e) => ({
          eventId: e.eventId,
          type: e.type,
          schemaVersion: e.schemaVersion,
          occurredAt: e.occurredAt,
          recordedAt: e.recordedAt,
          actor: {
            userId: e.actor.userId,
            role: e.actor.role,
            centerId: e.actor.centerId ?? '',
            departmentId: e.actor.departmentId ?? '',
            displayName: '',
          },
          producer: e.producer,
          streamId: e.streamId,
          streamVersion: e.streamVersion,
          partition: e.partition,
          offset: Number(e.offset),
          payload: e.payload,
        })),
      };
    }, logger),

    getStateAt: unary(async (request): Promise<DossierStateAt> => {
      const ref = refOf(request);
      const at = request.at ? new Date(request.at) : undefined;
      if (!at || Number.isNaN(at.getTime())) {
        throw new DomainError('INVALID_INPUT', {
          details: { field: 'at' },
          messages: { vi: 'Cần thời điểm at', en: 'at (an instant) is needed' },
        });
      }
      const state = await audit.stateAt(ref, at);
      return {
        dossierId: state.dossierId,
        dossierCode: state.dossierCode,
        centerId: state.centerId,
        at: state.at,
        status: state.status,
        nationalCode: state.nationalCode ?? 0,
        ...(state.appointmentAt ? { appointmentAt: state.appointmentAt } : {}),
        openSteps: state.openSteps.map((s) => ({
          stepId: s.stepId,
          stepName: s.stepName,
          departmentId: s.departmentId,
          ...(s.dueAt ? { dueAt: s.dueAt } : {}),
          assignee: s.assignee ?? '',
        })),
      };
    }, logger),

    verifyIntegrity: unary(async (request): Promise<IntegrityVerification> => {
      const ref = refOf(request);
      const timeline = await app.timeline(ref);
      const report = await ledger.verify(timeline.dossierId);
      if (!report) throw new DomainError('DOSSIER_NOT_FOUND', { details: { ref } });
      return {
        dossierId: timeline.dossierId,
        dossierCode: timeline.dossierCode,
        centerId: await audit.centerOf(timeline.dossierId),
        verified: report.verified,
        streams: report.streams,
        problems: report.problems,
      };
    }, logger),

    getPeriodicReport: unary(async (request: GetReportIi06aRequest): Promise<ReportIi06a> => {
      const byPeriod = request.year !== 0 || request.period !== '' || request.index !== 0;
      const query = parseReportQuery({
        ...(request.from !== undefined ? { from: request.from } : {}),
        ...(request.to !== undefined ? { to: request.to } : {}),
        ...(byPeriod
          ? {
              year: String(request.year),
              period: request.period,
              ...(request.index ? { index: String(request.index) } : {}),
            }
          : {}),
        ...(request.centerId ? { centerId: request.centerId } : {}),
      });
      const report = await reports.report(query);
      return {
        from: report.from,
        to: report.to,
        asOf: report.asOf,
        centerId: report.centerId ?? '',
        rows: report.rows.map((r) => ({
          centerId: r.centerId,
          centerName: r.centerName,
          fieldCode: r.fieldCode,
          fieldName: r.fieldName,
          counts: countsOf(r),
        })),
        totals: countsOf(report.totals),
      };
    }, logger),
  });
}
