import { toLocalDay } from '@motcua/calendar';
import type { RecordedEvent } from '@motcua/contracts';
import { updateProjection } from '@motcua/eventstore';
import type { Directory } from '@motcua/organisation';
import type { Collection, Db } from 'mongodb';
import {
  applyToTask,
  emptyTask,
  officersOf,
  TASK_EVENT_TYPES,
  type TaskFact,
} from '../domain/board-lists.js';

/** The board's collections (a rebuild writes them with a suffix). */
export const BOARD_COLLECTIONS = [
  'board_dossier_tasks',
  'board_department_workload',
  'board_officer_workload',
  'board_center_index',
] as const;

/** `board_dossier_tasks/<dossierId>`: the dossier's tasks (the folded facts, the source of the rest). */
interface DossierTasks {
  dossierId: string;
  tasks: TaskFact[];
}
/** `board_department_workload/<departmentId>` and `board_officer_workload/<officerId>`. */
interface Workload {
  ownerId: string;
  centerId: string;
  tasks: TaskFact[];
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

const unrevision = <T>(doc: Doc<T> | null): T | null => {
  if (!doc) return null;
  const { _id, revision, ...rest } = doc;
  return rest as unknown as T;
};

/**
 * The board's workload read side, from the task events alone: each dossier's task facts, a copy per
 * department and per officer (one `_id` read each) and an index per center (ADR 0002).
 */
export class BoardRepository {
  private readonly dossiers: Collection<Doc<DossierTasks>>;
  private readonly departments: Collection<Doc<Workload>>;
  private readonly officers: Collection<Doc<Workload>>;
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
  async apply(event: RecordedEvent): Promise<void> {
    if (!TASK_EVENT_TYPES.has(event.type) || !event.dossierId) return;
    const taskId = typeof event.payload.taskId === 'string' ? event.payload.taskId : '';
    if (!taskId) return;
    const doc = await updateProjection<DossierTasks>(
      this.dossiers,
      event.dossierId,
      () => ({ dossierId: event.dossierId, tasks: [] }),
      (current) => {
        const before = current.tasks.find((t) => t.taskId === taskId);
        const task = applyToTask(before ?? emptyTask(taskId, event.dossierId, event.dossierCode), event);
        return task === before ? current : { ...current, tasks: withTask(current.tasks, task) };
      },
    );
    const task = doc.tasks.find((t) => t.taskId === taskId);
    if (!task?.departmentId) return;
    const centerId = this.centerOf(task.departmentId, task.queuedAt ?? event.occurredAt);
    const copy = (collection: Collection<Doc<Workload>>, ownerId: string) =>
      updateProjection<Workload>(
        collection,
        ownerId,
        () => ({ ownerId, centerId, tasks: [] }),
        (w) => {
          const tasks = withTask(w.tasks, task);
          return tasks === w.tasks ? w : { ...w, tasks };
        },
      );
    const officers = officersOf(task);
    await copy(this.departments, task.departmentId);
    for (const officerId of officers) await copy(this.officers, officerId);
    if (!centerId) return;
    await updateProjection<CenterIndex>(
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

  async departmentTasks(departmentId: string): Promise<TaskFact[]> {
    return unrevision(await this.departments.findOne({ _id: departmentId }))?.tasks ?? [];
  }

  async officerTasks(officerId: string): Promise<TaskFact[]> {
    return unrevision(await this.officers.findOne({ _id: officerId }))?.tasks ?? [];
  }

  async dossierTasks(dossierId: string): Promise<TaskFact[]> {
    return unrevision(await this.dossiers.findOne({ _id: dossierId }))?.tasks ?? [];
  }
}
