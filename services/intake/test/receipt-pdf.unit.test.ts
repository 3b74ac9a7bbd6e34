import { pdfTextRuns } from '@motcua/testing/pdf-text';
import { describe, expect, it } from 'vitest';
import { receiptPdf, receiptQrText } from '../src/adapters/receipt-pdf.js';
import { type Receipt, receiptOf, timeLimitWords } from '../src/domain/receipt.js';

const vn = (local: string) => new Date(`${local}:00+07:00`).toISOString();

const receipt: Receipt = {
  dossierCode: '000.00.31.H57-260302-0001',
  lookupKey: 'K7M2P9QX',
  centerName: 'Trung tâm Hành chính công thành phố Huế',
  procedureName: 'Đăng ký thành lập hộ kinh doanh',
  applicant: {
    fullName: 'Nguyễn Thị Hương Trà',
    idNumber: '046190001234',
    phone: '0905123456',
    email: 'tra@example.vn',
    address: '12 Lê Lợi, phường Phú Hội',
  },
  documents: [
    { name: 'Giấy đề nghị đăng ký hộ kinh doanh', original: true, count: 1 },
    { name: 'Bản sao giấy tờ pháp lý của cá nhân', original: false, count: 2 },
  ],
  legalTimeLimit: { value: 3, unit: 'working_days' },
  receivedAt: vn('2026-03-02T09:00'),
  appointmentAt: vn('2026-03-05T09:00'),
  receivedBy: 'counter.hue',
  form: {
    number: '01',
    name: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
    circular: 'Thông tư 03/2025/TT-VPCP',
  },
};

describe('the receipt (Mẫu 01) as a PDF', () => {
  it('puts a link to the public look-up page with the dossier code in the QR code, never the key', () => {
    const text = receiptQrText(receipt.dossierCode, 'https://dichvucong.hue.gov.vn/applicant/lookup');
    expect(text).toBe('https://dichvucong.hue.gov.vn/applicant/lookup?code=000.00.31.H57-260302-0001');
    expect(text).not.toContain(receipt.lookupKey);
    expect(receiptQrText(receipt.dossierCode)).toBe(receipt.dossierCode);
  });

  it('is one A5 page with a Vietnamese font and the dossier code as a QR image', async () => {
    const pdf = await receiptPdf(receipt);
    const source = pdf.toString('latin1');
    expect(source.startsWith('%PDF-')).toBe(true);
    expect(source).toMatch(/\/MediaBox \[0 0 419\.5\d* 595\.2\d*\]/);
    expect(source.match(/\/Type \/Page\b/g)).toHaveLength(1);
    expect(source).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSerif\b/);
    expect(source).toMatch(/\/Subtype \/Image/);
  });

  it('writes the form in Vietnamese: code, look-up key, applicant, documents, time limit and appointment', async () => {
    const runs = pdfTextRuns(await receiptPdf(receipt, { compress: false }));
    expect(runs).not.toContainEqual(expect.stringContaining('\uFFFD'));
    const all = runs.join(' ').replace(/\s+/g, ' ');
    for (const words of [
      'Mẫu số 01 (Thông tư 03/2025/TT-VPCP)',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      'Mã hồ sơ: 000.00.31.H57-260302-0001',
      'K7M2P9QX',
      'Nguyễn Thị Hương Trà',
      'Đăng ký thành lập hộ kinh doanh',
      'Giấy đề nghị đăng ký hộ kinh doanh',
      'Bản chính',
      'Bản sao',
      '03 ngày làm việc',
      '09 giờ 00 phút, ngày 02/03/2026',
      '09 giờ 00 phút, ngày 05/03/2026',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
    ]) {
      expect(all).toContain(words);
    }
  });
});

describe('the receipt of a dossier', () => {
  it('is read from its reception event, with the officer who received it', () => {
    const r = receiptOf(
      [
        { type: 'DossierSubmittedOnline', payload: {} },
        {
          type: 'DossierReceived',
          actor: { userId: 'counter.hue' },
          rulebookId: 'decree-118-2025-circular-04',
          payload: {
            dossierCode: receipt.dossierCode,
            centerId: 'hue-city',
            procedureName: receipt.procedureName,
            applicant: { fullName: 'Nguyễn Thị Hương Trà' },
            documents: receipt.documents,
            legalTimeLimit: receipt.legalTimeLimit,
            receivedAt: receipt.receivedAt,
            appointmentAt: receipt.appointmentAt,
          },
        },
      ],
      'K7M2P9QX',
      (id) => (id === 'hue-city' ? 'Trung tâm Hành chính công thành phố Huế' : id),
    );
    expect(r).toEqual({
      ...receipt,
      applicant: { ...receipt.applicant, idNumber: '', phone: '', email: '', address: '' },
    });
  });

  it('is numbered by the rulebook its reception recorded: Circular 01/2018 for one from before rulebooks', () => {
    const old = receiptOf(
      [{ type: 'DossierReceived', payload: { dossierCode: 'H57-250630-0001', centerId: 'hue-city' } }],
      'K7M2P9QX',
      (id) => id,
    );
    expect(old?.form).toEqual({
      number: '01',
      name: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
      circular: 'Thông tư 01/2018/TT-VPCP',
    });
  });

  it('names the receiving officer by the full name the reception event carries, not the login', () => {
    const r = receiptOf(
      [
        {
          type: 'DossierReceived',
          actor: { userId: 'counter.hue', displayName: 'Nguyễn Thị Thu' },
          payload: { dossierCode: receipt.dossierCode, centerId: 'hue-city', applicant: {} },
        },
      ],
      'K7M2P9QX',
      (id) => id,
    );
    expect(r?.receivedBy).toBe('Nguyễn Thị Thu');
  });

  it('does not exist before the dossier is received', () => {
    expect(
      receiptOf([{ type: 'DossierSubmittedOnline', payload: {} }], 'K7M2P9QX', (id) => id),
    ).toBeUndefined();
  });

  it('writes the time limit as the form does', () => {
    expect(timeLimitWords({ value: 3, unit: 'working_days' })).toBe('03 ngày làm việc');
    expect(timeLimitWords({ value: 0, unit: 'same_day' })).toBe('Trong ngày');
  });
});
