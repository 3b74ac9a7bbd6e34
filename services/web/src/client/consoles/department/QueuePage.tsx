// The department's work queue: every open task, the one due first on top; filters for the officer's
// own, the unassigned, the near-due and the overdue. Claiming updates the line from the command's answer.
// Applicant, procedure and due date come with each line (department's projection): no call per line.
import { useEffect, useState } from 'preact/hooks';
import { newCommandId, post } from '../../core/api.js';
import { dossierWords } from '../../core/dossier-words.js';
import { formatDate, formatDateTime } from '../../core/format.js';
import { useLang, useT } from '../../core/i18n.js';
import { officerName, unitName, useOfficerNames } from '../../core/names.js';
import { Link } from '../../core/router.js';
import { session } from '../../core/session.js';
import { Deadline, ErrorMessage, Field, Loaded, PageTitle, SelectField, useAsync } from '../../core/ui.js';
import { words } from './i18n.js';
import {
  allowedOnTask,
  FILTERS,
  filterQueue,
  type QueueFilter,
  queueOf,
  type Task,
  withTask,
} from './tasks.js';

export function QueuePage({ filter }: { filter: QueueFilter }) {
  const t = useT(words);
  const me = session.current()!.user;
  const departmentId = me.departmentId ?? '';
  const state = useAsync(() => queueOf(departmentId), [departmentId]);
  // The queue as this tab knows it: the service's answer, then each command's answer on top.
  const [local, setLocal] = useState<Task[] | undefined>();
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<unknown>();
  const tasks = local ?? state.data;

  const claim = async (task: Task) => {
    setError(undefined);
    try {
      const changed = await post<Task>('department', `/tasks/${task.taskId}/claim`, {
        commandId: newCommandId(),
      });
      setLocal(withTask(tasks ?? [], { ...task, ...changed }));
      setNotice(t('claimed', { code: task.dossierCode ?? '' }));
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section>
      <PageTitle>{t('queueTitle')}</PageTitle>
      <p class="muted">{t('queueOf', { department: unitName(departmentId) })}</p>
      <p role="status" class={notice ? 'alert alert-ok' : undefined}>
        {notice}
      </p>
      <ErrorMessage error={error} />
      <Loaded state={{ ...state, data: tasks }}>
        {(all) => <QueueTable tasks={all} filter={filter} onClaim={claim} />}
      </Loaded>
    </section>
  );
}

/** Lower case, no diacritics: officers type names as they come. */
const plain = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();

/** The center's dossiers matching a phone, ID number, name or part of a code (intake's search index). */
function useServerSearch(query: string): Set<string> | undefined {
  const [found, setFound] = useState<Set<string>>();
  const centerId = session.current()?.user.centerId ?? '';
  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) {
      setFound(undefined);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      post<{ hits: { dossierId: string }[] }>(
        'intake',
        `/centers/${encodeURIComponent(centerId)}/dossier-search`,
        { query: q },
      ).then(
        (r) => live && setFound(new Set(r.hits.map((h) => h.dossierId))),
        () => live && setFound(new Set()),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, centerId]);
  return found;
}

type DueFilter = 'any' | 'today' | 'week' | 'overdue';
const DUE_FILTERS: DueFilter[] = ['any', 'today', 'week', 'overdue'];

function dueMatches(due: string | undefined, filter: DueFilter, now: Date): boolean {
  if (filter === 'any') return true;
  if (!due) return false;
  const ms = Date.parse(due) - now.getTime();
  if (filter === 'overdue') return ms < 0;
  if (filter === 'today') return ms >= 0 && formatDate(due, 'vi') === formatDate(now, 'vi');
  return ms >= 0 && ms <= 7 * 24 * 3600_000;
}

function QueueTable(props: { tasks: Task[]; filter: QueueFilter; onClaim: (task: Task) => void }) {
  const t = useT(words);
  const td = useT(dossierWords);
  const lang = useLang();
  const me = session.current()!.user;
  const now = new Date();
  const officers = useOfficerNames(me.centerId);
  // the head follows each officer's queue too
  const [officer, setOfficer] = useState('');
  const [query, setQuery] = useState('');
  const [procedure, setProcedure] = useState('');
  const [due, setDue] = useState<DueFilter>('any');
  const found = useServerSearch(query);
  const assignees = [...new Set(props.tasks.flatMap((t) => (t.assignee ? [t.assignee] : [])))].sort();
  const procedures = [
    ...new Map(
      props.tasks.flatMap((t) =>
        t.procedureCode ? [[t.procedureCode, t.procedureName ?? t.procedureCode]] : [],
      ),
    ).entries(),
  ].sort((a, b) => a[1].localeCompare(b[1]));
  const q = plain(query.trim());
  const matchesQuery = (task: Task) => {
    if (!q) return true;
    const text = plain([task.dossierCode, task.applicantName, task.procedureName].join(' '));
    return text.includes(q) || (found?.has(task.dossierId) ?? false);
  };
  const inFilter = filterQueue(props.tasks, props.filter, me.userId, now);
  const shown = inFilter.filter(
    (task) =>
      (!officer || task.assignee === officer) &&
      matchesQuery(task) &&
      (!procedure || task.procedureCode === procedure) &&
      dueMatches(task.appointmentAt, due, now),
  );
  return (
    <>
      <nav aria-label={t('filter')}>
        <ul class="subnav">
          {FILTERS.map((f) => (
            <li key={f}>
              <Link
                href={f === 'all' ? '/department' : `/department?filter=${f}`}
                aria-current={f === props.filter ? 'page' : undefined}
              >
                {t(`filter.${f}`, { n: filterQueue(props.tasks, f, me.userId, now).length })}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div class="grid filters">
        <Field
          label={t('searchQueue')}
          type="search"
          autocomplete="off"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
        <SelectField
          label={t('procedureFilter')}
          value={procedure}
          onChange={(e) => setProcedure(e.currentTarget.value)}
          options={[
            { value: '', label: t('allProcedures') },
            ...procedures.map(([code, name]) => ({ value: code, label: name })),
          ]}
        />
        <SelectField
          label={t('dueFilter')}
          value={due}
          onChange={(e) => setDue(e.currentTarget.value as DueFilter)}
          options={DUE_FILTERS.map((f) => ({ value: f, label: t(`due.${f}`) }))}
        />
        {me.role === 'department_head' && (
          <SelectField
            label={t('byOfficer')}
            value={officer}
            onChange={(e) => setOfficer(e.currentTarget.value)}
            options={[
              { value: '', label: t('everyone') },
              ...assignees.map((o) => ({ value: o, label: officerName(officers, o) })),
            ]}
          />
        )}
      </div>
      <p class="muted" role="status" data-testid="queue-count">
        {t('shownOf', { n: shown.length, total: inFilter.length })}
      </p>
      {shown.length === 0 ? (
        <p class="muted">{t('emptyQueue')}</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="queue">
            <thead>
              <tr>
                <th scope="col">{td('dossierCode')}</th>
                <th scope="col">{td('applicant')}</th>
                <th scope="col">{td('procedure')}</th>
                <th scope="col">{t('step')}</th>
                <th scope="col">{t('assignee')}</th>
                <th scope="col">{t('stepDue')}</th>
                <th scope="col">{t('dossierDue')}</th>
                <th scope="col">{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((task) => {
                return (
                  <tr key={task.taskId} data-task={task.taskId}>
                    <td>
                      <Link href={`/department/tasks/${task.taskId}`}>
                        {task.dossierCode ?? task.dossierId}
                      </Link>
                    </td>
                    <td>{task.applicantName ?? '…'}</td>
                    <td>{task.procedureName ?? task.procedureCode ?? '…'}</td>
                    <td>{task.stepName}</td>
                    <td>
                      {task.assignee ? (
                        officerName(officers, task.assignee)
                      ) : (
                        <span class="muted">{t('unassigned')}</span>
                      )}
                    </td>
                    <td>
                      {formatDateTime(task.dueAt, lang)} <Deadline due={task.dueAt} />
                    </td>
                    <td>{task.appointmentAt ? formatDateTime(task.appointmentAt, lang) : '…'}</td>
                    <td>
                      {allowedOnTask(task, me).claim && (
                        <button
                          type="button"
                          aria-label={`${t('claim')} ${task.dossierCode ?? ''}`}
                          onClick={() => props.onClaim(task)}
                        >
                          {t('claim')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
