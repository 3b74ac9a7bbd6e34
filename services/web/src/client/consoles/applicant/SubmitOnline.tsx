import { useEffect, useState } from 'preact/hooks';
import { newCommandId, newSubmissionSecret, post } from '../../core/api.js';
import { catalogue, type Procedure } from '../../core/catalogue.js';
import { centersToday } from '../../core/centers.js';
import type { Dossier } from '../../core/dossier-words.js';
import { useT } from '../../core/i18n.js';
import { ErrorMessage, Field, Loaded, PageTitle, SelectField, useAsync } from '../../core/ui.js';
import { words } from './i18n.js';
import { SubmissionDocuments } from './SubmissionDocuments.js';

/**
 * Online submission (status 1): the procedure's documents as a checklist, the applicant's details,
 * then the files (uploaded or re-used from an earlier dossier); the center checks it and then receives it (code + look-up key sent to the applicant) or refuses it.
 */
export function SubmitOnline({ procedureCode }: { procedureCode?: string }) {
  const t = useT(words);
  const [code, setCode] = useState(procedureCode ?? '');
  const list = useAsync(() => catalogue.procedures(), []);
  const procedure = useAsync(async () => (code ? catalogue.procedure(code) : undefined), [code]);
  return (
    <section>
      <PageTitle>{t('submitTitle')}</PageTitle>
      <div class="card">
        <Loaded state={list}>
          {(procedures) => (
            <SelectField
              label={t('chooseProcedure')}
              name="procedure"
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              options={[
                { value: '', label: t('chooseOne') },
                ...procedures.map((p) => ({ value: p.code, label: `${p.code} — ${p.name}` })),
              ]}
            />
          )}
        </Loaded>
      </div>
      {code && <Loaded state={procedure}>{(p) => p && <SubmissionForm key={p.code} procedure={p} />}</Loaded>}
    </section>
  );
}

function SubmissionForm({ procedure }: { procedure: Procedure }) {
  const t = useT(words);
  const centers = centersToday();
  const [centerId, setCenterId] = useState(centers[0]?.centerId ?? '');
  const [applicant, setApplicant] = useState({
    fullName: '',
    idNumber: '',
    phone: '',
    email: '',
    address: '',
  });
  const [provided, setProvided] = useState<Record<string, boolean>>({});
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<Dossier & { uploadKey: string }>();
  const [busy, setBusy] = useState(false);
  // One command id per filled form: pressing submit twice (or a retry after a timeout) submits once.
  const [commandId] = useState(newCommandId);
  const [submissionSecret] = useState(newSubmissionSecret);
  useEffect(() => setError(undefined), [provided]);

  if (done) {
    return (
      <>
        <div class="alert alert-ok" role="status">
          <p>{t('submitted')}</p>
          <p>
            {t('submissionNumber')}: <strong data-testid="submission-id">{done.dossierId}</strong>
          </p>
        </div>
        <SubmissionDocuments
          dossierId={done.dossierId}
          uploadKey={done.uploadKey}
          documentNames={procedure.requiredDocuments.filter((d) => provided[d.name]).map((d) => d.name)}
        />
      </>
    );
  }
  const field = (name: keyof typeof applicant, label: string, extra: Record<string, unknown> = {}) => (
    <Field
      label={label}
      name={name}
      value={applicant[name]}
      onInput={(e) => setApplicant({ ...applicant, [name]: e.currentTarget.value })}
      {...extra}
    />
  );
  const submit = async (e: Event) => {
    e.preventDefault();
    const documents = procedure.requiredDocuments
      .filter((d) => provided[d.name])
      .map((d) => ({ name: d.name, count: d.count ?? 1 }));
    if (documents.length === 0) {
      setError(new Error(t('noDocumentChosen')));
      return;
    }
    setBusy(true);
    try {
      const a = Object.fromEntries(Object.entries(applicant).filter(([, v]) => v.trim() !== ''));
      setDone(
        await post<Dossier & { uploadKey: string }>('intake', '/online-submissions', {
          commandId,
          submissionSecret,
          procedureCode: procedure.code,
          centerId,
          applicant: a,
          documents,
        }),
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card" onSubmit={submit}>
      <SelectField
        label={t('center')}
        name="centerId"
        value={centerId}
        onChange={(e) => setCenterId(e.currentTarget.value)}
        options={centers.map((c) => ({ value: c.centerId, label: c.name }))}
      />
      <fieldset>
        <legend>{t('applicantSection')}</legend>
        {field('fullName', t('fullName'), { required: true, autocomplete: 'name' })}
        {field('idNumber', t('idNumber'), { inputMode: 'numeric', pattern: '[0-9]{9,12}' })}
        {field('phone', t('phone'), { type: 'tel', autocomplete: 'tel' })}
        {field('email', t('email'), { type: 'email', autocomplete: 'email' })}
        {field('address', t('address'), { autocomplete: 'street-address' })}
      </fieldset>
      <fieldset>
        <legend>{t('documentsSection')}</legend>
        {procedure.requiredDocuments.map((d, i) => (
          <div class="check" key={d.name}>
            <input
              type="checkbox"
              id={`doc-${i}`}
              checked={provided[d.name] ?? false}
              onChange={(e) => setProvided({ ...provided, [d.name]: e.currentTarget.checked })}
            />
            <label for={`doc-${i}`}>{d.name}</label>
          </div>
        ))}
      </fieldset>
      <ErrorMessage error={error} />
      <button type="submit" class="primary" disabled={busy}>
        {t('submitButton')}
      </button>
    </form>
  );
}
