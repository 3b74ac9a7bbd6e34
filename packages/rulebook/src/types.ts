import type { Clock } from '@motcua/calendar';

/** A Vietnamese calendar day, `YYYY-MM-DD`. ISO days compare as strings. */
export type Day = string;

/** Where a rule comes from: the legal text and, when read there, the page it was checked on. */
export interface Source {
  /** The legal text and article, e.g. `Nghị định 118/2025/NĐ-CP, Điều 21`. */
  text: string;
  /** A page the rule was read on (a primary text or a close copy), when there is one. */
  url?: string;
}

/**
 * One rule's value under one rulebook, with where it comes from and whether it was confirmed in a
 * primary text or close copy (`verified`) or only in secondary sources or by analogy (`unverified`,
 * with what is missing in `note`). Uncertain rules are data, so a later reading changes the data.
 */
export interface Rule<T> {
  value: T;
  source: Source;
  verified: boolean;
  note?: string;
}

/** The documents the one-stop process issues, by what they are (their numbers change). */
export type FormKey =
  | 'receipt'
  | 'supplementRequest'
  | 'refusal'
  | 'apology'
  | 'stopNotice'
  | 'controlSheet'
  | 'register';

export interface Form {
  /** `Mẫu` number in its circular's appendix (`01`…), or null when no model form exists. */
  number: string | null;
  /** The form's title in Vietnamese, as the applicant sees it. */
  name: string;
  /** The circular that sets it, e.g. `Thông tư 03/2025/TT-VPCP`. */
  circular: string | null;
}

/** The statuses a dossier can take (national status codes of the domain brief §3). */
export type StatusKey =
  | 'new'
  | 'received'
  | 'notReceived'
  | 'processing'
  | 'supplementRequested'
  | 'financialObligationRequested'
  | 'withdrawn'
  | 'stopped'
  | 'stoppedOnRequest'
  | 'resultReady'
  | 'resultReturned';

export interface Status {
  key: StatusKey;
  /** National status code (practice, see the domain brief §3). */
  nationalCode: number;
  name: string;
}

/**
 * How a dossier code is written: `{unit}` the receiving (or, for the national platform, deciding)
 * unit's code, `{yymmdd}` the reception day, `{seq}` the unit's daily sequence with `sequenceDigits`
 * digits, `{aa}` two digits of the platform owner's code.
 */
export interface DossierCodeFormat {
  template: string;
  sequenceDigits: number;
}

export interface Reports {
  /** The periodic report form on one-stop results. */
  periodicForm: string;
  /** The index set the board scores units with. */
  indicatorSet: string;
}

/** One group of an indicator set and its maximum points (Decision 766/QĐ-TTg: five groups, 100 points). */
export interface IndicatorGroup {
  key: 'transparency' | 'progress' | 'digitisation' | 'onlineServices' | 'satisfaction';
  name: string;
  maxPoints: number;
}

/** The indicator set the board reports for periods under a rulebook, and from when it applies. */
export interface IndicatorSet {
  decision: string;
  appliesFrom: Day;
  groups: readonly IndicatorGroup[];
}

export interface Rulebook {
  /** Stable id, recorded on every event of a dossier received under it. */
  id: string;
  /** Bumped when this rulebook's data is corrected (a rule re-read, a flag confirmed). */
  version: number;
  /** Reception days it governs: from `validFrom` to `validTo` (inclusive; open when absent). */
  validFrom: Day;
  validTo?: Day;
  name: string;
  /** The texts this rulebook implements. */
  legalBasis: Source[];
  forms: Record<FormKey, Rule<Form>>;
  statuses: Rule<readonly Status[]>;
  /** The applicant may ask to stop a dossier while no result exists (Decree 118 Art 21). */
  stopOnRequest: Rule<{ allowed: boolean; notice: FormKey | null }>;
  supplement: {
    /** How many supplement requests one dossier may get. */
    maxRequests: Rule<number>;
    /** A request during processing only within this many working days of the clock's start. */
    processingRequestWithinWorkingDays: Rule<number>;
    /** The time limit restarts from zero once the complete file arrives. */
    clockRestarts: Rule<boolean>;
  };
  apology: {
    maxPerDossier: Rule<number>;
    /** At the latest this many working days before the due date. */
    latestWorkingDaysBeforeDue: Rule<number>;
    /** What it asks: a new appointment (2018) or an extension of the time limit (Circular 03). */
    asks: Rule<'newAppointment' | 'extension'>;
  };
  /** Received after this local time → transferred (and, for some procedures, counted) next working day. */
  transferCutoff: Rule<Clock>;
  dossierCode: Rule<DossierCodeFormat>;
  /** The code of procedures served by a nationally centralised platform, when the rulebook has one. */
  nationalPlatformDossierCode: Rule<DossierCodeFormat> | null;
  reports: Rule<Reports>;
  /** The Decision 766 indicator groups as read (the text); whether still in force is `reports`' flag. */
  indicators: Rule<IndicatorSet>;
}
