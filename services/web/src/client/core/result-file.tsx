// The electronic result file: one control for the counter and the department consoles.
import { useState } from 'preact/hooks';
import { newCommandId, upload } from './api.js';
import type { Dossier } from './dossier-words.js';
import { formatBytes } from './format.js';
import { dictionary, useLang, useT } from './i18n.js';
import { ErrorMessage, Field } from './ui.js';

const resultFileWords = dictionary({
  vi: {
    resultFileTitle: 'Kết quả điện tử',
    resultFileInput: 'Tệp kết quả điện tử (PDF hoặc ảnh)',
    resultFileAttached: 'Đã đính kèm kết quả điện tử: {name} ({size})',
  },
  en: {
    resultFileTitle: 'Electronic result',
    resultFileInput: 'Electronic result file (PDF or image)',
    resultFileAttached: 'Electronic result attached: {name} ({size})',
  },
});

/**
 * The electronic result (procedures that issue one), attached by the counter or by the officer who signs
 * the last step, then downloaded by the applicant. Shows the file once attached.
 */
export function ResultFile({ dossier, onDone }: { dossier: Dossier; onDone: () => void }) {
  const t = useT(resultFileWords);
  const lang = useLang();
  const [progress, setProgress] = useState<number>();
  const [error, setError] = useState<unknown>();
  const [commandId] = useState(newCommandId);
  if (dossier.resultOutcome === 'refused') return null;
  if (dossier.resultFile) {
    return (
      <p class="card" data-testid="result-file">
        {t('resultFileAttached', {
          name: dossier.resultFile.name,
          size: formatBytes(dossier.resultFile.size, lang),
        })}
      </p>
    );
  }
  const send = async (file: File) => {
    setError(undefined);
    try {
      await upload('intake', `/dossiers/${dossier.dossierId}/result-file`, { commandId }, file, setProgress);
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setProgress(undefined);
    }
  };
  return (
    <section class="card">
      <h2>{t('resultFileTitle')}</h2>
      <Field
        label={t('resultFileInput')}
        type="file"
        accept="application/pdf,image/jpeg,image/png,image/tiff"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) void send(file);
          e.currentTarget.value = '';
        }}
      />
      {progress !== undefined && (
        <progress max={1} value={progress} aria-label={t('resultFileInput')}>
          {Math.round(progress * 100)}%
        </progress>
      )}
      <ErrorMessage error={error} />
    </section>
  );
}
