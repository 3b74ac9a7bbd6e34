// The actions the domain allows on a task, and only those: the department's (assign, record,
// complete, return) and, on the whole dossier, routing's decisions (supplement, financial obligation,
// refusal, apology with a new date, stop). The main action comes first; the others are one explicit
// choice away, and those with a legal consequence state it and ask for confirmation. Each answers with
// the new state the page shows at once.

import type { Rulebook } from '@motcua/rulebook';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { post } from '../../core/api.js';
import { useT } from '../../core/i18n.js';
import { formCitation, mayStopOnRequest } from '../../core/legal-basis.js';
import { type Officer, officersOf } from '../../core/names.js';
import { session } from '../../core/session.js';
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
type Key =
  | 'claim'
  | 'assign'
  | 'complete'
  | 'record'
  | 'returnStep'
  | 'supplement'
  | 'obligation'
  | 'apologize'
  | 'refuse'
  | 'stop'
  | 'stopOnRequest';

interface PanelProps {
  task: Task;
  allowed: Allowed;
  route: RouteView;
  /** The dossier's rulebook: the forms it cites and whether the applicant may stop it. */
  rulebook: Rulebook;
  onTask: (t: Task) => void;
  onDecided: (route: RouteView, ends: boolean) => void;
  say: Say;
  /** The electronic result's upload (the signing step), shown with the main action. */
  resultFile?: ComponentChildren;
}

/** The main action first, then the other actions behind one choice. */
export function TaskActionsPanel(props: PanelProps) {
  const t = useT(words);
  const { task, allowed, route } = props;
  const forms = useForms(props);
  const processing = route.status === 'processing';
  const waitingSupplement = route.status === 'awaiting_supplement';
  // the main action: complete the step, or (for the head) give it to an officer, or take it
  const main: Key | undefined =
    allowed.work && processing
      ? 'complete'
      : allowed.assign && !task.assignee
        ? 'assign'
        : allowed.claim
          ? 'claim'
          : undefined;
  const others = (
    [
      allowed.assign && main !== 'assign' && 'assign',
      allowed.work && processing && 'record',
      processing && allowed.askApplicant && 'supplement',
      processing && allowed.askApplicant && 'obligation',
      allowed.work && forms.earlier.length > 0 && 'returnStep',
      processing && allowed.decide && !route.apologyIssued && 'apologize',
      processing && allowed.decide && 'refuse',
      processing && allowed.decide && 'stop',
      allowed.decide && mayStopOnRequest(props.rulebook, route.status) && 'stopOnRequest',
    ] as (Key | false)[]
  ).filter((k): k is Key => Boolean(k));
  const [chosen, setChosen] = useState<Key | ''>('');
  return (
    <>
      {waitingSupplement && allowed.work && (
        <p class="alert alert-warn" data-testid="awaiting-supplement">
          {t('waitingSupplementNoComplete')}
        </p>
      )}
      {main && (
        <div class="main-action" data-testid="main-action">
          {forms.render(main, true)}
          {/* taking the task is part of starting on it, not a choice among the others */}
          {main !== 'claim' && allowed.claim && forms.render('claim', false)}
        </div>
      )}
      {props.resultFile}
      {others.length > 0 && (
        <section class="card" aria-labelledby="other-actions">
          <h3 id="other-actions">{t('otherActions')}</h3>
          <SelectField
            label={t('chooseAction')}
            value={chosen}
            onChange={(e) => setChosen(e.currentTarget.value as Key | '')}
            options={[
              { value: '', label: t('chooseNothing') },
              ...others.map((k) => ({
                value: k,
                label: t(`choice.${k}` as keyof typeof words.vi, { form: forms.citation(k) }),
              })),
            ]}
          />
          {chosen && others.includes(chosen) && forms.render(chosen, false)}
        </section>
      )}
      {processing && allowed.decide && route.apologyIssued && <p class="muted">{t('apologyDone')}</p>}
    </>
  );
}

/** The forms, each kept with what was typed in it while the officer looks at another. */
function useForms(props: PanelProps) {
  const t = useT(words);
  const { task, route, rulebook } = props;
  const code = task.dossierCode ?? '';
  const citation = (k: Key): string =>
    k === 'supplement'
      ? formCitation(rulebook, 'supplementRequest')
      : k === 'apologize'
        ? formCitation(rulebook, 'apology')
        : k === 'stopOnRequest'
          ? formCitation(rulebook, 'stopNotice')
          : '';
  const act = async (path: string, body: object, message: string) => {
    const changed = await post<Task>('department', `/tasks/${task.taskId}/${path}`, body);
    props.onTask({ ...task, ...changed });
    props.say(message);
  };
  const decide = async (path: string, body: object, message: string, ends = false) => {
    const next = await post<RouteView>('routing', `/dossiers/${task.dossierId}/${path}`, body);
    props.onDecided({ ...route, ...next }, ends);
    props.say(message);
  };
  const [officerId, setOfficerId] = useState('');
  const [officers, setOfficers] = useState<Officer[]>([]);
  const centerId = session.current()?.user.centerId;
  useEffect(() => {
    if (centerId) void officersOf(centerId).then(setOfficers);
  }, [centerId]);
  const colleagues = officers.filter(
    (o) => o.departmentId === task.departmentId && o.role !== 'department_head',
  );
  const [kind, setKind] = useState('verification');
  const [counterpart, setCounterpart] = useState('');
  const [note, setNote] = useState('');
  const [deadline, setDeadline] = useState('');
  const [opinion, setOpinion] = useState('');
  const workflow = route.workflow ?? [];
  const here = workflow.findIndex((s) => s.stepId === task.stepId);
  const earlier = here > 0 ? workflow.slice(0, here) : [];
  const [toStepId, setToStepId] = useState(earlier.at(-1)?.stepId ?? '');
  const [returnReason, setReturnReason] = useState('');
  const [missing, setMissing] = useState('');
  const [why, setWhy] = useState('');
  const [amount, setAmount] = useState('');
  const [description, setDescription] = useState('');
  const [reasons, setReasons] = useState('');
  const [newDate, setNewDate] = useState('');
  const [apologyReason, setApologyReason] = useState('');
  const [stopReason, setStopReason] = useState('');
  const [requestReason, setRequestReason] = useState('');
  const officerLabel = (id: string) => colleagues.find((o) => o.userId === id)?.displayName ?? id;
  const colleagueName = (id: string) => colleagues.find((o) => o.userId === id)?.displayName;

  const render = (key: Key, primary: boolean) => {
    switch (key) {
      case 'claim':
        return (
          <ActionForm
            title={t('claim')}
            submit={t('claim')}
            primary={primary}
            run={(commandId) => act('claim', { commandId }, t('claimed', { code }))}
          />
        );
      case 'assign':
        return (
          <ActionForm
            title={t('assignTitle')}
            submit={t('assign')}
            primary={primary}
            run={(commandId) =>
              act(
                'assignment',
                {
                  commandId,
                  officerId: officerId.trim(),
                  ...(colleagueName(officerId.trim())
                    ? { officerName: colleagueName(officerId.trim()) }
                    : {}),
                },
                t('assigned', { code, officer: officerLabel(officerId.trim()) }),
              )
            }
          >
            {colleagues.length > 0 ? (
              <SelectField
                label={t('officerToAssign')}
                required
                value={officerId}
                onChange={(e) => setOfficerId(e.currentTarget.value)}
                options={[
                  { value: '', label: t('chooseOfficer') },
                  ...colleagues.map((o) => ({ value: o.userId, label: o.displayName })),
                ]}
              />
            ) : (
              <Field
                label={t('officerId')}
                required
                autocomplete="off"
                value={officerId}
                onInput={(e) => setOfficerId(e.currentTarget.value)}
              />
            )}
          </ActionForm>
        );
      case 'complete':
        return (
          <ActionForm
            title={t('completeTitle')}
            submit={t('complete')}
            primary={primary}
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
        );
      case 'record':
        return (
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
        );
      case 'returnStep':
        return (
          <ActionForm
            title={t('returnTitle')}
            submit={t('returnStep')}
            consequence={t('consequence.return')}
            run={async (commandId) => {
              const changed = await post<Task>('department', `/tasks/${task.taskId}/return`, {
                commandId,
                toStepId,
                reason: returnReason,
              });
              props.onTask({ ...task, ...changed });
              props.say(t('returned', { code }));
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
              value={returnReason}
              onInput={(e) => setReturnReason(e.currentTarget.value)}
            />
          </ActionForm>
        );
      case 'supplement':
        return (
          <ActionForm
            title={t('supplementTitle', { form: citation('supplement') })}
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
        );
      case 'obligation':
        return (
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
        );
      case 'apologize':
        return (
          <ActionForm
            title={t('apologyTitle', { form: citation('apologize') })}
            submit={t('apologize')}
            consequence={t('consequence.apology', {
              form: citation('apologize'),
              basis: rulebook.apology.maxPerDossier.source.text,
            })}
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
        );
      case 'refuse':
        return (
          <ActionForm
            title={t('refusalTitle')}
            submit={t('refuse')}
            consequence={t('consequence.refusal', { rulebook: rulebook.name })}
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
        );
      case 'stop':
        return (
          <ActionForm
            title={t('stopTitle')}
            submit={t('stop')}
            consequence={t('consequence.stop')}
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
        );
      case 'stopOnRequest':
        return (
          <ActionForm
            title={t('stopOnRequestTitle')}
            submit={t('stopOnRequest')}
            consequence={t('consequence.stopOnRequest', {
              notice: citation('stopOnRequest'),
              basis: rulebook.stopOnRequest.source.text,
            })}
            run={(commandId) =>
              decide(
                'stop-on-request',
                { commandId, reason: requestReason },
                t('stoppedOnRequest', { code }),
                true,
              )
            }
          >
            <TextAreaField
              label={t('requestReason')}
              required
              maxLength={2000}
              value={requestReason}
              onInput={(e) => setRequestReason(e.currentTarget.value)}
            />
          </ActionForm>
        );
      default:
        return null;
    }
  };
  return { render, earlier, citation };
}
