import type { Collection, Document } from 'mongodb';
import { isDuplicateKey } from './errors.js';

type Revisioned<T> = T & { _id: string; revision: number };

/**
 * Read-modify-write of one projection document by `_id`, safe with several writers and without
 * transactions: the write only lands if `revision` is still the one read. `change` returns the
 * same object when it has nothing to change (then nothing is written).
 */
export async function updateProjection<T extends Document>(
  collection: Collection<Revisioned<T>>,
  id: string,
  initial: () => T,
  change: (current: T) => T,
  maxAttempts = 50,
): Promise<T> {
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    // biome-ignore lint/suspicious/noExplicitAny: the driver's filter types do not narrow generics
    const found = (await collection.findOne({ _id: id } as any)) as Revisioned<T> | null;
    const { _id, revision, ...rest } = found ?? { _id: id, revision: 0, ...initial() };
    const current = rest as unknown as T;
    const next = change(current);
    if (found && next === current) return current;
    try {
      if (!found) {
        // biome-ignore lint/suspicious/noExplicitAny: see above
        await collection.insertOne({ ...next, _id: id, revision: 1 } as any);
        return next;
      }
      const result = await collection.updateOne(
        // biome-ignore lint/suspicious/noExplicitAny: see above
        { _id: id, revision } as any,
        // biome-ignore lint/suspicious/noExplicitAny: see above
        { $set: { ...next, revision: revision + 1 } } as any,
      );
      if (result.modifiedCount === 1) return next;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  throw new Error(`projection ${collection.collectionName}/${id}: too much contention`);
}
