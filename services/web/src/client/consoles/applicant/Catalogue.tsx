import { useEffect, useState } from 'preact/hooks';
import { catalogue, type TimeLimit } from '../../core/catalogue.js';
import { formatVnd } from '../../core/format.js';
import { type Lang, translate, useLang, useT } from '../../core/i18n.js';
import { documentFormName } from '../../core/names.js';
import { Link, navigate } from '../../core/router.js';
import { Loaded, PageTitle, SelectField, useAsync } from '../../core/ui.js';
import { departmentKinds, words } from './i18n.js';

/** How long typing must pause before the list follows: one request per word, not per key. */
const SEARCH_PAUSE_MS = 250;

export const timeLimitText = (l: TimeLimit, lang: Lang) =>
  translate(words, `unit.${l.unit}`, { n: l.value }, lang);

const kindName = (kind: string, lang: Lang) =>
  (departmentKinds[lang] as Record<string, string>)[kind] ?? kind;

/** The catalogue by field and by department, searched without diacritics by routing (`q`). */
export function CatalogueList({ query }: { query: URLSearchParams }) {
  const t = useT(words);
  const lang = useLang();
  const q = query.get('q') ?? '';
  const fieldCode = query.get('field') ?? '';
  const departmentKind = query.get('department') ?? '';
  const fields = useAsync(() => catalogue.fields(), []);
  const list = useAsync(
    () => catalogue.procedures({ q, fieldCode, departmentKind }),
    [q, fieldCode, departmentKind],
  );
  const setQuery = (name: string, value: string) => {
    const next = new URLSearchParams(query);
    if (value) next.set(name, value);
    else next.delete(name);
    navigate(`/applicant/procedures?${next}`, { replace: true });
  };
  // Searched as the applicant types (no Enter): the text is kept here, the query follows it after a pause.
  const [typed, setTyped] = useState(q);
  useEffect(() => {
    if (typed.trim() === q) return;
    const timer = setTimeout(() => setQuery('q', typed.trim()), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [typed]);

  return (
    <section>
      <PageTitle>{t('catalogueTitle')}</PageTitle>
      <form class="card grid" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="procedure-search">{t('searchLabel')}</label>
          <input
            id="procedure-search"
            type="search"
            value={typed}
            onInput={(e) => setTyped(e.currentTarget.value)}
            onChange={(e) => setQuery('q', e.currentTarget.value.trim())}
          />
        </div>
        <SelectField
          label={t('fieldLabel')}
          value={fieldCode}
          onChange={(e) => setQuery('field', e.currentTarget.value)}
          options={[
            { value: '', label: t('all') },
            ...(fields.data ?? []).map((f) => ({
              value: f.fieldCode,
              label: `${f.name} (${f.procedureCount})`,
            })),
          ]}
        />
        <SelectField
          label={t('departmentLabel')}
          value={departmentKind}
          onChange={(e) => setQuery('department', e.currentTarget.value)}
          options={[
            { value: '', label: t('all') },
            ...Object.keys(departmentKinds.vi).map((k) => ({ value: k, label: kindName(k, lang) })),
          ]}
        />
      </form>
      <Loaded state={list}>
        {(procedures) => (
          <>
            <p aria-live="polite">{t('results', { n: procedures.length })}</p>
            {procedures.length === 0 && <p>{t('noProcedures')}</p>}
            <ul class="procedures">
              {procedures.map((p) => (
                <li key={p.code} class="card">
                  <Link href={`/applicant/procedures/${p.code}`}>{p.name}</Link>
                  <div class="muted">
                    {p.code} · {timeLimitText(p.legalTimeLimit, lang)} ·{' '}
                    {p.departmentKinds.map((k) => kindName(k, lang)).join(', ')}
                  </div>
                </li>
              ))}
            </ul>
          </>
        )}
      </Loaded>
    </section>
  );
}

/** One procedure in full: documents, fees, time limit, legal basis (Decree 63/2010 publication). */
export function ProcedureDetails({ code }: { code: string }) {
  const t = useT(words);
  const lang = useLang();
  const state = useAsync(() => catalogue.procedure(code), [code]);
  return (
    <Loaded state={state}>
      {(p) => (
        <article>
          <PageTitle>{p.name}</PageTitle>
          <dl class="facts card">
            <dt>{t('code')}</dt>
            <dd>{p.code}</dd>
            <dt>{t('timeLimit')}</dt>
            <dd>{timeLimitText(p.legalTimeLimit, lang)}</dd>
            {p.result && (
              <>
                <dt>{t('result')}</dt>
                <dd>{p.result.name}</dd>
              </>
            )}
            {p.onlineService?.decree42 && (
              <>
                <dt>{t('online')}</dt>
                <dd>{p.onlineService.decree42 === 'full' ? t('onlineFull') : t('onlinePartial')}</dd>
              </>
            )}
          </dl>
          <h2>{t('documents')}</h2>
          <ol class="card">
            {p.requiredDocuments.map((d) => (
              <li key={d.name}>
                {d.name}
                {d.form ? ` (${documentFormName(d.form, lang)})` : ''} — {t('copies', { n: d.count ?? 1 })}
                {d.conditional && <div class="muted">{d.conditional}</div>}
              </li>
            ))}
          </ol>
          <h2>{t('fees')}</h2>
          <ul class="card">
            {p.fees.length === 0 && <li>{t('free')}</li>}
            {p.fees.map((f) => (
              <li key={f.name}>
                {f.name}:{' '}
                {f.amountVnd === 'free'
                  ? t('free')
                  : f.amountVnd === 'varies'
                    ? t('varies')
                    : formatVnd(f.amountVnd, lang)}
                {f.note && <span class="muted"> — {f.note}</span>}
              </li>
            ))}
          </ul>
          <h2>{t('legalBasis')}</h2>
          <ul class="card">
            {p.legalBasis.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
          <div class="actions">
            <Link class="button primary" href={`/applicant/submit?procedure=${p.code}`}>
              {t('submitThis')}
            </Link>
          </div>
        </article>
      )}
    </Loaded>
  );
}
