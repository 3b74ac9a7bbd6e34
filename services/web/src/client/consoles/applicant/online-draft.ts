// The online submission this tab is working on, so a reload (or a lost answer) resumes it instead of
// starting again. Before sending: the form as typed, with the command id and secret a retry reuses (the
// server then answers the same submission, never a second one). After sending: the submission's id
// and upload key (ADR 0013); the submission itself — status, files, code and key once received — is
// read again from intake. Kept in sessionStorage: it ends with the tab, like the session.

import { newCommandId, newSubmissionSecret } from '../../core/api.js';

export interface ApplicantFields {
  fullName: string;
  idNumber: string;
  phone: string;
  email: string;
  address: string;
}

export interface OnlineDraft {
  procedureCode: string;
  centerId: string;
  applicant: ApplicantFields;
  provided: Record<string, boolean>;
  commandId: string;
  submissionSecret: string;
  /** Set once intake answered the submission. */
  submitted?: { dossierId: string; uploadKey: string; documentNames: string[] };
}

const KEY = 'motcua.online-draft';

export const emptyApplicant = (): ApplicantFields => ({
  fullName: '',
  idNumber: '',
  phone: '',
  email: '',
  address: '',
});

export function newDraft(procedureCode: string, centerId: string): OnlineDraft {
  return {
    procedureCode,
    centerId,
    applicant: emptyApplicant(),
    provided: {},
    commandId: newCommandId(),
    submissionSecret: newSubmissionSecret(),
  };
}

export const onlineDraft = {
  read(): OnlineDraft | undefined {
    try {
      return (JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as OnlineDraft | null) ?? undefined;
    } catch {
      return undefined;
    }
  },
  save(draft: OnlineDraft): void {
    sessionStorage.setItem(KEY, JSON.stringify(draft));
  },
  clear(): void {
    sessionStorage.removeItem(KEY);
  },
};

/** The channels the code and key will reach, from what the applicant gave (as notification chooses them). */
export function channelsGiven(a: ApplicantFields): { channel: 'email' | 'sms'; to: string }[] {
  return [
    ...(a.email.trim() ? [{ channel: 'email' as const, to: a.email.trim() }] : []),
    ...(a.phone.trim() ? [{ channel: 'sms' as const, to: a.phone.trim() }] : []),
  ];
}
