import type { DeadlineCounts } from '../domain/deadline-counts.js';
import type { DeadlineCountsAnswer } from './deadline-counts-routes.js';
import { csvText, titledSheet, vnTime, xlsxBuffer } from './table-export.js';

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

/** CSV (UTF-8 with BOM, so spreadsheet programs read the Vietnamese), one header row. */
export function deadlineCountsCsv(answer: DeadlineCountsAnswer): string {
  return csvText([[...LEAD, ...COLUMNS.map((c) => c.header)], ...rows(answer)]);
}

/** An XLSX workbook: title, period, one header row, the rows. */
export async function deadlineCountsXlsx(answer: DeadlineCountsAnswer): Promise<Buffer> {
  const { workbook, sheet } = await titledSheet('Nhắc việc', {
    title: TITLE,
    period: `Kỳ: từ ${vnTime(answer.from)} đến trước ${vnTime(answer.to)} (giờ Việt Nam)`,
    width: LEAD.length + COLUMNS.length,
  });
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
  return xlsxBuffer(workbook);
}

/** The header row as the CSV and the XLSX show it, for tests. */
export const DEADLINE_COUNT_HEADERS = [...LEAD, ...COLUMNS.map((c) => c.header)];
