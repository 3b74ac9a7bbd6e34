export type Channel = 'counter' | 'online' | 'postal';
export type TimeLimitUnit = 'working_days' | 'calendar_days' | 'working_hours' | 'same_day';

export interface Applicant {
  fullName: string;
  idNumber: string;
  phone: string;
  email: string;
  address: string;
}

export interface ReceivedDocument {
  name: string;
  original: boolean;
  count: number;
  /** The scanned file in the document store, when one was uploaded. */
  documentId?: string;
  sha256?: string;
}

export interface ChecklistItem {
  documentName: string;
  required: boolean;
  provided: boolean;
}

export interface ProcedureSummary {
  code: string;
  version: number;
  name: string;
  legalTimeLimit: { value: number; unit: TimeLimitUnit };
}

export type ReturnMethod = 'counter' | 'postal' | 'electronic';
export type PaymentMethod = 'counter' | 'postal' | 'online';

/** What intake knows of the processing (from routing's events): it decides what the counter may record. */
export interface ProcessView {
  status: 'processing' | 'awaiting_supplement' | 'awaiting_payment' | 'completed' | 'stopped' | 'closed';
  supplementRequestNumber: number;
  amountVnd: number;
  /** The steps and departments holding the dossier now (parallel branches hold it together). */
  heldBy?: { stepId: string; stepName: string; departmentName: string; stage: number; since: string }[];
  /** While awaiting a supplement: what was asked for and why (the applicant's page shows it). */
  supplement?: SupplementAsked;
  /** The workflow's steps as routing handed the dossier on (DossierRouted), in order: who holds it. */
  steps?: RoutedStep[];
  /** Routing moved the dossier from an ended competent center to its successor (DossierUnitsSucceeded). */
  succession?: { previousCenterId: string; centerId: string };
}

/**
 * A dossier's competent and return centers once routing moved it to a successor center: the roles
 * the ended center held pass to the successor; the receiving center stays as it was (history).
 */
export function followSuccession<T extends { competentCenterId: string; returnCenterId: string }>(
  dossier: T,
  process: ProcessView | null | undefined,
): T {
  const moved = process?.succession;
  if (!moved) return dossier;
  const follow = (id: string) => (id === moved.previousCenterId ? moved.centerId : id);
  return {
    ...dossier,
    competentCenterId: follow(dossier.competentCenterId),
    returnCenterId: follow(dossier.returnCenterId),
  };
}

export interface RoutedStep {
  stepId: string;
  stepName: string;
  departmentName: string;
  stage: number;
  /** When the unit was given the dossier. */
  at: string;
}

export interface SupplementAsked {
  missingDocuments: string[];
  reason: string;
  /** From then the processing clock is paused until the complete supplement arrives. */
  requestedAt: string;
}
