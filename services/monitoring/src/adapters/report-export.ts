import type { Ii06aCounts, Ii06aReport } from '../domain/report.js';
import { csvText, titledSheet, vnTime, xlsxBuffer } from './table-export.js';

/** The report's columns with their Vietnamese headers (group, column), as on form II.06a. */
const COLUMNS: { group: string; header: string; value: (c: Ii06aCounts) => number }[] = [
  { group: 'Số hồ sơ nhận giải quyết', header: 'Tổng số', value: (c) => c.received.total },
  { group: 'Số hồ sơ nhận giải quyết', header: 'Trực tuyến', value: (c) => c.received.online },
  {
    group: 'Số hồ sơ nhận giải quyết',
    header: 'Trực tiếp và dịch vụ bưu chính',
    value: (c) => c.received.counterOrPostal,
  },
  { group: 'Số hồ sơ nhận giải quyết', header: 'Kỳ trước chuyển qua', value: (c) => c.received.carriedOver },
  { group: 'Số hồ sơ đã giải quyết', header: 'Tổng số', value: (c) => c.resolved.total },
  { group: 'Số hồ sơ đã giải quyết', header: 'Trước hạn', value: (c) => c.resolved.early },
  { group: 'Số hồ sơ đã giải quyết', header: 'Đúng hạn', value: (c) => c.resolved.onTime },
  { group: 'Số hồ sơ đã giải quyết', header: 'Quá hạn', value: (c) => c.resolved.late },
  { group: 'Số hồ sơ đang giải quyết', header: 'Tổng số', value: (c) => c.inProgress.total },
  { group: 'Số hồ sơ đang giải quyết', header: 'Trong hạn', value: (c) => c.inProgress.withinTime },
  { group: 'Số hồ sơ đang giải quyết', header: 'Quá hạn', value: (c) => c.inProgress.overdue },
  { group: 'Số hồ sơ đang giải quyết', header: 'Trong đó tạm dừng chờ bổ sung', value: (c) => c.paused },
  { group: 'Khác', header: 'Rút hoặc dừng xử lý', value: (c) => c.withdrawnOrStopped },
  { group: 'Khác', header: 'Đã có kết quả chưa trả', value: (c) => c.finishedNotCollected },
  { group: 'Khác', header: 'Từ chối tiếp nhận', value: (c) => c.refusedAtIntake },
];

const LEAD = ['STT', 'Đơn vị (Trung tâm)', 'Mã lĩnh vực', 'Lĩnh vực'];
const TITLE = 'Biểu II.06a: Tình hình, kết quả giải quyết thủ tục hành chính';

const periodLine = (r: Ii06aReport) =>
  `Kỳ báo cáo: từ ${vnTime(r.from)} đến trước ${vnTime(r.to)} (giờ Việt Nam)`;

/** CSV (UTF-8 with BOM, so spreadsheet programs read the Vietnamese), one header row, totals last. */
export function reportCsv(report: Ii06aReport): string {
  const header = [...LEAD, ...COLUMNS.map((c) => `${c.group} - ${c.header}`)];
  const lines = [header];
  report.rows.forEach((row, i) => {
    lines.push([
      String(i + 1),
      row.centerName,
      row.fieldCode,
      row.fieldName,
      ...COLUMNS.map((c) => String(c.value(row))),
    ]);
  });
  lines.push(['', 'Tổng cộng', '', '', ...COLUMNS.map((c) => String(c.value(report.totals)))]);
  return csvText(lines);
}

/** An XLSX workbook: title, period, two header rows (merged groups), the rows and the totals. */
export async function reportXlsx(report: Ii06aReport): Promise<Buffer> {
  const { workbook, sheet } = await titledSheet('II.06a', {
    title: TITLE,
    period: periodLine(report),
    width: LEAD.length + COLUMNS.length,
  });

  const groupRow = sheet.addRow([...LEAD, ...COLUMNS.map((c) => c.group)]);
  const headerRow = sheet.addRow([...LEAD.map(() => ''), ...COLUMNS.map((c) => c.header)]);
  for (let col = 1; col <= LEAD.length; col++) sheet.mergeCells(groupRow.number, col, headerRow.number, col);
  let start = 0;
  for (let i = 1; i <= COLUMNS.length; i++) {
    if (i === COLUMNS.length || COLUMNS[i]?.group !== COLUMNS[start]?.group) {
      const first = LEAD.length + start + 1;
      const last = LEAD.length + i;
      if (last > first) sheet.mergeCells(groupRow.number, first, groupRow.number, last);
      start = i;
    }
  }
  for (const row of [groupRow, headerRow]) {
    row.font = { bold: true };
    row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  }

  report.rows.forEach((row, i) => {
    sheet.addRow([i + 1, row.centerName, row.fieldCode, row.fieldName, ...COLUMNS.map((c) => c.value(row))]);
  });
  const totals = sheet.addRow(['', 'Tổng cộng', '', '', ...COLUMNS.map((c) => c.value(report.totals))]);
  totals.font = { bold: true };
  sheet.columns.forEach((column, i) => {
    column.width = i === 1 || i === 3 ? 32 : i === 0 ? 6 : 14;
  });
  sheet.views = [{ state: 'frozen', xSplit: LEAD.length, ySplit: headerRow.number }];
  return xlsxBuffer(workbook);
}

/** The header rows' cells as the XLSX and the CSV show them, for tests. */
export const REPORT_COLUMNS = COLUMNS.map(({ group, header }) => ({ group, header }));
