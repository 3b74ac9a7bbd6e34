import type { RecordedEvent } from '@motcua/contracts';
import {
  findByIds,
  inBatch,
  LruMap,
  type PackedJson,
  type ProjectionBatch,
  pack,
  unpack,
} from '@motcua/eventstore';
import type { Collection, Db } from 'mongodb';
import { daysBetween, monthsBetween } from '../domain/report.js';
import {
  type SettledSummary,
  settledSummaryOf,
  summarisableAt,
  summaryDocumentIds,
  summaryKey,
  summaryPlaces,
} from '../domain/settled-summary.js';
import { sortedWith } from '../domain/sorted-list.js';
import {
  applyToFact,
  type DossierFact,
  emptyFact,
  FACT_EVENT_TYPES,
  settledAt,
} from '../domain/statistics.js';
import { timeSliceOf } from '../domain/time-slice.js';
import {
  type PackedFact,
  packFact,
  packSummaries,
  type SummaryDocument,
  summaryEntries,
  unpackFact,
} from './packed.js';

type FactDocument = PackedFact & { _id: string; revision: number };

/**
 * `<centerId>:<YYYY-MM-DD>`: the minutes of the day (Vietnam time) in which dossiers entered the
 * center's books (received or refused at intake), were settled (returned, withdrawn, stopped) or
 * rated by their applicant (a rating usually comes after the hand-over, on a later day). The ids
 * are in the minutes' documents: one per center and minute, so that none grows with a busy day and
 * a batch rewrites the newest minute, not the day.
 */
interface DayIndex {
  centerId: string;
  day: string;
  minutes?: string[];
  /** Before the minutes (session 11 and earlier): the day's ids; still read. */
  entered?: string[];
  settled?: string[];
  rated?: string[];
}
/**
 * `<centerId>:<YYYY-MM-DD>:<HHMMSS>`: the dossiers that entered, were settled or rated that minute,
 * packed (ADR 0002: FerretDB converts every element of a stored list on each read and write), each
 * list sorted so that a rebuild writes the same bytes.
 */
interface MinuteIndex {
  centerId: string;
  day: string;
  minute: string;
  json: PackedJson;
}
interface MinuteLists {
  entered: string[];
  settled: string[];
  /** Absent until the minute's first rating. */
  rated?: string[];
}
const minuteLists = (d: MinuteIndex): MinuteLists =>
  unpack(d, 'json', () => ({ entered: [], settled: [] }) as MinuteLists);
/** `<centerId>:<YYYY-MM>`: the month's days that have a day document (a report reads only those). */
interface MonthDays {
  centerId: string;
  month: string;
  days: string[];
}
/** `<centerId>:pending`: the days (of receipt) that still have dossiers received and not settled. */
interface PendingDays {
  centerId: string;
  days: string[];
}
/** `<centerId>:pending:<YYYY-MM-DD>`: the minutes of that day's receipts that are not all settled. */
interface PendingIndex {
  centerId: string;
  day: string;
  minutes?: string[];
  /** Before the minutes: the day's pending ids; still read, and emptied as they settle. */
  ids?: string[];
}
/**
 * `<centerId>:pending:<YYYY-MM-DD>:<HHMMSS>`: received that minute and not yet settled, each with
 * the number of events its fact has folded (its version): a report keeps the facts it read and
 * reads again only those whose version changed (`openFacts`).
 */
interface PendingMinute {
  centerId: string;
  day: string;
  minute: string;
  /** `[dossierId, version][]` sorted by id, packed. */
  json: PackedJson;
}
const pendingOpen = (d: PendingMinute): [string, number][] => unpack(d, 'json', () => []);
/** The ids a pending document names: a minute's (with their versions), or a day's stored before the minutes. */
const pendingIds = (d: PendingMinute | PendingIndex): string[] =>
  'json' in d ? pendingOpen(d).map(([id]) => id) : ((d as PendingIndex).ids ?? []);
/** `centers`: every center a fact has named. */
interface CentersIndex {
  ids: string[];
}
type IndexDocument = (
  | DayIndex
  | MinuteIndex
  | PendingDays
  | PendingIndex
  | PendingMinute
  | CentersIndex
  | SummaryDocument
) & {
  _id: string;
  revision: number;
};

/** The index's lists of ids are kept per minute (`MinuteIndex`, `PendingMinute`). */
const MINUTE = 60;
/** Open facts a report keeps between asks (~1–2 KB each). */
const OPEN_FACTS_CACHED = 20_000;
type Stored<T> = T & { _id: string };
/** The minutes' documents a day's (or a day's pending) document names: `<its _id>:<HHMMSS>`. */
const minuteIdsOf = (d: Stored<DayIndex | PendingIndex>): string[] =>
  (d.minutes ?? []).map((m) => `${d._id}:${m}`);
const isPending = (d: { _id: string }) => d._id.includes(':pending:');

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
 * reads the days it covers, the centers' pending lists and the facts they name (ADR 0002).
 */
export class StatisticsRepository {
  private readonly facts: Collection<FactDocument>;
  private readonly index: Collection<IndexDocument>;
  /** Open dossiers' facts as last read, by dossier id (shared with every caller: never changed). */
  private readonly openCache = new LruMap<string, DossierFact>(OPEN_FACTS_CACHED);

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

  /** Reads the facts these events change into the batch at once (`MonitoringApp.onBatch`). */
  async prefetch(batch: ProjectionBatch, events: RecordedEvent[]): Promise<void> {
    const folded = events.filter((e) => FACT_EVENT_TYPES.has(e.type) && e.dossierId);
    await batch.prefetch(
      this.facts,
      folded.map((e) => e.dossierId),
    );
    // Then the index documents the folds will likely touch, from the facts now held (no round
    // trip): a quiet center's minutes are new and were otherwise each read alone.
    const ids = new Set<string>(['centers']);
    for (const event of folded) {
      const doc = await batch.get(this.facts, event.dossierId);
      const fact = doc ? unpackFact(doc) : undefined;
      const p = event.payload as { centerId?: unknown; competentCenterId?: unknown; receivedAt?: unknown };
      const centers = [fact?.centerId, fact?.competentCenterId, p.centerId, p.competentCenterId];
      const times = [fact?.receivedAt ?? fact?.refusedAtIntakeAt, p.receivedAt, event.occurredAt];
      for (const center of centers) {
        if (typeof center !== 'string' || !center) continue;
        ids.add(`${center}:pending`);
        for (const t of times) {
          const at = typeof t === 'string' ? timeSliceOf(t, MINUTE) : undefined;
          if (!at) continue;
          const { day, slice } = at;
          ids.add(`${center}:${day.slice(0, 7)}`);
          for (const id of [`${center}:${day}`, `${center}:pending:${day}`])
            ids.add(id).add(`${id}:${slice}`);
        }
      }
    }
    await batch.prefetch(this.index, ids);
  }

  /** Folds an event into its dossier's fact and keeps the index in step (idempotent). */
  async apply(event: RecordedEvent, batch?: ProjectionBatch): Promise<void> {
    if (!FACT_EVENT_TYPES.has(event.type) || !event.dossierId) return;
    const procedureCode = typeof event.payload.procedureCode === 'string' ? event.payload.procedureCode : '';
    if (procedureCode) await this.catalogue?.resolve(procedureCode);
    const fieldOf = this.catalogue?.fieldOf ?? (() => undefined);
    await inBatch(batch, async (b) => {
      let before: DossierFact | undefined;
      let fact = emptyFact(event.dossierId, event.dossierCode);
      await b.update<PackedFact>(
        this.facts,
        event.dossierId,
        () => packFact(emptyFact(event.dossierId, event.dossierCode)),
        (current) => {
          before = unpackFact(current);
          fact = applyToFact(before, event, fieldOf);
          return fact === before ? current : packFact(fact);
        },
      );
      await this.reindex(fact, b);
      await this.resummarise(before, fact, b);
    });
  }

  /**
   * Keeps the settled dossier's summary in the documents of its centers and settlement days (a
   * report reads them instead of its fact); drops it from those it left. Derived from the fact alone,
   * so folding again writes the same (a stale copy left by a crash loses to the later state on read).
   */
  private async resummarise(before: DossierFact | undefined, fact: DossierFact, b: ProjectionBatch) {
    const key = summaryKey(fact.dossierId);
    const summary = settledSummaryOf(fact);
    const now = summary ? summaryPlaces(fact) : [];
    const kept = new Set(now.map(([, id]) => id));
    const edit = (id: string, centerId: string, change: (entries: Map<string, SettledSummary>) => boolean) =>
      this.change<SummaryDocument>(
        b,
        id,
        () => packSummaries(centerId, new Map()),
        (d) => {
          const entries = summaryEntries(d);
          return change(entries) ? packSummaries(centerId, entries) : d;
        },
      );
    for (const [centerId, id] of summaryPlaces(before).filter(([, id]) => !kept.has(id)))
      await edit(id, centerId, (entries) => entries.delete(key));
    if (!summary) return;
    const json = JSON.stringify(summary);
    for (const [centerId, id] of now)
      await edit(id, centerId, (entries) => {
        if (JSON.stringify(entries.get(key)) === json) return false;
        entries.set(key, summary);
        return true;
      });
  }

  /**
   * Indexes the fact under its receiving center and, when another, its competent center (where its
   * processing counts, `counting-unit.ts`), so a report on either finds it by `_id` reads alone.
   */
  private async reindex(fact: DossierFact, b: ProjectionBatch): Promise<void> {
    await this.reindexAt(fact.centerId, fact, b);
    if (fact.competentCenterId && fact.competentCenterId !== fact.centerId)
      await this.reindexAt(fact.competentCenterId, fact, b);
  }

  private async reindexAt(centerId: string, fact: DossierFact, b: ProjectionBatch): Promise<void> {
    const { dossierId } = fact;
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
    await this.changeDay(b, centerId, entered, 'entered', dossierId);
    if (!fact.receivedAt) return;
    const settled = settledAt(fact);
    // open until summarised: a dossier returned before its result stays open
    const closed = summarisableAt(fact);
    await this.changePending(
      b,
      centerId,
      fact.receivedAt,
      dossierId,
      closed ? undefined : fact.eventIds.length,
    );
    if (settled) await this.changeDay(b, centerId, settled, 'settled', dossierId);
    if (fact.feedback) await this.changeDay(b, centerId, fact.feedback.givenAt, 'rated', dossierId);
  }

  private async changeDay(
    b: ProjectionBatch,
    centerId: string,
    at: string,
    list: 'entered' | 'settled' | 'rated',
    dossierId: string,
  ) {
    const place = timeSliceOf(at, MINUTE);
    if (!place) return;
    const { day, slice: minute } = place;
    const month = day.slice(0, 7);
    await this.change<MonthDays>(
      b,
      `${centerId}:${month}`,
      () => ({ centerId, month, days: [] }),
      (m) => {
        const days = sortedWith(m.days, day, true);
        return days === m.days ? m : { ...m, days };
      },
    );
    await this.change<DayIndex>(
      b,
      `${centerId}:${day}`,
      () => ({ centerId, day, minutes: [] }),
      (d) => {
        const minutes = sortedWith(d.minutes ?? [], minute, true);
        return minutes === d.minutes ? d : { ...d, minutes };
      },
    );
    await this.change<MinuteIndex>(
      b,
      `${centerId}:${day}:${minute}`,
      () => pack({ centerId, day, minute }, 'json', { entered: [], settled: [] } as MinuteLists),
      (d) => {
        const lists = minuteLists(d);
        const ids = sortedWith(lists[list] ?? [], dossierId, true);
        if (ids === lists[list]) return d;
        return pack({ centerId: d.centerId, day: d.day, minute: d.minute }, 'json', {
          ...lists,
          [list]: ids,
        });
      },
    );
  }

  /**
   * In or out of its minute's pending list; the day's minutes follow whether that list is empty, and
   * the center's days whether the day has any. The day is written whenever its minute's list
   * changed, and the center's days whenever the day's minutes did, changed or not: they were decided
   * on this copy, and only a conditional write finds out that a concurrent batch changed them
   * meanwhile (two batches emptying and filling one list could otherwise leave it out, or in).
   */
  private async changePending(
    b: ProjectionBatch,
    centerId: string,
    receivedAt: string,
    dossierId: string,
    /** The fact's version while the dossier is pending; undefined once it is not. */
    version: number | undefined,
  ): Promise<void> {
    const pending = version !== undefined;
    const place = timeSliceOf(receivedAt, MINUTE);
    if (!place) return;
    const { day, slice: minute } = place;
    let listChanged = false;
    const list = await this.change<PendingMinute>(
      b,
      `${centerId}:pending:${day}:${minute}`,
      () => pack({ centerId, day, minute }, 'json', [] as [string, number][]),
      (p) => {
        const open = pendingOpen(p);
        const i = open.findIndex(([id]) => id === dossierId);
        if (pending ? open[i]?.[1] === version : i < 0) return p;
        listChanged = true;
        const others = open.filter(([id]) => id !== dossierId);
        const next: [string, number][] = pending
          ? [...others, [dossierId, version] as [string, number]].sort(([a], [b]) =>
              a < b ? -1 : a > b ? 1 : 0,
            )
          : others;
        return pack({ centerId: p.centerId, day: p.day, minute: p.minute }, 'json', next);
      },
    );
    let minutesChanged = false;
    const dayList = await this.change<PendingIndex>(
      b,
      `${centerId}:pending:${day}`,
      () => ({ centerId, day, minutes: [] }),
      (p) => {
        const before = p.minutes ?? [];
        const minutes = sortedWith(before, minute, pendingOpen(list).length > 0);
        // a dossier pending before the minutes is in the day's own list
        const ids = p.ids && !pending ? remove(p.ids, dossierId) : p.ids;
        minutesChanged = minutes !== before || ids !== p.ids;
        if (!minutesChanged) return listChanged ? { ...p } : p;
        return { ...p, minutes, ...(ids ? { ids } : {}) };
      },
    );
    const open = (dayList.minutes ?? []).length > 0 || (dayList.ids ?? []).length > 0;
    await this.change<PendingDays>(
      b,
      `${centerId}:pending`,
      () => ({ centerId, days: [] }),
      (h) => {
        const days = sortedWith(h.days, day, open);
        if (days !== h.days) return { ...h, days };
        return minutesChanged ? { ...h } : h;
      },
    );
  }

  private change<
    T extends
      | DayIndex
      | MinuteIndex
      | MonthDays
      | PendingDays
      | PendingIndex
      | PendingMinute
      | CentersIndex
      | SummaryDocument,
  >(b: ProjectionBatch, id: string, initial: () => T, change: (current: T) => T) {
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
   * result not yet collected at the end) and those rated in the period's months. Only `_id` reads,
   * a few hundred per query (`findByIds`): the months' and the pending heads, the days they name,
   * then the facts.
   */
  async factsFor(centerIds: string[], from: Date, to: Date, now: Date): Promise<DossierFact[]> {
    const last = new Date(to.getTime() - 1);
    const enteredDays = new Set(from < to ? daysBetween(from, last) : []);
    const settledDays = new Set(from <= now ? daysBetween(from, now) : []);
    const months = [...new Set([...enteredDays, ...settledDays].map((d) => d.slice(0, 7)))];
    const index = this.index as unknown as Collection<IndexDocument>;
    const heads = await findByIds(index, [
      ...centerIds.flatMap((c) => months.map((m) => `${c}:${m}`)),
      ...centerIds.map((c) => `${c}:pending`),
    ]);
    const dayIds = heads.flatMap((h) =>
      'month' in h
        ? (h as MonthDays).days
            .filter((d) => enteredDays.has(d) || settledDays.has(d))
            .map((d) => `${(h as MonthDays).centerId}:${d}`)
        : 'days' in h
          ? (h as PendingDays).days.map((d) => `${(h as PendingDays).centerId}:pending:${d}`)
          : [],
    );
    const ids = new Set<string>();
    const versions = new Map<string, number>();
    const days = (await findByIds(index, dayIds)) as unknown as Stored<DayIndex | PendingIndex>[];
    const minutes = (await findByIds(index, days.flatMap(minuteIdsOf))) as unknown as Stored<
      MinuteIndex | PendingMinute
    >[];
    for (const doc of [...days, ...minutes]) {
      if (isPending(doc)) {
        for (const id of pendingIds(doc as PendingIndex | PendingMinute)) ids.add(id);
        if ('json' in doc) for (const [id, v] of pendingOpen(doc as PendingMinute)) versions.set(id, v);
        continue;
      }
      const day = 'json' in doc ? { day: doc.day, ...minuteLists(doc as MinuteIndex) } : (doc as DayIndex);
      if (enteredDays.has(day.day))
        for (const id of [...(day.entered ?? []), ...(day.rated ?? [])]) ids.add(id);
      if (settledDays.has(day.day)) for (const id of day.settled ?? []) ids.add(id);
    }
    return this.factsAt(ids, versions);
  }

  /**
   * The facts of these centers' open dossiers (received, not yet settled): the pending lists, each
   * fact taken from `openCache` when held at the version its list names (`factsAt`). A list stored
   * before the versions names none: its facts are read every time.
   */
  async openFacts(centerIds: string[]): Promise<DossierFact[]> {
    const index = this.index as unknown as Collection<IndexDocument>;
    const heads = (await findByIds(
      index,
      centerIds.map((c) => `${c}:pending`),
    )) as unknown as (PendingDays & {
      _id: string;
    })[];
    const days = (await findByIds(
      index,
      heads.flatMap((h) => h.days.map((d) => `${h.centerId}:pending:${d}`)),
    )) as unknown as Stored<PendingIndex>[];
    const minutes = (await findByIds(index, days.flatMap(minuteIdsOf))) as unknown as PendingMinute[];
    const versions = new Map<string, number>();
    for (const [id, v] of minutes.flatMap(pendingOpen)) versions.set(id, v);
    return this.factsAt([...days.flatMap(pendingIds), ...versions.keys()], versions);
  }

  /**
   * The facts of these dossiers, sorted by id. One whose pending list names its version is taken
   * from `openCache` when held at that version: the board asks for reports every few seconds, and
   * between two asks only the dossiers that moved change. The others are read (and kept when open).
   */
  private async factsAt(ids: Iterable<string>, versions: Map<string, number>): Promise<DossierFact[]> {
    const facts: DossierFact[] = [];
    const unread: string[] = [];
    for (const id of new Set(ids)) {
      const held = versions.has(id) ? this.openCache.get(id) : undefined;
      if (held && held.eventIds.length === versions.get(id)) facts.push(held);
      else unread.push(id);
    }
    for (const fact of (await findByIds(this.facts, unread)).map(unpackFact)) {
      facts.push(fact);
      if (versions.get(fact.dossierId) === fact.eventIds.length) this.openCache.set(fact.dossierId, fact);
    }
    return facts.sort((a, b) => a.dossierId.localeCompare(b.dossierId));
  }

  /**
   * The summaries of the dossiers these centers settled from `from` to `now` (each dossier once, its
   * latest state), keyed by `summaryKey`: what a month's or a year's report needs of them.
   */
  async summariesFor(centerIds: string[], from: Date, now: Date): Promise<Map<string, SettledSummary>> {
    const months = from <= now ? monthsBetween(from, now) : [];
    const docs = (await findByIds(
      this.index as unknown as Collection<IndexDocument>,
      summaryDocumentIds(centerIds, months),
    )) as unknown as SummaryDocument[];
    const out = new Map<string, SettledSummary>();
    for (const doc of docs)
      for (const [key, s] of summaryEntries(doc)) {
        const seen = out.get(key);
        if (!seen || s.v > seen.v) out.set(key, s);
      }
    return out;
  }

  async fact(dossierId: string): Promise<DossierFact | null> {
    const doc = await this.facts.findOne({ _id: dossierId });
    return doc ? unpackFact(doc) : null;
  }
}
