import { toLocalDay } from '@motcua/calendar';
import type { HttpApp } from '@motcua/http';
import type ExcelJS from 'exceljs';
import type { FastifyRequest } from 'fastify';
import { readErrors } from './period-query.js';

// Writing the statistics tables as CSV and XLSX, and serving them as downloads: the same for every
// table; each table keeps its own columns and rows.

type Cell = string | number;

/** CSV (UTF-8 with BOM, so spreadsheet programs read the Vietnamese), CRLF line ends. */
export function csvText(lines: readonly (readonly Cell[])[]): string {
  return `\uFEFF${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function csvCell(v: Cell): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** An instant as Vietnam's wall clock, `YYYY-MM-DD HH:mm`. */
export const vnTime = (iso: string) =>
  new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/** A workbook of one sheet opening with its title and period line, each merged across `width`.
 * exceljs is loaded at the first download: it holds ~24 MB that an idle service need not. */
export async function titledSheet(
  sheetName: string,
  lines: { title: string; period: string; width: number },
): Promise<{ workbook: ExcelJS.Workbook; sheet: ExcelJS.Worksheet }> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'motcua';
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow([lines.title]);
  sheet.mergeCells(1, 1, 1, lines.width);
  sheet.getRow(1).font = { bold: true, size: 13 };
  sheet.addRow([lines.period]);
  sheet.mergeCells(2, 1, 2, lines.width);
  return { workbook, sheet };
}

export async function xlsxBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const FORMATS = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
type Format = keyof typeof FORMATS;

/** What a period table answers: its period (ISO instants, `to` excluded) and maybe its center. */
interface PeriodTable {
  from: string;
  to: string;
  centerId?: string;
}

/**
 * `${path}.csv` and `${path}.xlsx`: the table as a file named
 * `${filePrefix}_<first day>_<last day>[_<centerId>].<ext>` (Vietnam days, the last one included).
 */
export function periodDownloads<T extends PeriodTable>(
  http: HttpApp,
  table: {
    path: string;
    filePrefix: string;
    querystring: object;
    summary: Record<Format, string>;
    load: (request: FastifyRequest) => Promise<T>;
    render: { csv: (t: T) => string; xlsx: (t: T) => Promise<Buffer> };
  },
): void {
  for (const ext of Object.keys(FORMATS) as Format[]) {
    http.get(
      `${table.path}.${ext}`,
      {
        schema: {
          summary: table.summary[ext],
          tags: ['statistics'],
          querystring: table.querystring,
          response: readErrors,
        },
      },
      async (request, reply) => {
        const answer = await table.load(request);
        const last = toLocalDay(new Date(Date.parse(answer.to) - 1));
        const name = `${table.filePrefix}_${toLocalDay(new Date(answer.from))}_${last}${answer.centerId ? `_${answer.centerId}` : ''}.${ext}`;
        return reply
          .header('content-type', FORMATS[ext])
          .header('content-disposition', `attachment; filename="${name}"`)
          .send(await table.render[ext](answer));
      },
    );
  }
}
