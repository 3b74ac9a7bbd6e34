// The counter's search by name, phone, ID number or part of a dossier code, as keys of a bounded index:
// each key (per center) keeps the most recent dossiers that have it, so a search reads a few small
// documents by `_id` (FerretDB uses only the `_id` index) and never scans the dossiers.

/** A dossier as a search lists it. */
export interface SearchHit {
  dossierId: string;
  dossierCode?: string;
  applicantFullName: string;
  procedureName: string;
  /** Reception, or the online submission before it: the newest come first. */
  at: string;
}

/** How many dossiers one key keeps: a common word or a day's code prefix lists the most recent only. */
export const HITS_PER_KEY = 50;

/** Lower case, no diacritics (đ → d), one space between words: "Nguyễn  Văn An" → "nguyen van an". */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const digitsOf = (text: string) => text.replace(/\D/g, '');
const CODE = /^(?<unit>[0-9A-Z.]+)-(?<day>\d{6})-(?<seq>\d{4})$/;

/** The keys a dossier is found by. */
export function keysOf(d: {
  dossierCode?: string;
  applicant: { fullName?: string; phone?: string; idNumber?: string };
}): string[] {
  const keys = new Set<string>();
  const name = normalizeText(d.applicant.fullName ?? '');
  if (name) keys.add(`name:${name}`);
  for (const word of name.split(' ')) if (word.length >= 2) keys.add(`word:${word}`);
  const phone = digitsOf(d.applicant.phone ?? '');
  if (phone.length >= 6) keys.add(`phone:${phone}`);
  const id = digitsOf(d.applicant.idNumber ?? '');
  if (id.length >= 6) keys.add(`id:${id}`);
  const code = CODE.exec(d.dossierCode ?? '')?.groups;
  if (code) {
    keys.add(`code:${d.dossierCode}`);
    keys.add(`code:${code.day}-${code.seq}`);
    keys.add(`code:${code.day}`);
    keys.add(`code:${code.seq}`);
  }
  return [...keys];
}

/**
 * What a typed query looks up: every group must match (the words of a name), any key of a group may.
 * A look-up link read from a receipt's QR code counts as its dossier code.
 */
export function queryGroups(query: string): string[][] {
  let q = query.trim();
  try {
    const code = new URL(q).searchParams.get('code');
    if (code) q = code;
  } catch {
    // not a link: the text itself
  }
  const upper = q.toUpperCase();
  if (CODE.test(upper)) return [[`code:${upper}`]];
  if (/^\d{6}-\d{4}$/.test(upper)) return [[`code:${upper}`]];
  const digits = digitsOf(q);
  if (digits && /^[\d\s.+()-]+$/.test(q)) {
    // A number: a phone (with or without +84), an ID number, a code's day or sequence.
    const keys = [`phone:${digits}`, `id:${digits}`, `code:${digits}`];
    if (digits.startsWith('84')) keys.push(`phone:0${digits.slice(2)}`);
    return [keys];
  }
  const name = normalizeText(q);
  if (!name) return [];
  const words = name.split(' ').filter((w) => w.length >= 2);
  return words.length > 0 ? words.map((w) => [`word:${w}`]) : [[`name:${name}`]];
}

/** The dossiers in every group (each group: the union of its keys' hits), newest first. */
export function combine(groups: SearchHit[][][]): SearchHit[] {
  let result: Map<string, SearchHit> | undefined;
  for (const group of groups) {
    const found = new Map<string, SearchHit>();
    for (const hits of group) for (const h of hits) found.set(h.dossierId, h);
    result = result ? new Map([...result].filter(([id]) => found.has(id))) : found;
  }
  return [...(result?.values() ?? [])].sort((a, b) => b.at.localeCompare(a.at)).slice(0, HITS_PER_KEY);
}

/** A key's hits with one dossier added or updated (its code arrives at reception), newest first, bounded. */
export function withHit(hits: readonly SearchHit[], hit: SearchHit): SearchHit[] {
  const others = hits.filter((h) => h.dossierId !== hit.dossierId);
  return [hit, ...others].sort((a, b) => b.at.localeCompare(a.at)).slice(0, HITS_PER_KEY);
}
