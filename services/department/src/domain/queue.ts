/** One line of a department's work queue. */
export interface QueueEntry {
  taskId: string;
  dossierId: string;
  dossierCode: string;
  /** The dossier as the queue shows it, from the events department already consumes. */
  applicantName?: string;
  procedureCode?: string;
  procedureName?: string;
  /** The dossier's appointment (its result's due date). */
  appointmentAt?: string;
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

/** What a bucket keeps of a task that left the queue: enough to refuse its older events. */
export type DoneMark = Pick<QueueEntry, 'taskId' | 'status' | 'version'>;

/**
 * The tasks of one department due on one day (a task's due time never changes): its open entries
 * and a mark of each one done. Bounded by the tasks due that day, not by the history.
 */
export interface DueDay {
  departmentId: string;
  day: string;
  entries: (QueueEntry | DoneMark)[];
}

/** The bucket a task's entry lives in: its due day (UTC date of `dueAt`). */
export const dueDayOf = (entry: Pick<QueueEntry, 'dueAt'>): string => entry.dueAt.slice(0, 10);

export const isOpen = (e: QueueEntry | DoneMark): e is QueueEntry => e.status === 'queued';

const FACTS = ['applicantName', 'procedureCode', 'procedureName', 'appointmentAt'] as const;
const factsChanged = (a: QueueEntry, b: QueueEntry) => FACTS.some((f) => a[f] !== b[f]);

/** The bucket with the task's newer entry; the same object when the entry is not newer. */
export function applyToDueDay(bucket: DueDay, entry: QueueEntry): DueDay {
  const current = bucket.entries.find((e) => e.taskId === entry.taskId);
  if (current && current.version > entry.version) return bucket;
  // The same task version again: only the dossier's facts (a moved appointment) can refresh it.
  if (current && current.version === entry.version && !(isOpen(current) && factsChanged(current, entry))) {
    return bucket;
  }
  const kept: QueueEntry | DoneMark =
    entry.status === 'queued' ? entry : { taskId: entry.taskId, status: 'done', version: entry.version };
  return { ...bucket, entries: [...bucket.entries.filter((e) => e.taskId !== entry.taskId), kept] };
}

/** What an officer sees: open tasks, the one due first on top. */
export function openTasks(entries: (QueueEntry | DoneMark)[]): QueueEntry[] {
  return entries.filter(isOpen).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}
