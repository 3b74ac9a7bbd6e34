import { useState } from 'preact/hooks';
import { download, get, newCommandId, openBlob, post } from '../../core/api.js';
import { type Dossier, dossierWords, wordOr } from '../../core/dossier-words.js';
import { formatDateTime, formatVnd } from '../../core/format.js';
import { type Lang, useLang, useT } from '../../core/i18n.js';
import { rulebookOf, statusBasis } from '../../core/legal-basis.js';
import { navigate } from '../../core/router.js';
import { session, type User } from '../../core/session.js';
import { dossierStatus, statusText } from '../../core/status-words.js';
import { Deadline, ErrorMessage, Field, Loaded, PageTitle, TextAreaField, useAsync } from '../../core/ui.js';
import { Feedback } from './Feedback.js';
import { words } from './i18n.js';
import { Supplement } from './Supplement.js';

/** Code + the key printed on the receipt → an applicant token for that dossier (intake /auth/applicant). */
export function LookupForm({ initialCode }: { initialCode?: string }) {
  const t = useT(words);
  const [code, setCode] = useState(initialCode ?? '');
  const [key, setKey] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const dossierCode = code.trim();
      const a = await post<{ accessToken: string; expiresIn: number; user: User }>(
        'intake',
        '/auth/applicant',
        {
          dossierCode,
          lookupKey: key.trim().toUpperCase(),
        },
      );
      session.start(a.accessToken, a.user, a.expiresIn, dossierCode);
      navigate(`/applicant/dossiers/${encodeURIComponent(dossierCode)}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card narrow">
      <PageTitle>{t('lookupTitle')}</PageTitle>
      <p class="muted">{t('lookupHint')}</p>
      <form onSubmit={submit}>
        <Field
          label={t('lookupCode')}
          name="dossierCode"
          required
          autocomplete="off"
          value={code}
          onInput={(e) => setCode(e.currentTarget.value)}
        />
        <Field
          label={t('lookupKey')}
          name="lookupKey"
          required
          autocomplete="off"
          pattern="[A-Za-z0-9]{8}"
          value={key}
          onInput={(e) => setKey(e.currentTarget.value)}
        />
        <ErrorMessage error={error} />
        <button type="submit" class="primary" disabled={busy}>
          {t('lookupButton')}
        </button>
      </form>
    </section>
  );
}

interface Message {
  channel: string;
  status: string;
  template?: string;
  recipientMasked?: string;
  sentAt?: string;
}

interface Step {
  label: string;
  /** The unit holding the dossier at this step (a name, never a code). */
  unit?: string;
  at?: string;
  done: boolean;
  /** The step the dossier is at now. */
  current?: boolean;
}

/** The milestones of a dossier from intake's view of it: what the applicant needs to follow it. */
export function milestones(
  d: Dossier,
  t: (k: keyof typeof words.vi, p?: Record<string, string | number>) => string,
  lang: Lang,
): Step[] {
  const steps: Step[] = [];
  if (d.channel === 'online') steps.push({ label: t('stepSubmitted'), at: d.submittedAt, done: true });
  if (d.status === 'refused') return [...steps, { label: t('stepRefused'), done: true }];
  steps.push({ label: t('stepReceived'), at: d.receivedAt, done: Boolean(d.receivedAt) });
  const process = d.process;
  if (process?.supplementRequestNumber) {
    steps.push({ label: t('stepSupplement', { n: process.supplementRequestNumber }), done: true });
  }
  if (process?.status === 'awaiting_payment' && process.amountVnd) {
    steps.push({ label: t('stepPayment', { amount: formatVnd(process.amountVnd, lang) }), done: true });
  }
  if (d.status === 'withdrawn') return [...steps, { label: t('stepWithdrawn'), done: true }];
  const routed = process?.steps ?? [];
  if (routed.length === 0) steps.push({ label: t('stepProcessing'), done: Boolean(d.resultAt) });
  // The steps of the latest stage are where the dossier is now, until the processing is completed.
  const lastStage = Math.max(...routed.map((r) => r.stage));
  const finished = Boolean(d.resultAt) || process?.status === 'completed';
  for (const r of routed) {
    const current = !finished && r.stage === lastStage;
    steps.push({ label: r.stepName, unit: r.departmentName, at: r.at, done: !current, current });
  }
  steps.push({ label: t('stepResult'), at: d.resultAt, done: Boolean(d.resultAt) });
  steps.push({ label: t('stepReturned'), at: d.returnedAt, done: Boolean(d.returnedAt) });
  return steps;
}

/** The applicant's own dossier: status, deadline in working days, progress, messages, withdrawal. */
export function DossierView({ code }: { code: string }) {
  const t = useT(words);
  const w = useT(dossierWords);
  const lang = useLang();
  const state = useAsync(() => get<Dossier>('intake', `/dossiers/${encodeURIComponent(code)}`), [code]);
  const messages = useAsync(
    async () =>
      state.data
        ? get<{ messages?: Message[] } | Message[]>(
            'notification',
            `/dossiers/${state.data.dossierId}/messages`,
          )
        : undefined,
    [state.data?.dossierId],
  );
  const [supplementSentAt, setSupplementSentAt] = useState<string>();
  if (!session.current()) {
    return <LookupForm initialCode={code} />;
  }
  const paused = state.data?.process?.status === 'awaiting_supplement';
  const messageList = (() => {
    const m = messages.data;
    return Array.isArray(m) ? m : (m?.messages ?? []);
  })();
  return (
    <Loaded state={state}>
      {(d) => (
        <article>
          <PageTitle>{t('dossierTitle', { code: d.dossierCode ?? d.dossierId })}</PageTitle>
          <dl class="facts card">
            <dt>{w('procedure')}</dt>
            <dd>{d.procedureName}</dd>
            <dt>{w('applicant')}</dt>
            <dd>{d.applicantFullName}</dd>
            <dt>{w('status')}</dt>
            <dd data-testid="dossier-status">{statusText(dossierStatus(d), lang)}</dd>
            <dt>{w('rulebook')}</dt>
            <dd>
              <span data-testid="dossier-rulebook">{rulebookOf(d).name}</span>{' '}
              <small class="muted" data-testid="status-basis">
                ({w('status')} {w('statusBasis', { basis: statusBasis(rulebookOf(d)) })})
              </small>
            </dd>
            {d.receivedAt && (
              <>
                <dt>{w('receivedAt')}</dt>
                <dd>{formatDateTime(d.receivedAt, lang)}</dd>
              </>
            )}
            {d.appointmentAt && (
              <>
                <dt>{w('appointmentAt')}</dt>
                <dd>
                  {formatDateTime(d.appointmentAt, lang)}{' '}
                  {['received', 'processing', 'awaiting_supplement'].includes(dossierStatus(d)) &&
                    (paused ? (
                      <span class="badge badge-warn" data-testid="clock-paused">
                        {d.process?.supplement
                          ? t('clockPausedSince', {
                              at: formatDateTime(d.process.supplement.requestedAt, lang),
                            })
                          : t('clockPaused')}
                      </span>
                    ) : (
                      <Deadline due={d.appointmentAt} procedureCode={d.procedureCode} />
                    ))}
                </dd>
              </>
            )}
          </dl>
          {d.resultFile && <ResultDownload dossierId={d.dossierId} name={d.resultFile.name} />}
          <h2>{t('timeline')}</h2>
          <ol class="timeline card" data-testid="timeline">
            {milestones(d, t, lang).map((s, i) => (
              <li
                key={`${i}-${s.label}`}
                class={s.current ? 'current' : s.done ? 'done' : 'pending'}
                aria-current={s.current ? 'step' : undefined}
              >
                <strong>{s.label}</strong>
                {s.unit && (
                  <div>
                    {s.current ? t('heldBy', { unit: s.unit }) : t('handledBy', { unit: s.unit })}
                    {s.current && d.appointmentAt && !paused && (
                      <>
                        {' '}
                        <Deadline due={d.appointmentAt} />
                      </>
                    )}
                  </div>
                )}
                {s.at && <div class="muted">{formatDateTime(s.at, lang)}</div>}
              </li>
            ))}
          </ol>
          <h2>{t('messages')}</h2>
          <div class="card">
            {messageList.length === 0 ? (
              <p>{t('noMessages')}</p>
            ) : (
              <ul data-testid="messages">
                {messageList.map((m, i) => (
                  <li key={`${m.channel}-${i}`}>
                    {wordOr(words[lang], `template.${m.template}`, t('templateOther'))} —{' '}
                    {wordOr(words[lang], `channel.${m.channel}`, m.channel)}
                    {m.recipientMasked && ` ${m.recipientMasked}`} —{' '}
                    {m.status === 'sent'
                      ? t('messageSent')
                      : m.status === 'failed'
                        ? t('messageFailed')
                        : t('messageQueued')}
                    {m.sentAt && ` ${formatDateTime(m.sentAt, lang)}`}
                  </li>
                ))}
              </ul>
            )}
          </div>
          {(d.status === 'returned' || d.status === 'result_at_counter') && (
            <Feedback dossierId={d.dossierId} given={d.feedbackRating} onDone={state.reload} />
          )}
          {supplementSentAt && (
            <p class="alert alert-ok" role="status" data-testid="supplement-sent">
              {t('supplementSent', { at: formatDateTime(supplementSentAt, lang) })}
            </p>
          )}
          {d.process?.status === 'awaiting_supplement' && !supplementSentAt && (
            <Supplement
              dossierId={d.dossierId}
              asked={d.process.supplement}
              onDone={() => {
                setSupplementSentAt(new Date().toISOString());
                state.reload();
                messages.reload();
              }}
            />
          )}
          {d.process?.status === 'awaiting_payment' && d.process.amountVnd !== undefined && (
            <Payment dossierId={d.dossierId} amountVnd={d.process.amountVnd} onDone={state.reload} />
          )}
          {(d.status === 'received' || d.status === 'submitted') && (
            <Withdraw dossierId={d.dossierId} onDone={state.reload} />
          )}
          <div class="actions">
            <button
              type="button"
              onClick={() => {
                session.end();
                navigate('/applicant/lookup');
              }}
            >
              {t('leave')}
            </button>
          </div>
        </article>
      )}
    </Loaded>
  );
}

function Withdraw({ dossierId, onDone }: { dossierId: string; onDone: () => void }) {
  const t = useT(words);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>();
  const [commandId] = useState(newCommandId);
  return (
    <details class="card">
      <summary>{t('withdrawTitle')}</summary>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            await post('intake', `/dossiers/${dossierId}/withdrawal`, { commandId, reason: reason.trim() });
            onDone();
          } catch (err) {
            setError(err);
          }
        }}
      >
        <TextAreaField
          label={t('withdrawReason')}
          required
          value={reason}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
        <ErrorMessage error={error} />
        <button type="submit">{t('withdrawButton')}</button>
      </form>
    </details>
  );
}

/** The payment step: the applicant pays online elsewhere and records it here with its reference. */
function Payment({
  dossierId,
  amountVnd,
  onDone,
}: {
  dossierId: string;
  amountVnd: number;
  onDone: () => void;
}) {
  const t = useT(words);
  const lang = useLang();
  const [reference, setReference] = useState('');
  const [error, setError] = useState<unknown>();
  const [commandId] = useState(newCommandId);
  return (
    <section class="card">
      <h2>{t('paymentTitle')}</h2>
      <p>
        <strong>{t('paymentDue', { amount: formatVnd(amountVnd, lang) })}</strong>
      </p>
      <p class="muted">{t('paymentHint')}</p>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setError(undefined);
          try {
            await post('intake', `/dossiers/${dossierId}/payments`, {
              commandId,
              amountVnd,
              method: 'online',
              receiptNumber: reference.trim(),
            });
            onDone();
          } catch (err) {
            setError(err);
          }
        }}
      >
        <Field
          label={t('paymentReference')}
          required
          maxLength={64}
          value={reference}
          onInput={(e) => setReference(e.currentTarget.value)}
        />
        <ErrorMessage error={error} />
        <button type="submit" class="primary">
          {t('paymentButton')}
        </button>
      </form>
    </section>
  );
}

/** The electronic result: only this applicant's token (from their receipt's code + key) downloads it. */
function ResultDownload({ dossierId, name }: { dossierId: string; name: string }) {
  const t = useT(words);
  const [error, setError] = useState<unknown>();
  return (
    <section class="card">
      <h2>{t('resultFileTitle')}</h2>
      <button
        type="button"
        class="primary"
        onClick={() =>
          download('intake', `/dossiers/${dossierId}/result-file`)
            .then((blob) => openBlob(blob, name))
            .catch(setError)
        }
      >
        {t('resultFileDownload', { name })}
      </button>
      <ErrorMessage error={error} />
    </section>
  );
}
