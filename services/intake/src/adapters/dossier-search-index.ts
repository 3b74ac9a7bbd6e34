import type { RecordedEvent } from '@motcua/contracts';
import { inBatch, type PackedJson, pack, unpack } from '@motcua/eventstore';
import type { Collection, Db } from 'mongodb';
import { combine, keysOf, queryGroups, type SearchHit, withHit } from '../domain/dossier-search.js';

/** A key's hits, packed in `json` (ADR 0002); a document stored before packing holds `hits`. */
type KeyDocument = { _id: string; revision: number; json?: PackedJson; hits?: SearchHit[] };
const hitsOf = (doc: { json?: PackedJson; hits?: SearchHit[] }): SearchHit[] =>
  unpack(doc, 'json', (d) => (d.hits as SearchHit[] | undefined) ?? []);

/** The events that name a dossier's applicant (and, at reception, its code). */
export const SEARCH_EVENTS: ReadonlySet<string> = new Set(['DossierSubmittedOnline', 'DossierReceived']);

/**
 * `dossier_search`: one small document per center and key (`<centerId>|<key>`), read by `_id`, kept
 * from intake's own events. A search reads at most a few documents, whatever the number of dossiers.
 */
export class DossierSearchIndex {
  private readonly keys: Collection<KeyDocument>;

  constructor(db: Db) {
    this.keys = db.collection<KeyDocument>('dossier_search');
  }

  async apply(event: RecordedEvent): Promise<void> {
    if (!SEARCH_EVENTS.has(event.type)) return;
    const p = event.payload as {
      centerId?: string;
      dossierCode?: string;
      procedureName?: string;
      applicant?: { fullName?: string; phone?: string; idNumber?: string };
      receivedAt?: string;
      submittedAt?: string;
    };
    if (!p.centerId || !p.applicant) return;
    const hit: SearchHit = {
      dossierId: event.dossierId,
      ...(p.dossierCode ? { dossierCode: p.dossierCode } : {}),
      applicantFullName: p.applicant.fullName ?? '',
      procedureName: p.procedureName ?? '',
      at: p.receivedAt ?? p.submittedAt ?? event.occurredAt,
    };
    const ids = keysOf({
      ...(p.dossierCode ? { dossierCode: p.dossierCode } : {}),
      applicant: p.applicant,
    }).map((key) => `${p.centerId}|${key}`);
    // every key of the dossier read in one query and written in one or two (not a read and a write each)
    await inBatch(undefined, async (b) => {
      await b.prefetch(this.keys, ids);
      for (const id of ids)
        await b.update<{ json?: PackedJson; hits?: SearchHit[] }>(
          this.keys,
          id,
          () => pack({}, 'json', [] as SearchHit[]),
          (doc) => {
            const held = hitsOf(doc);
            const hits = withHit(held, hit);
            // a redelivered event changes nothing, so nothing is written
            return JSON.stringify(hits) === JSON.stringify(held) ? doc : pack({}, 'json', hits);
          },
        );
    });
  }

  /** The center's dossiers matching what the officer typed, newest first (at most HITS_PER_KEY). */
  async search(centerId: string, query: string): Promise<SearchHit[]> {
    const groups = queryGroups(query).slice(0, 6);
    if (groups.length === 0) return [];
    const ids = [...new Set(groups.flat())].map((k) => `${centerId}|${k}`);
    const found = await this.keys.find({ _id: { $in: ids } }).toArray();
    const byKey = new Map(found.map((d) => [d._id, hitsOf(d)]));
    return combine(groups.map((g) => g.map((k) => byKey.get(`${centerId}|${k}`) ?? [])));
  }
}
