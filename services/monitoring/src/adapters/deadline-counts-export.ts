import ExcelJS from 'exceljs';
import type { DeadlineCounts } from '../domain/deadline-counts.js';
import type { DeadlineCountsAnswer } from './deadline-counts-routes.js';

/** The counts' columns with their Vietnamese headers (docs/statistics.md). */
const COLUMNS: { header: string; value: (c: DeadlineCounts) => number }[] = [
  { header: 'Nhắc việc sắp đến hạn (bước)', value: (c) => c.reminders },
  { header: 'Bước quá hạn', value: (c) => c.overdueSteps },
  { header: 'Chuyển cấp - tổng', value: (c) => c.escalations },
  { header: 'Chuyển cấp 1 (trưởng phòng)', value: (c) => c.escalationsLevel1 },
  { header: 'Chuyển cấp 2 (lãnh đạo trung tâm)', value: (c) => c.escalationsLevel2 },
  { header: 'Hồ sơ sắp đến hạn', value: (c) => c.nearDueDossiers },
  { header: 'Hồ sơ quá hạn', value: (c) => c.overdueDossiers },
  { header: 'Nhắc xin lỗi (Mẫu 04)', value: (c) => c.apologyPrompts },
];
const LEAD = ['STT', 'Trung tâm', 'Mã đơn vị', 'Đơn vị'];
const TITLE = 'Nhắc việc, quá hạn và chuyển cấp theo đơn vị';

const vnTime = (iso: string) =>
  new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/** Every department row, then each center's total row ("Cả trung tâm"), in the answer's order. */
function rows(answer: DeadlineCountsAnswer): (string | number)[][] {
  const out: (string | number)[][] = [];
  let n = 0;
  for (const c of answer.centers) {
    for (const d of c.departments) {
      out.push([++n, c.centerName, d.departmentId, d.departmentName, ...COLUMNS.map((k) => k.value(d))]);
    }
    out.push(['', c.centerName, c.centerId, 'Cả trung tâm', ...COLUMNS.map((k) => k.value(c.totals))]);
  }
  return out;
}

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV (UTF-8 with BOM, so spreadsheet programs read the Vietnamese), one header row. */
export function deadlineCountsCsv(answer: DeadlineCountsAnswer): string {
  const lines = [[...LEAD, ...COLUMNS.map((c) => c.header)], ...rows(answer)];
  return `\uFEFF${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** An XLSX workbook: title, period, one header row, the rows. */
export async function deadlineCountsXlsx(answer: DeadlineCountsAnswer): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'motcua';
  const sheet = workbook.addWorksheet('Nhắc việc');
  const width = LEAD.length + COLUMNS.length;
  sheet.addRow([TITLE]);
  sheet.mergeCells(1, 1, 1, width);
  sheet.getRow(1).font = { bold: true, size: 13 };
  sheet.addRow([`Kỳ: từ ${vnTime(answer.from)} đến trước ${vnTime(answer.to)} (giờ Việt Nam)`]);
  sheet.mergeCells(2, 1, 2, width);
  const header = sheet.addRow([...LEAD, ...COLUMNS.map((c) => c.header)]);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  for (const row of rows(answer)) {
    const added = sheet.addRow(row);
    if (row[0] === '') added.font = { bold: true };
  }
  sheet.columns.forEach((column, i) => {
    column.width = i === 0 ? 6 : i < LEAD.length ? 30 : 16;
  });
  sheet.views = [{ state: 'frozen', xSplit: LEAD.length, ySplit: header.number }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The header row as the CSV and the XLSX show it, for tests. */
export const DEADLINE_COUNT_HEADERS = [...LEAD, ...COLUMNS.map((c) => c.header)];
