// The department's work queue: every open task, the one due first on top; filters for the officer's
// own, the unassigned, the near-due and the overdue. Claiming updates the line from the command's answer.
import { useState } from 'preact/hooks';
import { newCommandId, post } from '../../core/api.js';
import { dossierWords } from '../../core/dossier-words.js';
import { formatDateTime } from '../../core/format.js';
import { useLang, useT } from '../../core/i18n.js';
import { unitName } from '../../core/names.js';
import { Link } from '../../core/router.js';
import { session } from '../../core/session.js';
import { Deadline, ErrorMessage, Loaded, PageTitle, SelectField, useAsync } from '../../core/ui.js';
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

function QueueTable(props: { tasks: Task[]; filter: QueueFilter; onClaim: (task: Task) => void }) {
  const t = useT(words);
  const td = useT(dossierWords);
  const lang = useLang();
  const me = session.current()!.user;
  const now = new Date();
  // the head follows each officer's queue too
  const [officer, setOfficer] = useState('');
  const officers = [...new Set(props.tasks.flatMap((t) => (t.assignee ? [t.assignee] : [])))].sort();
  const shown = filterQueue(props.tasks, props.filter, me.userId, now).filter(
    (task) => !officer || task.assignee === officer,
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
      {me.role === 'department_head' && (
        <SelectField
          label={t('byOfficer')}
          value={officer}
          onChange={(e) => setOfficer(e.currentTarget.value)}
          options={[{ value: '', label: t('everyone') }, ...officers.map((o) => ({ value: o, label: o }))]}
        />
      )}
      {shown.length === 0 ? (
        <p class="muted">{t('emptyQueue')}</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="queue">
            <thead>
              <tr>
                <th scope="col">{td('dossierCode')}</th>
                <th scope="col">{t('step')}</th>
                <th scope="col">{t('assignee')}</th>
                <th scope="col">{t('stepDue')}</th>
                <th scope="col">{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((task) => (
                <tr key={task.taskId} data-task={task.taskId}>
                  <td>
                    <Link href={`/department/tasks/${task.taskId}`}>
                      {task.dossierCode ?? task.dossierId}
                    </Link>
                  </td>
                  <td>{task.stepName}</td>
                  <td>{task.assignee ?? <span class="muted">{t('unassigned')}</span>}</td>
                  <td>
                    {formatDateTime(task.dueAt, lang)} <Deadline due={task.dueAt} />
                  </td>
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
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
