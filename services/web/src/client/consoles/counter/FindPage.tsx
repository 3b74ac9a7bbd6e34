import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, post } from '../../core/api.js';
import type { Dossier } from '../../core/dossier-words.js';
import { dossierWords } from '../../core/dossier-words.js';
import { formatDateTime } from '../../core/format.js';
import { useLang, useT } from '../../core/i18n.js';
import { Link, navigate } from '../../core/router.js';
import { session } from '../../core/session.js';
import { ErrorMessage, Field, PageTitle } from '../../core/ui.js';
import { words } from './i18n.js';

interface Hit {
  dossierId: string;
  dossierCode?: string;
  applicantFullName: string;
  procedureName: string;
  at: string;
}

/**
 * A full dossier code, an online submission's id or electronic receipt number (`YYMMDD-XXXXXXXX`), or a
 * receipt's QR link: one dossier, opened at once.
 */
function exactRef(text: string): string | undefined {
  let q = text.trim();
  try {
    q = new URL(q).searchParams.get('code') ?? q;
  } catch {
    // not a link
  }
  if (/^[0-9A-Za-z.]+-\d{6}-\d{4}$/.test(q)) return q.toUpperCase();
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(q)) return q.toLowerCase();
  if (/^\d{6}-[A-HJ-NP-Z2-9]{8}$/i.test(q)) return q.toUpperCase();
  return undefined;
}

/**
 * Find a dossier of this center by the applicant's name, phone or ID number, or by (part of) its code —
 * results as the officer types (intake's search index). Enter on a full code, an online submission's id
 * or a scanned QR link opens that dossier directly.
 */
export function FindPage() {
  const t = useT(words);
  const w = useT(dossierWords);
  const lang = useLang();
  const centerId = session.current()?.user.centerId ?? '';
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<{ query: string; hits: Hit[] }>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) {
      setHits(undefined);
      return;
    }
    let live = true;
    // a short pause while typing, so one search runs per word, not per key
    const timer = setTimeout(() => {
      post<{ hits: Hit[] }>('intake', `/centers/${encodeURIComponent(centerId)}/dossier-search`, { query: q })
        .then((r) => {
          if (!live) return;
          setError(undefined);
          setHits({ query: q, hits: r.hits });
        })
        .catch((e) => live && setError(e));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, centerId]);

  const open = async (e: Event) => {
    e.preventDefault();
    const ref = exactRef(query);
    if (!ref) return;
    try {
      const d = await get<Dossier>('intake', `/dossiers/${encodeURIComponent(ref)}`);
      navigate(`/counter/dossiers/${d.dossierId}`);
    } catch (err) {
      // a code not (yet) in the index's center: the list below says so
      if (!(err instanceof ApiError && err.status === 404)) setError(err);
    }
  };

  return (
    <section>
      <div class="card narrow">
        <PageTitle>{t('findTitle')}</PageTitle>
        <form onSubmit={open}>
          <Field
            label={t('findLabel')}
            type="search"
            required
            autoFocus
            autocomplete="off"
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
          <p class="muted">{t('findHint')}</p>
          <ErrorMessage error={error} />
          <button type="submit" class="primary">
            {t('findButton')}
          </button>
        </form>
      </div>
      {hits && (
        <section aria-label={t('findResults')}>
          <p role="status" data-testid="find-count">
            {hits.hits.length === 0
              ? t('findNone', { query: hits.query })
              : t('findCount', { n: hits.hits.length })}
          </p>
          {hits.hits.length > 0 && (
            <div class="table-wrap">
              <table data-testid="find-results">
                <thead>
                  <tr>
                    <th scope="col">{w('dossierCode')}</th>
                    <th scope="col">{w('applicant')}</th>
                    <th scope="col">{w('procedure')}</th>
                    <th scope="col">{t('findDate')}</th>
                  </tr>
                </thead>
                <tbody>
                  {hits.hits.map((h) => (
                    <tr key={h.dossierId}>
                      <td>
                        <Link href={`/counter/dossiers/${h.dossierId}`}>
                          {h.dossierCode ?? t('notYetCoded')}
                        </Link>
                      </td>
                      <td>{h.applicantFullName}</td>
                      <td>{h.procedureName}</td>
                      <td>{formatDateTime(h.at, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </section>
  );
}
