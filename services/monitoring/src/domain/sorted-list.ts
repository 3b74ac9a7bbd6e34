/**
 * The sorted list with `item` in it (`present`) or not; the same list when that is already so (a
 * fold returns the document unchanged, and nothing is written). Sorted, so that a rebuild writes the
 * same bytes as the live projection whatever order the items came in.
 */
export function sortedWith(list: readonly string[], item: string, present: boolean): string[] {
  if (list.includes(item) === present) return list as string[];
  return present ? [...list, item].sort() : list.filter((x) => x !== item);
}
