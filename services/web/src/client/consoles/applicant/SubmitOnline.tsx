import { useEffect, useRef, useState } from 'preact/hooks';
import { post } from '../../core/api.js';
import { catalogue, type Procedure } from '../../core/catalogue.js';
import { centersToday } from '../../core/centers.js';
import type { Dossier } from '../../core/dossier-words.js';
import { useT } from '../../core/i18n.js';
import { ErrorMessage, Field, Loaded, PageTitle, SelectField, useAsync } from '../../core/ui.js';
import { words } from './i18n.js';
import {
  type ApplicantFields,
  newDraft,
  type OnlineDraft,
  onlineDraft,
  serverDraft,
} from './online-draft.js';
import { SubmittedView } from './SubmittedView.js';

/**
 * Online submission (status 1): the procedure's documents as a checklist, the applicant's details,
 * then the files (uploaded or re-used from an earlier dossier); the center checks it and then receives
 * it (code + look-up key sent to the applicant and shown here) or refuses it. A reload resumes the
 * submission of this tab; the resume code shown resumes it anywhere (online-draft.ts, ADR 0013).
 */
export function SubmitOnline({ procedureCode }: { procedureCode?: string }) {
  const t = useT(words);
  const [draft, setDraft] = useState<OnlineDraft | undefined>(() => {
    const kept = onlineDraft.read();
    return kept && (kept.submitted || !procedureCode || kept.procedureCode === procedureCode)
      ? kept
      : undefined;
  });
  const [code, setCode] = useState(draft?.procedureCode ?? procedureCode ?? '');
  const list = useAsync(() => catalogue.procedures(), []);
  const procedure = useAsync(async () => (code ? catalogue.procedure(code) : undefined), [code]);
  const startOver = () => {
    onlineDraft.clear();
    setDraft(undefined);
    setCode('');
  };
  const resumed = (kept: OnlineDraft) => {
    onlineDraft.save(kept);
    setDraft(kept);
    setCode(kept.procedureCode);
  };
  if (draft?.submitted) {
    return (
      <section>
        <PageTitle>{t('submitTitle')}</PageTitle>
        <SubmittedView draft={draft} submitted={draft.submitted} onStartOver={startOver} />
      </section>
    );
  }
  return (
    <section>
      <PageTitle>{t('submitTitle')}</PageTitle>
      {!draft?.server && <ResumeForm onResumed={resumed} />}
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
      {code && (
        <Loaded state={procedure}>
          {(p) =>
            p && (
              <SubmissionForm
                key={`${p.code}:${draft?.server?.draftId ?? ''}`}
                procedure={p}
                initial={draft?.procedureCode === p.code ? draft : undefined}
                onSubmitted={setDraft}
              />
            )
          }
        </Loaded>
      )}
    </section>
  );
}

function SubmissionForm({
  procedure,
  initial,
  onSubmitted,
}: {
  procedure: Procedure;
  initial?: OnlineDraft;
  onSubmitted: (draft: OnlineDraft) => void;
}) {
  const t = useT(words);
  const centers = centersToday();
  // One command id (and secret) per filled form, kept with the draft: pressing submit twice, a retry
  // after a timeout or a submit after a reload all answer the same submission.
  const [draft, setDraft] = useState<OnlineDraft>(
    () => initial ?? newDraft(procedure.code, centers[0]?.centerId ?? ''),
  );
  // Every change is kept before the next render: a reload right after a tick or a keystroke (effects
  // run only after paint) must not lose it, and two changes before a render must not undo each other.
  const latest = useRef(draft);
  const change = (edit: (d: OnlineDraft) => OnlineDraft) => {
    const next = edit(latest.current);
    latest.current = next;
    onlineDraft.save(next);
    setDraft(next);
  };
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  useEffect(() => onlineDraft.save(latest.current), []);
  // Intake keeps the form too, so the resume code continues it on another device.
  const [saved, setSaved] = useState<'saving' | 'saved' | 'failed'>();
  useEffect(() => {
    if (draft.server) return;
    serverDraft.start(draft).then(
      (server) => change((d) => ({ ...d, server })),
      () => setSaved('failed'),
    );
  }, []);
  useEffect(() => {
    const server = draft.server;
    if (!server) return;
    setSaved('saving');
    // Saved a moment after the typing stops, not at every key.
    const timer = setTimeout(
      () =>
        serverDraft.save(draft, server).then(
          () => setSaved('saved'),
          () => setSaved('failed'),
        ),
      600,
    );
    return () => clearTimeout(timer);
  }, [draft.server, draft.applicant, draft.provided, draft.centerId]);
  useEffect(() => setError(undefined), [draft.provided]);

  const applicant = draft.applicant;
  const field = (name: keyof ApplicantFields, label: string, extra: Record<string, unknown> = {}) => (
    <Field
      label={label}
      name={name}
      value={applicant[name]}
      onInput={(e) => {
        const value = e.currentTarget.value;
        change((d) => ({ ...d, applicant: { ...d.applicant, [name]: value } }));
      }}
      {...extra}
    />
  );
  const submit = async (e: Event) => {
    e.preventDefault();
    const chosen = procedure.requiredDocuments.filter((d) => draft.provided[d.name]);
    if (chosen.length === 0) return setError(new Error(t('noDocumentChosen')));
    setBusy(true);
    try {
      const a = Object.fromEntries(Object.entries(applicant).filter(([, v]) => v.trim() !== ''));
      const body = {
        commandId: draft.commandId,
        procedureCode: procedure.code,
        centerId: draft.centerId,
        applicant: a,
        documents: chosen.map((d) => ({ name: d.name, count: d.count ?? 1 })),
      };
      // Through the draft when intake keeps one: the submission is then the same from any device.
      const answer = draft.server
        ? await post<Dossier & { uploadKey: string }>(
            'intake',
            `/online-drafts/${draft.server.draftId}/submission`,
            {
              ...body,
              resumeSecret: draft.server.resumeSecret,
            },
          )
        : await post<Dossier & { uploadKey: string }>('intake', '/online-submissions', {
            ...body,
            submissionSecret: draft.submissionSecret,
          });
      const submitted = {
        ...draft,
        submitted: {
          dossierId: answer.dossierId,
          uploadKey: answer.uploadKey,
          documentNames: chosen.map((d) => d.name),
        },
      };
      onlineDraft.save(submitted);
      onSubmitted(submitted);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card" onSubmit={submit}>
      {initial && (
        <p class="alert alert-ok" role="status">
          {t('draftResumed')}
        </p>
      )}
      {draft.server && (
        <div class="alert alert-ok" role="status" aria-live="polite">
          <p>
            {t('resumeCodeIs')} <strong data-testid="resume-code">{draft.server.resumeCode}</strong>
          </p>
          <p class="muted">
            {t('resumeCodeHint')} {saved && <span data-testid="draft-saved">{t(`draft.${saved}`)}</span>}
          </p>
        </div>
      )}
      <SelectField
        label={t('center')}
        name="centerId"
        value={draft.centerId}
        onChange={(e) => {
          const centerId = e.currentTarget.value;
          change((d) => ({ ...d, centerId }));
        }}
        options={centers.map((c) => ({ value: c.centerId, label: c.name }))}
      />
      <fieldset>
        <legend>{t('applicantSection')}</legend>
        <p class="muted" id="contact-hint">
          {t('contactHint')}
        </p>
        {field('fullName', t('fullName'), { required: true, autocomplete: 'name' })}
        {field('idNumber', t('idNumber'), { inputMode: 'numeric', pattern: '[0-9]{9,12}' })}
        {field('phone', t('phone'), { type: 'tel', autocomplete: 'tel', 'aria-describedby': 'contact-hint' })}
        {field('email', t('email'), {
          type: 'email',
          autocomplete: 'email',
          'aria-describedby': 'contact-hint',
        })}
        {field('address', t('address'), { autocomplete: 'street-address' })}
      </fieldset>
      <fieldset>
        <legend>{t('documentsSection')}</legend>
        {procedure.requiredDocuments.map((d, i) => (
          <div class="check" key={d.name}>
            <input
              type="checkbox"
              id={`doc-${i}`}
              checked={draft.provided[d.name] ?? false}
              onChange={(e) => {
                const checked = e.currentTarget.checked;
                change((x) => ({ ...x, provided: { ...x.provided, [d.name]: checked } }));
              }}
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

/** Continue a draft kept by intake on any device: its resume code, as shown when it was started. */
function ResumeForm({ onResumed }: { onResumed: (draft: OnlineDraft) => void }) {
  const t = useT(words);
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const resume = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onResumed(await serverDraft.resume(code));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card" onSubmit={resume}>
      <Field
        label={t('resumeCodeLabel')}
        name="resumeCode"
        value={code}
        required
        autocomplete="off"
        onInput={(e) => setCode(e.currentTarget.value)}
      />
      <ErrorMessage error={error} />
      <button type="submit" disabled={busy}>
        {t('resumeButton')}
      </button>
    </form>
  );
}
