/** One document an unordered insert refused, by its position in the batch. */
export interface DocumentError {
  index: number;
  code?: number;
  errmsg?: string;
}

/**
 * What the server said of an insert: the documents it refused (undefined where an entry names no
 * position) and how many it inserted (undefined when it did not say).
 */
function outcomeOf(err: unknown): { errors: DocumentError[] | undefined; inserted: number | undefined } {
  const { writeErrors: raw, insertedCount } = err as { writeErrors?: unknown; insertedCount?: unknown };
  const entries: unknown[] = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const named = entries.every((e) => typeof (e as { index?: unknown } | null)?.index === 'number');
  const errors = named
    ? entries.map((e) => {
        const { index, code, errmsg } = e as DocumentError;
        return { index, code, errmsg };
      })
    : undefined;
  return { errors, inserted: typeof insertedCount === 'number' ? insertedCount : undefined };
}

/**
 * The per-document errors of an unordered insert of `size` documents, when the server answered for
 * each one: every other document was inserted. Undefined when the command failed as a whole or its
 * answer does not account for every document. The driver reports a failed command (a network error,
 * a refused namespace) as a `MongoBulkWriteError` too, with no write errors and nothing inserted, so
 * an empty list is no proof that the documents were written: those callers must hear of the failure.
 */
export function perDocumentErrors(err: unknown, size: number): DocumentError[] | undefined {
  const { errors, inserted } = outcomeOf(err);
  if (!errors || inserted === undefined) return undefined;
  return errors.length > 0 && inserted + errors.length === size ? errors : undefined;
}

/**
 * Where an ordered insert of `size` documents stopped: the server wrote every document before
 * `index` and none after it. Undefined when the command failed as a whole or its answer does not
 * say so exactly (one write error, at the count of documents inserted): nothing is known then.
 */
export function orderedStop(err: unknown, size: number): DocumentError | undefined {
  const { errors, inserted } = outcomeOf(err);
  const stop = errors?.length === 1 ? errors[0] : undefined;
  return stop && stop.index === inserted && stop.index < size ? stop : undefined;
}
