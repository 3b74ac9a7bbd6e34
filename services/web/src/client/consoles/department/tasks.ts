// The department's work: the queue's lines as the department service answers them, which of them a
// filter shows, and what the signed-in officer may do with one (the services enforce the same rules).
import { allowedOnTask as dutiesOn } from '@motcua/auth/duties';
import { get } from '../../core/api.js';
import type { User } from '../../core/session.js';

/** A queue line / a task (department service: GET /departments/:id/queue, GET /tasks/:id, commands). */
export interface Task {
  taskId: string;
  dossierId: string;
  dossierCode?: string;
  /** The dossier as the queue shows it (department's own projection, from the events it consumes). */
  applicantName?: string;
  procedureCode?: string;
  procedureName?: string;
  appointmentAt?: string;
  stepId: string;
  stepName: string;
  departmentId: string;
  /** The role the workflow's step needs. */
  role?: string;
  status: 'queued' | 'completed' | 'returned' | 'closed' | 'done';
  assignee?: string;
  queuedAt: string;
  dueAt: string;
  completedAt?: string;
  completedBy?: string;
  records?: number;
  version: number;
}

export const FILTERS = ['all', 'mine', 'unassigned', 'nearDue', 'overdue'] as const;
export type QueueFilter = (typeof FILTERS)[number];

/** "Near due": the step is due within this long (a working day, in clock hours, on the safe side). */
export const NEAR_DUE_MS = 24 * 3600_000;

/** The queue's lines a filter shows, the one due first on top. */
export function filterQueue(tasks: readonly Task[], filter: QueueFilter, me: string, now: Date): Task[] {
  const t = now.getTime();
  const keep = (task: Task): boolean => {
    const due = Date.parse(task.dueAt);
    switch (filter) {
      case 'mine':
        return task.assignee === me;
      case 'unassigned':
        return !task.assignee;
      case 'nearDue':
        return due >= t && due - t <= NEAR_DUE_MS;
      case 'overdue':
        return due < t;
      default:
        return true;
    }
  };
  return tasks
    .filter((task) => task.status === 'queued' && keep(task))
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

/**
 * The queue after a command's answer (read-your-writes): the task's new state replaces its line;
 * a task no longer open leaves the queue.
 */
export function withTask(tasks: readonly Task[], changed: Task): Task[] {
  const others = tasks.filter((t) => t.taskId !== changed.taskId);
  const current = tasks.find((t) => t.taskId === changed.taskId);
  if (current && current.version > changed.version) return [...tasks];
  if (changed.status !== 'queued') return others;
  return [...others, { ...current, ...changed }].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

/**
 * What the officer may do with a task: the same rules the services enforce (@motcua/auth/duties:
 * the step's unit and required role, the assignee, the law's step holder for decisions on the dossier).
 */
export function allowedOnTask(task: Task, me: User) {
  const may = dutiesOn(me, { ...task, status: task.status === 'done' ? 'completed' : task.status });
  return {
    claim: may.claim,
    assign: may.assign,
    /** Record, complete, return: one rule (the step's role, the holder). */
    work: may.record && may.complete && may.returnStep,
    /** The department at work asks for a supplement or notifies a financial obligation. */
    askApplicant: may.requestSupplement && may.notifyFinancialObligation,
    /** Refusal, apology with a new date, stop: the head of the unit holding the step, or the leadership at theirs. */
    decide: may.refuse && may.apologize && may.stop,
  };
}

export type Allowed = ReturnType<typeof allowedOnTask>;

/** A department's open tasks; its lines do not repeat the department, so it is added here. */
export const queueOf = async (departmentId: string): Promise<Task[]> =>
  (await get<Task[]>('department', `/departments/${encodeURIComponent(departmentId)}/queue`)).map((t) => ({
    ...t,
    departmentId: t.departmentId ?? departmentId,
  }));

/**
 * Re-reads the queue until it shows what a command on the whole dossier caused (routing closes the
 * department's tasks through the log, a moment later); gives up after `attempts` reads.
 */
export async function queueUntil(
  departmentId: string,
  reflects: (queue: Task[]) => boolean,
  attempts = 240,
  pauseMs = 250,
): Promise<Task[]> {
  let queue = await queueOf(departmentId);
  for (let i = 1; i < attempts && !reflects(queue); i++) {
    await new Promise((r) => setTimeout(r, pauseMs));
    queue = await queueOf(departmentId);
  }
  return queue;
}
