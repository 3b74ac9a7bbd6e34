/**
 * Documents read and written whole by `_id`, never filtered on below their top level, may keep their
 * bulk as one JSON string (ADR 0002): FerretDB on SQLite converts every field of a stored document to
 * BSON on each read and rewrites each field on each update, so a document of many small objects
 * (a day's queue, a month's tasks, a chunk of leaves) costs by its fields, not its bytes.
 */

/** What this process packed or unpacked, beside the document: a batch folding into one document parses it once. */
const parsed = new WeakMap<object, unknown>();

/**
 * The value a document keeps packed in `field`; for one stored before packing (no string there),
 * what `legacy` reads from its fields. Values are never mutated: a change packs a new document.
 */
export function unpack<T>(doc: object, field: string, legacy: (doc: Record<string, unknown>) => T): T {
  if (parsed.has(doc)) return parsed.get(doc) as T;
  const text = (doc as Record<string, unknown>)[field];
  const value = typeof text === 'string' ? (JSON.parse(text) as T) : legacy(doc as Record<string, unknown>);
  parsed.set(doc, value);
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
  let text: string | undefined;
  Object.defineProperty(doc, field, {
    enumerable: true,
    get: () => {
      text ??= JSON.stringify(value);
      return text;
    },
  });
  parsed.set(doc, value);
  return doc;
}
