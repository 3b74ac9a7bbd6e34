import type { WorkingCalendar } from '@motcua/calendar';
import type { ScheduleRequest, TimerStore } from '@motcua/timers';
import {
  type ClockView,
  DOSSIER_DEADLINES,
  type DossierDeadline,
  type DossierDeadlinePolicy,
  dossierTimerId,
  dossierTimerKind,
  planDossierDeadlines,
} from '../domain/dossier-deadlines.js';
import type { ProcessState } from '../domain/process.js';

/** What a dossier deadline timer carries to its firing. */
export interface DossierTimerData {
  dossierId: string;
  dossierCode: string;
  correlationId: string;
  deadline: DossierDeadline;
  appointmentAt: string;
}

/**
 * Keeps each dossier's pending deadline timers in line with its process state: scheduled (or moved)
 * for the appointment in force, cancelled when moot. Called after every change to the process.
 */
export class DossierDeadlineTimers {
  constructor(
    private readonly timers: TimerStore,
    private readonly calendarFor: (centerId?: string) => WorkingCalendar,
    readonly policy: DossierDeadlinePolicy,
  ) {}

  /**
   * `fresh`: the change that led here created the dossier's process stream, so none of its timers
   * can exist yet: they are scheduled without looking for them first.
   */
  async sync(
    dossier: { dossierId: string; dossierCode: string; correlationId: string },
    state: ProcessState,
    { fresh = false }: { fresh?: boolean } = {},
  ): Promise<void> {
    if (state.status === 'new') return;
    const planned = planDossierDeadlines(state as ClockView, this.calendarFor(state.centerId), this.policy);
    const created: ScheduleRequest[] = [];
    for (const deadline of DOSSIER_DEADLINES) {
      const id = dossierTimerId(deadline, dossier.dossierId);
      const dueAt = planned[deadline];
      if (!dueAt) {
        if (!fresh) await this.timers.cancel(id);
        continue;
      }
      const data: DossierTimerData = { ...dossier, deadline, appointmentAt: state.appointmentAt };
      const request = { id, kind: dossierTimerKind(deadline), dueAt, data: { ...data } };
      if (fresh) {
        created.push(request);
        continue;
      }
      const pending = await this.timers.get(id);
      if (pending?.dueAt.getTime() === dueAt.getTime() && pending.data.appointmentAt === data.appointmentAt)
        continue; // already right: rescheduling would only bump its revision
      await this.timers.schedule(request);
    }
    await this.timers.scheduleNew(created);
  }
}
