// Small building blocks every console shares: labelled fields (accessibility: every input has a
// <label>), error messages in the current language, loading of async data, deadlines in plain words.
import type { ComponentChildren, JSX } from 'preact';
import { useCallback, useEffect, useId, useState } from 'preact/hooks';
import { ApiError, get } from './api.js';
import { catalogue } from './catalogue.js';
import { common } from './common-i18n.js';
import { pick, useLang, useT } from './i18n.js';
import { remainingWorkingDays, type YearDays, yearsBetween } from './working-days.js';

export interface Async<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Loads data for a component; `deps` change ⇒ it loads again. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]): Async<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** An error in the user's language; the services' stable code is kept for support. */
export function ErrorMessage({ error }: { error: unknown }) {
  const lang = useLang();
  if (!error) return null;
  const text =
    error instanceof ApiError
      ? pick(error.messages, lang)
      : error instanceof Error
        ? error.message
        : String(error);
  return (
    <p class="alert alert-error" role="alert" data-code={error instanceof ApiError ? error.code : undefined}>
      {text}
    </p>
  );
}

export function Loading() {
  const t = useT(common);
  return (
    <p class="muted" aria-live="polite">
      {t('loading')}
    </p>
  );
}

/** Shows loading, then the error or the children built from the data. */
export function Loaded<T>(props: { state: Async<T>; children: (data: T) => ComponentChildren }) {
  if (props.state.error) return <ErrorMessage error={props.state.error} />;
  if (props.state.data === undefined) return <Loading />;
  return <>{props.children(props.state.data)}</>;
}

type InputProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'label'> & { label: string; hint?: string };

export function Field({ label, hint, id, ...input }: InputProps) {
  const generated = useId();
  const fieldId = (id as string | undefined) ?? generated;
  return (
    <div class="field">
      <label for={fieldId}>{label}</label>
      <input id={fieldId} aria-describedby={hint ? `${fieldId}-hint` : undefined} {...input} />
      {hint && (
        <small id={`${fieldId}-hint`} class="muted">
          {hint}
        </small>
      )}
    </div>
  );
}

type SelectProps = Omit<JSX.SelectHTMLAttributes<HTMLSelectElement>, 'label'> & {
  label: string;
  options: { value: string; label: string }[];
};

export function SelectField({ label, options, id, ...select }: SelectProps) {
  const generated = useId();
  const fieldId = (id as string | undefined) ?? generated;
  return (
    <div class="field">
      <label for={fieldId}>{label}</label>
      <select id={fieldId} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

type TextAreaProps = Omit<JSX.TextareaHTMLAttributes<HTMLTextAreaElement>, 'label'> & { label: string };

export function TextAreaField({ label, id, ...area }: TextAreaProps) {
  const generated = useId();
  const fieldId = (id as string | undefined) ?? generated;
  return (
    <div class="field">
      <label for={fieldId}>{label}</label>
      <textarea id={fieldId} {...area} />
    </div>
  );
}

/** The page's one <h1>, also the tab's title. */
export function PageTitle({ children }: { children: string }) {
  const t = useT(common);
  useEffect(() => {
    document.title = `${children} — ${t('appName')}`;
  }, [children, t]);
  return <h1>{children}</h1>;
}

// One fetch per calendar year for the page's life: routing publishes a year rarely.
const calendarYears = new Map<number, Promise<YearDays>>();
function calendarYear(year: number): Promise<YearDays> {
  let p = calendarYears.get(year);
  if (!p) {
    p = get<{ current: YearDays }>('routing', `/calendar/years/${year}`).then((y) => ({
      year,
      daysOff: y.current?.daysOff ?? [],
      workingSaturdays: y.current?.workingSaturdays ?? [],
    }));
    p.catch(() => calendarYears.delete(year));
    calendarYears.set(year, p);
  }
  return p;
}

/** A procedure's time limit in working days (routing's catalogue), when it is counted that way. */
async function limitDaysOf(procedureCode?: string): Promise<number | undefined> {
  if (!procedureCode) return undefined;
  const limit = (await catalogue.procedure(procedureCode).catch(() => undefined))?.legalTimeLimit;
  return limit?.unit === 'working_days' ? limit.value : undefined;
}

/**
 * "còn 2 ngày làm việc" / "quá hạn 1 ngày làm việc" before a due instant, on routing's calendar.
 * With `procedureCode`, what is left never exceeds the procedure's time limit (see remainingWorkingDays).
 */
export function Deadline({ due, now, procedureCode }: { due: string; now?: Date; procedureCode?: string }) {
  const t = useT(common);
  const at = now ?? new Date();
  const state = useAsync(
    () =>
      Promise.all([
        Promise.all(yearsBetween(at, new Date(due)).map(calendarYear)),
        limitDaysOf(procedureCode),
      ]),
    [due, at.toDateString(), procedureCode],
  );
  if (!state.data) return null;
  const [years, limitDays] = state.data;
  const r = remainingWorkingDays(at, new Date(due), years, limitDays);
  const [text, tone] =
    r.kind === 'left'
      ? [t('dueLeft', { n: r.days }), r.days <= 1 ? 'warn' : 'ok']
      : r.kind === 'today'
        ? [t('dueToday'), 'warn']
        : [r.days === 0 ? t('overdueToday') : t('overdue', { n: r.days }), 'late'];
  return <span class={`badge badge-${tone}`}>{text}</span>;
}
