import type { Collection, Document } from 'mongodb';
import { isDuplicateKey } from './errors.js';
import { LruMap } from './lru-map.js';

type Revisioned<T> = T & { _id: string; revision: number };

/**
 * The documents a process last wrote, by `_id`: `updateProjection` decides on them without reading
 * (the revision compare-and-set still refuses a copy another process made stale, and the document is
 * then read again). Only for a process that is the usual writer of these documents (a consumer whose
 * partition holds them); readers never use it.
 */
export type LastWritten<T> = LruMap<string, Revisioned<T>>;
export const lastWritten = <T>(max = 1_000): LastWritten<T> => new LruMap(max);

/**
 * Read-modify-write of one projection document by `_id`, safe with several writers and without
 * transactions: the write only lands if `revision` is still the one read. `change` returns the
 * same object when it has nothing to change (then nothing is written). Answers the document as
 * stored after the call.
 */
export async function updateProjection<T extends Document>(
  collection: Collection<Revisioned<T>>,
  id: string,
  initial: () => T,
  change: (current: T) => T,
  options: {
    maxAttempts?: number;
    cache?: LastWritten<T>;
    /**
     * The document most likely does not exist yet (the event starts its stream): the first attempt
     * inserts without reading; when the insert finds it there, it is read and changed as usual.
     */
    likelyNew?: boolean;
  } = {},
): Promise<T> {
  const { maxAttempts = 50, cache, likelyNew = false } = options;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const cached = attempt === 0 ? cache?.get(id) : undefined;
    const skipRead = attempt === 0 && likelyNew && !cached;
    const found =
      cached ??
      (skipRead
        ? null
        : // biome-ignore lint/suspicious/noExplicitAny: the driver's filter types do not narrow generics
          ((await collection.findOne({ _id: id } as any)) as Revisioned<T> | null));
    const { _id, revision, ...rest } = found ?? { _id: id, revision: 0, ...initial() };
    const current = rest as unknown as T;
    const next = change(current);
    if (found && next === current) {
      // A cached copy is checked by the write it leads to; with nothing to write it would answer
      // unchecked, and another process may have changed the document since (a redelivery after a
      // rebalance answered a queue line with the appointment as it was). The stored copy answers.
      if (cached) {
        cache?.delete(id);
        continue;
      }
      cache?.set(id, found);
      return current;
    }
    try {
      if (!found) {
        // biome-ignore lint/suspicious/noExplicitAny: see above
        await collection.insertOne({ ...next, _id: id, revision: 1 } as any);
        cache?.set(id, { ...next, _id: id, revision: 1 } as Revisioned<T>);
        return next;
      }
      const result = await collection.updateOne(
        // biome-ignore lint/suspicious/noExplicitAny: see above
        { _id: id, revision } as any,
        // biome-ignore lint/suspicious/noExplicitAny: see above
        { $set: { ...next, revision: revision + 1 } } as any,
      );
      if (result.modifiedCount === 1) {
        // what is stored: `$set` keeps fields `next` left out
        cache?.set(id, { ...found, ...next, _id: id, revision: revision + 1 } as Revisioned<T>);
        return next;
      }
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    cache?.delete(id);
  }
  throw new Error(`projection ${collection.collectionName}/${id}: too much contention`);
}
