import type { Collection, Document, WithId } from 'mongodb';

/** Ids per query: well under SQLite's bound variables and FerretDB's pushdown bound (5,000). */
export const IDS_PER_QUERY = 500;

/**
 * The documents of these `_id`s (missing ones are simply absent), in queries of `{_id: {$in}}` of
 * at most `IDS_PER_QUERY` ids, `parallel` at a time. The local FerretDB answers that shape from the
 * `_id` index (infra/local/ferretdb, sqlite-id-index.patch) like MongoDB does: one round trip per
 * few hundred documents instead of one per document.
 */
export async function findByIds<T extends Document & { _id: string }>(
  collection: Collection<T>,
  ids: Iterable<string>,
  parallel = 4,
): Promise<WithId<T>[]> {
  const unique = [...new Set(ids)];
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += IDS_PER_QUERY) chunks.push(unique.slice(i, i + IDS_PER_QUERY));
  const found: WithId<T>[][] = [];
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const at = next++;
      // biome-ignore lint/suspicious/noExplicitAny: the driver's filter types do not narrow generics
      found[at] = (await collection.find({ _id: { $in: chunks[at] } } as any).toArray()) as WithId<T>[];
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, chunks.length) }, worker));
  return found.flat();
}
