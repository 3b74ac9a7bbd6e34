/**
 * Monitoring's documents kept as one JSON string (`pack`/`unpack` of packages/eventstore, ADR 0002):
 * they are only read whole by `_id`, and FerretDB converts every field of a document on every read
 * (a fact of twenty fields read ~3× slower than the same fact as one string, a summary document of
 * nested entries ~6×; docs/benchmarks.md). The order of keys is the code's, so a rebuild writes the
 * same bytes as the live projection.
 */
import { type PackedJson, pack, unpack } from '@motcua/eventstore';
import type { TaskFact } from '../domain/board-lists.js';
import type { SettledSummary } from '../domain/settled-summary.js';
import type { DossierFact } from '../domain/statistics.js';

/** A fact as stored: `json` holds it; a fact stored before packing holds its fields (read as they are). */
export type PackedFact = { json: PackedJson } | DossierFact;

export const packFact = (fact: DossierFact): { json: PackedJson } => pack({}, 'json', fact);

export const unpackFact = (doc: PackedFact): DossierFact =>
  unpack(doc, 'json', ({ _id, revision, ...fact }) => fact as unknown as DossierFact);

/** A dossier's tasks as stored (`board_dossier_tasks`): `json` holds them; stored before packing, `tasks`. */
export type PackedTasks = { dossierId: string } & ({ json: PackedJson } | { tasks: TaskFact[] });

export const packTasks = (dossierId: string, tasks: TaskFact[]) => pack({ dossierId }, 'json', tasks);

export const unpackTasks = (doc: PackedTasks): TaskFact[] =>
  unpack(doc, 'json', (d) => (d.tasks as TaskFact[] | undefined) ?? []);

/** `summary:<centerId>:<YYYY-MM>:<n>`: the settled dossiers of five days of a center, `[key, summary]` by key. */
export interface SummaryDocument {
  centerId: string;
  json?: PackedJson;
}

/** A summary document's entries (a new map: the caller may change it). */
export const summaryEntries = (doc: SummaryDocument): Map<string, SettledSummary> =>
  new Map(unpack(doc, 'json', () => [] as [string, SettledSummary][]));

/** A summary document holding these entries, sorted by key (the same bytes however they were added). */
export const packSummaries = (centerId: string, entries: Map<string, SettledSummary>): SummaryDocument =>
  pack(
    { centerId },
    'json',
    [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
