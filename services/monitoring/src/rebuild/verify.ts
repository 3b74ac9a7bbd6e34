import { createHash } from 'node:crypto';
import type { Db, Document } from 'mongodb';
import { type DigestDocument, IntegrityRepository } from '../adapters/integrity-repository.js';
import { digestOf } from '../domain/integrity.js';
import { PROJECTION_COLLECTIONS, type RebuildState, STATE_COLLECTION } from './engine.js';

/**
 * Fields that legitimately differ between the live projections and a rebuild: `revision` counts
 * the writes a document has had, which depends on how the live consumer's partitions interleaved.
 */
export const IGNORED_FIELDS = ['revision'];

/**
 * Arrays whose order depends on how partitions interleaved (sets, or leaves that the digest sorts
 * itself): compared as sets against the live collections. A rebuild reads partitions in a fixed
 * order, so two rebuilds are compared strictly, order included.
 */
export const UNORDERED_ARRAYS: Record<string, string[]> = {
  dossier_fact_index: ['ids', 'open', 'entered', 'settled', 'rated'],
  digest_leaves: ['leaves'],
  board_department_workload: ['tasks'],
  board_officer_workload: ['tasks'],
  board_center_index: ['departments', 'officers'],
  board_deadline_entries: ['entries', 'ids'],
};

/** JSON with the keys of every object sorted: equal documents give identical bytes. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object' && value.constructor === Object) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export interface CollectionDifference {
  collection: string;
  left: number;
  right: number;
  /** `_id`s only in the left (live) collection. */
  missing: string[];
  /** `_id`s only in the right (rebuilt) collection. */
  extra: string[];
  different: { _id: string; left: string; right: string }[];
}

export interface Comparison {
  equal: boolean;
  collections: CollectionDifference[];
}

function normalise(collection: string, doc: Document, strict: boolean): string {
  if (strict) return canonicalJson(doc);
  const copy: Record<string, unknown> = { ...doc };
  for (const field of IGNORED_FIELDS) delete copy[field];
  for (const field of UNORDERED_ARRAYS[collection] ?? []) {
    const list = copy[field];
    if (Array.isArray(list)) copy[field] = list.map(canonicalJson).sort();
  }
  // a packed document (ADR 0002): its value compared as such, a packed list of those above as a set
  if (typeof copy.json === 'string') {
    const value: unknown = JSON.parse(copy.json);
    copy.json =
      Array.isArray(value) && (UNORDERED_ARRAYS[collection] ?? []).length > 0
        ? value.map(canonicalJson).sort()
        : value;
  }
  return canonicalJson(copy);
}

/**
 * Each document's `_id` → a hash of its normalised form, read with a cursor: a province-year's
 * collections held whole on both sides ran the comparison out of memory (4 GB heap).
 */
async function fingerprints(db: Db, name: string, collection: string, strict: boolean) {
  const out = new Map<string, string>();
  for await (const d of db.collection(name).find({}, { batchSize: 1_000 })) {
    out.set(
      String(d._id),
      createHash('sha256')
        .update(normalise(collection, d, strict))
        .digest('base64'),
    );
  }
  return out;
}

async function normalisedById(db: Db, name: string, collection: string, id: string, strict: boolean) {
  const doc = await db.collection(name).findOne({ _id: id as never });
  return doc ? normalise(collection, doc, strict) : '';
}

/**
 * Compares every document of each projection with suffix `left` to the one with suffix `right`
 * ('' = the live collections). `strict` compares the whole document, order and revision included.
 */
export async function compareProjections(
  db: Db,
  left: string,
  right: string,
  options: { strict?: boolean; maxDifferences?: number } = {},
): Promise<Comparison> {
  const strict = options.strict ?? false;
  const max = options.maxDifferences ?? 20;
  const collections: CollectionDifference[] = [];
  for (const collection of PROJECTION_COLLECTIONS) {
    const a = await fingerprints(db, `${collection}${left}`, collection, strict);
    const b = await fingerprints(db, `${collection}${right}`, collection, strict);
    const diff: CollectionDifference = {
      collection,
      left: a.size,
      right: b.size,
      missing: [],
      extra: [],
      different: [],
    };
    for (const [id, hash] of [...a].sort(([x], [y]) => x.localeCompare(y))) {
      const other = b.get(id);
      if (other === undefined) diff.missing.push(id);
      else if (other !== hash && diff.different.length < max)
        diff.different.push({
          _id: id,
          left: await normalisedById(db, `${collection}${left}`, collection, id, strict),
          right: await normalisedById(db, `${collection}${right}`, collection, id, strict),
        });
    }
    for (const id of [...b.keys()].sort()) if (!a.has(id)) diff.extra.push(id);
    collections.push(diff);
  }
  const equal = collections.every((c) => c.missing.length + c.extra.length + c.different.length === 0);
  return { equal, collections };
}

/** Verifies a rebuild against the live projections (ignoring the fields and orders above). */
export function verifyRebuild(db: Db, state: Pick<RebuildState, 'suffix'>) {
  return compareProjections(db, '', state.suffix);
}

/** A comparison as lines for the terminal. */
export function describeComparison(comparison: Comparison, labels = ['live', 'rebuilt']): string[] {
  const lines: string[] = [];
  for (const c of comparison.collections) {
    const ok = c.missing.length + c.extra.length + c.different.length === 0;
    lines.push(
      `${ok ? 'equal' : 'DIFFERENT'} ${c.collection}: ${c.left} ${labels[0]}, ${c.right} ${labels[1]}`,
    );
    for (const id of c.missing) lines.push(`  only ${labels[0]}: ${id}`);
    for (const id of c.extra) lines.push(`  only ${labels[1]}: ${id}`);
    for (const d of c.different)
      lines.push(`  differs ${d._id}`, `    ${labels[0]}: ${d.left}`, `    ${labels[1]}: ${d.right}`);
  }
  return lines;
}

/**
 * The recorded daily digests (`digests`, never rebuilt) checked against the leaves of the rebuild:
 * a day whose recomputed root differs means the log is not what the board saw that day.
 */
export async function checkDigests(
  db: Db,
  suffix: string,
): Promise<{ day: string; recorded: string; rebuilt: string; count: number; rebuiltCount: number }[]> {
  const mismatches = [];
  const rebuiltLeaves = new IntegrityRepository(db, { suffix });
  for (const digest of await db.collection<DigestDocument>('digests').find({}).sort({ _id: 1 }).toArray()) {
    const rebuilt = digestOf(await rebuiltLeaves.leavesOf(digest._id));
    if (rebuilt.root !== digest.root || rebuilt.count !== digest.count) {
      mismatches.push({
        day: digest._id,
        recorded: digest.root,
        rebuilt: rebuilt.root,
        count: digest.count,
        rebuiltCount: rebuilt.count,
      });
    }
  }
  return mismatches;
}

async function exists(db: Db, name: string): Promise<boolean> {
  return (await db.listCollections({ name }, { nameOnly: true }).toArray()).length > 0;
}

/**
 * Puts a rebuild's collections in place of the live ones: each live collection is renamed to
 * `<name>_previous_<id>` (kept for a rollback), then the rebuilt one to `<name>`. FerretDB has no
 * `renameCollection` with `dropTarget`, hence two renames per collection; between them a read
 * of that collection finds nothing for a few milliseconds.
 */
export async function switchCollections(db: Db, rebuildId: string, suffix: string): Promise<string[]> {
  const done: string[] = [];
  for (const collection of PROJECTION_COLLECTIONS) {
    const rebuilt = `${collection}${suffix}`;
    if (!(await exists(db, rebuilt))) await db.createCollection(rebuilt);
    const previous = `${collection}_previous_${rebuildId}`;
    if (await exists(db, previous)) await db.collection(previous).drop();
    if (await exists(db, collection)) await db.collection(collection).rename(previous);
    await db.collection(rebuilt).rename(collection);
    done.push(`${rebuilt} → ${collection} (old: ${previous})`);
  }
  await db
    .collection<RebuildState>(STATE_COLLECTION)
    .updateOne({ _id: rebuildId }, { $set: { status: 'switched', updatedAt: new Date() } });
  return done;
}
