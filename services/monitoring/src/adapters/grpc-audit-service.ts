import { AuditServiceService, DomainError, type Timeline } from '@motcua/contracts';
import { defineService, unary } from '@motcua/grpc';
import type { Logger } from '@motcua/logger';
import type { MonitoringApp } from '../app/monitoring-app.js';

export function auditGrpcService(app: MonitoringApp, logger: Logger) {
  return defineService(AuditServiceService, {
    getTimeline: unary(async (request): Promise<Timeline> => {
      const ref = request.ref?.value;
      if (!ref) throw new DomainError('INVALID_INPUT', { details: { field: 'ref' } });
      const timeline = await app.timeline(ref);
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
  });
}
