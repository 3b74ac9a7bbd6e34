/** One line of a department's work queue. */
export interface QueueEntry {
  taskId: string;
  dossierId: string;
  dossierCode: string;
  stepId: string;
  stepName: string;
  /** The role the workflow's step needs (what the console shows the actions by). */
  role?: string;
  /** `done`: completed, sent back or closed — no longer waiting in the queue. */
  status: 'queued' | 'done';
  assignee?: string;
  queuedAt: string;
  dueAt: string;
  completedAt?: string;
  /** Task stream version this entry reflects; older events never overwrite newer ones. */
  version: number;
}

export interface Queue {
  departmentId: string;
  entries: QueueEntry[];
}

/** Completed entries kept so that a late, older event cannot bring a finished task back. */
const KEEP_COMPLETED = 200;

export function applyToQueue(queue: Queue, entry: QueueEntry): Queue {
  const current = queue.entries.find((e) => e.taskId === entry.taskId);
  if (current && current.version >= entry.version) return queue;
  const others = queue.entries.filter((e) => e.taskId !== entry.taskId);
  const open = [...others.filter((e) => e.status === 'queued')];
  const done = others.filter((e) => e.status === 'done');
  (entry.status === 'queued' ? open : done).push(entry);
  const recentDone = done
    .sort((a, b) => (b.completedAt ?? '').localeCompare(a.completedAt ?? ''))
    .slice(0, KEEP_COMPLETED);
  return { departmentId: queue.departmentId, entries: [...open, ...recentDone] };
}

/** What an officer sees: open tasks, the one due first on top. */
export function openTasks(queue: Queue): QueueEntry[] {
  return queue.entries.filter((e) => e.status === 'queued').sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}
