/**
 * Documents that are only ever read whole by `_id` and never filtered on are stored as one JSON
 * string (ADR 0002): FerretDB on SQLite turns every field into BSON on every read, so a fact of twenty
 * fields read ~3× slower than the same fact as one string, a summary document of nested entries ~6×
 * (docs/benchmarks.md). On MongoDB the string costs nothing either. The order of keys is the order
 * the code builds them in, so a rebuild writes the same bytes as the live projection.
 */

import type { TaskFact } from '../domain/board-lists.js';
import type { SettledSummary } from '../domain/settled-summary.js';
import type { DossierFact } from '../domain/statistics.js';

/** A fact as stored: `json` holds it; a fact stored before packing holds its fields (read as they are). */
export type PackedFact = { json: string } | DossierFact;

/**
 * What a packed document held when this process packed or unpacked it: a batch folding many events
 * into one document parses it once (the values are never mutated: folds make new ones).
 */
const unpacked = new WeakMap<object, unknown>();
function remember<T>(doc: object, value: T): T {
  unpacked.set(doc, value);
  return value;
}

export const packFact = (fact: DossierFact): { json: string } => {
  const doc = { json: JSON.stringify(fact) };
  unpacked.set(doc, fact);
  return doc;
};

export function unpackFact(doc: PackedFact): DossierFact {
  const held = unpacked.get(doc);
  if (held) return held as DossierFact;
  if ('json' in doc && typeof doc.json === 'string')
    return remember(doc, JSON.parse(doc.json) as DossierFact);
  const { _id, revision, ...fact } = doc as DossierFact & { _id?: unknown; revision?: unknown };
  return fact;
}

const summaryTexts = new Map<string, Map<string, SettledSummary>>();
/**
 * A summary document's entries: one line per dossier, `key<TAB>summary`, sorted by key. A new map
 * each call (the caller may change it); the last few texts parsed are kept, as a batch edits one
 * document once per settlement.
 */
export function unpackSummaries(text: string | undefined): Map<string, SettledSummary> {
  const held = text ? summaryTexts.get(text) : undefined;
  if (held) return new Map(held);
  const out = new Map<string, SettledSummary>();
  if (!text) return out;
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) out.set(line.slice(0, tab), JSON.parse(line.slice(tab + 1)) as SettledSummary);
  }
  return keepText(text, out);
}

function keepText(text: string, entries: Map<string, SettledSummary>): Map<string, SettledSummary> {
  summaryTexts.set(text, new Map(entries));
  // a handful: the documents one batch is editing
  if (summaryTexts.size > 64) summaryTexts.delete(summaryTexts.keys().next().value as string);
  return entries;
}

export function packSummaries(entries: Map<string, SettledSummary>): string {
  const text = [...entries.keys()]
    .sort()
    .map((key) => `${key}\t${JSON.stringify(entries.get(key))}`)
    .join('\n');
  keepText(text, entries);
  return text;
}

/** A dossier's tasks as stored (`board_dossier_tasks`): `json` holds them; stored before packing, `tasks`. */
export type PackedTasks = { dossierId: string } & ({ json: string } | { tasks: TaskFact[] });

export const packTasks = (dossierId: string, tasks: TaskFact[]) => ({
  dossierId,
  json: JSON.stringify(tasks),
});

export const unpackTasks = (doc: PackedTasks): TaskFact[] =>
  'json' in doc && typeof doc.json === 'string'
    ? (JSON.parse(doc.json) as TaskFact[])
    : 'tasks' in doc
      ? doc.tasks
      : [];
