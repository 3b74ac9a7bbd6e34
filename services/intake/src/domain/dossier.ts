import { DomainError } from '@motcua/contracts';
import type { Decider, NewEvent, RecordedEvent } from '@motcua/eventstore';
import type { Applicant, Channel, ProcedureSummary, ReceivedDocument, ReturnMethod } from './types.js';

/** The counter's view of a dossier: reception, the result coming back, and its return. */
export type IntakeDossier =
  | { status: 'new' }
  | {
      status: 'received' | 'result_at_counter' | 'returned';
      dossierId: string;
      dossierCode: string;
      procedureCode: string;
      procedureVersion: number;
      procedureName: string;
      applicantFullName: string;
      receivingUnitCode: string;
      centerId: string;
      channel: Channel;
      receivedAt: string;
      appointmentAt: string;
      resultAt?: string;
      returnedAt?: string;
    };

export type IntakeCommand =
  | {
      type: 'ReceiveDossier';
      dossierId: string;
      dossierCode: string;
      lookupKeyHash: string;
      procedure: ProcedureSummary;
      applicant: Applicant;
      documents: ReceivedDocument[];
      channel: Channel;
      receivingUnitCode: string;
      centerId: string;
      receivedAt: Date;
      appointmentAt: Date;
    }
  | { type: 'RecordResultAtCounter'; at: Date }
  | { type: 'ReturnResult'; at: Date; method: ReturnMethod; receiverName: string; proxy: boolean };

const forbidden = (action: string, status: string) =>
  new DomainError('FORBIDDEN_TRANSITION', {
    details: { rule: `intake.${action}`, status },
    messages: {
      vi: `Không thể thực hiện "${action}" khi hồ sơ đang ở trạng thái "${status}"`,
      en: `Cannot ${action} a dossier whose status is "${status}"`,
    },
  });

export function decide(command: IntakeCommand, state: IntakeDossier): NewEvent[] {
  switch (command.type) {
    case 'ReceiveDossier': {
      if (state.status !== 'new') throw forbidden('receive', state.status);
      return [
        {
          type: 'DossierReceived',
          schemaVersion: 1,
          dossierCode: command.dossierCode,
          occurredAt: command.receivedAt.toISOString(),
          payload: {
            dossierCode: command.dossierCode,
            lookupKeyHash: command.lookupKeyHash,
            procedureCode: command.procedure.code,
            procedureVersion: command.procedure.version,
            procedureName: command.procedure.name,
            channel: command.channel,
            receivingUnitCode: command.receivingUnitCode,
            centerId: command.centerId,
            applicant: command.applicant,
            documents: command.documents,
            receivedAt: command.receivedAt.toISOString(),
            appointmentAt: command.appointmentAt.toISOString(),
            legalTimeLimit: command.procedure.legalTimeLimit,
          },
        },
      ];
    }
    case 'RecordResultAtCounter': {
      if (state.status === 'result_at_counter' || state.status === 'returned') return [];
      if (state.status !== 'received') throw forbidden('record the result of', state.status);
      const at = command.at.toISOString();
      return [
        { type: 'ResultReceivedAtCounter', schemaVersion: 1, occurredAt: at, payload: { receivedAt: at } },
      ];
    }
    case 'ReturnResult': {
      if (state.status !== 'result_at_counter') throw forbidden('return the result of', state.status);
      const at = command.at.toISOString();
      return [
        {
          type: 'ResultReturned',
          schemaVersion: 1,
          occurredAt: at,
          payload: {
            returnedAt: at,
            method: command.method,
            receiverName: command.receiverName,
            proxy: command.proxy,
          },
        },
      ];
    }
  }
}

export function evolve(state: IntakeDossier, event: RecordedEvent): IntakeDossier {
  const p = event.payload as Record<string, string>;
  switch (event.type) {
    case 'DossierReceived': {
      const received = event.payload as { procedureVersion: number; applicant: { fullName: string } };
      return {
        status: 'received',
        dossierId: event.dossierId,
        dossierCode: p.dossierCode!,
        procedureCode: p.procedureCode!,
        procedureVersion: received.procedureVersion,
        procedureName: p.procedureName!,
        applicantFullName: received.applicant.fullName,
        receivingUnitCode: p.receivingUnitCode!,
        centerId: p.centerId!,
        channel: p.channel as Channel,
        receivedAt: p.receivedAt!,
        appointmentAt: p.appointmentAt!,
      };
    }
    case 'ResultReceivedAtCounter':
      return state.status === 'new'
        ? state
        : { ...state, status: 'result_at_counter', resultAt: p.receivedAt };
    case 'ResultReturned':
      return state.status === 'new' ? state : { ...state, status: 'returned', returnedAt: p.returnedAt };
    default:
      return state;
  }
}

export const intakeDossier: Decider<IntakeDossier, IntakeCommand> = {
  initialState: () => ({ status: 'new' }),
  evolve,
  decide,
};

export const intakeStreamId = (dossierId: string) => `intake-dossier:${dossierId}`;
