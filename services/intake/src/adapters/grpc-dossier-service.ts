import { DomainError, type Dossier, DossierServiceService } from '@motcua/contracts';
import { defineService, unary } from '@motcua/grpc';
import type { Logger } from '@motcua/logger';
import type { IntakeApp } from '../app/intake-app.js';

export function dossierGrpcService(app: IntakeApp, logger: Logger) {
  return defineService(DossierServiceService, {
    getDossier: unary(async (request): Promise<Dossier> => {
      const ref = request.ref?.value;
      if (!ref) throw new DomainError('INVALID_INPUT', { details: { field: 'ref' } });
      const d = await app.find(ref);
      return {
        dossierId: d.dossierId,
        dossierCode: d.dossierCode,
        status: d.status,
        procedureCode: d.procedureCode,
        procedureVersion: d.procedureVersion,
        procedureName: d.procedureName,
        channel: d.channel,
        centerId: d.centerId,
        receivingUnitCode: d.receivingUnitCode,
        applicantFullName: d.applicantFullName,
        receivedAt: d.receivedAt,
        appointmentAt: d.appointmentAt,
        resultReceivedAt: d.resultAt,
        returnedAt: d.returnedAt,
        version: d.version,
      };
    }, logger),
  });
}
