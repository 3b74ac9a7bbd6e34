/**
 * Documents read and written whole by `_id`, never filtered on below their top level, may keep their
 * bulk as one JSON string (ADR 0002): FerretDB on SQLite converts every field of a stored document to
 * BSON on each read and rewrites each field on each update, so a document of many small objects
 * (a day's queue, a month's tasks, a chunk of leaves) costs by its fields, not its bytes.
 */

/** Marks a `Packed` of any copy of this module (a process may load two: a bundle and its sources). */
const PACKED = Symbol.for('motcua.eventstore.packed');

/**
 * A value this process packed: written as its JSON string (BSON and JSON both ask `toBSON` or
 * `toJSON`), made once, when first written. A batch that folds a thousand events into one month of
 * tasks packs it once at its flush, not once per event. Safe because values are never mutated.
 *
 * A plain field holding this, rather than an accessor and a WeakMap entry per document: with those,
 * `pack` itself took 7 % of a province-year's rebuild (0.5 % now) and its CPU fell ~10 %
 * (docs/benchmarks.md, session 23).
 */
export class Packed<T = unknown> {
  declare readonly [PACKED]: true;
  private text: string | undefined;
  constructor(readonly value: T) {}

  toBSON(): string {
    this.text ??= JSON.stringify(this.value);
    return this.text;
  }

  toJSON(): string {
    return this.toBSON();
  }
}

Object.defineProperty(Packed.prototype, PACKED, { value: true });

const isPacked = (field: unknown): field is Packed =>
  typeof field === 'object' && field !== null && (field as { [PACKED]?: true })[PACKED] === true;

/** A packed field: the string as stored, or the value as this process packed it. */
export type PackedJson = string | Packed;

/** Values parsed from stored strings: a batch folding into a document it read parses it once. */
const parsed = new WeakMap<object, unknown>();

/**
 * The value a document keeps packed in `field`; for one stored before packing (no string there),
 * what `legacy` reads from its fields. Values are never mutated: a change packs a new document.
 */
export function unpack<T>(doc: object, field: string, legacy: (doc: Record<string, unknown>) => T): T {
  const held = (doc as Record<string, unknown>)[field];
  if (isPacked(held)) return held.value as T;
  if (parsed.has(doc)) return parsed.get(doc) as T;
  const value = typeof held === 'string' ? (JSON.parse(held) as T) : legacy(doc as Record<string, unknown>);
  parsed.set(doc, value);
  return value;
}

/** A document with `value` packed in `field` beside `rest` (the string is made when it is written). */
export function pack<R extends object, F extends string, T>(
  rest: R,
  field: F,
  value: T,
): R & Record<F, Packed<T>> {
  const doc = { ...rest } as Record<string, unknown>;
  doc[field] = new Packed(value);
  return doc as R & Record<F, Packed<T>>;
}
