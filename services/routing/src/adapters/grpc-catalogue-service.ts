import { CatalogueServiceService, type Procedure as ProcedureMessage } from '@motcua/contracts';
import { defineService, unary } from '@motcua/grpc';
import type { Logger } from '@motcua/logger';
import type { Procedure } from '../domain/catalogue.js';
import type { ProcedureRepository } from './procedure-repository.js';

const toMessage = (p: Procedure): ProcedureMessage => ({
  code: p.code,
  version: p.version,
  name: p.name,
  fieldCode: p.fieldCode,
  legalTimeLimit: p.legalTimeLimit,
  steps: p.workflow.map((s) => ({
    stepId: s.stepId,
    name: s.name,
    departmentId: s.departmentId,
    departmentName: s.departmentName,
    allottedWorkingHours: s.allottedWorkingHours,
  })),
});

export function catalogueGrpcService(procedures: ProcedureRepository, logger: Logger) {
  return defineService(CatalogueServiceService, {
    getProcedure: unary(
      async (request) => toMessage(await procedures.get(request.procedureCode, request.version)),
      logger,
    ),
    listProcedures: unary(
      async (request) => ({
        procedures: (await procedures.listCurrent(request.fieldCode || undefined)).map(toMessage),
      }),
      logger,
    ),
  });
}
