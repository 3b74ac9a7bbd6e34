/** One document an unordered insert refused, by its position in the batch. */
export interface DocumentError {
  index: number;
  code?: number;
  errmsg?: string;
}

/**
 * The per-document errors of an unordered insert of `size` documents, when the server answered for
 * each one: every other document was inserted. Undefined when the command failed as a whole or its
 * answer does not account for every document. The driver reports a failed command (a network error,
 * a refused namespace) as a `MongoBulkWriteError` too, with no write errors and nothing inserted, so
 * an empty list is no proof that the documents were written: those callers must hear of the failure.
 */
export function perDocumentErrors(err: unknown, size: number): DocumentError[] | undefined {
  const { writeErrors: raw, insertedCount } = err as { writeErrors?: unknown; insertedCount?: unknown };
  if (raw === undefined || typeof insertedCount !== 'number') return undefined;
  const entries: unknown[] = Array.isArray(raw) ? raw : [raw];
  if (!entries.every((e) => typeof (e as { index?: unknown } | null)?.index === 'number')) return undefined;
  const list = entries.map((e) => {
    const { index, code, errmsg } = e as DocumentError;
    return { index, code, errmsg };
  });
  return list.length > 0 && insertedCount + list.length === size ? list : undefined;
}

/**
 * Where an ordered insert of `size` documents stopped: the server wrote every document before
 * `index` and none after it. Undefined when the command failed as a whole or its answer does not
 * say so exactly (one write error, at the count of documents inserted): nothing is known then.
 */
export function orderedStop(err: unknown, size: number): DocumentError | undefined {
  const { writeErrors: raw, insertedCount } = err as { writeErrors?: unknown; insertedCount?: unknown };
  const entries: unknown[] = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  if (entries.length !== 1 || typeof insertedCount !== 'number') return undefined;
  const { index, code, errmsg } = (entries[0] ?? {}) as DocumentError;
  if (typeof index !== 'number' || index !== insertedCount || index >= size) return undefined;
  return { index, code, errmsg };
}
