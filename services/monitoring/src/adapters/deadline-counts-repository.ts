import type { RecordedEvent } from '@motcua/contracts';
import { inBatch, type ProjectionBatch } from '@motcua/eventstore';
import type { Collection, Db } from 'mongodb';
import {
  DEADLINE_EVENT_TYPES,
  type DeadlineEntry,
  deadlineMarkOf,
  entryMonth,
  withEntry,
} from '../domain/deadline-counts.js';

/** The collection (a rebuild writes it with a suffix). */
export const DEADLINE_COLLECTION = 'board_deadline_entries';

/**
 * `department:<departmentId>:<YYYY-MM>` and `center:<centerId>:<YYYY-MM>`: the month's entries of a
 * unit; `departments:<centerId>`: the departments that ever had one at the center.
 */
type EntriesDocument = {
  unitKind: 'department' | 'center';
  unitId: string;
  month: string;
  entries: DeadlineEntry[];
};
type DepartmentsDocument = { centerId: string; ids: string[] };
type Doc = (EntriesDocument | DepartmentsDocument) & { _id: string; revision: number };

export const entriesId = (unitKind: 'department' | 'center', unitId: string, month: string) =>
  `${unitKind}:${unitId}:${month}`;

/**
 * The deadline events as the board counts them, one `_id` read per unit and month (ADR 0002): the
 * entries are kept, not the counts, so that any period [from, to) is counted exactly and a redelivered
 * event (same id) is held once.
 */
export class DeadlineCountsRepository {
  private readonly docs: Collection<Doc>;

  constructor(db: Db, options: { suffix?: string } = {}) {
    this.docs = db.collection<Doc>(`${DEADLINE_COLLECTION}${options.suffix ?? ''}`);
  }

  async apply(event: RecordedEvent, batch?: ProjectionBatch): Promise<void> {
    if (!DEADLINE_EVENT_TYPES.has(event.type)) return;
    const mark = deadlineMarkOf(event);
    if (!mark) return;
    await inBatch(batch, (b) => this.fold(mark, b));
  }

  private async fold(
    mark: NonNullable<ReturnType<typeof deadlineMarkOf>>,
    b: ProjectionBatch,
  ): Promise<void> {
    const month = entryMonth(mark.entry);
    const units = [
      ...(mark.centerId ? [{ unitKind: 'center' as const, unitId: mark.centerId }] : []),
      ...mark.departmentIds.map((unitId) => ({ unitKind: 'department' as const, unitId })),
    ];
    for (const { unitKind, unitId } of units) {
      await b.update<EntriesDocument>(
        this.docs as unknown as Collection<EntriesDocument & { _id: string; revision: number }>,
        entriesId(unitKind, unitId, month),
        () => ({ unitKind, unitId, month, entries: [] }),
        (doc) => {
          const entries = withEntry(doc.entries, mark.entry);
          return entries === doc.entries ? doc : { ...doc, entries };
        },
      );
    }
    if (!mark.centerId || mark.departmentIds.length === 0) return;
    await b.update<DepartmentsDocument>(
      this.docs as unknown as Collection<DepartmentsDocument & { _id: string; revision: number }>,
      `departments:${mark.centerId}`,
      () => ({ centerId: mark.centerId, ids: [] }),
      (doc) => {
        const added = mark.departmentIds.filter((id) => !doc.ids.includes(id));
        return added.length ? { ...doc, ids: [...doc.ids, ...added] } : doc;
      },
    );
  }

  /** The entries of a unit over the months given. */
  async entries(
    unitKind: 'department' | 'center',
    unitId: string,
    months: string[],
  ): Promise<DeadlineEntry[]> {
    // one `_id` read per month (FerretDB indexes `_id` lookups only)
    const docs = await Promise.all(
      months.map((m) => this.docs.findOne({ _id: entriesId(unitKind, unitId, m) })),
    );
    return docs.flatMap((d) => (d && 'entries' in d ? d.entries : []));
  }

  /** The departments of a center with any deadline entry. */
  async departmentsOf(centerId: string): Promise<string[]> {
    const doc = await this.docs.findOne({ _id: `departments:${centerId}` });
    return doc && 'ids' in doc ? doc.ids : [];
  }
}
