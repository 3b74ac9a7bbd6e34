import { toLocalDay } from '@motcua/calendar';
import type { RecordedEvent } from '@motcua/contracts';
import { findByIds, inBatch, type PackedJson, type ProjectionBatch, pack, unpack } from '@motcua/eventstore';
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
import { sortedWith } from '../domain/sorted-list.js';
import { timeSliceOf } from '../domain/time-slice.js';
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
 * The copies of the tasks per owner (`board_department_workload`, and `board_officer_workload` by
 * officer), kept where a period's read finds them, in documents that do not grow with a busy day:
 * a task is copied once for each month something happened to it, into the 10-second slice of its
 * first moment in that month. A batch rewrites the newest slices, not the month.
 *
 * `<ownerId>`: the days with open tasks (`WorkloadHead`).
 * `<ownerId>:<YYYY-MM>`: the month's days that have slices (`WorkloadMonth`).
 * `<ownerId>:<YYYY-MM-DD>`: the day's slices, and those with open tasks (`WorkloadDay`).
 * `<ownerId>:<YYYY-MM-DD>T<HHMMSS>`: the tasks of a slice, packed (`WorkloadSlice`, ADR 0002).
 */
const SLICE_SECONDS = 10;
interface WorkloadHead {
  ownerId: string;
  centerId: string;
  openDays?: string[];
  /** Before the slices (session 11 and earlier): open task → its months; drained as they are folded. */
  open?: Record<string, string[]>;
}
interface WorkloadMonth {
  ownerId: string;
  centerId: string;
  month: string;
  days?: string[];
  /** Before the slices: the month's tasks, packed (or as `tasks`); still read. */
  json?: PackedJson;
  tasks?: TaskFact[];
}
interface WorkloadDay {
  ownerId: string;
  centerId: string;
  day: string;
  slices: string[];
  open: string[];
}
interface WorkloadSlice {
  ownerId: string;
  centerId: string;
  day: string;
  slice: string;
  json: PackedJson;
}
type Workload = WorkloadHead | WorkloadMonth | WorkloadDay | WorkloadSlice;
const legacyMonthTasks = (w: WorkloadMonth): TaskFact[] =>
  w.json !== undefined || w.tasks !== undefined
    ? unpack(w, 'json', (d) => (d.tasks as TaskFact[] | undefined) ?? [])
    : [];
const sliceTasks = (w: WorkloadSlice): TaskFact[] => unpack(w, 'json', () => [] as TaskFact[]);
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

/** The moments something happened to the task (queued, held, completed, sent back, closed), in order. */
const momentsOf = (task: TaskFact): string[] =>
  [task.queuedAt, ...task.holders.map((h) => h.at), task.completedAt, task.returnedAt, task.closedAt]
    .filter((t): t is string => Boolean(t) && !Number.isNaN(Date.parse(t as string)))
    .sort((a, b) => Date.parse(a) - Date.parse(b));

/**
 * Where the task is copied: for each month something happened to it (Vietnam time), the slice of
 * its first moment in that month. Derived from the task alone, so a rebuild puts it in the same place.
 */
export function slicesOfTask(task: TaskFact | undefined): { month: string; day: string; slice: string }[] {
  if (!task) return [];
  const first = new Map<string, string>();
  for (const t of momentsOf(task)) {
    const month = monthKey(new Date(t));
    if (!first.has(month)) first.set(month, t);
  }
  return [...first].flatMap(([month, t]) => {
    const at = timeSliceOf(t, SLICE_SECONDS);
    return at ? [{ month, ...at }] : [];
  });
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

  /** Reads the task documents of these events' dossiers into the batch at once (`MonitoringApp.onBatch`). */
  async prefetch(batch: ProjectionBatch, events: RecordedEvent[]): Promise<void> {
    const folded = events.filter(
      (e) => TASK_EVENT_TYPES.has(e.type) && e.dossierId && typeof e.payload.taskId === 'string',
    );
    await batch.prefetch(
      this.dossiers,
      folded.map((e) => e.dossierId),
    );
    // Then the owners' documents the folds will likely touch, from the tasks now held (no round
    // trip): a quiet owner's slices are new and were otherwise each read alone.
    const ids = { departments: new Set<string>(), officers: new Set<string>() };
    for (const event of folded) {
      const doc = await batch.get(this.dossiers, event.dossierId);
      const task = doc ? unpackTasks(doc).find((t) => t.taskId === event.payload.taskId) : undefined;
      const at = timeSliceOf(event.occurredAt, SLICE_SECONDS);
      const places = [...slicesOfTask(task), ...(at ? [{ month: at.day.slice(0, 7), ...at }] : [])];
      const department = task?.departmentId || String(event.payload.departmentId ?? '');
      const officers = [...(task ? officersOf(task) : []), String(event.payload.officerId ?? '')];
      const owners: [Set<string>, string][] = [
        [ids.departments, department],
        ...officers.map((o): [Set<string>, string] => [ids.officers, o]),
      ];
      for (const [set, owner] of owners) {
        if (!owner) continue;
        set.add(owner);
        for (const p of places)
          set.add(`${owner}:${p.month}`).add(`${owner}:${p.day}`).add(`${owner}:${p.day}T${p.slice}`);
      }
    }
    await batch.prefetch(this.departments, ids.departments);
    await batch.prefetch(this.officers, ids.officers);
  }

  /** Folds a task event into its dossier's tasks and copies the task where it is read (idempotent). */
  async apply(event: RecordedEvent, batch?: ProjectionBatch): Promise<void> {
    if (!TASK_EVENT_TYPES.has(event.type) || !event.dossierId) return;
    const taskId = typeof event.payload.taskId === 'string' ? event.payload.taskId : '';
    if (!taskId) return;
    await inBatch(batch, (b) => this.fold(event, taskId, b));
  }

  private async fold(event: RecordedEvent, taskId: string, b: ProjectionBatch): Promise<void> {
    let before: TaskFact | undefined;
    let folded: TaskFact | undefined;
    await b.update<DossierTasks>(
      this.dossiers,
      event.dossierId,
      () => packTasks(event.dossierId, []),
      (current) => {
        const tasks = unpackTasks(current);
        before = tasks.find((t) => t.taskId === taskId);
        folded = applyToTask(before ?? emptyTask(taskId, event.dossierId, event.dossierCode), event);
        return folded === before ? current : packTasks(event.dossierId, withTask(tasks, folded));
      },
    );
    const task = folded as TaskFact | undefined;
    if (!task?.departmentId) return;
    const centerId = this.centerOf(task.departmentId, task.queuedAt ?? event.occurredAt);
    const officers = officersOf(task);
    const was = before as TaskFact | undefined;
    await this.copy(b, this.departments, task.departmentId, centerId, was, task);
    for (const officerId of officers) await this.copy(b, this.officers, officerId, centerId, was, task);
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

  /** Puts the owner's copy of the task in its slices now, and takes it out of slices it left. */
  private async copy(
    b: ProjectionBatch,
    collection: Collection<Doc<Workload>>,
    ownerId: string,
    centerId: string,
    before: TaskFact | undefined,
    task: TaskFact,
  ): Promise<void> {
    const now = slicesOfTask(task);
    const kept = new Set(now.map((p) => `${p.day}T${p.slice}`));
    for (const place of slicesOfTask(before).filter((p) => !kept.has(`${p.day}T${p.slice}`)))
      await this.inSlice(
        b,
        collection,
        ownerId,
        centerId,
        place,
        (tasks) => {
          const left = tasks.filter((t) => t.taskId !== task.taskId);
          return left.length === tasks.length ? tasks : left;
        },
        false,
      );
    for (const place of now)
      await this.inSlice(b, collection, ownerId, centerId, place, (t) => withTask(t, task));
    // A head written before the slices named its open tasks itself: they are in slices now.
    await b.update<WorkloadHead>(
      collection as unknown as Collection<Doc<WorkloadHead>>,
      ownerId,
      () => ({ ownerId, centerId, openDays: [] }),
      (h) => {
        if (!h.open || !(task.taskId in h.open)) return h;
        const { [task.taskId]: _, ...open } = h.open;
        return { ...h, open };
      },
    );
  }

  /**
   * Changes a slice's tasks, and keeps its day, month and the owner's open days in step with it.
   * The day is written whenever its slice changed, and the head whenever the day's open slices did,
   * changed or not: both were decided on this batch's copy, and only a conditional write finds out
   * that a concurrent batch changed them meanwhile (as `changePending` of the statistics).
   */
  private async inSlice(
    b: ProjectionBatch,
    collection: Collection<Doc<Workload>>,
    ownerId: string,
    centerId: string,
    place: { month: string; day: string; slice: string },
    change: (tasks: TaskFact[]) => TaskFact[],
    create = true,
  ): Promise<void> {
    const { month, day, slice } = place;
    const as = <T extends Workload>() => collection as unknown as Collection<Doc<T>>;
    // taking a task out of a slice that was never written: nothing to do (and nothing to create)
    if (!create && !(await b.get(as<WorkloadSlice>(), `${ownerId}:${day}T${slice}`))) return;
    let sliceChanged = false;
    let hasOpen = false;
    await b.update<WorkloadSlice>(
      as<WorkloadSlice>(),
      `${ownerId}:${day}T${slice}`,
      () => pack({ ownerId, centerId, day, slice }, 'json', [] as TaskFact[]),
      (s) => {
        const held = sliceTasks(s);
        const tasks = change(held);
        hasOpen = tasks.some(isOpen);
        if (tasks === held) return s;
        sliceChanged = true;
        return pack({ ownerId: s.ownerId, centerId: s.centerId, day: s.day, slice: s.slice }, 'json', tasks);
      },
    );
    let openChanged = false;
    const dayDoc = await b.update<WorkloadDay>(
      as<WorkloadDay>(),
      `${ownerId}:${day}`,
      () => ({ ownerId, centerId, day, slices: [], open: [] }),
      (d) => {
        const slices = sortedWith(d.slices, slice, true);
        const open = sortedWith(d.open, slice, hasOpen);
        openChanged = open !== d.open;
        if (slices === d.slices && !openChanged) return sliceChanged ? { ...d } : d;
        return { ...d, slices, open };
      },
    );
    await b.update<WorkloadMonth>(
      as<WorkloadMonth>(),
      `${ownerId}:${month}`,
      () => ({ ownerId, centerId, month, days: [] }),
      (m) => {
        const days = sortedWith(m.days ?? [], day, true);
        return days === m.days ? m : { ...m, days };
      },
    );
    await b.update<WorkloadHead>(
      as<WorkloadHead>(),
      ownerId,
      () => ({ ownerId, centerId, openDays: [] }),
      (h) => {
        const openDays = sortedWith(h.openDays ?? [], day, dayDoc.open.length > 0);
        if (openDays === h.openDays) return openChanged ? { ...h } : h;
        return { ...h, openDays };
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

  /**
   * Every `_id` read: the head (its open days), the period's months (their days), those days (their
   * slices; only the open ones of an earlier open day), then the slices. A month or head written
   * before the slices is read as it was.
   */
  private async tasksOf(
    collection: Collection<Doc<Workload>>,
    ownerId: string,
    from: Date,
    to: Date,
  ): Promise<TaskFact[]> {
    const head = (await collection.findOne({ _id: ownerId })) as Doc<WorkloadHead> | null;
    if (!head) return [];
    const months = new Set(from < to ? monthsBetween(from, new Date(to.getTime() - 1)) : []);
    const inPeriod = new Set(months);
    for (const list of Object.values(head.open ?? {})) for (const m of list) months.add(m);
    const monthDocs = (await findByIds(
      collection,
      [...months].map((m) => `${ownerId}:${m}`),
    )) as unknown as WorkloadMonth[];
    const wholeDays = new Set(monthDocs.filter((m) => inPeriod.has(m.month)).flatMap((m) => m.days ?? []));
    const dayDocs = (await findByIds(
      collection,
      [...new Set([...wholeDays, ...(head.openDays ?? [])])].map((d) => `${ownerId}:${d}`),
    )) as unknown as WorkloadDay[];
    const slices = (await findByIds(
      collection,
      dayDocs.flatMap((d) =>
        (wholeDays.has(d.day) ? d.slices : d.open).map((s) => `${ownerId}:${d.day}T${s}`),
      ),
    )) as unknown as WorkloadSlice[];
    const tasks = new Map<string, TaskFact>();
    for (const list of [...monthDocs.map(legacyMonthTasks), ...slices.map(sliceTasks)]) {
      for (const task of list) {
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
