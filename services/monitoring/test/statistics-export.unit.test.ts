import { isDomainError } from '@motcua/contracts';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseReportQuery, type ReportQuery } from '../src/adapters/period-query.js';
import { REPORT_COLUMNS, reportCsv, reportXlsx } from '../src/adapters/report-export.js';
import { type Ii06aReport, zeroCounts } from '../src/domain/report.js';

const vn = (local: string) => new Date(`${local}+07:00`);

const report: Ii06aReport = {
  from: vn('2025-03-01T00:00').toISOString(),
  to: vn('2025-04-01T00:00').toISOString(),
  asOf: vn('2025-04-01T00:00').toISOString(),
  rows: [
    {
      centerId: 'hue-city',
      centerName: 'Trung tâm Hành chính công thành phố Huế',
      fieldCode: 'H57-HT',
      fieldName: 'Hộ tịch, "khai sinh"',
      ...zeroCounts(),
      received: { total: 5, online: 2, counterOrPostal: 2, carriedOver: 1 },
      resolved: { total: 3, early: 1, onTime: 1, late: 1 },
      inProgress: { total: 2, withinTime: 1, overdue: 1 },
      paused: 1,
      finishedNotCollected: 1,
    },
    { centerId: 'a-luoi', centerName: 'A Lưới', fieldCode: 'H57-DD', fieldName: 'Đất đai', ...zeroCounts() },
  ],
  totals: {
    ...zeroCounts(),
    received: { total: 5, online: 2, counterOrPostal: 2, carriedOver: 1 },
    resolved: { total: 3, early: 1, onTime: 1, late: 1 },
    inProgress: { total: 2, withinTime: 1, overdue: 1 },
    paused: 1,
    finishedNotCollected: 1,
  },
};

describe('CSV export', () => {
  const csv = reportCsv(report);
  const lines = csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');

  it('starts with a BOM and Vietnamese headers', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(lines[0]).toBe(
      [
        'STT',
        'Đơn vị (Trung tâm)',
        'Mã lĩnh vực',
        'Lĩnh vực',
        ...REPORT_COLUMNS.map((c) => `${c.group} - ${c.header}`),
      ].join(','),
    );
    expect(lines[0]).toContain('Số hồ sơ đã giải quyết - Trước hạn');
  });

  it('one line per row (quoted where needed), the totals last', () => {
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe(
      '1,Trung tâm Hành chính công thành phố Huế,H57-HT,"Hộ tịch, ""khai sinh""",5,2,2,1,3,1,1,1,2,1,1,1,0,1,0',
    );
    expect(lines[2]).toBe('2,A Lưới,H57-DD,Đất đai,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0');
    expect(lines[3]).toBe(',Tổng cộng,,,5,2,2,1,3,1,1,1,2,1,1,1,0,1,0');
  });
});

describe('XLSX export', () => {
  it('is a workbook with the title, grouped headers, the rows and the totals', async () => {
    const buffer = await reportXlsx(report);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('II.06a')!;
    expect(String(sheet.getCell('A1').value)).toContain('II.06a');
    expect(String(sheet.getCell('A2').value)).toBe(
      'Kỳ báo cáo: từ 2025-03-01 00:00 đến trước 2025-04-01 00:00 (giờ Việt Nam)',
    );
    expect(sheet.getCell('E3').value).toBe('Số hồ sơ nhận giải quyết');
    expect(sheet.getCell('E4').value).toBe('Tổng số');
    expect(sheet.getCell('I3').value).toBe('Số hồ sơ đã giải quyết');
    expect(sheet.getCell('J4').value).toBe('Trước hạn');
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(5)).toEqual([
      1,
      'Trung tâm Hành chính công thành phố Huế',
      'H57-HT',
      'Hộ tịch, "khai sinh"',
      5,
      2,
      2,
      1,
      3,
      1,
      1,
      1,
      2,
      1,
      1,
      1,
      0,
      1,
      0,
    ]);
    expect(values(7).slice(1)).toEqual(['Tổng cộng', '', '', 5, 2, 2, 1, 3, 1, 1, 1, 2, 1, 1, 1, 0, 1, 0]);
  });
});

describe('the report query', () => {
  const fails = (query: ReportQuery) => {
    try {
      parseReportQuery(query);
    } catch (err) {
      if (isDomainError(err))
        return { code: err.code, field: err.details.field, message: err.toJSON().message };
      throw err;
    }
    return undefined;
  };

  it('takes from/to as instants or Vietnam days, to excluded', () => {
    expect(parseReportQuery({ from: '2025-03-01', to: '2025-04-01' })).toEqual({
      from: vn('2025-03-01T00:00'),
      to: vn('2025-04-01T00:00'),
    });
    expect(
      parseReportQuery({
        from: '2025-03-01T00:00:00Z',
        to: '2025-03-02T00:00:00.000+07:00',
        centerId: 'hue-city',
      }),
    ).toEqual({
      from: new Date('2025-03-01T00:00:00Z'),
      to: vn('2025-03-02T00:00'),
      centerId: 'hue-city',
    });
  });

  it('takes a year and a period', () => {
    expect(parseReportQuery({ year: '2025', period: 'quarter', index: '1' })).toEqual({
      from: vn('2025-01-01T00:00'),
      to: vn('2025-04-01T00:00'),
    });
    expect(parseReportQuery({ year: '2024', period: 'year' })).toEqual({
      from: vn('2024-01-01T00:00'),
      to: vn('2025-01-01T00:00'),
    });
    expect(parseReportQuery({ year: '2024', period: 'nine-months' }).to).toEqual(vn('2024-10-01T00:00'));
  });

  it.each<[string, ReportQuery, string]>([
    ['nothing', {}, 'period'],
    ['both ways', { from: '2025-03-01', to: '2025-04-01', year: '2025', period: 'year' }, 'period'],
    ['from alone', { from: '2025-03-01' }, 'from'],
    ['a local time without offset', { from: '2025-03-01T00:00:00', to: '2025-04-01' }, 'from'],
    ['not a date', { from: 'yesterday', to: '2025-04-01' }, 'from'],
    ['an impossible date', { from: '2025-02-30', to: '2025-04-01' }, 'from'],
    ['to before from', { from: '2025-04-01', to: '2025-03-01' }, 'to'],
    ['an empty period', { from: '2025-04-01', to: '2025-04-01' }, 'to'],
    ['more than five years', { from: '2015-01-01', to: '2025-01-01' }, 'to'],
    ['a bad year', { year: '25', period: 'year' }, 'year'],
    ['an unknown period', { year: '2025', period: 'week' }, 'period'],
    ['a month without index', { year: '2025', period: 'month' }, 'index'],
    ['month 13', { year: '2025', period: 'month', index: '13' }, 'index'],
    ['quarter 0', { year: '2025', period: 'quarter', index: '0' }, 'index'],
    ['a non-numeric index', { year: '2025', period: 'half', index: 'x' }, 'index'],
  ])('refuses %s (400 INVALID_INPUT, bilingual)', (_name, query, field) => {
    const error = fails(query);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field });
    expect(error?.message.vi).toBeTruthy();
    expect(error?.message.en).toBeTruthy();
  });
});
