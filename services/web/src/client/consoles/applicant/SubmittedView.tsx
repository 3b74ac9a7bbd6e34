import { useEffect, useState } from 'preact/hooks';
import { post } from '../../core/api.js';
import { useT } from '../../core/i18n.js';
import { navigate } from '../../core/router.js';
import { session, type User } from '../../core/session.js';
import { ErrorMessage } from '../../core/ui.js';
import { words } from './i18n.js';
import { channelsGiven, type OnlineDraft } from './online-draft.js';
import { type Attached, SubmissionDocuments } from './SubmissionDocuments.js';

/** What intake answers the submitter (POST /online-submissions/:id/state, the upload key in the body). */
export interface SubmissionState {
  dossierId: string;
  status: string;
  receiptNumber?: string;
  documents: Attached[];
  dossierCode?: string;
  lookupKey?: string;
}

/** How often the page asks whether the counter has received the submission yet. */
const STATE_POLL_MS = 5_000;

/**
 * A submission made from this tab, as it stands: its electronic receipt number, the files (attachable
 * while it waits), where the code and key will be sent, and once received the code and key themselves.
 */
export function SubmittedView({
  draft,
  submitted,
  onStartOver,
}: {
  draft: OnlineDraft;
  submitted: NonNullable<OnlineDraft['submitted']>;
  onStartOver: () => void;
}) {
  const t = useT(words);
  const [state, setState] = useState<SubmissionState>();
  const [error, setError] = useState<unknown>();
  const read = () =>
    post<SubmissionState>('intake', `/online-submissions/${submitted.dossierId}/state`, {
      uploadKey: submitted.uploadKey,
    }).then(setState, setError);
  useEffect(() => {
    void read();
  }, [submitted.dossierId]);
  useEffect(() => {
    if (state?.status !== 'submitted') return;
    const timer = setInterval(() => void read(), STATE_POLL_MS);
    return () => clearInterval(timer);
  }, [state?.status]);

  const channels = channelsGiven(draft.applicant);
  const sentTo = channels.map((c) => `${t(`channel.${c.channel}`)} ${c.to}`).join(', ');
  const follow = async () => {
    if (!state?.dossierCode || !state.lookupKey) return;
    try {
      const a = await post<{ accessToken: string; expiresIn: number; user: User }>(
        'intake',
        '/auth/applicant',
        {
          dossierCode: state.dossierCode,
          lookupKey: state.lookupKey,
        },
      );
      session.start(a.accessToken, a.user, a.expiresIn, state.dossierCode);
      navigate(`/applicant/dossiers/${encodeURIComponent(state.dossierCode)}`);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      <div class="alert alert-ok" role="status">
        {!state?.dossierCode && <p>{t('submitted')}</p>}
        <p>
          {t('submissionNumber')}: <strong data-testid="submission-id">{state?.receiptNumber ?? '…'}</strong>
        </p>
        <p>
          {channels.length === 0
            ? state?.dossierCode
              ? ''
              : t('keyAtCounter')
            : t(state?.dossierCode ? 'keySent' : 'keyWillGo', { to: sentTo })}
        </p>
      </div>
      {state?.dossierCode && state.lookupKey && (
        <section class="card" data-testid="received-credentials">
          <h2>{t('receivedTitle')}</h2>
          <dl class="facts">
            <dt>{t('lookupCode')}</dt>
            <dd data-testid="applicant-dossier-code">{state.dossierCode}</dd>
            <dt>{t('lookupKeyShort')}</dt>
            <dd data-testid="applicant-lookup-key">{state.lookupKey}</dd>
          </dl>
          <p class="muted">{t('keepKey')}</p>
          <button type="button" class="primary" onClick={() => void follow()}>
            {t('followDossier')}
          </button>
        </section>
      )}
      {state?.status === 'refused' && <p class="alert alert-warn">{t('submissionRefused')}</p>}
      {state?.status === 'submitted' && (
        <SubmissionDocuments
          dossierId={submitted.dossierId}
          uploadKey={submitted.uploadKey}
          documentNames={submitted.documentNames}
          initial={state.documents}
        />
      )}
      <ErrorMessage error={error} />
      <div class="actions">
        <button type="button" onClick={onStartOver}>
          {t('startOver')}
        </button>
      </div>
    </>
  );
}
