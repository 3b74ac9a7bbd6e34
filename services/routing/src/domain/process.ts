import { atLocalTime, toLocalDay, type WorkingCalendar } from '@motcua/calendar';
import { currentVersion, DomainError, type EventType } from '@motcua/contracts';
import type { Decider, NewEvent, RecordedEvent } from '@motcua/eventstore';
import { formLabel, rulebookById, rulebookIdOf } from '@motcua/rulebook';
import { apologyDeadline, clockRunning, type DossierDeadline } from './dossier-deadlines.js';
import { type Succession, succeed } from './succession.js';

/**
 * The processing of one dossier, as routing owns it: the workflow it follows, which step(s) are
 * open, and the legal clock (Decree 61/2018 Art 19): supplement requests restart it, financial
 * obligations pause it when the procedure says so, an apology moves the appointment once.
 */
export interface ProcessStep {
  stepId: string;
  name: string;
  departmentId: string;
  departmentName: string;
  role: string;
  allottedWorkingHours: number;
  /** Steps that share a stage run in parallel (interconnected groups). */
  stage: number;
}

export type TimeLimit = {
  value: number;
  unit: 'working_days' | 'calendar_days' | 'working_hours' | 'same_day';
};

type Status =
  | 'processing'
  | 'awaiting_supplement'
  | 'awaiting_payment'
  | 'completed'
  | 'refused'
  | 'stopped'
  | 'closed';

export type ProcessState =
  | { status: 'new' }
  | {
      status: Status;
      procedureCode: string;
      centerId: string;
      /** The dossier's rulebook (its reception day's), recorded on its events. */
      rulebookId: string;
      workflow: ProcessStep[];
      stage: number;
      openSteps: string[];
      legalTimeLimit: TimeLimit;
      clockExclusions: string[];
      cutoffApplies: boolean;
      /** When the clock started: reception, or the arrival of the complete supplement. */
      clockStartedAt: string;
      appointmentAt: string;
      excluded: { from: string; to: string }[];
      pausedFrom?: string;
      supplementRequests: number;
      apologyIssued: boolean;
      /** Chooses among several successors should the competent center end while the dossier is open. */
      applicantAddress?: string;
      /** The appointment each deadline fact was recorded for (a moved appointment has its own). */
      deadlinesRecorded?: Partial<Record<DossierDeadline, string>>;
    };

type Active = Exclude<ProcessState, { status: 'new' }>;

export type ProcessCommand =
  | {
      type: 'StartRouting';
      procedureCode: string;
      procedureVersion: number;
      centerId: string;
      workflow: ProcessStep[];
      receivedAt: Date;
      appointmentAt: Date;
      legalTimeLimit: TimeLimit;
      clockExclusions: string[];
      cutoffApplies: boolean;
      /** The dossier's rulebook, as its reception recorded it (chooses the calendar's cut-off). */
      rulebookId?: string;
      /** Chooses among several successors of an ended center (the commune named in the address). */
      applicantAddress?: string;
    }
  | { type: 'CompleteStep'; stepId: string; at: Date }
  | { type: 'ReturnStep'; stepId: string; toStepId: string; at: Date }
  | { type: 'RequestSupplement'; missingDocuments: string[]; reason: string; at: Date }
  | { type: 'ReceiveSupplement'; at: Date }
  | { type: 'NotifyFinancialObligation'; amountVnd: number; description: string; at: Date }
  | { type: 'RecordPayment'; at: Date }
  | { type: 'Refuse'; reasons: string[]; at: Date }
  | { type: 'IssueApology'; newAppointmentAt: Date; reason: string; at: Date }
  | { type: 'Stop'; reason: string; at: Date }
  /** The applicant asked to stop before any result exists (Decree 118 Art 21; rulebook-dependent). */
  | { type: 'StopOnRequest'; reason: string; at: Date }
  | { type: 'CloseWithdrawn'; at: Date }
  /** A deadline timer fired for `appointmentAt` (the appointment in force when it was planned). */
  | {
      type: 'RecordDeadline';
      deadline: DossierDeadline;
      appointmentAt: string;
      horizonWorkingMinutes: number;
      at: Date;
    };

/** Supplement requests during processing: only within so many working days (the dossier's rulebook). */
const supplementWindow = (s: Active) =>
  rulebookById(s.rulebookId).supplement.processingRequestWithinWorkingDays.value;

const iso = (d: Date) => d.toISOString();
/** `at` is when the decision happened: a time in the future (a scheduled transfer) goes in the payload. */
const event = (type: EventType, at: Date, payload: Record<string, unknown>): NewEvent => ({
  type,
  schemaVersion: currentVersion(type),
  occurredAt: iso(at),
  payload,
});

/**
 * Decree 118 Art 21: while no result exists (the processing is still open), the applicant's request
 * stops the dossier with a stop notice. Dossiers under Decree 61/2018 have no such stop.
 */
function stopOnRequest(command: { reason: string; at: Date }, state: ProcessState): NewEvent[] {
  const s = requireStatus(state, OPEN, 'dừng theo đề nghị / stop on request');
  const book = rulebookById(s.rulebookId);
  const rule = book.stopOnRequest;
  if (!rule.value.allowed || !rule.value.notice) {
    refuse(
      'stop-on-request-under-rulebook',
      `Hồ sơ tiếp nhận theo ${book.name} không có thủ tục dừng theo đề nghị của người nộp`,
      `A dossier received under ${book.name} cannot be stopped on the applicant's request`,
      { rulebookId: book.id },
    );
  }
  return [
    event('DossierProcessingStopped', command.at, {
      reason: command.reason,
      stoppedAt: iso(command.at),
      onApplicantRequest: true,
      stopNotice: formLabel(book, rule.value.notice),
      legalBasis: rule.source.text,
    }),
  ];
}

function refuse(rule: string, vi: string, en: string, details: Record<string, unknown> = {}): never {
  throw new DomainError('FORBIDDEN_TRANSITION', {
    details: { rule: `routing.${rule}`, ...details },
    messages: { vi, en },
  });
}

function requireStatus(state: ProcessState, allowed: Status[], action: string): Active {
  if (state.status === 'new' || !allowed.includes(state.status)) {
    refuse(
      'status',
      `Không thể ${action} khi hồ sơ ở trạng thái "${state.status}"`,
      `Cannot ${action} a dossier whose processing is "${state.status}"`,
      {
        status: state.status,
        action,
      },
    );
  }
  return state as Active;
}

const OPEN: Status[] = ['processing', 'awaiting_supplement', 'awaiting_payment'];

/**
 * `succession` answers which units took over ended ones: a step routed on or after the day the
 * dossier's competent center ended goes to its successor (recorded by DossierUnitsSucceeded first).
 */
export function processDecider(
  calendar: WorkingCalendar,
  succession?: Succession,
): Decider<ProcessState, ProcessCommand> {
  const stepDue = (step: ProcessStep, from: Date) =>
    calendar.dueAt(from, { value: step.allottedWorkingHours, unit: 'working_hours' });

  /** Routed at `at`; the unit takes it over at `transferAt` (later only for a reception after the cut-off). */
  const routeStage = (
    workflow: ProcessStep[],
    stage: number,
    at: Date,
    returnedFrom?: string,
    transferAt: Date = at,
  ): NewEvent[] =>
    workflow
      .filter((s) => s.stage === stage)
      .map((step) =>
        event('DossierRouted', at, {
          stepId: step.stepId,
          stepName: step.name,
          stepIndex: workflow.indexOf(step),
          departmentId: step.departmentId,
          departmentName: step.departmentName,
          // Who may complete it: the department's task decider checks it (@motcua/auth/duties).
          role: step.role,
          transferAt: iso(transferAt),
          stepDueAt: iso(stepDue(step, transferAt)),
          stage: step.stage,
          ...(returnedFrom ? { returnedFromStepId: returnedFrom } : {}),
        }),
      );

  const decide = (command: ProcessCommand, state: ProcessState): NewEvent[] => {
    switch (command.type) {
      case 'StartRouting': {
        if (state.status !== 'new') return []; // the same reception seen again
        if (command.workflow.length === 0) {
          refuse('workflow-has-steps', 'Quy trình nội bộ chưa có bước xử lý', 'The workflow has no step', {
            procedureCode: command.procedureCode,
          });
        }
        // Decree 61 Art 18: transferred the same working day, or the next morning after 15:00.
        const transferAt = calendar.transferAt(command.receivedAt);
        const firstStage = Math.min(...command.workflow.map((s) => s.stage));
        // Routing decides on reception; the transfer the law schedules is a payload fact.
        const decidedAt = command.receivedAt;
        const moved = succeed(succession, command, transferAt, command.applicantAddress, decidedAt);
        return [
          event('DossierWorkflowAssigned', decidedAt, {
            procedureCode: command.procedureCode,
            procedureVersion: command.procedureVersion,
            workflow: command.workflow,
            receivedAt: iso(command.receivedAt),
            appointmentAt: iso(command.appointmentAt),
            legalTimeLimit: command.legalTimeLimit,
            clockExclusions: command.clockExclusions,
            cutoffApplies: command.cutoffApplies,
            centerId: command.centerId,
            transferAt: iso(transferAt),
            ...(command.applicantAddress ? { applicantAddress: command.applicantAddress } : {}),
          }),
          ...(moved ? [moved.event] : []),
          ...routeStage(moved?.workflow ?? command.workflow, firstStage, decidedAt, undefined, transferAt),
        ];
      }
      case 'CompleteStep': {
        if (state.status === 'new' || !state.openSteps.includes(command.stepId)) return []; // late duplicate
        if (!OPEN.includes(state.status)) return [];
        const open = state.openSteps.filter((s) => s !== command.stepId);
        if (open.length > 0) {
          // a parallel branch finished; the others are still working
          return [
            event('BranchCompleted', command.at, {
              stepId: command.stepId,
              completedAt: iso(command.at),
              remainingStepIds: open,
            }),
          ];
        }
        const later = state.workflow.map((s) => s.stage).filter((s) => s > state.stage);
        if (later.length > 0) {
          const moved = succeed(succession, state, command.at, state.applicantAddress);
          return [
            ...(moved ? [moved.event] : []),
            ...routeStage(moved?.workflow ?? state.workflow, Math.min(...later), command.at),
          ];
        }
        const early = command.at.getTime() < Date.parse(state.appointmentAt);
        return [
          event('DossierProcessingCompleted', command.at, {
            outcome: 'approved',
            resultSummary: 'Đã giải quyết xong / Processing finished',
            completedAt: iso(command.at),
            appointmentAt: state.appointmentAt,
            early,
          }),
        ];
      }
      case 'ReturnStep': {
        if (
          state.status === 'new' ||
          state.status !== 'processing' ||
          !state.openSteps.includes(command.stepId)
        )
          return [];
        const target = state.workflow.find((s) => s.stepId === command.toStepId);
        if (!target || target.stage >= state.stage) {
          refuse(
            'return-to-earlier-step',
            'Chỉ được chuyển lại bước xử lý trước đó',
            'A dossier can only go back to an earlier step',
            {
              toStepId: command.toStepId,
            },
          );
        }
        const moved = succeed(succession, state, command.at, state.applicantAddress);
        return [
          ...(moved ? [moved.event] : []),
          ...routeStage(
            (moved?.workflow ?? state.workflow).filter((s) => s.stepId === target.stepId),
            target.stage,
            command.at,
            command.stepId,
          ),
        ];
      }
      case 'RequestSupplement': {
        const s = requireStatus(state, ['processing'], 'yêu cầu bổ sung / request a supplement');
        const startDay = calendar.receptionDay(new Date(s.clockStartedAt));
        const lastDay = calendar.addWorkingDays(startDay, supplementWindow(s));
        if (toLocalDay(command.at) > lastDay) {
          refuse(
            'supplement-within-3-working-days',
            'Chỉ được yêu cầu bổ sung hồ sơ trong thời hạn 03 ngày làm việc kể từ ngày tiếp nhận',
            'A supplement may only be requested within 3 working days of reception',
            { lastDay },
          );
        }
        return [
          event('SupplementRequested', command.at, {
            requestNumber: s.supplementRequests + 1,
            missingDocuments: command.missingDocuments,
            reason: command.reason,
            stepId: s.openSteps[0] ?? '',
            requestedAt: iso(command.at),
          }),
        ];
      }
      case 'ReceiveSupplement': {
        if (state.status !== 'awaiting_supplement') return []; // nothing was asked for
        // The time limit restarts from zero once the complete file arrives.
        const appointmentAt = calendar.dueAt(command.at, state.legalTimeLimit, {
          cutoffApplies: state.cutoffApplies,
        });
        return [
          event('ProcessingClockRestarted', command.at, {
            restartedAt: iso(command.at),
            appointmentAt: iso(appointmentAt),
            reason: 'supplement_complete',
          }),
        ];
      }
      case 'NotifyFinancialObligation': {
        const s = requireStatus(
          state,
          ['processing'],
          'thông báo nghĩa vụ tài chính / notify a financial obligation',
        );
        return [
          event('FinancialObligationNotified', command.at, {
            amountVnd: command.amountVnd,
            description: command.description,
            pausesClock: s.clockExclusions.includes('financial_obligation'),
            notifiedAt: iso(command.at),
          }),
        ];
      }
      case 'RecordPayment': {
        if (state.status !== 'awaiting_payment') return [];
        const excluded = state.pausedFrom
          ? [...state.excluded, { from: state.pausedFrom, to: iso(command.at) }]
          : state.excluded;
        const extended = calendar.dueAt(new Date(state.clockStartedAt), state.legalTimeLimit, {
          cutoffApplies: state.cutoffApplies,
          exclusions: excluded.map((e) => ({ from: new Date(e.from), to: new Date(e.to) })),
        });
        // never earlier than the appointment in force (an apology may already have moved it)
        const appointmentAt = Math.max(extended.getTime(), Date.parse(state.appointmentAt));
        return [
          event('ProcessingClockResumed', command.at, {
            resumedAt: iso(command.at),
            ...(state.pausedFrom ? { pausedFrom: state.pausedFrom } : {}),
            appointmentAt: iso(new Date(appointmentAt)),
          }),
        ];
      }
      case 'Refuse': {
        const s = requireStatus(state, ['processing'], 'từ chối giải quyết / refuse');
        if (command.at.getTime() > Date.parse(s.appointmentAt)) {
          refuse(
            'refusal-within-time-limit',
            'Việc từ chối phải được thực hiện trong thời hạn giải quyết',
            'A refusal after appraisal must come within the time limit',
            { appointmentAt: s.appointmentAt },
          );
        }
        return [
          event('DossierRefusedAfterAppraisal', command.at, {
            reasons: command.reasons,
            refusedAt: iso(command.at),
            stepId: s.openSteps[0] ?? '',
          }),
          event('DossierProcessingCompleted', command.at, {
            outcome: 'refused',
            resultSummary: command.reasons.join('; '),
            completedAt: iso(command.at),
            appointmentAt: s.appointmentAt,
            early: false,
          }),
        ];
      }
      case 'IssueApology': {
        const s = requireStatus(state, OPEN, 'xin lỗi và hẹn lại / issue an apology');
        if (s.apologyIssued) {
          refuse(
            'apology-at-most-once',
            'Chỉ được xin lỗi và hẹn lại một lần',
            'An apology with a new date may be issued only once',
          );
        }
        const dueDay = toLocalDay(new Date(s.appointmentAt));
        const before = rulebookById(s.rulebookId).apology.latestWorkingDaysBeforeDue.value;
        if (calendar.workingDaysBetween(toLocalDay(command.at), dueDay) < before) {
          refuse(
            'apology-one-working-day-before-due',
            'Phiếu xin lỗi và hẹn lại phải gửi chậm nhất 01 ngày làm việc trước ngày hẹn trả',
            'The apology must be sent at the latest 1 working day before the due date',
            { appointmentAt: s.appointmentAt },
          );
        }
        if (command.newAppointmentAt.getTime() <= Date.parse(s.appointmentAt)) {
          throw new DomainError('INVALID_INPUT', {
            details: { rule: 'routing.apology-later-date', field: 'newAppointmentAt' },
            messages: {
              vi: 'Ngày hẹn mới phải sau ngày hẹn cũ',
              en: 'The new appointment must be later than the current one',
            },
          });
        }
        return [
          event('ApologyIssued', command.at, {
            previousAppointmentAt: s.appointmentAt,
            newAppointmentAt: iso(command.newAppointmentAt),
            reason: command.reason,
            issuedAt: iso(command.at),
          }),
        ];
      }
      case 'Stop': {
        requireStatus(state, OPEN, 'dừng xử lý / stop');
        return [
          event('DossierProcessingStopped', command.at, {
            reason: command.reason,
            stoppedAt: iso(command.at),
          }),
        ];
      }
      case 'StopOnRequest':
        return stopOnRequest(command, state);
      case 'RecordDeadline': {
        // A timer planned for another appointment, for a stopped clock or a finished dossier is moot.
        if (state.status === 'new' || !clockRunning(state)) return [];
        if (command.appointmentAt !== state.appointmentAt) return [];
        if (state.deadlinesRecorded?.[command.deadline] === state.appointmentAt) return [];
        const departmentIds = [
          ...new Set(
            state.workflow.filter((s) => state.openSteps.includes(s.stepId)).map((s) => s.departmentId),
          ),
        ];
        const base = {
          centerId: state.centerId,
          procedureCode: state.procedureCode,
          appointmentAt: state.appointmentAt,
          departmentIds,
        };
        if (command.deadline === 'near_due') {
          return [
            event('DossierNearDue', command.at, {
              ...base,
              horizonWorkingMinutes: command.horizonWorkingMinutes,
              detectedAt: iso(command.at),
            }),
          ];
        }
        if (command.deadline === 'overdue') {
          return [event('DossierOverdue', command.at, { ...base, detectedAt: iso(command.at) })];
        }
        const deadline = apologyDeadline(new Date(state.appointmentAt));
        // Once issued, or once too late to issue, prompting helps nobody.
        if (state.apologyIssued || command.at.getTime() >= deadline.getTime()) return [];
        return [
          event('ApologyPrompted', command.at, {
            ...base,
            apologyDeadline: iso(deadline),
            promptedAt: iso(command.at),
          }),
        ];
      }
      case 'CloseWithdrawn': {
        if (state.status === 'new' || !OPEN.includes(state.status)) return [];
        return [
          event('DossierProcessingClosed', command.at, { reason: 'withdrawn', closedAt: iso(command.at) }),
        ];
      }
    }
  };

  return { initialState: () => ({ status: 'new' }), evolve, decide };
}

export function evolve(state: ProcessState, e: RecordedEvent): ProcessState {
  const p = e.payload as Record<string, unknown>;
  if (e.type === 'DossierWorkflowAssigned') {
    const workflow = (p.workflow as ProcessStep[]).map((s, i) => ({ ...s, stage: s.stage ?? i }));
    return {
      status: 'processing',
      procedureCode: String(p.procedureCode),
      centerId: String(p.centerId ?? ''),
      rulebookId: rulebookIdOf(e),
      workflow,
      stage: Math.min(...workflow.map((s) => s.stage)),
      openSteps: [],
      legalTimeLimit: p.legalTimeLimit as TimeLimit,
      clockExclusions: (p.clockExclusions as string[] | undefined) ?? [],
      cutoffApplies: Boolean(p.cutoffApplies),
      clockStartedAt: String(p.receivedAt),
      appointmentAt: String(p.appointmentAt),
      excluded: [],
      supplementRequests: 0,
      apologyIssued: false,
      ...(p.applicantAddress ? { applicantAddress: String(p.applicantAddress) } : {}),
    };
  }
  if (state.status === 'new') return state;
  switch (e.type) {
    case 'DossierRouted': {
      const stage = Number(p.stage ?? 0);
      const openSteps =
        stage === state.stage && !p.returnedFromStepId
          ? [...state.openSteps, String(p.stepId)]
          : [String(p.stepId)];
      return { ...state, stage, openSteps: [...new Set(openSteps)] };
    }
    case 'DossierUnitsSucceeded': {
      const units = (p.units as { fromUnitId: string; toUnitId: string; toUnitName: string }[]) ?? [];
      const workflow = state.workflow.map((step) => {
        const u = units.find((x) => x.fromUnitId === step.departmentId);
        return u ? { ...step, departmentId: u.toUnitId, departmentName: u.toUnitName } : step;
      });
      return { ...state, centerId: String(p.centerId), workflow };
    }
    case 'BranchCompleted':
      return { ...state, openSteps: state.openSteps.filter((id) => id !== p.stepId) };
    case 'DossierProcessingCompleted':
      return { ...state, status: p.outcome === 'refused' ? 'refused' : 'completed', openSteps: [] };
    case 'SupplementRequested':
      return { ...state, status: 'awaiting_supplement', supplementRequests: state.supplementRequests + 1 };
    case 'ProcessingClockRestarted':
      return {
        ...state,
        status: 'processing',
        clockStartedAt: String(p.restartedAt),
        appointmentAt: String(p.appointmentAt),
        excluded: [],
      };
    case 'FinancialObligationNotified':
      return {
        ...state,
        status: 'awaiting_payment',
        ...(p.pausesClock ? { pausedFrom: String(p.notifiedAt) } : {}),
      };
    case 'ProcessingClockResumed': {
      const excluded = p.pausedFrom
        ? [...state.excluded, { from: String(p.pausedFrom), to: String(p.resumedAt) }]
        : state.excluded;
      const { pausedFrom: _, ...rest } = state;
      return { ...rest, status: 'processing', excluded, appointmentAt: String(p.appointmentAt) };
    }
    case 'ApologyIssued':
      return { ...state, apologyIssued: true, appointmentAt: String(p.newAppointmentAt) };
    case 'DossierProcessingStopped':
      return { ...state, status: 'stopped', openSteps: [] };
    case 'DossierProcessingClosed':
      return { ...state, status: 'closed', openSteps: [] };
    case 'DossierNearDue':
      return recorded(state, 'near_due', p);
    case 'ApologyPrompted':
      return recorded(state, 'apology_prompt', p);
    case 'DossierOverdue':
      return recorded(state, 'overdue', p);
    default:
      return state;
  }
}

const recorded = (state: Active, deadline: DossierDeadline, p: Record<string, unknown>): Active => ({
  ...state,
  deadlinesRecorded: { ...state.deadlinesRecorded, [deadline]: String(p.appointmentAt) },
});

export const processStreamId = (dossierId: string) => `routing-dossier:${dossierId}`;

/** 17:00 of a local day, for tests and forms. */
export const endOfDay = (day: string) => atLocalTime(day, '17:00');
