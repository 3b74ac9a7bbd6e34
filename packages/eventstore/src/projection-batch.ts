import { findByIds, perDocumentErrors } from '@motcua/kafka';
import type { AnyBulkWriteOperation, Collection, Document } from 'mongodb';
import { isDuplicateKey } from './errors.js';

/** Another writer changed a document this batch read: fold the batch again from fresh reads. */
export class ProjectionConflict extends Error {
  readonly code = 'PROJECTION_CONFLICT';
}

/**
 * What a single consumer last wrote or read, across its batches (least recently used dropped past
 * `max`): a document found here is not read again. Safe with other writers: a stale copy fails its
 * conditional write, and the batch is folded again from fresh reads with the cache cleared.
 */
export class ProjectionCache {
  private readonly docs = new Map<string, { revision: number; doc: Document }>();
  constructor(private readonly max = 20_000) {}

  get(key: string) {
    const hit = this.docs.get(key);
    if (hit) {
      this.docs.delete(key);
      this.docs.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: { revision: number; doc: Document }): void {
    this.docs.delete(key);
    this.docs.set(key, value);
    if (this.docs.size > this.max) this.docs.delete(this.docs.keys().next().value as string);
  }

  clear(): void {
    this.docs.clear();
  }
}

export interface ProjectionBatchOptions {
  /** Documents known from earlier batches (a live consumer's); refreshed after each flush. */
  cache?: ProjectionCache;
  /**
   * Take the `_id`s given to `expectNew` as absent without reading them (a first attempt: if one
   * exists after all, its insert fails as a conflict and the batch is folded again reading it).
   */
  trustNew?: boolean;
  /**
   * The collections start empty (a rebuild's) and this batch is their only writer: nothing is read
   * back, every document is inserted, and updates are not conditional. A document already there (a
   * run that stopped wrote it) is replaced: what this batch holds was folded from the last
   * checkpoint (or the start) and every event since, so it is the whole of it.
   */
  fresh?: boolean;
  /**
   * Fresh collections: hold at most this many documents in memory; past it, `evictCold` inserts
   * the least recently touched ones and forgets them. One touched again later is read back (the
   * only reads of a rebuild, for late events of long-finished dossiers).
   */
  maxDocuments?: number;
  /** Fresh collections a crashed run may have written to already: read what is not held. */
  maybeStored?: boolean;
  /** Statements per write command (FerretDB answers a bulk of 1,000 updates; inserts go faster). */
  chunk?: number;
  /**
   * Collections written at the same time (default 1: in the order first touched). Only where no
   * document's meaning depends on another being written first (a rebuild's fresh collections).
   */
  parallel?: number;
}

// biome-ignore lint/suspicious/noExplicitAny: the driver's filter types do not narrow generics
type AnyCollection = Collection<any>;
/** A document's key in the batch: its collection and `_id`. */
const keyOf = (collection: { collectionName: string }, id: string) =>
  `${collection.collectionName}\u0000${id}`;
interface Entry {
  collection: AnyCollection;
  id: string;
  /** 0: not stored yet. */
  revision: number;
  /** null: not stored and not created by the batch. */
  doc: Document | null;
  dirty: boolean;
  /** Changed since the last `takeChanged` (a rebuild's checkpoint). */
  changed: boolean;
  /** The batch's count of reads and updates when it was last read or updated (how cold it is). */
  touched?: number;
}

/**
 * Entries by collection, then `_id`. A rebuild looks one up ~15 times per event; with one map keyed
 * by the two joined, a string made and hashed for each lookup, the lookups took 5 % of its time.
 */
class EntryMap {
  private readonly byCollection = new Map<string, Map<string, Entry>>();
  size = 0;

  get(collection: { collectionName: string }, id: string): Entry | undefined {
    return this.byCollection.get(collection.collectionName)?.get(id);
  }

  has(collection: { collectionName: string }, id: string): boolean {
    return this.byCollection.get(collection.collectionName)?.has(id) ?? false;
  }

  set(entry: Entry): void {
    const name = entry.collection.collectionName;
    let ids = this.byCollection.get(name);
    if (!ids) {
      ids = new Map();
      this.byCollection.set(name, ids);
    }
    const before = ids.size;
    ids.set(entry.id, entry);
    this.size += ids.size - before;
  }

  delete(collection: { collectionName: string }, id: string): void {
    if (this.byCollection.get(collection.collectionName)?.delete(id)) this.size--;
  }

  *values(): IterableIterator<Entry> {
    for (const ids of this.byCollection.values()) yield* ids.values();
  }
}

/**
 * A unit of work over projection documents: each document touched is read once (by `_id`),
 * folded in memory by every event of the batch, and written once by `flush` — new ones with
 * `insertMany`, changed ones with one `bulkWrite` of conditional updates on `revision`, so that
 * without transactions a concurrent writer is detected (ADR 0002) and the batch folded again.
 */
export class ProjectionBatch {
  private readonly entries = new EntryMap();
  private readonly loading = new Map<string, Promise<Entry>>();
  private readonly expected = new Set<string>();
  /** Keys of documents evicted to the store (fresh collections). */
  private readonly stored = new Set<string>();
  /** Documents evicted since the last `takeEvicted` (a rebuild's checkpoint). */
  private evictedSince: { collection: string; id: string }[] = [];
  /** Reads and updates so far (the clock of `touched`). */
  private touches = 0;
  /** Evicted documents being written in the background, and a failure of that write. */
  private writing: Promise<void> | null = null;
  private failed: unknown = null;

  constructor(private readonly options: ProjectionBatchOptions = {}) {}

  /** These `_id`s name documents that cannot exist yet (a dossier's first event): not read. */
  expectNew(...ids: string[]): void {
    if (!this.options.trustNew) return;
    for (const id of ids) if (id) this.expected.add(id);
  }

  /** How many documents the batch holds (a rebuild flushes by this). */
  get size(): number {
    return this.entries.size;
  }

  /** Reads in flight (none between events). */
  get reading(): number {
    return this.loading.size;
  }

  /**
   * The entry when it takes no round trip: held, cached, or known not to exist (new in fresh
   * collections, or expected new). Most of a rebuild's updates end here, without a promise.
   */
  private held(collection: AnyCollection, id: string): Entry | undefined {
    const entry = this.entries.get(collection, id);
    if (entry) return entry;
    const key = keyOf(collection, id);
    if (this.loading.has(key) || this.stored.has(key)) return undefined;
    const cached = this.options.cache?.get(key);
    let loaded: Entry;
    if (cached) {
      const { _id, revision, ...doc } = cached.doc;
      loaded = { collection, id, revision: cached.revision, doc, dirty: false, changed: false };
    } else if ((this.options.fresh && !this.options.maybeStored) || this.expected.has(id)) {
      loaded = { collection, id, revision: 0, doc: null, dirty: false, changed: false };
    } else return undefined;
    this.entries.set(loaded);
    return loaded;
  }

  /**
   * The entry read from the store, once per key however many ask at the same time. Only for what
   * `held` could not answer: an evicted document (read back once its background write is done) or
   * one that may exist.
   */
  private load(collection: AnyCollection, id: string): Promise<Entry> {
    const key = keyOf(collection, id);
    let pending = this.loading.get(key);
    if (!pending) {
      pending = (async () => {
        if (this.stored.has(key)) await this.settle();
        const found = await collection.findOne({ _id: id });
        let loaded: Entry = { collection, id, revision: 0, doc: null, dirty: false, changed: false };
        if (found) {
          const { _id, revision, ...doc } = found;
          loaded = { collection, id, revision: revision as number, doc, dirty: false, changed: false };
        }
        this.entries.set(loaded);
        return loaded;
      })().finally(() => {
        // After the `set` below: deleting inside would leave the promise (and its document) in the
        // map for the batch's life, which for a rebuild is the whole log (3.7 GB at a province-year).
        this.loading.delete(key);
      });
      this.loading.set(key, pending);
    }
    return pending;
  }

  /**
   * Reads these documents at once (`findByIds`: a few hundred `_id`s per query) when a fold is known
   * to touch them, so its updates find them held instead of reading each. Those held, cached or
   * expected new are not read again.
   */
  async prefetch(collection: Collection<Document> | AnyCollection, ids: Iterable<string>): Promise<void> {
    const c = collection as AnyCollection;
    const wanted = [...new Set(ids)].filter((id) => {
      const key = keyOf(c, id);
      return !this.entries.has(c, id) && !this.loading.has(key) && !this.options.cache?.get(key);
    });
    const read = wanted.filter(
      (id) =>
        !this.expected.has(id) &&
        !(this.options.fresh && !this.options.maybeStored && !this.stored.has(keyOf(c, id))),
    );
    if (read.length === 0) return;
    const found = new Map((await findByIds(c, read)).map((d) => [String(d._id), d]));
    for (const id of read) {
      const key = keyOf(c, id);
      if (this.entries.has(c, id) || this.loading.has(key)) continue; // loaded meanwhile by an update
      const doc = found.get(id);
      if (!doc) {
        this.entries.set({ collection: c, id, revision: 0, doc: null, dirty: false, changed: false });
        continue;
      }
      const { _id, revision, ...rest } = doc;
      this.entries.set({
        collection: c,
        id,
        revision: revision as number,
        doc: rest,
        dirty: false,
        changed: false,
      });
    }
  }

  /** The document as the batch holds it, or null when it does not exist (read once). */
  async get<T extends Document>(collection: Collection<T>, id: string): Promise<T | null> {
    const c = collection as AnyCollection;
    const entry = this.held(c, id) ?? (await this.load(c, id));
    if (this.options.maxDocuments) entry.touched = ++this.touches;
    return entry.doc as T | null;
  }

  /**
   * Folds a change into a document (created from `initial` when absent); `change` returns the same
   * object when it has nothing to change. Returns the document as it now stands in the batch.
   */
  async update<T extends Document>(
    collection: Collection<T & { _id: string; revision: number }> | Collection<T>,
    id: string,
    initial: () => T,
    change: (current: T) => T,
  ): Promise<T> {
    const c = collection as AnyCollection;
    const entry = this.held(c, id) ?? (await this.load(c, id));
    // How recently: eviction takes the smallest. (Moving the entry to the end of the map instead
    // cost a rebuild a seventh of its time, in Map.set, at ~15 updates per event.)
    if (this.options.maxDocuments) entry.touched = ++this.touches;
    if (entry.doc === null) {
      entry.doc = initial();
      entry.dirty = true; // created, even when nothing changes it
      entry.changed = true;
    }
    const next = change(entry.doc as T);
    if (next !== entry.doc) {
      entry.doc = next;
      entry.dirty = true;
      entry.changed = true;
    }
    return entry.doc as T;
  }

  /** The documents changed since the last call (a rebuild saves them at its checkpoints). */
  *takeChanged(): Iterable<{ collection: string; id: string; doc: Document; revision: number }> {
    for (const e of this.entries.values()) {
      if (!e.changed || !e.doc) continue;
      e.changed = false;
      yield { collection: e.collection.collectionName, id: e.id, doc: e.doc, revision: e.revision };
    }
  }

  /**
   * The documents evicted (written to the store) since the last call. A rebuild's checkpoint records
   * them: a copy it saved at an earlier checkpoint is older than the one now stored.
   */
  takeEvicted(): { collection: string; id: string }[] {
    const evicted = this.evictedSince;
    this.evictedSince = [];
    return evicted;
  }

  /** Drops a document from the batch (a resumed rebuild's: the store holds a newer copy). */
  forget(collection: Collection<Document>, id: string): void {
    this.entries.delete(collection, id);
  }

  /** Puts a document in the batch, to be written (a resumed rebuild's saved state). */
  seed(collection: Collection<Document>, id: string, doc: Document, revision = 0): void {
    const touched = this.options.maxDocuments ? ++this.touches : undefined;
    this.entries.set({ collection, id, revision, doc, dirty: true, changed: false, touched });
  }

  /**
   * Fresh collections over `maxDocuments`: writes the least recently touched documents (down to
   * 80 % of it) and forgets them; with `untouchedFor`, those not read or updated in that many (a
   * rebuild's checkpoint: they are written now as they would be at the end, and only the recently
   * touched ones are spilled). Called between events, never inside one's fold.
   *
   * With `background`, the write runs while the caller folds on (a rebuild's CPU and the server's
   * inserts overlap); one such write at a time, and a document touched again meanwhile is read back
   * once it is written. `settle` (and `flush`) wait for it and throw what it threw.
   */
  async evictCold(options: { untouchedFor?: number; background?: boolean } = {}): Promise<number> {
    const max = this.options.maxDocuments;
    if (!max) return 0;
    const { untouchedFor } = options;
    if (untouchedFor === undefined && this.entries.size <= max) return 0;
    const limit =
      untouchedFor !== undefined
        ? this.touches - untouchedFor
        : this.oldest(this.entries.size - Math.floor(max * 0.8));
    await this.settle();
    const cold = new ProjectionBatch({ ...this.options, maxDocuments: 0 });
    let evicted = 0;
    for (const e of this.entries.values()) {
      if ((e.touched ?? 0) > limit) continue;
      this.entries.delete(e.collection, e.id);
      if (!e.doc) continue;
      cold.entries.set(e);
      this.stored.add(keyOf(e.collection, e.id));
      this.evictedSince.push({ collection: e.collection.collectionName, id: e.id });
      evicted++;
    }
    if (evicted === 0) return 0;
    if (!options.background) {
      await cold.flush();
      return evicted;
    }
    this.writing = cold.flush().then(
      () => undefined,
      (err: unknown) => {
        this.failed = err;
      },
    );
    return evicted;
  }

  /** The `touched` mark at or below which `n` entries lie (the n least recently updated). */
  private oldest(n: number): number {
    const marks = new Float64Array(this.entries.size);
    let i = 0;
    for (const e of this.entries.values()) marks[i++] = e.touched ?? 0;
    marks.sort();
    return marks[Math.max(0, Math.min(n, marks.length) - 1)] ?? 0;
  }

  /** Waits for a background eviction's write; throws its error. */
  async settle(): Promise<void> {
    const writing = this.writing;
    if (writing) {
      // every caller waits for the same write: none may read before it is there
      await writing;
      if (this.writing === writing) this.writing = null;
    }
    if (this.failed) {
      const failed = this.failed;
      this.failed = null;
      throw failed;
    }
  }

  /** Writes every document changed since the last flush, one statement each. */
  async flush(): Promise<{ inserted: number; updated: number }> {
    await this.settle();
    const chunk = this.options.chunk ?? 500;
    const byCollection = new Map<AnyCollection, Entry[]>();
    for (const e of this.entries.values()) {
      if (!e.dirty || !e.doc) continue;
      const list = byCollection.get(e.collection) ?? [];
      list.push(e);
      byCollection.set(e.collection, list);
    }
    let inserted = 0;
    let updated = 0;
    const queue = [...byCollection];
    const writeOne = async ([collection, entries]: [AnyCollection, Entry[]]) => {
      const fresh = entries.filter((e) => e.revision === 0);
      for (let i = 0; i < fresh.length; i += chunk) {
        const part = fresh.slice(i, i + chunk);
        await this.insert(
          collection,
          part.map((e) => ({ ...e.doc, _id: e.id, revision: 1 })),
        );
        inserted += part.length;
      }
      const changed = entries.filter((e) => e.revision > 0);
      for (let i = 0; i < changed.length; i += chunk) {
        const part = changed.slice(i, i + chunk);
        // Replaced whole: the batch holds the whole document, and a field it no longer has (a list
        // kept before it was packed) must not stay behind.
        const ops: AnyBulkWriteOperation<{ _id: string }>[] = part.map((e) => ({
          replaceOne: {
            filter: this.options.fresh ? { _id: e.id } : { _id: e.id, revision: e.revision },
            replacement: { ...e.doc, revision: e.revision + 1 },
          },
        }));
        const result = await (collection as Collection<{ _id: string }>).bulkWrite(ops, { ordered: false });
        if (result.matchedCount !== part.length) {
          throw new ProjectionConflict(
            `${collection.collectionName}: ${part.length - result.matchedCount} document(s) changed by another writer`,
          );
        }
        updated += part.length;
      }
      for (const e of entries) {
        e.revision += 1;
        e.dirty = false;
      }
    };
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await writeOne(next);
    };
    try {
      await Promise.all(Array.from({ length: Math.max(1, this.options.parallel ?? 1) }, worker));
    } catch (err) {
      this.options.cache?.clear();
      throw err;
    }
    const cache = this.options.cache;
    if (cache) {
      for (const e of this.entries.values())
        if (e.doc && e.revision > 0)
          cache.set(keyOf(e.collection, e.id), { revision: e.revision, doc: e.doc });
    }
    return { inserted, updated };
  }

  private async insert(collection: AnyCollection, docs: Document[]): Promise<void> {
    try {
      await collection.insertMany(docs, { ordered: false });
    } catch (err) {
      // only documents refused as already there; a failed command (no per-document answer) throws
      const errors = perDocumentErrors(err, docs.length);
      if (!errors?.every(isDuplicateKey)) throw err;
      if (!this.options.fresh) {
        throw new ProjectionConflict(
          `${collection.collectionName}: a document was created by another writer`,
        );
      }
      const again = errors.map((e) => docs[e.index]);
      await collection.bulkWrite(
        again.map((doc) => ({
          replaceOne: { filter: { _id: doc?._id }, replacement: doc as Document, upsert: true },
        })),
        { ordered: false },
      );
    }
  }
}

/**
 * Runs `fold` in the batch given, or in a batch of its own that is flushed at once (folded again
 * from fresh reads when another writer got there first).
 */
export async function inBatch<T>(
  batch: ProjectionBatch | undefined,
  fold: (batch: ProjectionBatch) => Promise<T>,
  options: { cache?: ProjectionCache; maxAttempts?: number } = {},
): Promise<T> {
  if (batch) return fold(batch);
  const maxAttempts = options.maxAttempts ?? 20;
  for (let attempt = 1; ; attempt++) {
    const own = new ProjectionBatch({
      ...(options.cache ? { cache: options.cache } : {}),
      trustNew: attempt === 1,
    });
    const result = await fold(own);
    try {
      await own.flush();
      return result;
    } catch (err) {
      if (!(err instanceof ProjectionConflict) || attempt >= maxAttempts) throw err;
    }
  }
}
