/**
 * At which unit a dossier counts (issue 15, the board across 1 July 2025). Every figure of a
 * dossier counts at exactly one unit, so no report counts a dossier twice:
 * - **receptions** (received online / at the counter or by post, refused at intake) at the
 *   **receiving** center: the counter that did the work;
 * - **processing** (carried over, resolved early / on time / late, in progress, paused, withdrawn
 *   or stopped, finished and not collected) at the **competent** center — the one unit responsible
 *   for the dossier at the decisive instant: when its processing ended, if that is before the
 *   period's end, else the end itself. A competent center no longer in force then is replaced by
 *   its successor when the organisation names exactly one; with several (a 2018 district split
 *   among communes) the data cannot choose, and the dossier stays on its old unit's row.
 * Pure: the organisation comes in as a function.
 */
import { toLocalDay } from '@motcua/calendar';
import { type DossierFact, processingEndedAt } from './statistics.js';

/** The centers in force on a day that took over `centerId` (itself while it is in force). */
export type SuccessorsOf = (centerId: string, day: string) => readonly string[];

export interface CountingUnits {
  receiving(fact: DossierFact): string;
  processing(fact: DossierFact, period: { to: number; now: number }): string;
  /** The unit answering for a competent center's dossier at an instant (ms): itself or its one successor. */
  processingAt(competentCenterId: string, instant: number): string;
}

/** The receiving center: the counter's own (V1 dossiers: their only center). */
export const receivingCenterOf = (fact: DossierFact): string => fact.centerId;

/** The competent center recorded at reception (V1 dossiers: the receiving center). */
export const competentCenterOf = (fact: DossierFact): string => fact.competentCenterId || fact.centerId;

/** The instant that decides the processing unit: the end of processing within the period, else its end. */
export function decisiveInstant(fact: DossierFact, period: { to: number; now: number }): number {
  const end = Math.min(period.to, period.now) - 1;
  const ended = processingEndedAt(fact);
  const t = ended ? Date.parse(ended.at) : Number.NaN;
  return Number.isNaN(t) ? end : Math.min(t, end);
}

export function countingUnits(successorsOf?: SuccessorsOf): CountingUnits {
  const processingAt = (competent: string, instant: number): string => {
    if (!successorsOf || !competent) return competent;
    const next = successorsOf(competent, toLocalDay(new Date(instant)));
    return next.length === 1 ? (next[0] as string) : competent;
  };
  return {
    receiving: receivingCenterOf,
    processing: (fact, period) => processingAt(competentCenterOf(fact), decisiveInstant(fact, period)),
    processingAt,
  };
}
