import type { RecordedEvent } from '@motcua/contracts';
import { inBatch, type ProjectionBatch } from '@motcua/eventstore';
import type { Collection, Db } from 'mongodb';
import { addEntry, type Timeline, type TimelineEntry } from '../domain/timeline.js';

type TimelineDocument = Timeline & { _id: string; revision: number };
interface CodeDocument {
  _id: string; // dossier code
  dossierId: string;
  revision: number;
}

/** The board's read side, built only from the Kafka log: one timeline document per dossier. */
export class TimelineRepository {
  private readonly timelines: Collection<TimelineDocument>;
  private readonly codes: Collection<CodeDocument>;

  /** `suffix` names another set of collections (a rebuild's, `src/rebuild`); none by default. */
  constructor(db: Db, options: { suffix?: string } = {}) {
    const suffix = options.suffix ?? '';
    this.timelines = db.collection<TimelineDocument>(`timelines${suffix}`);
    this.codes = db.collection<CodeDocument>(`dossier_codes${suffix}`);
  }

  /** Reads the timelines and code documents these events go to into the batch at once (`MonitoringApp.onBatch`). */
  async prefetch(batch: ProjectionBatch, events: RecordedEvent[]): Promise<void> {
    await Promise.all([
      batch.prefetch(this.timelines, events.map((e) => e.dossierId).filter(Boolean)),
      batch.prefetch(this.codes, events.map((e) => e.dossierCode).filter(Boolean)),
    ]);
  }

  /** Folds an entry into the dossier's timeline (idempotent: an event id is held once). */
  add(dossierId: string, dossierCode: string, entry: TimelineEntry, batch?: ProjectionBatch): Promise<void> {
    return inBatch(batch, async (b) => {
      // Every event with a code makes sure its code document exists, whatever the timeline holds: a
      // batch writes its collections one after the other (no transactions), so a crash between the
      // timeline's write and the code's must be repaired by the redelivery, not remembered as done.
      if (dossierCode)
        await b.update(
          this.codes,
          dossierCode,
          () => ({ dossierId }),
          (c) => c,
        );
      await b.update<Timeline>(
        this.timelines,
        dossierId,
        () => ({ dossierId, dossierCode, entries: [] }),
        (timeline) => addEntry(timeline, entry, dossierCode),
      );
    });
  }

  async get(dossierId: string): Promise<Timeline | null> {
    const doc = await this.timelines.findOne({ _id: dossierId });
    return doc ? { dossierId, dossierCode: doc.dossierCode, entries: doc.entries } : null;
  }

  async dossierIdForCode(code: string): Promise<string | null> {
    return (await this.codes.findOne({ _id: code }))?.dossierId ?? null;
  }
}
