import { useState } from 'preact/hooks';
import { get } from '../../core/api.js';
import type { Dossier } from '../../core/dossier-words.js';
import { useT } from '../../core/i18n.js';
import { navigate } from '../../core/router.js';
import { ErrorMessage, Field, PageTitle } from '../../core/ui.js';
import { words } from './i18n.js';

/** By dossier code (typed, or read by a QR scanner acting as a keyboard) or by an online submission's id. */
export function FindPage() {
  const t = useT(words);
  const [ref, setRef] = useState('');
  const [error, setError] = useState<unknown>();
  return (
    <section class="card narrow">
      <PageTitle>{t('findTitle')}</PageTitle>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setError(undefined);
          try {
            const d = await get<Dossier>('intake', `/dossiers/${encodeURIComponent(ref.trim())}`);
            navigate(`/counter/dossiers/${d.dossierId}`);
          } catch (err) {
            setError(err);
          }
        }}
      >
        <Field
          label={t('findLabel')}
          required
          autoFocus
          value={ref}
          onInput={(e) => setRef(e.currentTarget.value)}
        />
        <ErrorMessage error={error} />
        <button type="submit" class="primary">
          {t('findButton')}
        </button>
      </form>
    </section>
  );
}
