// The online submission this tab is working on, so a reload (or a lost answer) resumes it instead of
// starting again. Before sending: the form as typed, with the command id and secret a retry reuses (the
// server then answers the same submission, never a second one). After sending: the submission's id
// and upload key (ADR 0013); the submission itself — status, files, code and key once received — is
// read again from intake. Kept in sessionStorage, and the form also in intake's draft (ADR 0013): the
// resume code shown on screen opens it on another device or after the tab is closed.

import { newCommandId, newSubmissionSecret, post } from '../../core/api.js';

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
  /** Intake's copy of the form; its resume code continues it anywhere (30 days after the last save). */
  server?: ServerDraft;
  /** Set once intake answered the submission. */
  submitted?: { dossierId: string; uploadKey: string; documentNames: string[] };
}

export interface ServerDraft {
  draftId: string;
  resumeSecret: string;
  resumeCode: string;
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

/** What intake keeps of the form: what was typed, never the secrets. */
export const formOf = (d: OnlineDraft) => ({
  procedureCode: d.procedureCode,
  centerId: d.centerId,
  applicant: d.applicant,
  provided: d.provided,
});

export const serverDraft = {
  /** Submitting the draft is then this tab's own command: the same submission from any device. */
  start: (draft: OnlineDraft) =>
    post<ServerDraft>('intake', '/online-drafts', {
      commandId: draft.commandId,
      submissionSecret: draft.submissionSecret,
      form: formOf(draft),
    }),
  save: (draft: OnlineDraft, server: ServerDraft) =>
    post('intake', `/online-drafts/${server.draftId}/form`, {
      resumeSecret: server.resumeSecret,
      form: formOf(draft),
    }),
  /** The draft a resume code opens, as this tab keeps it (submitted already, when it was). */
  async resume(code: string): Promise<OnlineDraft> {
    const [draftId = '', resumeSecret = ''] = code.trim().toUpperCase().replace(/\s+/g, '').split('-');
    const state = await post<{
      form: Partial<ReturnType<typeof formOf>>;
      submission?: { dossierId: string; uploadKey: string };
    }>('intake', `/online-drafts/${draftId}/state`, { resumeSecret });
    const provided = state.form.provided ?? {};
    return {
      procedureCode: state.form.procedureCode ?? '',
      centerId: state.form.centerId ?? '',
      applicant: { ...emptyApplicant(), ...state.form.applicant },
      provided,
      commandId: newCommandId(),
      submissionSecret: newSubmissionSecret(),
      server: { draftId, resumeSecret, resumeCode: `${draftId}-${resumeSecret}` },
      ...(state.submission
        ? {
            submitted: {
              ...state.submission,
              documentNames: Object.keys(provided).filter((name) => provided[name]),
            },
          }
        : {}),
    };
  },
};
