/**
 * The text of an uncompressed PDF written by pdfkit, one string per text run: each font's glyph
 * codes mapped back through its ToUnicode CMap, following the `Tf` font switches of the pages.
 */
export function pdfTextRuns(pdf: Buffer): string[] {
  const source = pdf.toString('latin1');
  const objects = new Map<string, string>();
  for (const m of source.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) objects.set(m[1]!, m[2]!);
  const utf16 = (hex: string) => Buffer.from(hex.replace(/\s/g, ''), 'hex').swap16().toString('utf16le');
  const cmapOf = (fontId: string): Map<number, string> => {
    const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(objects.get(fontId) ?? '')?.[1];
    const cmap = new Map<number, string>();
    const body = objects.get(toUnicode ?? '') ?? '';
    // Ranges only inside bfrange blocks and single codes only inside bfchar blocks: the last pair of a
    // range's array would otherwise read as a single code.
    const blocks = (kind: string) =>
      [...body.matchAll(new RegExp(`begin${kind}([\\s\\S]*?)end${kind}`, 'g'))].map((b) => b[1]!).join('\n');
    for (const range of blocks('bfrange').matchAll(/<([0-9a-f]{4})> <([0-9a-f]{4})> \[([^\]]*)\]/g)) {
      const start = Number.parseInt(range[1]!, 16);
      [...range[3]!.matchAll(/<([0-9a-f ]+)>/g)].forEach((u, i) => {
        cmap.set(start + i, utf16(u[1]!));
      });
    }
    for (const one of blocks('bfchar').matchAll(/<([0-9a-f]{4})> <([0-9a-f]{4,})>/g)) {
      cmap.set(Number.parseInt(one[1]!, 16), utf16(one[2]!));
    }
    return cmap;
  };
  const fonts = new Map<string, Map<number, string>>();
  for (const m of source.matchAll(/\/(F\d+) (\d+) 0 R/g)) fonts.set(m[1]!, cmapOf(m[2]!));
  const runs: string[] = [];
  let cmap = new Map<number, string>();
  for (const m of source.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ/g)) {
    if (m[1]) {
      cmap = fonts.get(m[1]) ?? new Map();
      continue;
    }
    let run = '';
    for (const hex of m[2]!.matchAll(/<([0-9a-f]+)>/g)) {
      for (let i = 0; i < hex[1]!.length; i += 4) {
        run += cmap.get(Number.parseInt(hex[1]!.slice(i, i + 4), 16)) ?? '\uFFFD';
      }
    }
    runs.push(run);
  }
  return runs;
}
