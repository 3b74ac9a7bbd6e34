import { buildHttpApp } from '@motcua/http';
import { createLogger } from '@motcua/logger';
import { rulebookFor } from '@motcua/rulebook';
import { pdfTextRuns } from '@motcua/testing/pdf-text';
import { describe, expect, it } from 'vitest';
import { auditRoutes } from '../src/adapters/audit-routes.js';
import { type ControlSheet, controlSheetHtml } from '../src/adapters/control-sheet-html.js';
import { controlSheetPdf } from '../src/adapters/control-sheet-pdf.js';
import type { AuditApp } from '../src/app/audit-app.js';

const vn = (local: string) => new Date(`${local}:00+07:00`).toISOString();

const sheet: ControlSheet = {
  dossierCode: 'H57-260302-0001',
  procedureName: 'Đăng ký thành lập hộ kinh doanh',
  // Decomposed (NFD), as some keyboards send it: the sheet prints the precomposed letters.
  applicantName: 'Nguyễn Thị Hương Trà'.normalize('NFD'),
  receivedAt: vn('2026-03-02T09:00'),
  appointmentAt: vn('2026-03-05T17:00'),
  rows: [
    {
      stepId: 'appraise',
      stepName: 'Thụ lý',
      departmentId: 'fin',
      departmentName: 'Phòng Tài chính',
      receivedAt: vn('2026-03-02T09:00'),
      handedOverAt: vn('2026-03-03T10:00'),
      giver: 'officer.tckh.hue',
      receiver: 'officer.tckh.hue',
      dueAt: vn('2026-03-04T09:00'),
      result: 'early',
    },
    {
      stepId: 'sign',
      stepName: 'Ký duyệt',
      departmentId: 'lead',
      departmentName: 'Lãnh đạo',
      receivedAt: vn('2026-03-03T10:00'),
      handedOverAt: vn('2026-03-05T10:00'),
      giver: 'leader.hue',
      receiver: null,
      dueAt: vn('2026-03-03T14:00'),
      result: 'late',
    },
  ],
  form: {
    number: '06',
    name: 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
    circular: 'Thông tư 03/2025/TT-VPCP',
  },
};

describe('the control sheet (Mẫu 05) as a PDF', () => {
  it('is a PDF with a Vietnamese TrueType font embedded (a subset with its Unicode map)', async () => {
    const pdf = await controlSheetPdf(sheet);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const source = pdf.toString('latin1');
    expect(source).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSerif\b/);
    expect(source).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSerif-Bold\b/);
    expect(source).toContain('/FontFile2');
    expect(source).toContain('/ToUnicode');
    expect(source).toContain('/FlateDecode');
    // No standard (Latin-1 only) font is used for any text.
    expect(source).not.toMatch(/\/BaseFont \/Helvetica/);
    expect(source.trimEnd().endsWith('%%EOF')).toBe(true);
  });

  it('writes the form in Vietnamese with its diacritics', async () => {
    const text = pdfTextRuns(await controlSheetPdf(sheet, { compress: false }));
    expect(text).not.toContainEqual(expect.stringContaining('\uFFFD'));
    const all = text.join('\n');
    for (const words of [
      'Mẫu số 06 (Thông tư 03/2025/TT-VPCP)',
      'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
      'H57-260302-0001',
      'Đăng ký thành lập hộ kinh doanh',
      'Nguyễn Thị Hương Trà',
      '09 giờ 00 phút, ngày 02/03/2026',
      'Người nhận',
      'Người giao',
      'Phòng Tài chính',
      'Ký duyệt',
      'Trước hạn',
      'Quá hạn',
      'leader.hue',
    ]) {
      expect(all).toContain(words);
    }
  });

  it('is served at GET /dossiers/:ref/control-sheet.pdf with the same data as the HTML sheet', async () => {
    const asked: string[] = [];
    const audit = {
      controlSheet: async (ref: string) => {
        asked.push(ref);
        return { dossierId: 'd-1', centerId: 'hue-city', ...sheet };
      },
    } as unknown as AuditApp;
    const http = await buildHttpApp({
      service: 'monitoring',
      version: 'test',
      logger: createLogger({ service: 'monitoring', level: 'silent' }),
      routes: auditRoutes(audit),
    });
    try {
      const res = await http.inject({ method: 'GET', url: '/dossiers/H57-260302-0001/control-sheet.pdf' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe(
        'inline; filename="phieu-kiem-soat-H57-260302-0001.pdf"',
      );
      expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(asked).toEqual(['H57-260302-0001']);
    } finally {
      await http.close();
    }
  });
});

describe('the control sheet numbered by the dossier rulebook', () => {
  it('is Mẫu 05 for a dossier received on 30 June 2025 and Mẫu 06 for one received on 15 September 2025', () => {
    const numbered = (day: string) =>
      controlSheetHtml({ ...sheet, form: rulebookFor(day).forms.controlSheet.value });
    expect(numbered('2025-06-30')).toContain('Mẫu số 05 (Thông tư 01/2018/TT-VPCP)');
    expect(numbered('2025-09-15')).toContain('Mẫu số 06 (Thông tư 03/2025/TT-VPCP)');
  });
});
