import { useEffect } from 'preact/hooks';
import type { Dossier } from '../../core/dossier-words.js';
import { formatDate } from '../../core/format.js';
import { translate, useT } from '../../core/i18n.js';
import { formCitation, rulebookAtCheck } from '../../core/legal-basis.js';
import { centerName } from '../../core/names.js';
import { words } from './i18n.js';

// Official forms print in Vietnamese whatever the screen's language.
const vi = (key: keyof typeof words.vi, params?: Record<string, string | number>) =>
  translate(words, key, params, 'vi');

type Form = '02' | '03';

/**
 * Mẫu 02 (request to complete) and Mẫu 03 (refusal) of Circular 01/2018, printed from the dossier's own
 * page: the print dialog opens at once and only the form is printed (`body.printing-form`), so the
 * officer never leaves the page and nothing typed is lost. Closing the form returns to the forms.
 */
export function PrintoutOverlay(props: {
  dossier: Dossier;
  form: Form;
  items: string[];
  onClose: () => void;
}) {
  const t = useT(words);
  useEffect(() => {
    document.body.classList.add('printing-form');
    // after the form is on the page, so the dialog prints it
    const timer = setTimeout(() => window.print(), 0);
    return () => {
      clearTimeout(timer);
      document.body.classList.remove('printing-form');
    };
  }, []);
  return (
    <section aria-label={t('printoutOf', { n: props.form })} data-testid={`printout-${props.form}`}>
      <PrintoutView dossier={props.dossier} form={props.form} items={props.items} />
      <div class="actions">
        <button type="button" onClick={props.onClose}>
          {t('closePrintout')}
        </button>
      </div>
    </section>
  );
}

function PrintoutView({ dossier: d, form, items }: { dossier: Dossier; form: Form; items: string[] }) {
  const today = formatDate(new Date(), 'vi');
  return (
    <article class="card printout" lang="vi">
      <div class="printout-head">
        <p>
          <strong>{centerName(d.centerId).toUpperCase()}</strong>
          <br />
          <strong>{vi('formAgency')}</strong>
          <br />
          {d.dossierCode
            ? vi('formDossierCode', { code: d.dossierCode })
            : vi('formSubmissionRef', { ref: d.dossierId })}
        </p>
        <p style={{ textAlign: 'center' }}>
          <strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong>
          <br />
          Độc lập - Tự do - Hạnh phúc
          <br />
          <em>{vi('formPlaceDate', { date: today })}</em>
        </p>
      </div>
      <p style={{ textAlign: 'right' }}>
        {formCitation(rulebookAtCheck(d), form === '02' ? 'supplementRequest' : 'refusal')}
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
  );
}
