import {
  atLocalTime,
  startOfWorkingDay,
  subtractWorkingMinutes,
  toLocalDay,
  type WorkingCalendar,
} from '@motcua/calendar';

/**
 * The deadlines of a dossier's appointment (docs/deadlines.md, "The dossier's legal clock"): when it
 * is near due, when the responsible departments are prompted to apologise while the law still lets
 * them, and when it is overdue. Pure: the instants come from the working-day calendar.
 */
export type DossierDeadline = 'near_due' | 'apology_prompt' | 'overdue';
export const DOSSIER_DEADLINES: readonly DossierDeadline[] = ['near_due', 'apology_prompt', 'overdue'];

export interface DossierDeadlinePolicy {
  /** How long before the appointment the dossier is near due, in working minutes. */
  nearDueWorkingMinutes: number;
}

/** What the process state says about the appointment, for planning. */
export interface ClockView {
  status: string;
  appointmentAt: string;
  pausedFrom?: string;
  apologyIssued: boolean;
  /** The appointment each deadline was already recorded for. */
  deadlinesRecorded?: Partial<Record<DossierDeadline, string>>;
}

export const dossierTimerKind = (deadline: DossierDeadline) => `dossier-${deadline.replace('_', '-')}`;
export const dossierTimerId = (deadline: DossierDeadline, dossierId: string) =>
  `${dossierTimerKind(deadline)}:${dossierId}`;

const previousDay = (day: string): string => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

/** The last working day before `day`. */
export function previousWorkingDay(calendar: WorkingCalendar, day: string): string {
  let d = previousDay(day);
  for (let i = 0; i < 400 && !calendar.isWorkingDay(d); i++) d = previousDay(d);
  return d;
}

/**
 * From this instant an apology is refused (Decree 61 Art 19: at the latest 1 working day before the
 * due date): the start of the appointment's day, as the apology decider counts working days.
 */
export function apologyDeadline(appointmentAt: Date): Date {
  return atLocalTime(toLocalDay(appointmentAt), '00:00');
}

/** The prompt: the start of the last working day on which the apology is still allowed. */
export function apologyPromptAt(calendar: WorkingCalendar, appointmentAt: Date): Date {
  return startOfWorkingDay(calendar, previousWorkingDay(calendar, toLocalDay(appointmentAt)));
}

/** True while the legal clock runs: processing, or awaiting a payment that does not pause it. */
export const clockRunning = (state: ClockView) =>
  state.status === 'processing' || (state.status === 'awaiting_payment' && !state.pausedFrom);

/**
 * The instant each deadline should fire for the appointment in force; none while the clock is not
 * running (awaiting a supplement, paused for a payment) or once processing ended, none already
 * recorded for this appointment, and no apology prompt once the apology was issued.
 */
export function planDossierDeadlines(
  state: ClockView,
  calendar: WorkingCalendar,
  policy: DossierDeadlinePolicy,
): Partial<Record<DossierDeadline, Date>> {
  if (!clockRunning(state)) return {};
  const appointment = new Date(state.appointmentAt);
  const planned: Partial<Record<DossierDeadline, Date>> = {
    near_due: subtractWorkingMinutes(calendar, appointment, policy.nearDueWorkingMinutes),
    overdue: appointment,
    ...(state.apologyIssued ? {} : { apology_prompt: apologyPromptAt(calendar, appointment) }),
  };
  for (const deadline of DOSSIER_DEADLINES) {
    if (state.deadlinesRecorded?.[deadline] === state.appointmentAt) delete planned[deadline];
  }
  return planned;
}
