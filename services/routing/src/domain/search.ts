/**
 * Search without diacritics: citizens type "dang ky ho kinh doanh" for "Đăng ký hộ kinh doanh".
 * Text is decomposed (NFD), combining marks dropped and đ/Đ mapped to d; words are the syllables left.
 */
export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}.]+/gu, ' ')
    .trim();
}

export function wordsOf(text: string): string[] {
  return normalizeForSearch(text)
    .split(' ')
    .map((w) => w.replace(/^\.+|\.+$/g, ''))
    .filter((w) => w.length > 0);
}

export interface Searchable {
  code: string;
  name: string;
  keywords?: string[];
}

export interface Ranked<T> {
  item: T;
  /** Distinct query words found among the item's words (a code typed in full counts as all). */
  score: number;
}

/**
 * Items matching at least half the query's words, best first: more matched words, then the whole
 * query as a phrase, then the shorter (more specific) name, then the code. Half, because common
 * syllables ("đăng", "ký", "hộ") alone match much of the catalogue.
 */
export function rankByWords<T extends Searchable>(items: readonly T[], query: string): Ranked<T>[] {
  const wanted = [...new Set(wordsOf(query))];
  if (wanted.length === 0) return [];
  const phrase = wanted.join(' ');
  const needed = Math.ceil(wanted.length / 2);
  const ranked = items.map((item) => {
    const text = [item.name, ...(item.keywords ?? [])].map(normalizeForSearch).join(' | ');
    const words = new Set(wordsOf(text));
    const score = wanted.includes(item.code) ? wanted.length : wanted.filter((w) => words.has(w)).length;
    return { item, score, phrase: text.includes(phrase), length: wordsOf(item.name).length };
  });
  return ranked
    .filter((r) => r.score >= needed)
    .sort(
      (a, b) =>
        b.score - a.score ||
        Number(b.phrase) - Number(a.phrase) ||
        a.length - b.length ||
        a.item.code.localeCompare(b.item.code),
    )
    .map(({ item, score }) => ({ item, score }));
}
