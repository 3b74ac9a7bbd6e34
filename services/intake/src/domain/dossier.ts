import { applicantIdOf } from '@motcua/auth';
import { DomainError } from '@motcua/contracts';
import type { Decider, NewEvent, RecordedEvent } from '@motcua/eventstore';
import { rulebookFor, rulebookIdOf } from '@motcua/rulebook';
import type { DocumentRef } from './documents.js';
import { type AttachedDocument, attachOnlineDocuments, withAttached } from './online-documents.js';
import { assertReachable, receiptNumberOf } from './online-submission.js';
import type { ReceptionUnits } from './reception-units.js';
import { attachResultFile, resultFileOf } from './result-file.js';
import type {
  Applicant,
  Channel,
  ChecklistItem,
  PaymentMethod,
  ProcedureSummary,
  ProcessView,
  ReceivedDocument,
  ReturnMethod,
} from './types.js';

type Status = 'submitted' | 'refused' | 'received' | 'withdrawn' | 'result_at_counter' | 'returned';

/** The counter's view of a dossier: submission, reception, what the applicant brings, and the return. */
export type IntakeDossier =
  | { status: 'new' }
  | {
      status: Status;
      dossierId: string;
      dossierCode: string;
      procedureCode: string;
      procedureVersion: number;
      procedureName: string;
      applicantFullName: string;
      /** Who may see the dossier as its applicant (the matrix's `own` scope). */
      applicantId: string;
      /** The rulebook it follows: the one of its reception day (before that, of its submission day). */
      rulebookId: string;
      receivingUnitCode: string;
      /** The receiving center: its counter's receptions, supplements, payments (= receivingCenterId). */
      centerId: string;
      /** Decree 118/2025: whose work the dossier is, and where its result is returned (default centerId). */
      competentCenterId: string;
      returnCenterId: string;
      channel: Channel;
      submittedAt?: string;
      /** The electronic receipt number an online applicant is shown (online-submission.ts). */
      receiptNumber?: string;
      receivedAt?: string;
      appointmentAt?: string;
      resultAt?: string;
      resultOutcome?: string;
      returnedAt?: string;
      supplementsReceived: number;
      /** What the applicant handed in: at submission or reception, then each supplement's. */
      documents?: ReceivedDocument[];
      /** The applicant's satisfaction (1…5), once given. */
      feedbackRating?: number;
      /** Files attached to an online submission before the counter checked it. */
      attachedDocuments?: AttachedDocument[];
      /** The electronic result, once attached (by the signing department or the counter). */
      resultFile?: DocumentRef;
    };

type Reception = {
  type: 'ReceiveDossier';
  dossierId: string;
  dossierCode: string;
  lookupKeyHash: string;
  procedure: ProcedureSummary;
  applicant: Applicant;
  documents: ReceivedDocument[];
  checklist: ChecklistItem[];
  guidance: string;
  channel: Channel;
  receivingUnitCode: string;
  centerId: string;
  /** Checked by `receptionUnits` before the command is built. */
  units: ReceptionUnits;
  receivedAt: Date;
  appointmentAt: Date;
  cutoffApplies: boolean;
};

export type IntakeCommand =
  | {
      type: 'SubmitOnline';
      dossierId: string;
      procedure: ProcedureSummary;
      centerId: string;
      applicant: Applicant;
      documents: ReceivedDocument[];
      at: Date;
    }
  | Reception
  | {
      type: 'AttachResultFile';
      file: DocumentRef;
      resultTypes: string[];
      process: ProcessView | null;
      at: Date;
    }
  | { type: 'AttachOnlineDocuments'; documents: DocumentRef[]; reusedFromDossierId?: string; at: Date }
  | { type: 'RefuseAtIntake'; reasons: string[]; procedureCode: string; centerId: string; at: Date }
  | { type: 'RequestSupplementAtIntake'; missingDocuments: string[]; guidance: string; at: Date }
  | { type: 'ReceiveSupplement'; documents: ReceivedDocument[]; process: ProcessView | null; at: Date }
  | {
      type: 'RecordPayment';
      amountVnd: number;
      method: PaymentMethod;
      receiptNumber: string;
      process: ProcessView | null;
      at: Date;
    }
  | { type: 'Withdraw'; reason: string; process: ProcessView | null; at: Date }
  | { type: 'RecordResultAtCounter'; outcome: 'approved' | 'refused'; at: Date }
  | { type: 'GiveFeedback'; rating: number; comment: string; at: Date }
  | {
      type: 'ReturnResult';
      at: Date;
      method: ReturnMethod;
      receiverName: string;
      proxy: boolean;
      authorizationReference?: string;
      trackingNumber?: string;
    };

function forbidden(rule: string, status: string, vi: string, en: string): never {
  throw new DomainError('FORBIDDEN_TRANSITION', {
    details: { rule: `intake.${rule}`, status },
    messages: { vi, en },
  });
}

function invalid(rule: string, field: string, vi: string, en: string): never {
  throw new DomainError('INVALID_INPUT', {
    details: { rule: `intake.${rule}`, field },
    messages: { vi, en },
  });
}

const iso = (d: Date) => d.toISOString();
// DossierReceived is at V2 (the three centers); the others at V1.
const event = (type: string, at: Date, payload: Record<string, unknown>, dossierCode?: string): NewEvent => ({
  type,
  schemaVersion: type === 'DossierReceived' ? 2 : 1,
  occurredAt: iso(at),
  payload,
  ...(dossierCode ? { dossierCode } : {}),
});

/**
 * An event that starts (or, at reception, fixes) the dossier's rules: it records the rulebook in
 * force on its day; the stream's later events carry it on (the event store).
 */
const fixingRules = (e: NewEvent, day: Date): NewEvent => ({ ...e, rulebookId: rulebookFor(day).id });

/** Decree 61 Art 17: only a complete dossier is received; otherwise ask for the rest (Mẫu 02). */
export function assertComplete(checklist: readonly ChecklistItem[]): void {
  const missing = checklist.filter((item) => item.required && !item.provided);
  if (missing.length > 0) {
    throw new DomainError('FORBIDDEN_TRANSITION', {
      details: { rule: 'intake.receive-complete-only', missing: missing.map((m) => m.documentName) },
      messages: {
        vi: 'Hồ sơ chưa đầy đủ: hãy hướng dẫn bổ sung (Mẫu 02) thay vì tiếp nhận',
        en: 'The dossier is incomplete: request a supplement (form 02) instead of receiving it',
      },
    });
  }
}

function receive(command: Reception, state: IntakeDossier): NewEvent[] {
  if (state.status !== 'new' && state.status !== 'submitted') {
    forbidden(
      'receive',
      state.status,
      'Hồ sơ đã được xử lý tiếp nhận',
      'The dossier was already received or refused',
    );
  }
  assertComplete(command.checklist);
  return [
    fixingRules(
      event(
        'DossierReceived',
        command.receivedAt,
        {
          dossierCode: command.dossierCode,
          lookupKeyHash: command.lookupKeyHash,
          procedureCode: command.procedure.code,
          procedureVersion: command.procedure.version,
          procedureName: command.procedure.name,
          channel: command.channel,
          receivingUnitCode: command.receivingUnitCode,
          centerId: command.centerId,
          receivingCenterId: command.units.receivingCenterId,
          competentCenterId: command.units.competentCenterId,
          returnCenterId: command.units.returnCenterId,
          applicant: command.applicant,
          documents: command.documents,
          receivedAt: iso(command.receivedAt),
          appointmentAt: iso(command.appointmentAt),
          legalTimeLimit: command.procedure.legalTimeLimit,
          checklist: command.checklist,
          guidance: command.guidance,
          cutoffApplies: command.cutoffApplies,
          fromOnlineSubmission: state.status === 'submitted',
        },
        command.dossierCode,
      ),
      command.receivedAt,
    ),
  ];
}

export function decide(command: IntakeCommand, state: IntakeDossier): NewEvent[] {
  switch (command.type) {
    case 'SubmitOnline': {
      if (state.status !== 'new') return []; // the same submission sent again
      assertReachable(command.applicant);
      return [
        fixingRules(
          event('DossierSubmittedOnline', command.at, {
            receiptNumber: receiptNumberOf(command.dossierId, command.at),
            procedureCode: command.procedure.code,
            procedureVersion: command.procedure.version,
            procedureName: command.procedure.name,
            centerId: command.centerId,
            applicant: command.applicant,
            documents: command.documents,
            submittedAt: iso(command.at),
          }),
          command.at,
        ),
      ];
    }
    case 'ReceiveDossier':
      return receive(command, state);
    case 'AttachResultFile':
      return attachResultFile(state, command.file, command.resultTypes, command.process, command.at);
    case 'AttachOnlineDocuments':
      return attachOnlineDocuments(
        state.status,
        state.status === 'new' ? [] : (state.attachedDocuments ?? []),
        command.documents,
        command.at,
        command.reusedFromDossierId,
      );
    case 'RefuseAtIntake': {
      if (state.status !== 'new' && state.status !== 'submitted') {
        forbidden(
          'refuse-at-intake',
          state.status,
          'Chỉ từ chối được hồ sơ chưa tiếp nhận',
          'Only a dossier not yet received can be refused at intake',
        );
      }
      const refused = event('DossierRefusedAtIntake', command.at, {
        reasons: command.reasons,
        refusedAt: iso(command.at),
        procedureCode: command.procedureCode,
        centerId: command.centerId,
      });
      return [state.status === 'new' ? fixingRules(refused, command.at) : refused];
    }
    case 'RequestSupplementAtIntake': {
      if (state.status !== 'submitted') {
        forbidden(
          'supplement-at-intake',
          state.status,
          'Chỉ yêu cầu bổ sung khi hồ sơ đang chờ tiếp nhận',
          'A supplement at intake is for a submitted dossier',
        );
      }
      return [
        event('IntakeSupplementRequested', command.at, {
          missingDocuments: command.missingDocuments,
          guidance: command.guidance,
          requestedAt: iso(command.at),
        }),
      ];
    }
    case 'ReceiveSupplement': {
      if (state.status !== 'received' || command.process?.status !== 'awaiting_supplement') {
        forbidden(
          'supplement-awaited',
          state.status,
          'Hồ sơ không ở trạng thái chờ bổ sung',
          'No supplement is awaited for this dossier',
        );
      }
      return [
        event('SupplementReceived', command.at, {
          documents: command.documents,
          receivedAt: iso(command.at),
          requestNumber: command.process.supplementRequestNumber,
        }),
      ];
    }
    case 'RecordPayment': {
      if (state.status !== 'received' || command.process?.status !== 'awaiting_payment') {
        forbidden(
          'payment-awaited',
          state.status,
          'Hồ sơ không có nghĩa vụ tài chính đang chờ nộp',
          'No financial obligation is awaiting payment',
        );
      }
      return [
        event('FeePaid', command.at, {
          amountVnd: command.amountVnd,
          method: command.method,
          paidAt: iso(command.at),
          receiptNumber: command.receiptNumber,
        }),
      ];
    }
    case 'Withdraw': {
      const processOver =
        command.process && ['completed', 'stopped', 'closed'].includes(command.process.status);
      if ((state.status !== 'submitted' && state.status !== 'received') || processOver) {
        forbidden(
          'withdraw',
          state.status,
          'Không thể rút hồ sơ đã có kết quả hoặc đã kết thúc',
          'A dossier with a result, or already ended, cannot be withdrawn',
        );
      }
      return [
        event('DossierWithdrawn', command.at, { reason: command.reason, withdrawnAt: iso(command.at) }),
      ];
    }
    case 'GiveFeedback': {
      if (state.status !== 'result_at_counter' && state.status !== 'returned') {
        forbidden(
          'feedback-after-result',
          state.status,
          'Chỉ đánh giá được khi hồ sơ đã có kết quả',
          'Feedback can be given once the dossier has its result',
        );
      }
      if (state.feedbackRating !== undefined) {
        forbidden(
          'feedback-once',
          state.status,
          'Hồ sơ này đã được đánh giá',
          'This dossier has been rated already',
        );
      }
      if (!Number.isInteger(command.rating) || command.rating < 1 || command.rating > 5) {
        throw new DomainError('INVALID_INPUT', { details: { field: 'rating', rating: command.rating } });
      }
      return [
        event('ApplicantFeedbackGiven', command.at, {
          rating: command.rating,
          comment: command.comment,
          givenAt: iso(command.at),
        }),
      ];
    }
    case 'RecordResultAtCounter': {
      if (state.status === 'result_at_counter' || state.status === 'returned') return [];
      if (state.status !== 'received') {
        forbidden(
          'record-result',
          state.status,
          'Hồ sơ không chờ kết quả',
          'The dossier is not waiting for a result',
        );
      }
      return [
        event('ResultReceivedAtCounter', command.at, {
          receivedAt: iso(command.at),
          outcome: command.outcome,
        }),
      ];
    }
    case 'ReturnResult': {
      if (state.status !== 'result_at_counter') {
        forbidden(
          'return-result',
          state.status,
          'Kết quả chưa có tại Bộ phận Một cửa',
          'The result is not at the counter',
        );
      }
      // Decree 61 Art 20: a proxy brings a written authorisation; the post gives a tracking number.
      if (command.proxy && !command.authorizationReference) {
        invalid(
          'proxy-authorization',
          'authorizationReference',
          'Người nhận thay phải có giấy ủy quyền',
          'A proxy must present a written authorisation',
        );
      }
      // Decree 61 Art 20 k3: returned online means the electronic result is there to download.
      if (command.method === 'electronic' && state.resultOutcome !== 'refused' && !state.resultFile) {
        forbidden(
          'electronic-return-needs-file',
          state.status,
          'Chưa đính kèm tệp kết quả điện tử: không thể trả kết quả trực tuyến',
          'No electronic result file is attached: the result cannot be returned online',
        );
      }
      if (command.method === 'postal' && !command.trackingNumber) {
        invalid(
          'postal-tracking',
          'trackingNumber',
          'Trả qua bưu chính cần số hiệu bưu gửi',
          'A postal return needs the tracking number',
        );
      }
      return [
        event('ResultReturned', command.at, {
          returnedAt: iso(command.at),
          method: command.method,
          receiverName: command.receiverName,
          proxy: command.proxy,
          ...(command.authorizationReference
            ? { authorizationReference: command.authorizationReference }
            : {}),
          ...(command.trackingNumber ? { trackingNumber: command.trackingNumber } : {}),
        }),
      ];
    }
  }
}

const base = (e: RecordedEvent, p: Record<string, unknown>) => ({
  dossierId: e.dossierId,
  rulebookId: rulebookIdOf(e),
  applicantId: applicantIdOf(p.applicant as { idNumber?: string } | undefined, e.dossierId),
  procedureCode: String(p.procedureCode),
  procedureVersion: Number(p.procedureVersion ?? 0),
  procedureName: String(p.procedureName ?? ''),
  applicantFullName: String((p.applicant as { fullName?: string } | undefined)?.fullName ?? ''),
  centerId: String(p.centerId),
  // Before the reception (a submission) and in V1 receptions, all three are the one center.
  competentCenterId: String(p.competentCenterId ?? p.centerId),
  returnCenterId: String(p.returnCenterId ?? p.centerId),
  supplementsReceived: 0,
});

/** The documents an event names (name, original, count, stored file), without the files' hashes. */
function documentsOf(p: Record<string, unknown>): ReceivedDocument[] {
  const list = Array.isArray(p.documents) ? (p.documents as ReceivedDocument[]) : [];
  return list.map((d) => ({
    name: d.name,
    original: d.original === true,
    count: d.count ?? 1,
    ...(d.documentId ? { documentId: d.documentId } : {}),
  }));
}

export function evolve(state: IntakeDossier, e: RecordedEvent): IntakeDossier {
  const p = e.payload as Record<string, unknown>;
  switch (e.type) {
    case 'DossierSubmittedOnline':
      return {
        status: 'submitted',
        ...base(e, p),
        dossierCode: '',
        receivingUnitCode: '',
        channel: 'online',
        submittedAt: String(p.submittedAt),
        ...(p.receiptNumber ? { receiptNumber: String(p.receiptNumber) } : {}),
        documents: documentsOf(p),
      };
    case 'DossierReceived':
      return {
        ...(state.status === 'new' ? {} : state),
        status: 'received',
        ...base(e, p),
        dossierCode: String(p.dossierCode),
        receivingUnitCode: String(p.receivingUnitCode),
        channel: p.channel as Channel,
        receivedAt: String(p.receivedAt),
        appointmentAt: String(p.appointmentAt),
        documents: documentsOf(p),
      };
    case 'DossierRefusedAtIntake':
      return state.status === 'new'
        ? {
            status: 'refused',
            ...base(e, p),
            procedureName: '',
            dossierCode: e.dossierCode,
            receivingUnitCode: '',
            channel: 'counter',
          }
        : { ...state, status: 'refused' };
  }
  if (state.status === 'new') return state;
  switch (e.type) {
    case 'ResultFileAttached':
      return { ...state, resultFile: resultFileOf(p) };
    case 'OnlineDocumentAttached':
      return { ...state, attachedDocuments: withAttached(state.attachedDocuments, p) };
    case 'SupplementReceived':
      return {
        ...state,
        supplementsReceived: state.supplementsReceived + 1,
        documents: [...(state.documents ?? []), ...documentsOf(p)],
      };
    case 'DossierWithdrawn':
      return { ...state, status: 'withdrawn' };
    case 'ResultReceivedAtCounter':
      return {
        ...state,
        status: 'result_at_counter',
        resultAt: String(p.receivedAt),
        resultOutcome: String(p.outcome ?? 'approved'),
      };
    case 'ResultReturned':
      return { ...state, status: 'returned', returnedAt: String(p.returnedAt) };
    case 'ApplicantFeedbackGiven':
      return { ...state, feedbackRating: Number(p.rating) };
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

/** The national status code (domain brief §3) of a dossier as the counter and the process know it. */
export function nationalStatus(
  state: IntakeDossier,
  process: ProcessView | null,
): { status: string; code: number } {
  if (state.status === 'new') return { status: 'unknown', code: 0 };
  const byIntake: Record<Exclude<typeof state.status, 'received'>, number> = {
    submitted: 1,
    refused: 3,
    withdrawn: 7,
    result_at_counter: 9,
    returned: 10,
  };
  if (state.status !== 'received') return { status: state.status, code: byIntake[state.status] };
  const byProcess: Record<ProcessView['status'], number> = {
    processing: 4,
    awaiting_supplement: 5,
    awaiting_payment: 6,
    closed: 7,
    stopped: 8,
    completed: 9,
  };
  return process
    ? { status: process.status, code: byProcess[process.status] }
    : { status: 'received', code: 2 };
}
