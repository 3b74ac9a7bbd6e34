// The department's work: the queue's lines as the department service answers them, which of them a
// filter shows, and what the signed-in officer may do with one (the services enforce the same rules).
import { get } from '../../core/api.js';
import type { User } from '../../core/session.js';

/** A queue line / a task (department service: GET /departments/:id/queue, GET /tasks/:id, commands). */
export interface Task {
  taskId: string;
  dossierId: string;
  dossierCode?: string;
  stepId: string;
  stepName: string;
  departmentId: string;
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

const isHead = (me: User) => me.role === 'department_head';
const ownDepartment = (task: Task, me: User) => task.departmentId === me.departmentId;
const open = (task: Task) => task.status === 'queued';

/** What the officer may do with a task: the department's rules (task.ts) as the screen applies them. */
export function allowedOnTask(task: Task, me: User) {
  const mine = ownDepartment(task, me) && open(task);
  const holds = mine && (!task.assignee || task.assignee === me.userId || isHead(me));
  return {
    claim: mine && task.assignee !== me.userId && (!task.assignee || isHead(me)),
    assign: mine && isHead(me),
    /** Record, complete, return: the holder (or anyone while unassigned; the head always). */
    work: holds,
    /** The department at work asks for a supplement or notifies a financial obligation. */
    askApplicant: holds && (me.role === 'department_officer' || isHead(me)),
    /** Refusal, apology with a new date, stop: the head or the leadership. */
    decide: holds && (isHead(me) || me.role === 'district_leader'),
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
