import type { RecordedEvent } from '@motcua/contracts';
import { inBatch, type PackedJson, type ProjectionBatch, pack, unpack } from '@motcua/eventstore';
import type { Collection, Db } from 'mongodb';
import { addEntry, type Timeline, type TimelineEntry } from '../domain/timeline.js';

/**
 * `timelines/<dossierId>`: the entries packed as one JSON string (ADR 0002: read whole by `_id`; a
 * rebuild inserted these ~7× slower as documents of nested entries). Stored before packing: `entries`.
 */
type StoredTimeline = { dossierId: string; dossierCode: string } & (
  | { json: PackedJson }
  | { entries: TimelineEntry[] }
);
type TimelineDocument = StoredTimeline & { _id: string; revision: number };
const entriesOf = (doc: StoredTimeline): TimelineEntry[] =>
  unpack(doc, 'json', (d) => (d.entries as TimelineEntry[] | undefined) ?? []);
const packTimeline = (t: Timeline): StoredTimeline =>
  pack({ dossierId: t.dossierId, dossierCode: t.dossierCode }, 'json', t.entries);
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
      await b.update<StoredTimeline>(
        this.timelines,
        dossierId,
        () => packTimeline({ dossierId, dossierCode, entries: [] }),
        (stored) => {
          const timeline = {
            dossierId: stored.dossierId,
            dossierCode: stored.dossierCode,
            entries: entriesOf(stored),
          };
          const next = addEntry(timeline, entry, dossierCode);
          return next === timeline ? stored : packTimeline(next);
        },
      );
    });
  }

  async get(dossierId: string): Promise<Timeline | null> {
    const doc = await this.timelines.findOne({ _id: dossierId });
    return doc ? { dossierId, dossierCode: doc.dossierCode, entries: entriesOf(doc) } : null;
  }

  async dossierIdForCode(code: string): Promise<string | null> {
    return (await this.codes.findOne({ _id: code }))?.dossierId ?? null;
  }
}
