import { DomainError } from '@motcua/contracts';
import { rulebookById, rulebookIdOf } from '@motcua/rulebook';
import type { TimelineRepository } from '../adapters/timeline-repository.js';
import { controlSheet, stateAt } from '../domain/audit.js';
import type { Timeline } from '../domain/timeline.js';

/** The board's audit of one dossier: its state at any instant and its control sheet (Mẫu 05). */
export class AuditApp {
  constructor(private readonly timelines: TimelineRepository) {}

  async stateAt(ref: string, at: Date) {
    const timeline = await this.timeline(ref);
    return {
      dossierId: timeline.dossierId,
      dossierCode: timeline.dossierCode,
      centerId: centerOf(timeline),
      ...stateAt(timeline, at),
    };
  }

  async controlSheet(ref: string) {
    const timeline = await this.timeline(ref);
    const reception = receptionOf(timeline);
    return {
      dossierId: timeline.dossierId,
      dossierCode: timeline.dossierCode,
      centerId: centerOf(timeline),
      procedureName: reception.procedureName ?? '',
      applicantName: reception.applicant?.fullName ?? '',
      receivedAt: reception.receivedAt ?? '',
      appointmentAt: reception.appointmentAt ?? '',
      rows: controlSheet(timeline),
      // Mẫu 05 of Circular 01/2018, Mẫu 06 of Circular 03/2025: as the dossier's rulebook numbers it.
      form: rulebookById(rulebookIdOf(receptionEntryOf(timeline) ?? {})).forms.controlSheet.value,
    };
  }

  /** The center that received a dossier, '' when unknown (only any-scope roles then pass). */
  async centerOf(ref: string): Promise<string> {
    return centerOf(await this.timeline(ref));
  }

  private async timeline(ref: string): Promise<Timeline> {
    const dossierId = (await this.timelines.dossierIdForCode(ref)) ?? ref;
    const timeline = await this.timelines.get(dossierId);
    if (!timeline) throw new DomainError('DOSSIER_NOT_FOUND', { details: { ref } });
    return timeline;
  }
}

interface Reception {
  procedureName?: string;
  applicant?: { fullName?: string };
  receivedAt?: string;
  appointmentAt?: string;
}
const receptionEntryOf = (timeline: Timeline) => timeline.entries.find((e) => e.type === 'DossierReceived');
const receptionOf = (timeline: Timeline): Reception =>
  (receptionEntryOf(timeline)?.payload ?? {}) as Reception;

/** The center that received the dossier: what the board's scope is checked against. */
const centerOf = (timeline: Timeline): string => {
  const first = timeline.entries.find(
    (e) => e.type === 'DossierReceived' || e.type === 'DossierSubmittedOnline',
  );
  return String(first?.payload.centerId ?? '');
};
