import type { RecordedEvent } from '@motcua/contracts';
import { inBatch, type ProjectionBatch } from '@motcua/eventstore';
import type { Collection, Db } from 'mongodb';
import { monthKey, monthsBetween } from '../domain/report.js';
import {
  applyToFact,
  type DossierFact,
  emptyFact,
  FACT_EVENT_TYPES,
  settledAt,
} from '../domain/statistics.js';

type FactDocument = DossierFact & { _id: string; revision: number };

/** `<centerId>:<YYYY-MM>`: the dossiers that entered the center's books (received or refused at
 * intake), those settled (returned, withdrawn, stopped) and those rated by their applicant that
 * month, Vietnam time (a rating usually comes after the hand-over, in a later month). */
interface MonthIndex {
  centerId: string;
  month: string;
  entered: string[];
  settled: string[];
  /** Absent until the month's first rating. */
  rated?: string[];
}
/** `<centerId>:pending`: received and not yet settled, whenever received. */
interface PendingIndex {
  centerId: string;
  ids: string[];
}
/** `centers`: every center a fact has named. */
interface CentersIndex {
  ids: string[];
}
type IndexDocument = (MonthIndex | PendingIndex | CentersIndex) & { _id: string; revision: number };

const add = (list: string[], id: string) => (list.includes(id) ? list : [...list, id]);
const remove = (list: string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : list);

/**
 * Procedure code → field code, from routing's CatalogueService (ListProcedures over gRPC), loaded
 * once and cached; an unknown code reloads it at most once per `retryMs`. When routing cannot be
 * reached the field stays unknown and the report asks again.
 */
export class FieldCatalogue {
  private byProcedure = new Map<string, string>();
  private fieldCodes: string[] = [];
  private names = new Map<string, string>();
  private loadedAt = Number.NEGATIVE_INFINITY;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly load: () => Promise<{ code: string; fieldCode: string; fieldName?: string }[]>,
    private readonly options: { retryMs?: number; now?: () => number; onError?: (err: unknown) => void } = {},
  ) {}

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  /** Loads the catalogue unless it was (tried) less than `retryMs` ago. */
  async refresh(force = false): Promise<void> {
    if (!force && this.now() - this.loadedAt < (this.options.retryMs ?? 60_000)) return;
    this.loading ??= (async () => {
      try {
        const procedures = await this.load();
        this.byProcedure = new Map(procedures.map((p) => [p.code, p.fieldCode]));
        this.fieldCodes = [...new Set(procedures.map((p) => p.fieldCode).filter(Boolean))];
        this.names = new Map(procedures.filter((p) => p.fieldName).map((p) => [p.fieldCode, p.fieldName!]));
      } catch (err) {
        this.options.onError?.(err);
      } finally {
        this.loadedAt = this.now();
        this.loading = undefined;
      }
    })();
    await this.loading;
  }

  /** The field of a procedure, reloading the catalogue once when the code is new to it. */
  async resolve(procedureCode: string): Promise<string | undefined> {
    if (procedureCode && !this.byProcedure.has(procedureCode)) await this.refresh();
    return this.fieldOf(procedureCode);
  }

  fieldOf = (procedureCode: string): string | undefined => this.byProcedure.get(procedureCode);

  /** A field's name (reports name fields, not codes); the code when the catalogue has no name. */
  fieldName = (fieldCode: string): string => this.names.get(fieldCode) ?? fieldCode;

  /** The fields of the catalogue, in catalogue order. */
  fields(): string[] {
    return this.fieldCodes;
  }
}

/**
 * The statistics read side, built only from the Kafka log: one fact per dossier (`dossier_facts`,
 * `_id` dossier id) and an index shaped for `_id` reads (`dossier_fact_index`), so that a report
 * reads the months it covers, the centers' pending lists and the facts they name (ADR 0002).
 */
export class StatisticsRepository {
  private readonly facts: Collection<FactDocument>;
  private readonly index: Collection<IndexDocument>;

  constructor(
    db: Db,
    private readonly catalogue?: FieldCatalogue,
    /** `suffix` names another set of collections (a rebuild's, `src/rebuild`); none by default. */
    options: { suffix?: string } = {},
  ) {
    const suffix = options.suffix ?? '';
    this.facts = db.collection<FactDocument>(`dossier_facts${suffix}`);
    this.index = db.collection<IndexDocument>(`dossier_fact_index${suffix}`);
  }

  /** Folds an event into its dossier's fact and keeps the index in step (idempotent). */
  async apply(event: RecordedEvent, batch?: ProjectionBatch): Promise<void> {
    if (!FACT_EVENT_TYPES.has(event.type) || !event.dossierId) return;
    const procedureCode = typeof event.payload.procedureCode === 'string' ? event.payload.procedureCode : '';
    if (procedureCode) await this.catalogue?.resolve(procedureCode);
    const fieldOf = this.catalogue?.fieldOf ?? (() => undefined);
    await inBatch(batch, async (b) => {
      const fact = await b.update<DossierFact>(
        this.facts,
        event.dossierId,
        () => emptyFact(event.dossierId, event.dossierCode),
        (current) => applyToFact(current, event, fieldOf),
      );
      await this.reindex(fact, b);
    });
  }

  private async reindex(fact: DossierFact, b: ProjectionBatch): Promise<void> {
    const { centerId, dossierId } = fact;
    if (!centerId) return;
    const entered = fact.receivedAt ?? fact.refusedAtIntakeAt;
    if (!entered) return;
    await this.change<CentersIndex>(
      b,
      'centers',
      () => ({ ids: [] }),
      (c) => {
        const ids = add(c.ids, centerId);
        return ids === c.ids ? c : { ids };
      },
    );
    await this.changeMonth(b, centerId, monthKey(new Date(entered)), 'entered', dossierId);
    if (!fact.receivedAt) return;
    const settled = settledAt(fact);
    await this.change<PendingIndex>(
      b,
      `${centerId}:pending`,
      () => ({ centerId, ids: [] }),
      (p) => {
        const ids = settled ? remove(p.ids, dossierId) : add(p.ids, dossierId);
        return ids === p.ids ? p : { ...p, ids };
      },
    );
    if (settled) await this.changeMonth(b, centerId, monthKey(new Date(settled)), 'settled', dossierId);
    if (fact.feedback)
      await this.changeMonth(b, centerId, monthKey(new Date(fact.feedback.givenAt)), 'rated', dossierId);
  }

  private changeMonth(
    b: ProjectionBatch,
    centerId: string,
    month: string,
    list: 'entered' | 'settled' | 'rated',
    dossierId: string,
  ) {
    return this.change<MonthIndex>(
      b,
      `${centerId}:${month}`,
      () => ({ centerId, month, entered: [], settled: [] }),
      (m) => {
        const ids = add(m[list] ?? [], dossierId);
        return ids === m[list] ? m : { ...m, [list]: ids };
      },
    );
  }

  private change<T extends MonthIndex | PendingIndex | CentersIndex>(
    b: ProjectionBatch,
    id: string,
    initial: () => T,
    change: (current: T) => T,
  ) {
    return b.update<T>(
      this.index as unknown as Collection<T & { _id: string; revision: number }>,
      id,
      initial,
      change,
    );
  }

  /** Every center a fact has named. */
  async knownCenters(): Promise<string[]> {
    const doc = (await this.index.findOne({ _id: 'centers' })) as (CentersIndex & { _id: string }) | null;
    return doc?.ids ?? [];
  }

  /**
   * The facts a report on [from, to) at `now` may count for these centers: those that entered in
   * the period's months, those still pending, those settled since `from` (carried over, or a
   * result not yet collected at the end) and those rated in the period's months. Only `_id` reads.
   */
  async factsFor(centerIds: string[], from: Date, to: Date, now: Date): Promise<DossierFact[]> {
    const last = new Date(to.getTime() - 1);
    const enteredMonths = from < to ? monthsBetween(from, last) : [];
    const settledMonths = from <= now ? monthsBetween(from, now) : [];
    const ids = new Set<string>();
    const read = async (id: string) => this.index.findOne({ _id: id });
    await mapLimit(centerIds, 4, async (centerId) => {
      const reads = [
        ...enteredMonths.map(async (m) => {
          const doc = (await read(`${centerId}:${m}`)) as MonthIndex | null;
          for (const id of doc?.entered ?? []) ids.add(id);
          for (const id of doc?.rated ?? []) ids.add(id);
        }),
        ...settledMonths.map(async (m) => {
          const doc = (await read(`${centerId}:${m}`)) as MonthIndex | null;
          for (const id of doc?.settled ?? []) ids.add(id);
        }),
        (async () => {
          const doc = (await read(`${centerId}:pending`)) as PendingIndex | null;
          for (const id of doc?.ids ?? []) ids.add(id);
        })(),
      ];
      await Promise.all(reads);
    });
    const facts: DossierFact[] = [];
    await mapLimit([...ids], 16, async (id) => {
      const doc = await this.facts.findOne({ _id: id });
      if (doc) {
        const { _id, revision, ...fact } = doc;
        facts.push(fact);
      }
    });
    return facts.sort((a, b) => a.dossierId.localeCompare(b.dossierId));
  }

  async fact(dossierId: string): Promise<DossierFact | null> {
    const doc = await this.facts.findOne({ _id: dossierId });
    if (!doc) return null;
    const { _id, revision, ...fact } = doc;
    return fact;
  }
}

/** Runs `fn` over the items, at most `limit` at a time. */
async function mapLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
