import { useState } from 'preact/hooks';
import { newCommandId, post, upload } from '../../core/api.js';
import { formatBytes, formatDateTime } from '../../core/format.js';
import { useLang, useT } from '../../core/i18n.js';
import { session } from '../../core/session.js';
import { ErrorMessage, Field, SelectField } from '../../core/ui.js';
import { words } from './i18n.js';

interface Uploaded {
  documentId: string;
  sha256: string;
  name: string;
  size: number;
}

export interface SupplementAsked {
  missingDocuments: string[];
  reason: string;
  requestedAt: string;
}

/** The choice that lets the applicant name a document the request did not list. */
const OTHER = '';

/**
 * The supplement the processing asked for: what is missing and why, each document picked from the
 * request (no retyping) and uploaded with progress, then sent at once.
 */
export function Supplement({
  dossierId,
  asked,
  onDone,
}: {
  dossierId: string;
  asked?: SupplementAsked;
  onDone: () => void;
}) {
  const t = useT(words);
  const lang = useLang();
  const idNumber = /^applicant:([0-9]{9,12})$/.exec(session.current()?.user.userId ?? '')?.[1];
  const missing = asked?.missingDocuments ?? [];
  const [choice, setChoice] = useState(missing[0] ?? OTHER);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<number>();
  const [files, setFiles] = useState<Uploaded[]>([]);
  const [error, setError] = useState<unknown>();
  const [commandId] = useState(newCommandId);
  if (!idNumber) return <p class="alert alert-warn">{t('supplementNeedsId')}</p>;

  const add = async (file: File) => {
    setError(undefined);
    const documentName = (choice === OTHER ? name : choice).trim();
    try {
      const doc = await upload<Uploaded>(
        'intake',
        '/documents',
        { applicantIdNumber: idNumber, ...(documentName ? { documentName } : {}) },
        file,
        setProgress,
      );
      setFiles((f) => [...f, doc]);
      setName('');
      // The next document asked for that has no file yet.
      const next = missing.find((m) => m !== documentName && !files.some((f) => f.name === m));
      if (next) setChoice(next);
    } catch (err) {
      setError(err);
    } finally {
      setProgress(undefined);
    }
  };
  const send = async (e: Event) => {
    e.preventDefault();
    if (files.length === 0) return setError(new Error(t('supplementNoFile')));
    setBusy(true);
    try {
      await post('intake', `/dossiers/${dossierId}/supplements`, {
        commandId,
        documents: files.map((f) => ({ name: f.name, documentId: f.documentId, sha256: f.sha256 })),
      });
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card" onSubmit={send}>
      <h2>{t('supplementTitle')}</h2>
      {asked && (
        <div data-testid="supplement-asked">
          <p>{t('supplementAsked')}</p>
          <ul>
            {missing.map((m) => (
              <li key={m}>
                {m}
                {files.some((f) => f.name === m) && ` — ${t('supplementHasFile')}`}
              </li>
            ))}
          </ul>
          {asked.reason && (
            <p>
              {t('supplementReason')}: {asked.reason}
            </p>
          )}
          <p class="muted">{t('supplementPaused', { at: formatDateTime(asked.requestedAt, lang) })}</p>
        </div>
      )}
      <p class="muted">{t('supplementHint')}</p>
      {missing.length > 0 && (
        <SelectField
          label={t('supplementWhich')}
          value={choice}
          onChange={(e) => setChoice(e.currentTarget.value)}
          options={[
            ...missing.map((m) => ({ value: m, label: m })),
            { value: OTHER, label: t('supplementOther') },
          ]}
        />
      )}
      {choice === OTHER && (
        <Field label={t('supplementName')} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      )}
      <Field
        label={t('supplementFile')}
        type="file"
        accept="application/pdf,image/jpeg,image/png,image/tiff"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) void add(file);
          e.currentTarget.value = '';
        }}
      />
      {progress !== undefined && (
        <progress max={1} value={progress} aria-label={t('supplementUploading')}>
          {Math.round(progress * 100)}%
        </progress>
      )}
      <ul aria-live="polite" data-testid="supplement-files">
        {files.map((f) => (
          <li key={f.documentId}>
            {f.name} ({formatBytes(f.size, lang)})
          </li>
        ))}
      </ul>
      <ErrorMessage error={error} />
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t('supplementSending') : t('supplementSend')}
      </button>
    </form>
  );
}
