// One dossier under audit: the integrity of its hash chains, its state at a chosen instant, the control
// sheet Mẫu 05 as PDF, and every event of its timeline as the Kafka log delivered it.
import { useState } from 'preact/hooks';
import { download, get, getFromLog, openBlob } from '../../core/api.js';
import { eventLabel, type Timeline } from '../../core/event-words.js';
import { formatDateTime } from '../../core/format.js';
import { useLang, useT } from '../../core/i18n.js';
import { formCitation, rulebookOf } from '../../core/legal-basis.js';
import { actorName, officerName, useOfficerNames } from '../../core/names.js';
import { navigate } from '../../core/router.js';
import { statusText } from '../../core/status-words.js';
import { ErrorMessage, Field, Loaded, PageTitle, useAsync } from '../../core/ui.js';
import { vietnamInstant } from '../department/ActionForm.js';
import { words } from './i18n.js';

interface Integrity {
  verified: boolean;
  streams: { streamId: string; events: number }[];
  problems: { kind: string; streamId: string; detail?: string }[];
}

interface StateAt {
  at: string;
  status: string;
  nationalCode: number | null;
  appointmentAt?: string | null;
  rescheduledReturnAt?: string | null;
  openSteps: {
    stepId: string;
    stepName: string;
    departmentName?: string;
    departmentId: string;
    assignee?: string | null;
    dueAt?: string;
  }[];
}

/** The board's search: a dossier by its code. */
export function DossierSearch() {
  const t = useT(words);
  const [ref, setRef] = useState('');
  return (
    <section class="card narrow">
      <PageTitle>{t('dossierTitle')}</PageTitle>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (ref.trim()) navigate(`/board/dossiers/${encodeURIComponent(ref.trim())}`);
        }}
      >
        <Field label={t('dossierRef')} required value={ref} onInput={(e) => setRef(e.currentTarget.value)} />
        <button type="submit" class="primary">
          {t('find')}
        </button>
      </form>
    </section>
  );
}

/** Whether intake holds the dossier (then a 404 from the board only means it is being recorded). */
const intakeKnows = (ref: string) => get('intake', `/dossiers/${ref}`).then(() => true);

export function DossierAuditPage({ dossierRef }: { dossierRef: string }) {
  const ref = encodeURIComponent(dossierRef);
  const state = useAsync(
    () =>
      Promise.all([
        getFromLog<Timeline>('monitoring', `/dossiers/${ref}/timeline`, { known: () => intakeKnows(ref) }),
        get<Integrity>('monitoring', `/dossiers/${ref}/integrity`),
      ]),
    [ref],
  );
  return (
    <Loaded state={state}>
      {([timeline, integrity]) => <Audit timeline={timeline} integrity={integrity} />}
    </Loaded>
  );
}

/**
 * Now as a `datetime-local` value in Vietnam time, rounded up to the minute the field shows: the state
 * "now" then includes what happened in the current minute.
 */
const vietnamNow = () => new Date(Date.now() + 7 * 3600_000 + 60_000).toISOString().slice(0, 16);

function Audit({ timeline, integrity }: { timeline: Timeline; integrity: Integrity }) {
  // who did what, by name: the applicant as named at reception (never the ID number), officers by full name
  const first = timeline.entries.find(
    (e) => e.type === 'DossierReceived' || e.type === 'DossierSubmittedOnline',
  );
  const opened = (first?.payload ?? {}) as { centerId?: string; applicant?: { fullName?: string } };
  const officers = useOfficerNames(opened.centerId);
  const t = useT(words);
  const lang = useLang();
  const code = timeline.dossierCode;
  // the rulebook its events recorded (none before the reception: then the legacy one)
  const book = rulebookOf(timeline.entries.find((e) => e.rulebookId) ?? {});
  const [instant, setInstant] = useState(vietnamNow);
  const [stateAt, setStateAt] = useState<StateAt>();
  const [error, setError] = useState<unknown>();
  const showState = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    try {
      setStateAt(
        await get<StateAt>('monitoring', `/dossiers/${timeline.dossierId}/state`, {
          at: vietnamInstant(instant),
        }),
      );
    } catch (err) {
      setError(err);
    }
  };
  const openSheet = async () => {
    setError(undefined);
    try {
      openBlob(
        await download('monitoring', `/dossiers/${timeline.dossierId}/control-sheet.pdf`),
        `Mau05_${code}.pdf`,
      );
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section>
      <PageTitle>{t('auditTitle', { code })}</PageTitle>
      <ErrorMessage error={error} />
      <div class="grid">
        <div class="card">
          <h2>{t('integrity')}</h2>
          <p
            role="status"
            data-testid="integrity"
            class={integrity.verified ? 'alert alert-ok' : 'alert alert-error'}
          >
            {integrity.verified
              ? t('integrityOk', { n: integrity.streams.length })
              : t('integrityBad', { n: integrity.problems.length })}
          </p>
          {integrity.problems.length > 0 && (
            <ul>
              {integrity.problems.map((p) => (
                <li key={`${p.streamId}${p.kind}`}>
                  {p.kind}: {p.streamId} {p.detail ?? ''}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div class="card">
          <h2>{t('controlSheet', { form: formCitation(book, 'controlSheet') })}</h2>
          <p data-testid="dossier-rulebook">{t('rulebook', { name: book.name })}</p>
          <button type="button" class="primary" onClick={openSheet}>
            {t('openPdf')}
          </button>
        </div>
      </div>
      <form class="card" onSubmit={showState} aria-labelledby="state-at">
        <h2 id="state-at">{t('stateAt')}</h2>
        <Field
          label={t('instant')}
          type="datetime-local"
          required
          value={instant}
          onInput={(e) => setInstant(e.currentTarget.value)}
        />
        <button type="submit">{t('showState')}</button>
        {stateAt && (
          <div data-testid="state-at" aria-live="polite">
            <p>
              <strong>{t('stateAtValue', { time: formatDateTime(stateAt.at, lang) })}: </strong>
              {statusText(stateAt.status, lang)}
              {stateAt.nationalCode !== null && ` (${t('nationalCode')} ${stateAt.nationalCode})`}
            </p>
            {stateAt.appointmentAt && (
              <p>
                {t('appointmentInForce')}: {formatDateTime(stateAt.appointmentAt, lang)}
                {stateAt.rescheduledReturnAt &&
                  ` — ${t('rescheduledReturn')}: ${formatDateTime(stateAt.rescheduledReturnAt, lang)}`}
              </p>
            )}
            {stateAt.openSteps.length === 0 ? (
              <p class="muted">{t('noOpenSteps')}</p>
            ) : (
              <ul>
                {stateAt.openSteps.map((s) => (
                  <li key={s.stepId}>
                    {s.stepName} — {s.departmentName ?? s.departmentId}
                    {s.assignee ? ` — ${officerName(officers, s.assignee)}` : ''}
                    {s.dueAt ? ` (${t('dueAt')} ${formatDateTime(s.dueAt, lang)})` : ''}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </form>
      <h2>{t('timeline')}</h2>
      <div class="table-wrap">
        <table data-testid="timeline">
          <thead>
            <tr>
              <th scope="col">{t('occurredAt')}</th>
              <th scope="col">{t('event')}</th>
              <th scope="col">{t('actor')}</th>
              <th scope="col">{t('recordedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {timeline.entries.map((e) => (
              <tr key={e.eventId}>
                <td>{formatDateTime(e.occurredAt, lang)}</td>
                <th scope="row">{eventLabel(e, lang)}</th>
                <td>
                  {actorName(e.actor, { applicantName: opened.applicant?.fullName ?? '', officers, lang })}
                </td>
                <td>{formatDateTime(e.recordedAt, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
