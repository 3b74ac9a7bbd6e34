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
