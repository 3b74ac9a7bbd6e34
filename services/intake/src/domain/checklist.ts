import type { ChecklistItem, ReceivedDocument } from './types.js';

/** A document the catalogue requires for a procedure (conditional ones only for some applicants). */
export interface RequiredDocument {
  name: string;
  conditional: string;
}

/** Compares document names as officers type them: case, spacing and diacritics aside. */
export const sameName = (a: string, b: string) => normalise(a) === normalise(b);
const normalise = (s: string) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * The completeness checklist against the catalogue (Decree 61 Art 17): one line per required
 * document, provided when the officer ticked it or when a received document bears its name;
 * the officer's own extra lines are kept.
 */
export function buildChecklist(
  required: readonly RequiredDocument[],
  documents: readonly ReceivedDocument[],
  officer: readonly ChecklistItem[] = [],
): ChecklistItem[] {
  const lines = required.map((r): ChecklistItem => {
    const ticked = officer.find((o) => sameName(o.documentName, r.name));
    return {
      documentName: r.name,
      required: r.conditional === '' && (ticked?.required ?? true),
      provided: ticked?.provided ?? documents.some((d) => sameName(d.name, r.name)),
    };
  });
  const extra = officer.filter((o) => !required.some((r) => sameName(r.name, o.documentName)));
  return [...lines, ...extra];
}
