import type { Clock } from '@motcua/eventstore';
import type { Collection, Db } from 'mongodb';
import type { IntakeApp, SubmitOnlineInput } from '../app/intake-app.js';
import { submissionProofOf, uploadKeyFor } from '../domain/online-documents.js';
import {
  assertFormFits,
  draftErrors,
  expiryFrom,
  newDraftCredentials,
  resumeCodeOf,
  secretHashOf,
  secretMatches,
} from '../domain/online-draft.js';

/** One draft, read by `_id` (FerretDB indexes only `_id`). The secret is kept as its hash only. */
interface DraftRecord {
  _id: string;
  secretHash: string;
  /**
   * The portal's command id and its secret's hash (as `POST /online-submissions` keeps it), given at
   * creation: whichever device submits the draft, the submission is this one command, so it exists once.
   */
  commandId: string;
  submissionProof: string;
  form: Record<string, unknown>;
  createdAt: Date;
  savedAt: Date;
  expiresAt: Date;
  dossierId?: string;
}

/**
 * Server-side drafts of online submissions (ADR 0013): the applicant saves the form as they go and
 * resumes it anywhere with the resume code; submitting turns it into the online submission once.
 * Every check of a secret runs under the look-ups' throttling (`Attempts`, kind `applicant`).
 */
export class OnlineDrafts {
  private readonly drafts: Collection<DraftRecord>;

  constructor(
    db: Db,
    private readonly app: IntakeApp,
    private readonly lookupSecret: string,
    private readonly clock: Clock,
  ) {
    this.drafts = db.collection<DraftRecord>('online_drafts');
  }

  private get now() {
    return this.clock.now();
  }

  async start(command: { commandId: string; submissionSecret: string }, form: Record<string, unknown>) {
    assertFormFits(form);
    const now = this.now;
    // Expired drafts go when a new one comes: no timer, and an expired one never answers anyway.
    await this.drafts.deleteMany({ expiresAt: { $lte: now } });
    const { draftId, resumeSecret } = newDraftCredentials();
    const expiresAt = expiryFrom(now);
    await this.drafts.insertOne({
      _id: draftId,
      secretHash: secretHashOf(resumeSecret),
      commandId: command.commandId,
      submissionProof: submissionProofOf(command.submissionSecret),
      form,
      createdAt: now,
      savedAt: now,
      expiresAt,
    });
    return { draftId, resumeSecret, resumeCode: resumeCodeOf(draftId, resumeSecret), expiresAt };
  }

  async save(draftId: string, resumeSecret: string, form: Record<string, unknown>, source: string) {
    assertFormFits(form);
    const draft = await this.open(draftId, resumeSecret, source);
    if (draft.dossierId) throw draftErrors.submitted(draftId);
    const savedAt = this.now;
    const expiresAt = expiryFrom(savedAt);
    // Conditional on "not submitted": a save racing the submission changes nothing.
    const saved = await this.drafts.updateOne(
      { _id: draftId, dossierId: { $exists: false } },
      { $set: { form, savedAt, expiresAt } },
    );
    if (saved.matchedCount === 0) throw draftErrors.submitted(draftId);
    return { savedAt, expiresAt };
  }

  /** The form as saved and, once submitted, the submission (with its upload key, ADR 0013). */
  async state(draftId: string, resumeSecret: string, source: string) {
    const draft = await this.open(draftId, resumeSecret, source);
    return {
      draftId,
      form: draft.form,
      savedAt: draft.savedAt,
      expiresAt: draft.expiresAt,
      ...(draft.dossierId
        ? {
            submission: {
              dossierId: draft.dossierId,
              uploadKey: uploadKeyFor(draft.dossierId, this.lookupSecret),
            },
          }
        : {}),
    };
  }

  /** Submits the draft: the same draft submitted again (any device) answers the same submission. */
  async submit(
    draftId: string,
    resumeSecret: string,
    input: Omit<SubmitOnlineInput, 'commandId' | 'submissionSecret'>,
    meta: { correlationId: string },
    source: string,
  ) {
    const draft = await this.open(draftId, resumeSecret, source);
    const result = await this.app.submitOnline(
      // The secret itself is not needed: its hash, kept with the draft, is the retry proof.
      { ...input, commandId: draft.commandId, submissionSecret: '' },
      {
        commandId: draft.commandId,
        actor: {
          userId: input.applicant.idNumber ? `applicant:${input.applicant.idNumber}` : 'applicant:online',
          role: 'applicant',
        },
        correlationId: meta.correlationId,
        retryProof: draft.submissionProof,
      },
    );
    await this.drafts.updateOne({ _id: draftId }, { $set: { dossierId: result.dossierId } });
    return result;
  }

  /** The draft, when the secret is its own and it has not expired; wrong secrets are throttled. */
  private open(draftId: string, resumeSecret: string, source: string) {
    return this.app.attempts.run({ kind: 'applicant', subject: `draft:${draftId}`, source }, async () => {
      const draft = await this.drafts.findOne({ _id: draftId });
      if (!draft || !secretMatches(draft.secretHash, resumeSecret)) throw draftErrors.notFound(draftId);
      if (draft.expiresAt <= this.now && !draft.dossierId) throw draftErrors.expired(draftId);
      return draft;
    });
  }
}
