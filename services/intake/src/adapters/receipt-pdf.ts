import { createRequire } from 'node:module';
import QRCode from 'qrcode';
import { type Receipt, timeLimitWords, vietnamTime } from '../domain/receipt.js';

// DejaVu Serif (the dejavu-fonts-ttf package, no network) has every Vietnamese letter; pdfkit embeds
// the subset used, with a ToUnicode map (text can be searched and copied), as monitoring's Mẫu 05 does.
const require = createRequire(import.meta.url);
const REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf');
const BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif-Bold.ttf');
const vi = (s: string) => s.normalize('NFC');

export interface ReceiptPdfOptions {
  /** Deflate the page contents (default true; tests read them uncompressed). */
  compress?: boolean;
  /** The public look-up page; the QR code holds it with the dossier code (never the key). */
  lookupUrl?: string;
}

/** What the QR code holds: a link to the public look-up page with the code filled in, else the code. */
export function receiptQrText(dossierCode: string, lookupUrl?: string): string {
  if (!lookupUrl) return dossierCode;
  const url = new URL(lookupUrl);
  url.searchParams.set('code', dossierCode);
  return url.toString();
}

/** `Mẫu số 01 (Thông tư 03/2025/TT-VPCP)`: the number and circular of the dossier's rulebook. */
const formLine = (r: Receipt) =>
  `${r.form.number ? `Mẫu số ${r.form.number}` : r.form.name}${r.form.circular ? ` (${r.form.circular})` : ''}`;

/**
 * Mẫu 01 on one A5 page: a QR code linking to the public look-up page with the dossier code (a
 * phone opens it; the counter's search reads the code out of it),
 * the look-up key for the applicant, the documents received and the appointment.
 */
export async function receiptPdf(r: Receipt, options: ReceiptPdfOptions = {}): Promise<Buffer> {
  const qr = await QRCode.toBuffer(receiptQrText(r.dossierCode, options.lookupUrl), {
    errorCorrectionLevel: 'M',
    margin: 1,
    scale: 4,
  });
  // loaded at the first receipt printed: an idle service need not hold pdfkit (~11 MB)
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A5',
    margin: 28,
    font: REGULAR,
    compress: options.compress ?? true,
    lang: 'vi-VN',
    displayTitle: true,
    info: {
      Title: vi(`Giấy tiếp nhận hồ sơ và hẹn trả kết quả ${r.dossierCode}`),
      Author: 'motcua',
      Subject: vi(formLine(r)),
    },
  });
  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const half = width / 2;
  const top = doc.y;
  doc
    .font('bold')
    .fontSize(8.5)
    .text(vi(r.centerName.toUpperCase()), left, top, { width: half, align: 'center' });
  doc
    .font('regular')
    .text(vi(`Mã hồ sơ: ${r.dossierCode}`), left, doc.y + 2, { width: half, align: 'center' });
  const leftBottom = doc.y;
  doc
    .font('bold')
    .text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', left + half, top, { width: half, align: 'center' });
  doc.text('Độc lập - Tự do - Hạnh phúc', { width: half, align: 'center' });
  doc
    .font('regular')
    .fontSize(8)
    .text(vi(formLine(r)), left + half, doc.y + 2, { width: half, align: 'right' });
  doc.y = Math.max(leftBottom, doc.y) + 8;

  doc
    .font('bold')
    .fontSize(11)
    .text('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', left, doc.y, { width, align: 'center' });
  doc.moveDown(0.5);
  const qrSize = 78;
  const qrTop = doc.y;
  doc.image(qr, left + width - qrSize, qrTop, { width: qrSize, height: qrSize });
  const textWidth = width - qrSize - 8;
  doc.fontSize(9);
  const line = (label: string, value: string) =>
    doc
      .font('regular')
      .text(`${label}: `, left, doc.y, { continued: true, width: textWidth })
      .font('bold')
      .text(vi(value || '…'), { width: textWidth });
  doc
    .font('regular')
    .text(vi(`Bộ phận tiếp nhận và trả kết quả ${r.centerName}`), left, qrTop, { width: textWidth });
  line('Tiếp nhận hồ sơ của', r.applicant.fullName);
  line('Địa chỉ', r.applicant.address);
  line('Số điện thoại', r.applicant.phone);
  line('Thư điện tử', r.applicant.email);
  line('Nội dung yêu cầu giải quyết', r.procedureName);
  doc.y = Math.max(doc.y, qrTop + qrSize) + 4;

  doc.font('regular').text('1. Thành phần hồ sơ nộp gồm:', left, doc.y, { width });
  doc.fontSize(8.5).table({
    columnStyles: [30, width - 30 - 70 - 50, 70, 50],
    defaultStyle: { padding: 3, border: 0.5 },
    data: [
      ['STT', 'Tên giấy tờ', 'Hình thức', 'Số lượng'].map((text) => ({
        text,
        font: { src: 'bold' },
        align: 'center' as const,
      })),
      ...r.documents.map((d, i) => [
        { text: String(i + 1), align: 'center' as const },
        vi(d.name),
        d.original ? 'Bản chính' : 'Bản sao',
        { text: String(d.count).padStart(2, '0'), align: 'center' as const },
      ]),
    ],
  });
  doc.fontSize(9).moveDown(0.4);
  doc.text('2. Số lượng hồ sơ: 01 bộ', left, doc.y, { width });
  doc.text(`3. Thời gian giải quyết hồ sơ theo quy định là: ${timeLimitWords(r.legalTimeLimit)}`, { width });
  doc.text(`4. Thời gian nhận hồ sơ: ${vietnamTime(r.receivedAt)}`, { width });
  doc
    .font('bold')
    .text(`5. Thời gian trả kết quả giải quyết hồ sơ: ${vietnamTime(r.appointmentAt)}`, { width });
  doc
    .font('regular')
    .text('6. Tra cứu tình trạng hồ sơ bằng mã hồ sơ và mã tra cứu: ', { continued: true, width });
  doc.font('bold').text(r.lookupKey);
  doc.moveDown(1);
  const signTop = doc.y;
  doc.font('bold').text('NGƯỜI NỘP HỒ SƠ', left, signTop, { width: half, align: 'center' });
  doc.font('regular').fontSize(8).text('(Ký và ghi rõ họ tên)', { width: half, align: 'center' });
  doc.moveDown(2.2).fontSize(9).text(vi(r.applicant.fullName), { width: half, align: 'center' });
  doc.font('bold').text('NGƯỜI TIẾP NHẬN HỒ SƠ', left + half, signTop, { width: half, align: 'center' });
  doc.font('regular').fontSize(8).text('(Ký và ghi rõ họ tên)', { width: half, align: 'center' });
  doc.moveDown(2.2).fontSize(9).text(vi(r.receivedBy), { width: half, align: 'center' });
  doc.end();
  return done;
}
