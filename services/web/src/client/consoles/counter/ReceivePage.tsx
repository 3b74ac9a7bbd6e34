import { useState } from 'preact/hooks';
import { newCommandId, post } from '../../core/api.js';
import { catalogue, type Procedure } from '../../core/catalogue.js';
import type { Dossier } from '../../core/dossier-words.js';
import { useT } from '../../core/i18n.js';
import { navigate } from '../../core/router.js';
import { session } from '../../core/session.js';
import {
  ErrorMessage,
  Field,
  Loaded,
  PageTitle,
  SelectField,
  TextAreaField,
  useAsync,
} from '../../core/ui.js';
import { DocumentChecklist, type DocumentRow, rowsOf } from './DocumentChecklist.js';
import { words } from './i18n.js';
import { ReceptionUnits, type UnitsChoice } from './ReceptionUnits.js';
import { markJustReceived } from './receipt.js';

/** Reception at the counter (Decree 61 Art 17, Mẫu 01): checklist against the catalogue, scans, receipt. */
export function ReceivePage({ procedureCode }: { procedureCode?: string }) {
  const t = useT(words);
  const [code, setCode] = useState(procedureCode ?? '');
  const list = useAsync(() => catalogue.procedures(), []);
  const procedure = useAsync(async () => (code ? catalogue.procedure(code) : undefined), [code]);
  return (
    <section>
      <PageTitle>{t('receiveTitle')}</PageTitle>
      <div class="card">
        <Loaded state={list}>
          {(procedures) => (
            <SelectField
              label={t('procedure')}
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
      {code && <Loaded state={procedure}>{(p) => p && <ReceptionForm key={p.code} procedure={p} />}</Loaded>}
    </section>
  );
}

const EMPTY_APPLICANT = { fullName: '', idNumber: '', phone: '', email: '', address: '' };

function ReceptionForm({ procedure }: { procedure: Procedure }) {
  const t = useT(words);
  const [applicant, setApplicant] = useState(EMPTY_APPLICANT);
  const [rows, setRows] = useState<DocumentRow[]>(() => rowsOf(procedure));
  const [guidance, setGuidance] = useState('');
  const here = session.current()?.user.centerId ?? '';
  const [units, setUnits] = useState<UnitsChoice>({ competentCenterId: here, returnCenterId: here });
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  // One id per filled form: a double click or a retry after a lost answer receives the dossier once.
  const [commandId] = useState(newCommandId);

  const field = (name: keyof typeof applicant, label: string, extra: Record<string, unknown> = {}) => (
    <Field
      label={label}
      name={name}
      value={applicant[name]}
      onInput={(e) => setApplicant({ ...applicant, [name]: e.currentTarget.value })}
      {...extra}
    />
  );

  const receive = async (e: Event) => {
    e.preventDefault();
    const missing = rows.filter((r) => r.required && !r.provided).map((r) => r.name);
    if (missing.length > 0) {
      setError(new Error(t('missingRequired', { names: missing.join('; ') })));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const a = Object.fromEntries(Object.entries(applicant).filter(([, v]) => v.trim() !== ''));
      const answer = await post<{ dossier: Dossier }>('intake', '/dossiers', {
        commandId,
        procedureCode: procedure.code,
        applicant: a,
        // another center only when chosen (the form offers it only for a boundary-free procedure)
        ...(units.competentCenterId && units.competentCenterId !== here
          ? { competentCenterId: units.competentCenterId }
          : {}),
        ...(units.returnCenterId && units.returnCenterId !== here
          ? { returnCenterId: units.returnCenterId }
          : {}),
        documents: rows
          .filter((r) => r.provided)
          .map((r) => ({
            name: r.name,
            original: r.original,
            count: r.count,
            ...(r.scan ? { documentId: r.scan.documentId, sha256: r.scan.sha256 } : {}),
          })),
        checklist: rows.map((r) => ({ documentName: r.name, required: r.required, provided: r.provided })),
        guidance: guidance.trim(),
      });
      markJustReceived(answer.dossier.dossierId);
      navigate(`/counter/dossiers/${answer.dossier.dossierId}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card" onSubmit={receive}>
      <fieldset>
        <legend>{t('applicantSection')}</legend>
        <div class="grid">
          {field('fullName', t('fullName'), { required: true })}
          {field('idNumber', t('idNumber'), { inputMode: 'numeric', pattern: '[0-9]{9,12}' })}
          {field('phone', t('phone'), { type: 'tel' })}
          {field('email', t('email'), { type: 'email' })}
        </div>
        {field('address', t('address'))}
      </fieldset>
      <ReceptionUnits procedure={procedure} centerId={here} value={units} onChange={setUnits} />
      <DocumentChecklist rows={rows} onChange={setRows} applicantIdNumber={applicant.idNumber.trim()} />
      <TextAreaField
        label={t('guidance')}
        value={guidance}
        onInput={(e) => setGuidance(e.currentTarget.value)}
      />
      <ErrorMessage error={error} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('receiveButton')}
        </button>
      </div>
    </form>
  );
}
