/**
 * Documents read and written whole by `_id`, never filtered on below their top level, may keep their
 * bulk as one JSON string (ADR 0002): FerretDB on SQLite converts every field of a stored document to
 * BSON on each read and rewrites each field on each update, so a document of many small objects
 * (a day's queue, a month's tasks, a chunk of leaves) costs by its fields, not its bytes.
 */

/**
 * What this process packed or unpacked, beside the document: a batch folding into one document
 * parses it once, and the text is made once, when first read.
 */
interface Packing {
  value: unknown;
  text?: string;
}
const packings = new WeakMap<object, Packing>();

/**
 * The packed field of every packed document: one accessor shared by all (a closure per document
 * cost a function and a hidden class of its own each time).
 */
function packedText(this: object): string {
  const packing = packings.get(this) as Packing;
  packing.text ??= JSON.stringify(packing.value);
  return packing.text;
}
const PACKED_FIELD: PropertyDescriptor = { enumerable: true, get: packedText };

/**
 * The value a document keeps packed in `field`; for one stored before packing (no string there),
 * what `legacy` reads from its fields. Values are never mutated: a change packs a new document.
 */
export function unpack<T>(doc: object, field: string, legacy: (doc: Record<string, unknown>) => T): T {
  const known = packings.get(doc);
  if (known) return known.value as T;
  const text = (doc as Record<string, unknown>)[field];
  const value = typeof text === 'string' ? (JSON.parse(text) as T) : legacy(doc as Record<string, unknown>);
  packings.set(doc, typeof text === 'string' ? { value, text } : { value });
  return value;
}

/**
 * A document with `value` packed in `field` beside `rest`. The string is made when the field is
 * first read (by the driver as it writes, usually): a batch that folds a thousand events into one
 * month of tasks packs it once at its flush, not once per event (the rebuild spent a sixth of its
 * time in JSON.stringify before). Safe because values are never mutated.
 */
export function pack<R extends object, F extends string, T>(
  rest: R,
  field: F,
  value: T,
): R & Record<F, string> {
  const doc = { ...rest } as R & Record<F, string>;
  Object.defineProperty(doc, field, PACKED_FIELD);
  packings.set(doc, { value });
  return doc;
}
