// The actions the domain allows on a task, and only those: the department's (assign, record,
// complete, return) and, on the whole dossier, routing's decisions (supplement, financial obligation,
// refusal, apology with a new date, stop). Each answers with the new state the page shows at once.
import { useState } from 'preact/hooks';
import { post } from '../../core/api.js';
import { useT } from '../../core/i18n.js';
import { Field, SelectField, TextAreaField } from '../../core/ui.js';
import { ActionForm, lines, vietnamInstant } from './ActionForm.js';
import { words } from './i18n.js';
import type { Allowed, Task } from './tasks.js';

export interface RouteView {
  status: string;
  appointmentAt?: string;
  apologyIssued?: boolean;
  /** The steps at work now (several when an interconnected group runs in parallel). */
  currentSteps?: { stepId: string; name: string; departmentId?: string; departmentName?: string }[];
  workflow?: { stepId: string; name: string; departmentName?: string; stage?: number }[];
}

type Say = (message: string) => void;

export function TaskActions(props: { task: Task; allowed: Allowed; onTask: (t: Task) => void; say: Say }) {
  const t = useT(words);
  const { task, allowed } = props;
  const act = async (path: string, body: object, message: string) => {
    const changed = await post<Task>('department', `/tasks/${task.taskId}/${path}`, body);
    props.onTask({ ...task, ...changed });
    props.say(message);
  };
  const [officerId, setOfficerId] = useState('');
  const [kind, setKind] = useState('verification');
  const [counterpart, setCounterpart] = useState('');
  const [note, setNote] = useState('');
  const [deadline, setDeadline] = useState('');
  const [opinion, setOpinion] = useState('');
  const code = task.dossierCode ?? '';
  return (
    <>
      {allowed.claim && (
        <ActionForm
          title={t('claim')}
          submit={t('claim')}
          run={(commandId) => act('claim', { commandId }, t('claimed', { code }))}
        />
      )}
      {allowed.assign && (
        <ActionForm
          title={t('assignTitle')}
          submit={t('assign')}
          run={(commandId) =>
            act(
              'assignment',
              { commandId, officerId: officerId.trim() },
              t('assigned', { code, officer: officerId }),
            )
          }
        >
          <Field
            label={t('officerId')}
            required
            autocomplete="off"
            value={officerId}
            onInput={(e) => setOfficerId(e.currentTarget.value)}
          />
        </ActionForm>
      )}
      {allowed.work && (
        <>
          <ActionForm
            title={t('completeTitle')}
            submit={t('complete')}
            run={(commandId) =>
              act('complete', { commandId, note: opinion }, t('completed', { step: task.stepName, code }))
            }
          >
            <TextAreaField
              label={t('completeNote')}
              maxLength={2000}
              value={opinion}
              onInput={(e) => setOpinion(e.currentTarget.value)}
            />
          </ActionForm>
          <ActionForm
            title={t('recordTitle')}
            submit={t('record')}
            run={(commandId) =>
              act(
                'records',
                {
                  commandId,
                  kind,
                  counterpart,
                  note,
                  ...(deadline ? { deadline: vietnamInstant(deadline) } : {}),
                },
                t('recorded'),
              )
            }
          >
            <SelectField
              label={t('recordKind')}
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value)}
              options={[
                { value: 'verification', label: t('kind.verification') },
                { value: 'consultation', label: t('kind.consultation') },
              ]}
            />
            <Field
              label={t('counterpart')}
              required
              maxLength={300}
              value={counterpart}
              onInput={(e) => setCounterpart(e.currentTarget.value)}
            />
            <TextAreaField
              label={t('note')}
              maxLength={4000}
              value={note}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
            <Field
              label={t('deadline')}
              type="datetime-local"
              value={deadline}
              onInput={(e) => setDeadline(e.currentTarget.value)}
            />
          </ActionForm>
        </>
      )}
    </>
  );
}

/** Sending back: only to a step before this one in the dossier's workflow. */
export function ReturnAction(props: { task: Task; route: RouteView; onTask: (t: Task) => void; say: Say }) {
  const t = useT(words);
  const workflow = props.route.workflow ?? [];
  const here = workflow.findIndex((s) => s.stepId === props.task.stepId);
  const earlier = here > 0 ? workflow.slice(0, here) : [];
  const [toStepId, setToStepId] = useState(earlier.at(-1)?.stepId ?? '');
  const [reason, setReason] = useState('');
  if (earlier.length === 0) return null;
  return (
    <ActionForm
      title={t('returnTitle')}
      submit={t('returnStep')}
      danger
      run={async (commandId) => {
        const changed = await post<Task>('department', `/tasks/${props.task.taskId}/return`, {
          commandId,
          toStepId,
          reason,
        });
        props.onTask({ ...props.task, ...changed });
        props.say(t('returned', { code: props.task.dossierCode ?? '' }));
      }}
    >
      <SelectField
        label={t('toStep')}
        value={toStepId}
        onChange={(e) => setToStepId(e.currentTarget.value)}
        options={earlier.map((s) => ({ value: s.stepId, label: s.name }))}
      />
      <TextAreaField
        label={t('reason')}
        required
        maxLength={2000}
        value={reason}
        onInput={(e) => setReason(e.currentTarget.value)}
      />
    </ActionForm>
  );
}

/** Routing's decisions on the whole dossier, while it is being processed. */
export function DossierDecisions(props: {
  task: Task;
  allowed: Allowed;
  route: RouteView;
  onDecided: (route: RouteView, ends: boolean) => void;
  say: Say;
}) {
  const t = useT(words);
  const { task, allowed, route } = props;
  const [missing, setMissing] = useState('');
  const [why, setWhy] = useState('');
  const [amount, setAmount] = useState('');
  const [description, setDescription] = useState('');
  const [reasons, setReasons] = useState('');
  const [newDate, setNewDate] = useState('');
  const [apologyReason, setApologyReason] = useState('');
  const [stopReason, setStopReason] = useState('');
  if (route.status !== 'processing') return null;
  const code = task.dossierCode ?? '';
  const decide = async (path: string, body: object, message: string, ends = false) => {
    const next = await post<RouteView>('routing', `/dossiers/${task.dossierId}/${path}`, body);
    props.onDecided({ ...route, ...next }, ends);
    props.say(message);
  };
  return (
    <>
      {allowed.askApplicant && (
        <>
          <ActionForm
            title={t('supplementTitle')}
            submit={t('requestSupplement')}
            run={(commandId) =>
              decide(
                'supplement-requests',
                { commandId, missingDocuments: lines(missing), reason: why },
                t('supplementSent'),
              )
            }
          >
            <TextAreaField
              label={t('missingDocuments')}
              required
              value={missing}
              onInput={(e) => setMissing(e.currentTarget.value)}
            />
            <TextAreaField
              label={t('reason')}
              maxLength={2000}
              value={why}
              onInput={(e) => setWhy(e.currentTarget.value)}
            />
          </ActionForm>
          <ActionForm
            title={t('obligationTitle')}
            submit={t('notifyObligation')}
            run={(commandId) =>
              decide(
                'financial-obligations',
                { commandId, amountVnd: Number(amount), description },
                t('obligationSent'),
              )
            }
          >
            <Field
              label={t('amount')}
              type="number"
              min={1}
              step={1}
              required
              value={amount}
              onInput={(e) => setAmount(e.currentTarget.value)}
            />
            <Field
              label={t('description')}
              required
              maxLength={500}
              value={description}
              onInput={(e) => setDescription(e.currentTarget.value)}
            />
          </ActionForm>
        </>
      )}
      {allowed.decide && (
        <>
          {route.apologyIssued ? (
            <p class="muted">{t('apologyDone')}</p>
          ) : (
            <ActionForm
              title={t('apologyTitle')}
              submit={t('apologize')}
              run={(commandId) =>
                decide(
                  'apology',
                  { commandId, newAppointmentAt: vietnamInstant(newDate), reason: apologyReason },
                  t('apologized'),
                )
              }
            >
              <Field
                label={t('newAppointment')}
                type="datetime-local"
                required
                value={newDate}
                onInput={(e) => setNewDate(e.currentTarget.value)}
              />
              <TextAreaField
                label={t('reason')}
                required
                maxLength={2000}
                value={apologyReason}
                onInput={(e) => setApologyReason(e.currentTarget.value)}
              />
            </ActionForm>
          )}
          <ActionForm
            title={t('refusalTitle')}
            submit={t('refuse')}
            danger
            run={(commandId) =>
              decide('refusal', { commandId, reasons: lines(reasons) }, t('refused', { code }), true)
            }
          >
            <TextAreaField
              label={t('reasons')}
              required
              value={reasons}
              onInput={(e) => setReasons(e.currentTarget.value)}
            />
          </ActionForm>
          <ActionForm
            title={t('stopTitle')}
            submit={t('stop')}
            danger
            run={(commandId) =>
              decide('stop', { commandId, reason: stopReason }, t('stopped', { code }), true)
            }
          >
            <TextAreaField
              label={t('reason')}
              required
              maxLength={2000}
              value={stopReason}
              onInput={(e) => setStopReason(e.currentTarget.value)}
            />
          </ActionForm>
        </>
      )}
    </>
  );
}
