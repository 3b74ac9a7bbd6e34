import { useState } from 'preact/hooks';
import { download, get, newCommandId, openBlob, post } from '../../core/api.js';
import { type Dossier, dossierWords, wordOr } from '../../core/dossier-words.js';
import { formatBytes, formatDateTime } from '../../core/format.js';
import { useLang, useT } from '../../core/i18n.js';
import { formCitation, rulebookAtCheck, rulebookOf, statusBasis } from '../../core/legal-basis.js';
import { centerName } from '../../core/names.js';
import { ResultFile } from '../../core/result-file.js';
import { dossierStatus, heldByText, statusText } from '../../core/status-words.js';
import {
  Deadline,
  ErrorMessage,
  Field,
  Loaded,
  PageTitle,
  SelectField,
  TextAreaField,
  useAsync,
} from '../../core/ui.js';
import { words } from './i18n.js';
import { PrintoutOverlay } from './Printout.js';
import { printReceipt, receiptOf } from './receipt.js';

/** One dossier at the counter: its facts, the receipt, and what the counter may do at its status. */
export function DossierPage({ dossierId }: { dossierId: string }) {
  const t = useT(words);
  const w = useT(dossierWords);
  const lang = useLang();
  const state = useAsync(
    () => get<Dossier>('intake', `/dossiers/${encodeURIComponent(dossierId)}`),
    [dossierId],
  );
  const [error, setError] = useState<unknown>();
  const received = Boolean(state.data?.receivedAt);
  const receipt = useAsync(async () => (received ? receiptOf(dossierId) : undefined), [dossierId, received]);
  return (
    <Loaded state={state}>
      {(d) => {
        const key = receipt.data?.lookupKey;
        const book = rulebookOf(d);
        return (
          <article>
            <PageTitle>
              {d.dossierCode
                ? // "received" only while it is; after that the title says where the dossier stands
                  key && d.status === 'received' && !d.resultAt
                  ? t('receivedTitle', { code: d.dossierCode })
                  : `${t('dossierTitle', { code: d.dossierCode })} — ${statusText(dossierStatus(d), lang)}`
                : t('onlineCheck')}
            </PageTitle>
            {key && (
              <p class="alert alert-ok" role="status" data-testid="lookup-key">
                {t('lookupKeyIs', { key })}
              </p>
            )}
            <dl class="facts card">
              {d.dossierCode && (
                <>
                  <dt>{w('dossierCode')}</dt>
                  <dd data-testid="dossier-code">{d.dossierCode}</dd>
                </>
              )}
              <dt>{w('procedure')}</dt>
              <dd>{d.procedureName}</dd>
              <dt>{w('applicant')}</dt>
              <dd>{d.applicantFullName}</dd>
              <dt>{w('channel')}</dt>
              <dd>{wordOr(dossierWords[lang], `channel.${d.channel}`, d.channel)}</dd>
              <dt>{w('status')}</dt>
              <dd>
                <span data-testid="dossier-status">{statusText(dossierStatus(d), lang)}</span>{' '}
                <small class="muted" data-testid="status-basis">
                  {w('statusBasis', { basis: statusBasis(book) })}
                </small>
              </dd>
              <dt>{w('rulebook')}</dt>
              <dd data-testid="dossier-rulebook">{book.name}</dd>
              {heldByText(d.process?.heldBy, lang) && (
                <>
                  <dt>{w('heldBy')}</dt>
                  <dd data-testid="held-by">
                    {(d.process?.heldBy ?? []).map((h) => h.departmentName).join(', ')}
                  </dd>
                </>
              )}
              {d.competentCenterId && d.competentCenterId !== d.centerId && (
                <>
                  <dt>{t('competentAt')}</dt>
                  <dd data-testid="competent-center">{centerName(d.competentCenterId)}</dd>
                </>
              )}
              {d.returnCenterId && d.returnCenterId !== d.centerId && (
                <>
                  <dt>{t('returnAt')}</dt>
                  <dd data-testid="return-center">{centerName(d.returnCenterId)}</dd>
                </>
              )}
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
                    {['received', 'processing'].includes(dossierStatus(d)) && (
                      <Deadline due={d.appointmentAt} procedureCode={d.procedureCode} />
                    )}
                  </dd>
                </>
              )}
              {d.resultAt && (
                <>
                  <dt>{w('resultAt')}</dt>
                  <dd>{formatDateTime(d.resultAt, lang)}</dd>
                </>
              )}
            </dl>
            {(d.attachedDocuments ?? []).length > 0 && (
              <section class="card">
                <h2>{t('attachedTitle')}</h2>
                <ul data-testid="attached-documents">
                  {d.attachedDocuments!.map((a) => (
                    <li key={a.documentId}>
                      {a.name} ({formatBytes(a.size, lang)})
                      {a.reusedFromDossierId ? ` — ${t('attachedReused')}` : ''}{' '}
                      <button
                        type="button"
                        onClick={() =>
                          download('intake', `/documents/${a.documentId}`)
                            .then((blob) => openBlob(blob, a.name))
                            .catch(setError)
                        }
                      >
                        {t('attachedOpen', { name: a.name })}
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            )}
            <ErrorMessage error={error} />
            <div class="actions">
              {d.dossierCode && d.receivedAt && (
                <button
                  type="button"
                  class="primary"
                  onClick={() => printReceipt(d.dossierId, d.dossierCode!).catch(setError)}
                >
                  {t('printReceipt', { form: formCitation(book, 'receipt') })}
                </button>
              )}
            </div>
            {d.status === 'submitted' && <OnlineCheck dossier={d} onDone={state.reload} />}
            {d.status === 'result_at_counter' && <ResultFile dossier={d} onDone={state.reload} />}
            {d.status === 'result_at_counter' && <ReturnResult dossier={d} onDone={state.reload} />}
          </article>
        );
      }}
    </Loaded>
  );
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** An online submission: receive it, ask for what it lacks (Mẫu 02) or refuse it (Mẫu 03). */
function OnlineCheck({ dossier, onDone }: { dossier: Dossier; onDone: () => void }) {
  const t = useT(words);
  // an online submission not yet received: the rules of today (intake fixes them at reception)
  const book = rulebookAtCheck(dossier);
  const [missing, setMissing] = useState('');
  const [reasons, setReasons] = useState('');
  const [error, setError] = useState<unknown>();
  // Mẫu 02/03 printed from this page: what was typed stays here
  const [printing, setPrinting] = useState<{ form: '02' | '03'; items: string[] }>();
  const [ids] = useState(() => ({
    accept: newCommandId(),
    supplement: newCommandId(),
    refuse: newCommandId(),
  }));
  const run = async (path: string, body: object) => {
    setError(undefined);
    try {
      await post('intake', `/dossiers/${dossier.dossierId}/${path}`, body);
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section class="card">
      <h2>{t('onlineCheck')}</h2>
      <ErrorMessage error={error} />
      <div class="actions">
        <button type="button" class="primary" onClick={() => run('reception', { commandId: ids.accept })}>
          {t('acceptOnline')}
        </button>
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run('intake-supplement-requests', {
            commandId: ids.supplement,
            missingDocuments: lines(missing),
          });
        }}
      >
        <h3>{t('supplementTitle', { form: formCitation(book, 'supplementRequest') })}</h3>
        <TextAreaField
          label={t('missingDocuments')}
          required
          value={missing}
          onInput={(e) => setMissing(e.currentTarget.value)}
        />
        <div class="actions">
          <button type="submit">{t('supplementButton')}</button>
          <button type="button" onClick={() => setPrinting({ form: '02', items: lines(missing) })}>
            {t('printForm')}
          </button>
        </div>
      </form>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run('refusal', { commandId: ids.refuse, reasons: lines(reasons) });
        }}
      >
        <h3>{t('refusalTitle', { form: formCitation(book, 'refusal') })}</h3>
        <TextAreaField
          label={t('refuseReasons')}
          required
          value={reasons}
          onInput={(e) => setReasons(e.currentTarget.value)}
        />
        <div class="actions">
          <button type="submit">{t('refuseButton', { form: formCitation(book, 'refusal') })}</button>
          <button type="button" onClick={() => setPrinting({ form: '03', items: lines(reasons) })}>
            {t('printForm')}
          </button>
        </div>
      </form>
      {printing && (
        <PrintoutOverlay
          dossier={dossier}
          form={printing.form}
          items={printing.items}
          onClose={() => setPrinting(undefined)}
        />
      )}
    </section>
  );
}

/** Return of the result: to the applicant or a proxy (with the authorisation), by post or electronically. */
function ReturnResult({ dossier, onDone }: { dossier: Dossier; onDone: () => void }) {
  const t = useT(words);
  const [method, setMethod] = useState('counter');
  const [receiverName, setReceiverName] = useState(dossier.applicantFullName);
  const [proxy, setProxy] = useState(false);
  const [authorizationReference, setReference] = useState('');
  const [trackingNumber, setTracking] = useState('');
  const [error, setError] = useState<unknown>();
  const [commandId] = useState(newCommandId);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    try {
      await post('intake', `/dossiers/${dossier.dossierId}/result-return`, {
        commandId,
        method,
        receiverName: receiverName.trim(),
        proxy,
        ...(proxy ? { authorizationReference: authorizationReference.trim() } : {}),
        ...(method === 'postal' && trackingNumber.trim() ? { trackingNumber: trackingNumber.trim() } : {}),
      });
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form class="card" onSubmit={submit}>
      <h2>{t('returnTitle')}</h2>
      <SelectField
        label={t('returnMethod')}
        value={method}
        onChange={(e) => setMethod(e.currentTarget.value)}
        options={(['counter', 'postal', 'electronic'] as const).map((m) => ({
          value: m,
          label: t(`method.${m}`),
        }))}
      />
      <Field
        label={t('receiverName')}
        required
        value={receiverName}
        onInput={(e) => setReceiverName(e.currentTarget.value)}
      />
      <div class="check">
        <input
          id="return-proxy"
          type="checkbox"
          checked={proxy}
          onChange={(e) => setProxy(e.currentTarget.checked)}
        />
        <label for="return-proxy">{t('proxy')}</label>
      </div>
      {proxy && (
        <Field
          label={t('authorizationReference')}
          required
          value={authorizationReference}
          onInput={(e) => setReference(e.currentTarget.value)}
        />
      )}
      {method === 'postal' && (
        <Field
          label={t('trackingNumber')}
          value={trackingNumber}
          onInput={(e) => setTracking(e.currentTarget.value)}
        />
      )}
      <ErrorMessage error={error} />
      <button type="submit" class="primary">
        {t('returnButton')}
      </button>
    </form>
  );
}
