import { get } from '../../core/api.js';
import type { Dossier } from '../../core/dossier-words.js';
import { formatDate } from '../../core/format.js';
import { translate } from '../../core/i18n.js';
import { Loaded, useAsync } from '../../core/ui.js';
import { words } from './i18n.js';

// Official forms print in Vietnamese whatever the screen's language.
const vi = (key: keyof typeof words.vi, params?: Record<string, string | number>) =>
  translate(words, key, params, 'vi');

/**
 * Mẫu 02 (request to complete) and Mẫu 03 (refusal) of Circular 01/2018 as print views: the browser's
 * print (Ctrl+P) gives the paper; the header and buttons are hidden by the print stylesheet.
 */
export function Printout({
  dossierId,
  form,
  items,
}: {
  dossierId: string;
  form: '02' | '03';
  items: string[];
}) {
  const state = useAsync(
    () => get<Dossier>('intake', `/dossiers/${encodeURIComponent(dossierId)}`),
    [dossierId],
  );
  return (
    <Loaded state={state}>
      {(d) => (
        <article class="card printout" lang="vi">
          <p style={{ textAlign: 'right' }}>{vi('formNumber', { n: form })}</p>
          <p style={{ textAlign: 'center' }}>
            <strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong>
            <br />
            Độc lập - Tự do - Hạnh phúc
          </p>
          <h1 style={{ textAlign: 'center' }}>
            {form === '02' ? vi('formSupplementTitle') : vi('formRefusalTitle')}
          </h1>
          <p>
            {form === '02'
              ? vi('formSupplementIntro', {
                  date: formatDate(d.submittedAt ?? d.receivedAt ?? new Date(), 'vi'),
                  procedure: d.procedureName,
                  applicant: d.applicantFullName,
                })
              : vi('formRefusalIntro', { procedure: d.procedureName, applicant: d.applicantFullName })}
          </p>
          <ol>
            {items.map((i) => (
              <li key={i}>{i}</li>
            ))}
          </ol>
          <p style={{ textAlign: 'right' }}>
            <strong>{vi('formSignature')}</strong>
            <br />
            <em>{vi('formSignatureHint')}</em>
          </p>
          <div class="actions">
            <button type="button" class="primary" onClick={() => window.print()}>
              {vi('printForm')}
            </button>
          </div>
        </article>
      )}
    </Loaded>
  );
}
