// One task: the dossier with its documents and timeline, where the workflow stands, and the actions the
// officer's role and the task's state allow. Every answer updates the page at once (read-your-writes).
import { useState } from 'preact/hooks';
import { ApiError, download, get, getFromLog, openBlob } from '../../core/api.js';
import { catalogue } from '../../core/catalogue.js';
import { type Dossier, dossierWords } from '../../core/dossier-words.js';
import { eventLabel, type Timeline } from '../../core/event-words.js';
import { formatDateTime } from '../../core/format.js';
import { type Lang, useLang, useT } from '../../core/i18n.js';
import { rulebookOf, statusBasis } from '../../core/legal-basis.js';
import { actorName, documentFormName, officerName, unitName, useOfficerNames } from '../../core/names.js';
import { ResultFile } from '../../core/result-file.js';
import { Link } from '../../core/router.js';
import { session } from '../../core/session.js';
import { dossierStatus, statusText, taskStatusText } from '../../core/status-words.js';
import { Deadline, ErrorMessage, Loaded, PageTitle, useAsync } from '../../core/ui.js';
import { words } from './i18n.js';
import { type RouteView, TaskActionsPanel } from './TaskActions.js';
import { allowedOnTask, queueUntil, type Task } from './tasks.js';

/** intake's view of the dossier, with the documents handed in (reception, then supplements). */
type DossierWithDocuments = Dossier & {
  documents?: { name: string; original?: boolean; count?: number; documentId?: string }[];
};

interface TaskData {
  task: Task;
  dossier: DossierWithDocuments;
  route: RouteView;
  /** Undefined when the role may not read the audit trail (line officers). */
  timeline?: Timeline;
  /** Whether the procedure issues an electronic result (routing's catalogue). */
  electronicResult: boolean;
}

async function load(taskId: string): Promise<TaskData> {
  const task = await get<Task>('department', `/tasks/${taskId}`);
  // the task exists, so the dossier does: a 404 from a read side means it is still being recorded
  const known = async () => true;
  const [dossier, route, timeline] = await Promise.all([
    get<DossierWithDocuments>('intake', `/dossiers/${task.dossierId}`),
    getFromLog<RouteView>('routing', `/dossiers/${task.dossierId}/route`, { known }),
    getFromLog<Timeline>('monitoring', `/dossiers/${task.dossierId}/timeline`, { known }).catch((e) => {
      if (e instanceof ApiError && e.status === 403) return undefined;
      throw e;
    }),
  ]);
  const procedure = await catalogue.procedure(dossier.procedureCode);
  return {
    task,
    dossier,
    route,
    timeline,
    electronicResult: !!procedure.result?.types.includes('electronic'),
  };
}

/** Opens a scanned document in a new tab (intake serves it inline, sandboxed; PDF and images only). */
async function openDocument(documentId: string, name: string): Promise<void> {
  openBlob(await download('intake', `/documents/${encodeURIComponent(documentId)}?disposition=inline`), name);
}

/** The task is the workflow's last step: its officer signs the result and may attach the electronic file. */
const isLastStep = (task: Task, route: RouteView): boolean => route.workflow?.at(-1)?.stepId === task.stepId;

/** Routing's process status as the dossier's national status; a refusal after appraisal reads "refused". */
const processWord = (status: string, lang: Lang): string =>
  status === 'refused'
    ? dossierWords[lang]['outcome.refused']
    : statusText(dossierStatus({ status: 'received', process: { status } }), lang);

/** Re-reads routing's view until the hand-over shows (the next step or the result), a minute at most. */
async function routeAfter(dossierId: string, leftStep: string, attempts = 240): Promise<RouteView> {
  let route = await get<RouteView>('routing', `/dossiers/${dossierId}/route`);
  for (let i = 1; i < attempts && (route.currentSteps ?? []).some((s) => s.stepId === leftStep); i++) {
    await new Promise((r) => setTimeout(r, 250));
    route = await get<RouteView>('routing', `/dossiers/${dossierId}/route`);
  }
  return route;
}

export function TaskPage({ taskId }: { taskId: string }) {
  const state = useAsync(() => load(taskId), [taskId]);
  return <Loaded state={state}>{(data) => <TaskView initial={data} />}</Loaded>;
}

function TaskView({ initial }: { initial: TaskData }) {
  const t = useT(words);
  const td = useT(dossierWords);
  const lang = useLang();
  const me = session.current()!.user;
  const [task, setTask] = useState(initial.task);
  const [route, setRoute] = useState(initial.route);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<unknown>();
  const [dossier, setDossier] = useState(initial.dossier);
  const { timeline, electronicResult } = initial;
  const reloadDossier = () =>
    get<DossierWithDocuments>('intake', `/dossiers/${dossier.dossierId}`).then(setDossier, setError);
  const allowed = allowedOnTask(task, me);
  const code = task.dossierCode ?? dossier.dossierCode ?? '';
  const book = rulebookOf(dossier);

  const onTask = (next: Task) => {
    setTask(next);
    if (next.status !== 'queued') routeAfter(next.dossierId, next.stepId).then(setRoute, setError);
  };
  const onDecided = (next: RouteView, ends: boolean) => {
    setRoute(next);
    if (!ends) return;
    // routing ends the dossier's tasks through the log: wait until the queue shows it, then re-read
    queueUntil(task.departmentId, (q) => !q.some((x) => x.taskId === task.taskId))
      .then(() => get<Task>('department', `/tasks/${task.taskId}`))
      .then(setTask, setError);
  };
  const documents = dossier.documents ?? [];
  const officers = useOfficerNames(dossier.centerId);

  return (
    <section>
      <PageTitle>{t('taskTitle', { code, step: task.stepName })}</PageTitle>
      <p>
        <Link href="/department">{t('backToQueue')}</Link>
      </p>
      <p role="status" data-testid="notice" class={notice ? 'alert alert-ok' : undefined}>
        {notice}
      </p>
      <ErrorMessage error={error} />
      <div class="grid">
        <div class="card">
          <h2>{t('dossierFacts')}</h2>
          <dl class="facts">
            <dt>{td('dossierCode')}</dt>
            <dd>{code}</dd>
            <dt>{td('procedure')}</dt>
            <dd>{dossier.procedureName}</dd>
            <dt>{td('applicant')}</dt>
            <dd>{dossier.applicantFullName}</dd>
            <dt>{td('receivedAt')}</dt>
            <dd>{formatDateTime(dossier.receivedAt, lang)}</dd>
            <dt>{t('appointment')}</dt>
            <dd>
              {formatDateTime(route.appointmentAt ?? dossier.appointmentAt, lang)}{' '}
              {route.status === 'processing' && route.appointmentAt && (
                <Deadline due={route.appointmentAt} procedureCode={dossier.procedureCode} />
              )}
            </dd>
            <dt>{t('processStatus')}</dt>
            <dd>
              <span data-testid="process-status">{processWord(route.status, lang)}</span>{' '}
              <small class="muted" data-testid="status-basis">
                {td('statusBasis', { basis: statusBasis(book) })}
              </small>
            </dd>
            <dt>{td('rulebook')}</dt>
            <dd data-testid="dossier-rulebook">{book.name}</dd>
          </dl>
        </div>
        <div class="card">
          <h2>{t('taskFacts')}</h2>
          <dl class="facts">
            <dt>{t('step')}</dt>
            <dd>{task.stepName}</dd>
            <dt>{t('assignee')}</dt>
            <dd data-testid="assignee">
              {task.assignee ? officerName(officers, task.assignee) : t('unassigned')}
            </dd>
            <dt>{t('stepDue')}</dt>
            <dd>
              {formatDateTime(task.dueAt, lang)} {task.status === 'queued' && <Deadline due={task.dueAt} />}
            </dd>
            <dt>{t('taskStatus')}</dt>
            <dd data-testid="task-status">{taskStatusText(task, lang)}</dd>
            <dt>{t('records')}</dt>
            <dd>{task.records ?? 0}</dd>
          </dl>
        </div>
      </div>
      <WorkflowNow route={route} />
      <h2>{t('actions')}</h2>
      {allowed.claim || allowed.assign || allowed.work ? (
        <div class="grid">
          <TaskActionsPanel
            task={task}
            allowed={allowed}
            route={route}
            rulebook={book}
            onTask={onTask}
            onDecided={onDecided}
            say={setNotice}
            resultFile={
              electronicResult &&
              allowed.work &&
              isLastStep(task, route) && <ResultFile dossier={dossier} onDone={reloadDossier} />
            }
          />
        </div>
      ) : (
        <p class="muted">{t('noActions')}</p>
      )}
      <h2>{t('documents')}</h2>
      <p class="muted">{t('filesNote')}</p>
      <ul data-testid="documents">
        {documents.map((d, i) => (
          // a supplement may repeat a document's name: the position tells them apart
          <li key={i}>
            {d.documentId ? (
              <button
                type="button"
                class="link"
                aria-label={t('openFile', { name: d.name })}
                onClick={() => openDocument(d.documentId!, d.name).catch(setError)}
              >
                {d.name}
              </button>
            ) : (
              d.name
            )}{' '}
            ({documentFormName(d.original ? 'original' : 'copy', lang)}, {d.count ?? 1}
            {d.documentId ? '' : `, ${t('noFile')}`})
          </li>
        ))}
      </ul>
      <h2>{t('timeline')}</h2>
      {timeline ? (
        <ol class="timeline" data-testid="timeline">
          {timeline.entries.map((e) => (
            <li key={e.eventId}>
              <strong>{eventLabel(e, lang)}</strong> — {formatDateTime(e.occurredAt, lang)} —{' '}
              {actorName(e.actor, { applicantName: dossier.applicantFullName, officers, lang })}
            </li>
          ))}
        </ol>
      ) : (
        <p class="muted">{t('timelineHidden')}</p>
      )}
    </section>
  );
}

/** Where the dossier is now: the step(s) at work, or the process's end. */
function WorkflowNow({ route }: { route: RouteView }) {
  const t = useT(words);
  const lang = useLang();
  const now = route.currentSteps ?? [];
  return (
    <div class="card" data-testid="workflow-now">
      <h2>{t('nowAt')}</h2>
      {now.length > 0 ? (
        <ul>
          {now.map((s) => (
            <li key={s.stepId}>
              {s.name} — {s.departmentName ?? unitName(s.departmentId ?? '')}
            </li>
          ))}
        </ul>
      ) : (
        <p>{processWord(route.status, lang)}</p>
      )}
    </div>
  );
}
