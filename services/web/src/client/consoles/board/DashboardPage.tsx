// The board's dashboard for a year: on-time rate by center and by field month by month, received vs
// resolved, the centers compared, fields without dossiers, and the overdue and near-due dossiers.
import { useMemo, useState } from 'preact/hooks';
import { centersToday } from '../../core/centers.js';
import { formatDateTime, formatNumber } from '../../core/format.js';
import { type Lang, translate, useLang, useT } from '../../core/i18n.js';
import { Link } from '../../core/router.js';
import { session } from '../../core/session.js';
import { Deadline, Loaded, PageTitle, SelectField, useAsync } from '../../core/ui.js';
import {
  type Comparison,
  centerTotals,
  type DueEntry,
  dashboardOf,
  fieldsWithoutDossiers,
  type Report,
  rateSeries,
} from './board-api.js';
import { ChartFigure } from './Chart.js';
import { centerChoices, monthLabel, percent, shortCenter } from './files.js';
import { words } from './i18n.js';

interface Data {
  byCenter: Comparison;
  byField: Comparison;
  year: Report;
  due: { centerName: string; overdue: DueEntry[]; nearDue: DueEntry[] }[];
}

async function load(year: number, centerId: string): Promise<Data> {
  // the whole first screen in one read (monitoring reads the year's facts once for all of it)
  const { byCenter, byField, report, due } = await dashboardOf(year, centerId || undefined);
  return { byCenter, byField, year: report, due: due.centers };
}

export function DashboardPage() {
  const t = useT(words);
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  // center managers and the leadership see their own center only (the service refuses the others)
  const choices = centerChoices(session.current()?.user, centersToday());
  const [centerId, setCenterId] = useState(choices.all ? '' : (choices.centers[0]?.centerId ?? ''));
  const state = useAsync(() => load(year, centerId), [year, centerId]);
  return (
    <section>
      <PageTitle>{t('dashboardTitle')}</PageTitle>
      <div class="actions">
        <SelectField
          label={t('year')}
          value={String(year)}
          onChange={(e) => setYear(Number(e.currentTarget.value))}
          options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({
            value: String(y),
            label: String(y),
          }))}
        />
        <SelectField
          label={t('center')}
          value={centerId}
          onChange={(e) => setCenterId(e.currentTarget.value)}
          options={[
            ...(choices.all ? [{ value: '', label: t('allCenters') }] : []),
            ...choices.centers.map((c) => ({ value: c.centerId, label: c.name })),
          ]}
        />
      </div>
      <Loaded state={state}>{(data) => <Dashboard data={data} />}</Loaded>
    </section>
  );
}

/** How many months of `year` have begun by now. */
const monthsBegunIn = (year: number, now = new Date()) =>
  year < now.getFullYear() ? 12 : year > now.getFullYear() ? 0 : now.getMonth() + 1;

function Dashboard({ data }: { data: Data }) {
  const t = useT(words);
  const lang = useLang();
  const centers = centerTotals(data.year);
  const empty = fieldsWithoutDossiers(data.year);
  // one set of chart inputs per data and language: a chart is drawn again only when they change
  const charts = useMemo(() => {
    const months = (data.byCenter.series[0]?.months ?? []).map((m) => monthLabel(m.month, lang));
    const sum = (pick: 'received' | 'resolved') =>
      months.map((_, i) => data.byCenter.series.reduce((n, s) => n + (s.months[i]?.[pick] ?? 0), 0));
    const say = (key: 'received' | 'resolved') => translate(words, key, undefined, lang);
    return {
      months,
      pct: (v: number | null) => (v === null ? '—' : `${formatNumber(v, lang)} %`),
      num: (v: number | null) => (v === null ? '—' : formatNumber(v, lang)),
      byCenter: rateSeries(data.byCenter, monthsBegunIn(data.byCenter.year)).map((x) => ({
        ...x,
        label: shortCenter(x.label),
      })),
      byField: rateSeries(data.byField, monthsBegunIn(data.byField.year)),
      flow: [
        { label: say('received'), values: sum('received') },
        { label: say('resolved'), values: sum('resolved') },
      ],
      centerNames: centerTotals(data.year).map((c) => shortCenter(c.name)),
      centerSeries: [
        { label: say('received'), values: centerTotals(data.year).map((c) => c.received) },
        { label: say('resolved'), values: centerTotals(data.year).map((c) => c.resolved) },
      ],
    };
  }, [data, lang]);
  return (
    <>
      <div class="grid" style={{ gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 26rem), 1fr))' }}>
        <ChartFigure
          id="on-time-center"
          title={t('onTimeByCenter')}
          kind="line"
          labels={charts.months}
          series={charts.byCenter}
          format={charts.pct}
          rowHeader={t('month')}
          max={100}
        />
        <ChartFigure
          id="on-time-field"
          title={t('onTimeByField')}
          kind="line"
          labels={charts.months}
          series={charts.byField}
          format={charts.pct}
          rowHeader={t('month')}
          max={100}
        />
        <ChartFigure
          id="received-resolved"
          title={t('receivedResolved')}
          kind="bar"
          labels={charts.months}
          series={charts.flow}
          format={charts.num}
          rowHeader={t('month')}
        />
        <ChartFigure
          id="centers"
          title={t('centerComparison')}
          kind="bar"
          labels={charts.centerNames}
          series={charts.centerSeries}
          format={charts.num}
          rowHeader={t('center')}
        />
      </div>
      <h2>{t('centerComparison')}</h2>
      <div class="table-wrap">
        <table data-testid="center-comparison">
          <thead>
            <tr>
              <th scope="col">{t('center')}</th>
              <th scope="col">{t('received')}</th>
              <th scope="col">{t('resolved')}</th>
              <th scope="col">{t('onTimeRate')}</th>
            </tr>
          </thead>
          <tbody>
            {centers.map((c) => (
              <tr key={c.centerId}>
                <th scope="row">{c.name}</th>
                <td>{formatNumber(c.received, lang)}</td>
                <td>{formatNumber(c.resolved, lang)}</td>
                <td>{percent(c.onTimeRate, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <DueTable
        title={t('overdueList')}
        empty={t('noOverdue')}
        testId="overdue"
        lang={lang}
        entries={data.due.flatMap((d) => d.overdue.map((e) => ({ ...e, centerName: d.centerName })))}
      />
      <DueTable
        title={t('nearDueList')}
        empty={t('noNearDue')}
        testId="near-due"
        lang={lang}
        entries={data.due.flatMap((d) => d.nearDue.map((e) => ({ ...e, centerName: d.centerName })))}
      />
      <h2>{t('fieldsWithout')}</h2>
      {empty.length === 0 ? (
        <p class="muted">{t('allFieldsHave')}</p>
      ) : (
        <ul data-testid="fields-without">
          {empty.map((f) => (
            <li key={f.fieldCode}>{f.fieldName}</li>
          ))}
        </ul>
      )}
    </>
  );
}

function DueTable(props: {
  title: string;
  empty: string;
  testId: string;
  lang: Lang;
  entries: (DueEntry & { centerName: string })[];
}) {
  const t = useT(words);
  return (
    <>
      <h2>{props.title}</h2>
      {props.entries.length === 0 ? (
        <p class="muted">{props.empty}</p>
      ) : (
        <div class="table-wrap">
          <table data-testid={props.testId}>
            <thead>
              <tr>
                <th scope="col">{t('dossierRef')}</th>
                <th scope="col">{t('center')}</th>
                <th scope="col">{t('dueAt')}</th>
                <th scope="col">{t('openSteps')}</th>
              </tr>
            </thead>
            <tbody>
              {props.entries.map((e) => (
                <tr key={e.dossierId}>
                  <td>
                    <Link href={`/board/dossiers/${encodeURIComponent(e.dossierCode)}`}>{e.dossierCode}</Link>
                  </td>
                  <td>{e.centerName}</td>
                  <td>
                    {formatDateTime(e.dueAt, props.lang)}{' '}
                    {e.paused ? `(${t('paused')})` : <Deadline due={e.dueAt} />}
                  </td>
                  <td>
                    {e.steps.map((s) => `${s.stepName}${s.officerId ? ` — ${s.officerId}` : ''}`).join('; ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
