import { toLocalDay } from '@motcua/calendar';
import type { RecordedEvent } from '@motcua/contracts';
import { findByIds, inBatch, type ProjectionBatch, pack, unpack } from '@motcua/eventstore';
import type { Directory } from '@motcua/organisation';
import type { Collection, Db } from 'mongodb';
import {
  applyToTask,
  emptyTask,
  officersOf,
  TASK_EVENT_TYPES,
  type TaskFact,
} from '../domain/board-lists.js';
import { monthKey, monthsBetween } from '../domain/report.js';
import { type PackedTasks, packTasks, unpackTasks } from './packed.js';

/** The board's collections (a rebuild writes them with a suffix). */
export const BOARD_COLLECTIONS = [
  'board_dossier_tasks',
  'board_department_workload',
  'board_officer_workload',
  'board_center_index',
] as const;

/** `board_dossier_tasks/<dossierId>`: the dossier's tasks (the folded facts, the source of the rest), packed. */
type DossierTasks = PackedTasks;
/**
 * `board_department_workload/<departmentId>:<YYYY-MM>` (and `board_officer_workload/<officerId>:…`):
 * a copy of every task of the owner with something in that month (queued, held, completed, sent
 * back, closed), bounded by the month's work, not by the history.
 */
interface WorkloadMonth {
  ownerId: string;
  centerId: string;
  month: string;
  /** The tasks, packed (ADR 0002); a document stored before packing holds `tasks`. */
  json?: string;
  tasks?: TaskFact[];
}
const monthTasks = (w: WorkloadMonth): TaskFact[] =>
  unpack(w, 'json', (d) => (d.tasks as TaskFact[] | undefined) ?? []);
/** `board_department_workload/<departmentId>` (and per officer): its open tasks → their months. */
interface WorkloadHead {
  ownerId: string;
  centerId: string;
  open: Record<string, string[]>;
}
/** `board_center_index/<centerId>`: the departments and officers with tasks at the center. */
interface CenterIndex {
  centerId: string;
  departments: string[];
  officers: string[];
}
type Doc<T> = T & { _id: string; revision: number };

const withTask = (tasks: TaskFact[], task: TaskFact): TaskFact[] => {
  const i = tasks.findIndex((t) => t.taskId === task.taskId);
  if (i < 0) return [...tasks, task];
  if (tasks[i]?.eventIds.length === task.eventIds.length) return tasks; // nothing new
  return tasks.map((t, j) => (j === i ? task : t));
};
const union = (list: string[], more: string[]) => {
  const added = more.filter((x) => x && !list.includes(x));
  return added.length ? [...list, ...added] : list;
};
const sameList = (a: string[] | undefined, b: string[]) =>
  a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

const unrevision = <T>(doc: Doc<T> | null): T | null => {
  if (!doc) return null;
  const { _id, revision, ...rest } = doc;
  return rest as unknown as T;
};

/** The months (Vietnam time) in which something happened to the task. */
export function monthsOfTask(task: TaskFact): string[] {
  const times = [
    task.queuedAt,
    ...task.holders.map((h) => h.at),
    task.completedAt,
    task.returnedAt,
    task.closedAt,
  ];
  const months = times.filter((t): t is string => Boolean(t) && !Number.isNaN(Date.parse(t as string)));
  return [...new Set(months.map((t) => monthKey(new Date(t))))].sort();
}
const isOpen = (task: TaskFact) =>
  Boolean(task.queuedAt) && !task.completedAt && !task.returnedAt && !task.closedAt;

/**
 * The board's workload read side, from the task events alone: each dossier's task facts, a copy per
 * department and per officer in each month the task touched, with a head per owner naming the
 * months of its open tasks (every read by `_id`, ADR 0002), and an index per center.
 */
export class BoardRepository {
  private readonly dossiers: Collection<Doc<DossierTasks>>;
  private readonly departments: Collection<Doc<WorkloadMonth | WorkloadHead>>;
  private readonly officers: Collection<Doc<WorkloadMonth | WorkloadHead>>;
  private readonly centers: Collection<Doc<CenterIndex>>;

  constructor(
    db: Db,
    private readonly directory?: Directory,
    /** `suffix` names another set of collections (a rebuild's, `src/rebuild`); none by default. */
    options: { suffix?: string } = {},
  ) {
    const suffix = options.suffix ?? '';
    this.dossiers = db.collection(`board_dossier_tasks${suffix}`);
    this.departments = db.collection(`board_department_workload${suffix}`);
    this.officers = db.collection(`board_officer_workload${suffix}`);
    this.centers = db.collection(`board_center_index${suffix}`);
  }

  /** The center of a department: the directory's, else the `<centerId>.<kind>` id's prefix. */
  private centerOf(departmentId: string, at: string): string {
    const day = toLocalDay(new Date(at));
    return this.directory?.findDepartment(departmentId, day)?.centerId ?? departmentId.split('.')[0] ?? '';
  }

  /** Folds a task event into its dossier's tasks and copies the task where it is read (idempotent). */
  /** Reads the task documents of these events' dossiers into the batch at once (`MonitoringApp.onBatch`). */
  prefetch(batch: ProjectionBatch, events: RecordedEvent[]): Promise<void> {
    return batch.prefetch(
      this.dossiers,
      events
        .filter((e) => TASK_EVENT_TYPES.has(e.type) && e.dossierId && typeof e.payload.taskId === 'string')
        .map((e) => e.dossierId),
    );
  }

  async apply(event: RecordedEvent, batch?: ProjectionBatch): Promise<void> {
    if (!TASK_EVENT_TYPES.has(event.type) || !event.dossierId) return;
    const taskId = typeof event.payload.taskId === 'string' ? event.payload.taskId : '';
    if (!taskId) return;
    await inBatch(batch, (b) => this.fold(event, taskId, b));
  }

  private async fold(event: RecordedEvent, taskId: string, b: ProjectionBatch): Promise<void> {
    let folded: TaskFact | undefined;
    await b.update<DossierTasks>(
      this.dossiers,
      event.dossierId,
      () => packTasks(event.dossierId, []),
      (current) => {
        const tasks = unpackTasks(current);
        const before = tasks.find((t) => t.taskId === taskId);
        folded = applyToTask(before ?? emptyTask(taskId, event.dossierId, event.dossierCode), event);
        return folded === before ? current : packTasks(event.dossierId, withTask(tasks, folded));
      },
    );
    const task = folded as TaskFact | undefined;
    if (!task?.departmentId) return;
    const centerId = this.centerOf(task.departmentId, task.queuedAt ?? event.occurredAt);
    const months = monthsOfTask(task);
    const copy = async (collection: Collection<Doc<WorkloadMonth | WorkloadHead>>, ownerId: string) => {
      const heads = collection as unknown as Collection<Doc<WorkloadHead>>;
      const buckets = collection as unknown as Collection<Doc<WorkloadMonth>>;
      for (const month of months) {
        await b.update<WorkloadMonth>(
          buckets,
          `${ownerId}:${month}`,
          () => pack({ ownerId, centerId, month }, 'json', [] as TaskFact[]),
          (w) => {
            const held = monthTasks(w);
            const tasks = withTask(held, task);
            // Only the owner's fields: reading `json` would pack the old list for nothing.
            return tasks === held
              ? w
              : pack({ ownerId: w.ownerId, centerId: w.centerId, month: w.month }, 'json', tasks);
          },
        );
      }
      await b.update<WorkloadHead>(
        heads,
        ownerId,
        () => ({ ownerId, centerId, open: {} }),
        (h) => {
          if (isOpen(task) ? sameList(h.open[taskId], months) : !(taskId in h.open)) return h;
          const open = { ...h.open };
          if (isOpen(task)) open[taskId] = months;
          else delete open[taskId];
          return { ...h, open };
        },
      );
    };
    const officers = officersOf(task);
    await copy(this.departments, task.departmentId);
    for (const officerId of officers) await copy(this.officers, officerId);
    if (!centerId) return;
    await b.update<CenterIndex>(
      this.centers,
      centerId,
      () => ({ centerId, departments: [], officers: [] }),
      (c) => {
        const departments = union(c.departments, [task.departmentId]);
        const officersNow = union(c.officers, officers);
        return departments === c.departments && officersNow === c.officers
          ? c
          : { ...c, departments, officers: officersNow };
      },
    );
  }

  async centerIndex(centerId: string): Promise<CenterIndex> {
    return (
      unrevision(await this.centers.findOne({ _id: centerId })) ?? { centerId, departments: [], officers: [] }
    );
  }

  /** The tasks of a department with something in [from, to), and those open now. */
  departmentTasks(departmentId: string, from: Date, to: Date): Promise<TaskFact[]> {
    return this.tasksOf(this.departments, departmentId, from, to);
  }

  /** The tasks of an officer with something in [from, to), and those open now. */
  officerTasks(officerId: string, from: Date, to: Date): Promise<TaskFact[]> {
    return this.tasksOf(this.officers, officerId, from, to);
  }

  private async tasksOf(
    collection: Collection<Doc<WorkloadMonth | WorkloadHead>>,
    ownerId: string,
    from: Date,
    to: Date,
  ): Promise<TaskFact[]> {
    const head = (await collection.findOne({ _id: ownerId })) as Doc<WorkloadHead> | null;
    if (!head) return [];
    const months = new Set(from < to ? monthsBetween(from, new Date(to.getTime() - 1)) : []);
    for (const list of Object.values(head.open)) for (const m of list) months.add(m);
    const buckets = await Promise.all(
      [...months].sort().map((m) => collection.findOne({ _id: `${ownerId}:${m}` })),
    );
    const tasks = new Map<string, TaskFact>();
    for (const bucket of buckets) {
      for (const task of bucket && 'month' in bucket ? monthTasks(bucket) : []) {
        const held = tasks.get(task.taskId);
        if (!held || held.eventIds.length < task.eventIds.length) tasks.set(task.taskId, task);
      }
    }
    return [...tasks.values()];
  }

  /** The tasks of these dossiers, a few hundred `_id`s per query (`findByIds`). */
  async tasksOfDossiers(dossierIds: string[]): Promise<Map<string, TaskFact[]>> {
    const docs = await findByIds(this.dossiers, dossierIds);
    return new Map(docs.map((d) => [d.dossierId, unpackTasks(d)]));
  }
}
