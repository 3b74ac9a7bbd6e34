import { sampleEvent } from '../lib/dossier.js';
import type { Db } from '../lib/mongodb.js';
import { measure, type StageResult } from '../lib/stats.js';

/** Shaped as the event store writes a stream: each event one JSON string (ADR 0003). */
interface RawStream {
  _id: string;
  version: number;
  events: string[];
  updatedAt: Date;
}
const packed = (id: string, version?: number) => JSON.stringify(sampleEvent(id, version));

/**
 * The driver alone on documents shaped like event streams: the three operations the store and
 * projections are built from, `concurrency` in flight as in the pipeline.
 */
export async function runMongoRaw(db: Db, count: number, concurrency: number): Promise<StageResult[]> {
  const streams = db.collection<RawStream>('raw_streams');
  const pointers = db.collection<{ _id: string; upTo: number; updatedAt: Date; dossierId: string }>(
    'raw_pointers',
  );
  const id = (i: number) => `raw-dossier-${String(i).padStart(6, '0')}`;
  return [
    await measure('mongo raw: insertOne (new stream)', count, concurrency, (i) =>
      streams.insertOne({ _id: id(i), version: 1, events: [packed(id(i))], updatedAt: new Date() }),
    ),
    // The outbox pointer as it was written before issue 12, beside the insert that replaced it.
    await measure('mongo raw: updateOne upsert (new pointer)', count, concurrency, (i) =>
      pointers.updateOne(
        { _id: id(i) },
        { $max: { upTo: 1 }, $set: { updatedAt: new Date() }, $setOnInsert: { dossierId: id(i) } },
        { upsert: true },
      ),
    ),
    await measure('mongo raw: insertOne (new pointer)', count, concurrency, (i) =>
      pointers.insertOne({ _id: `${id(i)}#1`, upTo: 1, updatedAt: new Date(), dossierId: id(i) }),
    ),
    await measure('mongo raw: findOne by _id', count, concurrency, (i) => streams.findOne({ _id: id(i) })),
    await measure('mongo raw: updateOne {_id, version} $push', count, concurrency, async (i) => {
      const result = await streams.updateOne(
        { _id: id(i), version: 1 },
        { $push: { events: packed(id(i), 2) }, $set: { version: 2, updatedAt: new Date() } },
      );
      if (result.modifiedCount !== 1) throw new Error(`conditional update of ${id(i)} matched nothing`);
    }),
  ];
}
