import { useState } from 'preact/hooks';
import { post, upload } from '../../core/api.js';
import type { Procedure } from '../../core/catalogue.js';
import { formatBytes, formatDate } from '../../core/format.js';
import { useLang, useT } from '../../core/i18n.js';
import { ErrorMessage } from '../../core/ui.js';
import { words } from './i18n.js';

export interface Scan {
  documentId: string;
  sha256: string;
  name: string;
  size: number;
}

export interface DocumentRow {
  name: string;
  required: boolean;
  conditional?: string;
  provided: boolean;
  original: boolean;
  count: number;
  scan?: Scan;
}

/** One row per document the catalogue asks for; conditional ones are not required. */
export const rowsOf = (p: Procedure): DocumentRow[] =>
  p.requiredDocuments.map((d) => ({
    name: d.name,
    required: !d.conditional,
    ...(d.conditional ? { conditional: d.conditional } : {}),
    provided: false,
    original: false,
    count: d.count ?? 1,
  }));

interface EarlierDocument extends Scan {
  uploadedAt: string;
}

/** The completeness checklist with scans: upload with progress, or re-use from earlier dossiers. */
export function DocumentChecklist(props: {
  rows: DocumentRow[];
  onChange: (rows: DocumentRow[]) => void;
  applicantIdNumber: string;
}) {
  const t = useT(words);
  const lang = useLang();
  const [progress, setProgress] = useState<Record<number, number>>({});
  const [error, setError] = useState<unknown>();
  const [earlier, setEarlier] = useState<EarlierDocument[]>();
  const validId = /^[0-9]{9,12}$/.test(props.applicantIdNumber);
  const set = (i: number, change: Partial<DocumentRow>) =>
    props.onChange(props.rows.map((r, j) => (j === i ? { ...r, ...change } : r)));

  const scan = async (i: number, file: File) => {
    if (!validId) {
      setError(new Error(t('needIdForScan')));
      return;
    }
    setError(undefined);
    try {
      const doc = await upload<Scan>(
        'intake',
        '/documents',
        { applicantIdNumber: props.applicantIdNumber, documentName: props.rows[i]!.name },
        file,
        (f) => setProgress((p) => ({ ...p, [i]: f })),
      );
      set(i, { scan: doc, provided: true });
    } catch (err) {
      setError(err);
    }
  };
  const loadEarlier = async () => {
    try {
      // The ID number goes in the body, never in a URL (access logs, history).
      const found = await post<{ documents: EarlierDocument[] }>('intake', '/applicant-documents/search', {
        idNumber: props.applicantIdNumber,
      });
      setEarlier(found.documents);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <fieldset>
      <legend>{t('checklistSection')}</legend>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('documents')}</th>
              <th scope="col">{t('provided')}</th>
              <th scope="col">{t('original')}</th>
              <th scope="col">{t('count')}</th>
              <th scope="col">{t('scan')}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r, i) => (
              <tr key={r.name}>
                <td>{i + 1}</td>
                <td>
                  {r.name}
                  <div class="muted">
                    {r.required ? t('required') : t('conditional', { when: r.conditional ?? '' })}
                  </div>
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${t('provided')}: ${r.name}`}
                    checked={r.provided}
                    onChange={(e) => set(i, { provided: e.currentTarget.checked })}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${t('original')}: ${r.name}`}
                    checked={r.original}
                    onChange={(e) => set(i, { original: e.currentTarget.checked })}
                  />
                </td>
                <td>
                  <input
                    type="number"
                    min={1}
                    max={1000}
                    style={{ width: '5rem' }}
                    aria-label={`${t('count')}: ${r.name}`}
                    value={r.count}
                    onInput={(e) => set(i, { count: Math.max(1, Number(e.currentTarget.value) || 1) })}
                  />
                </td>
                <td>
                  <input
                    type="file"
                    accept="application/pdf,image/jpeg,image/png,image/tiff"
                    aria-label={t('scanOf', { name: r.name })}
                    onChange={(e) => {
                      const file = e.currentTarget.files?.[0];
                      if (file) void scan(i, file);
                    }}
                  />
                  {progress[i] !== undefined && !r.scan && (
                    <progress max={1} value={progress[i]} aria-label={t('uploading', { percent: '' })}>
                      {t('uploading', { percent: `${Math.round((progress[i] ?? 0) * 100)}%` })}
                    </progress>
                  )}
                  {r.scan && (
                    <div class="badge badge-ok" role="status">
                      {t('uploaded', { name: r.scan.name, size: formatBytes(r.scan.size, lang) })}
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ErrorMessage error={error} />
      {validId && (
        <details
          class="card"
          onToggle={(e) => {
            if ((e.currentTarget as HTMLDetailsElement).open && !earlier) void loadEarlier();
          }}
        >
          <summary>{t('reuseSection')}</summary>
          {earlier && earlier.length === 0 && <p>{t('reuseNone')}</p>}
          <ul>
            {(earlier ?? []).map((d) => (
              <li key={d.documentId}>
                {d.name} ({formatBytes(d.size, lang)}, {formatDate(d.uploadedAt, lang)}){' '}
                <label>
                  {t('reuseFor')}{' '}
                  <select
                    onChange={(e) => {
                      const i = Number(e.currentTarget.value);
                      if (i >= 0) set(i, { scan: d, provided: true });
                    }}
                  >
                    <option value="-1">—</option>
                    {props.rows.map((r, i) => (
                      <option key={r.name} value={i}>
                        {r.name}
                      </option>
                    ))}
                  </select>
                </label>
              </li>
            ))}
          </ul>
        </details>
      )}
    </fieldset>
  );
}
