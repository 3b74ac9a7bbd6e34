// Report II.06a (Circular 01/2018): per center and field, received / resolved / in progress over a
// period, with filters, and the same figures exported as CSV or Excel by the monitoring service.
import { useState } from 'preact/hooks';
import { download } from '../../core/api.js';
import { centersToday } from '../../core/centers.js';
import { formatDate, formatDateTime, formatNumber } from '../../core/format.js';
import { useLang, useT } from '../../core/i18n.js';
import { session } from '../../core/session.js';
import { ErrorMessage, Field, Loaded, PageTitle, SelectField, useAsync } from '../../core/ui.js';
import {
  type Counts,
  type Report,
  type ReportQuery,
  reportOf,
  type SuccessionView,
  successionOf,
  takenOver,
} from './board-api.js';
import { centerChoices, saveBlob } from './files.js';
import { words } from './i18n.js';

const KINDS = ['month', 'quarter', 'half', 'nine-months', 'year'] as const;
type Kind = (typeof KINDS)[number];
const INDEXES: Record<Kind, number> = { month: 12, quarter: 4, half: 2, 'nine-months': 0, year: 0 };

export function ReportPage() {
  const t = useT(words);
  const now = new Date();
  const [kind, setKind] = useState<Kind>('month');
  const [year, setYear] = useState(String(now.getFullYear()));
  const [index, setIndex] = useState(String(now.getMonth() + 1));
  const choices = centerChoices(session.current()?.user, centersToday());
  const [centerId, setCenterId] = useState(choices.all ? '' : (choices.centers[0]?.centerId ?? ''));
  const form = (): ReportQuery => ({
    year,
    period: kind,
    index: INDEXES[kind] ? index : undefined,
    centerId: centerId || undefined,
  });
  const [query, setQuery] = useState<ReportQuery>(form);
  const state = useAsync(() => reportOf(query), [JSON.stringify(query)]);
  const succession = useAsync(() => successionOf(query), [JSON.stringify(query)]);
  const [exportError, setExportError] = useState<unknown>();

  const exportAs = async (ext: 'csv' | 'xlsx') => {
    setExportError(undefined);
    try {
      const qs = new URLSearchParams(Object.entries(query).filter(([, v]) => v) as [string, string][]);
      const blob = await download('monitoring', `/reports/ii06a.${ext}?${qs}`);
      saveBlob(blob, `II06a_${query.year}_${query.period}${query.index ? `_${query.index}` : ''}.${ext}`);
    } catch (e) {
      setExportError(e);
    }
  };

  return (
    <section>
      <PageTitle>{t('reportTitle')}</PageTitle>
      <form
        class="card actions"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(form());
        }}
      >
        <SelectField
          label={t('period')}
          value={kind}
          onChange={(e) => {
            const next = e.currentTarget.value as Kind;
            setKind(next);
            if (Number(index) > INDEXES[next]) setIndex('1');
          }}
          options={KINDS.map((k) => ({ value: k, label: t(`period.${k}`) }))}
        />
        <Field
          label={t('year')}
          type="number"
          min={2018}
          max={2100}
          required
          value={year}
          onInput={(e) => setYear(e.currentTarget.value)}
        />
        {INDEXES[kind] > 0 && (
          <SelectField
            label={t('index')}
            value={index}
            onChange={(e) => setIndex(e.currentTarget.value)}
            options={Array.from({ length: INDEXES[kind] }, (_, i) => ({
              value: String(i + 1),
              label: String(i + 1),
            }))}
          />
        )}
        <SelectField
          label={t('center')}
          value={centerId}
          onChange={(e) => setCenterId(e.currentTarget.value)}
          options={[
            ...(choices.all ? [{ value: '', label: t('allCenters') }] : []),
            ...choices.centers.map((c) => ({ value: c.centerId, label: c.name })),
          ]}
        />
        <button type="submit" class="primary">
          {t('show')}
        </button>
      </form>
      <div class="actions no-print">
        <button type="button" onClick={() => exportAs('csv')}>
          {t('exportCsv')}
        </button>
        <button type="button" onClick={() => exportAs('xlsx')}>
          {t('exportXlsx')}
        </button>
      </div>
      <ErrorMessage error={exportError} />
      <Loaded state={state}>{(report) => <ReportTable report={report} />}</Loaded>
      <Loaded state={succession}>{(view) => <SuccessionTable view={view} />}</Loaded>
    </section>
  );
}

function ReportTable({ report }: { report: Report }) {
  const t = useT(words);
  const lang = useLang();
  const n = (v: number) => formatNumber(v, lang);
  const cells = (c: Counts) => [
    c.received.total,
    c.received.online,
    c.received.counterOrPostal,
    c.received.carriedOver,
    c.resolved.total,
    c.resolved.early,
    c.resolved.onTime,
    c.resolved.late,
    c.inProgress.total,
    c.inProgress.withinTime,
    c.inProgress.overdue,
  ];
  const rows = report.rows.filter((r) => cells(r).some((v) => v > 0));
  return (
    <>
      <p class="muted">
        {t('periodRange', {
          from: formatDate(report.from, lang),
          to: formatDate(new Date(Date.parse(report.to) - 1), lang),
        })}
        {' · '}
        {t('asOf', { time: formatDateTime(report.asOf, lang) })}
      </p>
      <div class="table-wrap">
        <table data-testid="report">
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                {t('center')}
              </th>
              <th scope="col" rowSpan={2}>
                {t('field')}
              </th>
              <th scope="colgroup" colSpan={4}>
                {t('col.received')}
              </th>
              <th scope="colgroup" colSpan={4}>
                {t('col.resolved')}
              </th>
              <th scope="colgroup" colSpan={3}>
                {t('col.inProgress')}
              </th>
            </tr>
            <tr>
              {(
                [
                  'col.received',
                  'col.online',
                  'col.counter',
                  'col.carried',
                  'col.resolved',
                  'col.early',
                  'col.onTime',
                  'col.late',
                  'col.inProgress',
                  'col.within',
                  'col.overdue',
                ] as const
              ).map((k, i) => (
                <th scope="col" key={`${k}${i}`}>
                  {i === 0 || i === 4 || i === 8 ? t('totals') : t(k)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.centerId}/${r.fieldCode}`}>
                <th scope="row">{r.centerName}</th>
                <td>{r.fieldName}</td>
                {cells(r).map((v, i) => (
                  <td key={i}>{n(v)}</td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                {t('totals')}
              </th>
              {cells(report.totals).map((v, i) => (
                <td key={i} data-col={i}>
                  {n(v)}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}

/** Across a reorganisation (1 July 2025): which new units took over which old ones, and the rules in force. */
function SuccessionTable({ view }: { view: SuccessionView }) {
  const t = useT(words);
  const rows = takenOver(view);
  return (
    <div class="card" data-testid="succession">
      <h3>{t('successionTitle')}</h3>
      <p>{t('countingRule')}</p>
      {rows.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('successionOld')}</th>
              <th>{t('successionNew')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.centerId}>
                <td>
                  {r.name} ({r.validTo})
                </td>
                <td>{r.successors.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        {t('reportDefinitions')}:{' '}
        {view.reportDefinitions
          .map(
            (d) =>
              `${d.rulebookName}: ${d.reports.value.periodicForm}, ${d.reports.value.indicatorSet}${d.reports.verified ? '' : ` ${t('unverifiedMark')}`}`,
          )
          .join('; ')}
      </p>
    </div>
  );
}
