import { updateProjection } from '@motcua/eventstore';
import type { Collection, Db } from 'mongodb';
import { addEntry, type Timeline, type TimelineEntry } from '../domain/timeline.js';

type TimelineDocument = Timeline & { _id: string; revision: number };
interface CodeDocument {
  _id: string; // dossier code
  dossierId: string;
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

  async add(dossierId: string, dossierCode: string, entry: TimelineEntry): Promise<void> {
    if (dossierCode) {
      await this.codes.updateOne({ _id: dossierCode }, { $setOnInsert: { dossierId } }, { upsert: true });
    }
    await updateProjection<Timeline>(
      this.timelines,
      dossierId,
      () => ({ dossierId, dossierCode, entries: [] }),
      (timeline) => addEntry(timeline, entry, dossierCode),
    );
  }

  async get(dossierId: string): Promise<Timeline | null> {
    const doc = await this.timelines.findOne({ _id: dossierId });
    return doc ? { dossierId, dossierCode: doc.dossierCode, entries: doc.entries } : null;
  }

  async dossierIdForCode(code: string): Promise<string | null> {
    return (await this.codes.findOne({ _id: code }))?.dossierId ?? null;
  }
}
