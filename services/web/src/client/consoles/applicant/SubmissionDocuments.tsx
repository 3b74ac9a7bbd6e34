import { useState } from 'preact/hooks';
import { newCommandId, post, upload } from '../../core/api.js';
import { formatBytes } from '../../core/format.js';
import { useLang, useT } from '../../core/i18n.js';
import { ErrorMessage, Field } from '../../core/ui.js';
import { words } from './i18n.js';

export interface Attached {
  documentId: string;
  name: string;
  size: number;
  reusedFromDossierId?: string;
}

/**
 * The files of an online submission just made: uploaded with progress, or re-used from an earlier
 * dossier (its code + look-up key). The upload key answered at submission opens this submission only;
 * it is kept with the tab's draft (sessionStorage, online-draft.ts), so a reload can still attach files.
 */
export function SubmissionDocuments({
  dossierId,
  uploadKey,
  documentNames,
  initial = [],
}: {
  dossierId: string;
  uploadKey: string;
  documentNames: string[];
  /** What the submission already holds (after a reload). */
  initial?: Attached[];
}) {
  const t = useT(words);
  const lang = useLang();
  const [attached, setAttached] = useState<Attached[]>(initial);
  const [progress, setProgress] = useState<{ name: string; fraction: number }>();
  const [error, setError] = useState<unknown>();
  const [earlier, setEarlier] = useState({ dossierCode: '', lookupKey: '' });
  const [reuseId] = useState(newCommandId);

  const add = async (documentName: string, file: File) => {
    setError(undefined);
    setProgress({ name: documentName, fraction: 0 });
    try {
      const answer = await upload<{ documents: Attached[] }>(
        'intake',
        `/online-submissions/${dossierId}/documents`,
        { uploadKey, commandId: newCommandId(), documentName },
        file,
        (fraction) => setProgress({ name: documentName, fraction }),
      );
      setAttached(answer.documents);
    } catch (err) {
      setError(err);
    } finally {
      setProgress(undefined);
    }
  };
  const reuse = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    try {
      const answer = await post<{ documents: Attached[] }>(
        'intake',
        `/online-submissions/${dossierId}/reused-documents`,
        {
          commandId: reuseId,
          uploadKey,
          dossierCode: earlier.dossierCode.trim(),
          lookupKey: earlier.lookupKey.trim().toUpperCase(),
        },
      );
      setAttached(answer.documents);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section class="card">
      <h2>{t('uploadTitle')}</h2>
      <p class="muted">{t('uploadHint')}</p>
      {documentNames.map((name, i) => (
        <Field
          key={name}
          id={`upload-${i}`}
          label={t('uploadFileFor', { name })}
          type="file"
          accept="application/pdf,image/jpeg,image/png,image/tiff"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) void add(name, file);
            e.currentTarget.value = '';
          }}
        />
      ))}
      {progress && (
        <progress max={1} value={progress.fraction} aria-label={t('uploading', { name: progress.name })}>
          {Math.round(progress.fraction * 100)}%
        </progress>
      )}
      <h3>{t('attachedTitle')}</h3>
      <ul aria-live="polite" data-testid="attached-files">
        {attached.length === 0 && <li class="muted">{t('attachedNone')}</li>}
        {attached.map((d) => (
          <li key={d.documentId}>
            {d.name} ({formatBytes(d.size, lang)}){d.reusedFromDossierId ? ` — ${t('reused')}` : ''}
          </li>
        ))}
      </ul>
      <form onSubmit={reuse}>
        <h3>{t('reuseTitle')}</h3>
        <p class="muted">{t('reuseHint')}</p>
        <Field
          label={t('reuseCode')}
          value={earlier.dossierCode}
          onInput={(e) => setEarlier({ ...earlier, dossierCode: e.currentTarget.value })}
          required
        />
        <Field
          label={t('reuseKey')}
          value={earlier.lookupKey}
          onInput={(e) => setEarlier({ ...earlier, lookupKey: e.currentTarget.value })}
          required
        />
        <button type="submit">{t('reuseButton')}</button>
      </form>
      <ErrorMessage error={error} />
    </section>
  );
}
