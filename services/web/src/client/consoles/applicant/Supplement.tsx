import { useState } from 'preact/hooks';
import { newCommandId, post, upload } from '../../core/api.js';
import { formatBytes } from '../../core/format.js';
import { useLang, useT } from '../../core/i18n.js';
import { session } from '../../core/session.js';
import { ErrorMessage, Field } from '../../core/ui.js';
import { words } from './i18n.js';

interface Uploaded {
  documentId: string;
  sha256: string;
  name: string;
  size: number;
}

/** The supplement the processing asked for: documents uploaded with progress, then sent at once. */
export function Supplement({ dossierId, onDone }: { dossierId: string; onDone: () => void }) {
  const t = useT(words);
  const lang = useLang();
  const idNumber = /^applicant:([0-9]{9,12})$/.exec(session.current()?.user.userId ?? '')?.[1];
  const [name, setName] = useState('');
  const [progress, setProgress] = useState<number>();
  const [files, setFiles] = useState<Uploaded[]>([]);
  const [error, setError] = useState<unknown>();
  const [commandId] = useState(newCommandId);
  if (!idNumber) return <p class="alert alert-warn">{t('supplementNeedsId')}</p>;

  const add = async (file: File) => {
    setError(undefined);
    try {
      const doc = await upload<Uploaded>(
        'intake',
        '/documents',
        { applicantIdNumber: idNumber, ...(name.trim() ? { documentName: name.trim() } : {}) },
        file,
        setProgress,
      );
      setFiles((f) => [...f, doc]);
      setName('');
    } catch (err) {
      setError(err);
    } finally {
      setProgress(undefined);
    }
  };
  const send = async (e: Event) => {
    e.preventDefault();
    if (files.length === 0) return setError(new Error(t('supplementNoFile')));
    try {
      await post('intake', `/dossiers/${dossierId}/supplements`, {
        commandId,
        documents: files.map((f) => ({ name: f.name, documentId: f.documentId, sha256: f.sha256 })),
      });
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form class="card" onSubmit={send}>
      <h2>{t('supplementTitle')}</h2>
      <p class="muted">{t('supplementHint')}</p>
      <Field label={t('supplementName')} value={name} onInput={(e) => setName(e.currentTarget.value)} />
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
      <button type="submit" class="primary">
        {t('supplementSend')}
      </button>
    </form>
  );
}
