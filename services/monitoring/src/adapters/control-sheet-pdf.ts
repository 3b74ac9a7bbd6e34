import { createRequire } from 'node:module';
import { RESULT, when } from './control-sheet-format.js';
import { type ControlSheet, formLine } from './control-sheet-html.js';

// DejaVu Serif (shipped in the dejavu-fonts-ttf package, no network) has every Vietnamese letter;
// pdfkit embeds the subset the sheet uses, with a ToUnicode map so the text can be searched and copied.
const require = createRequire(import.meta.url);
const REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf');
const BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif-Bold.ttf');

/** Precomposed letters: names typed elsewhere may arrive decomposed (NFD). */
const vi = (s: string) => s.normalize('NFC');

const HEADERS = [
  'STT',
  'Tên cơ quan, bước xử lý',
  'Thời gian giao, nhận hồ sơ',
  'Người nhận',
  'Người giao',
  'Kết quả giải quyết hồ sơ',
];
const WIDTHS = [32, 128, 140, 78, 78, 79]; // 535 pt: A4 portrait less 30 pt margins

export interface ControlSheetPdfOptions {
  /** Deflate the page contents (default true; tests read them uncompressed). */
  compress?: boolean;
}

/** The processing control sheet as a printable PDF, in Vietnamese, numbered by the dossier's rulebook. */
export async function controlSheetPdf(
  sheet: ControlSheet,
  options: ControlSheetPdfOptions = {},
): Promise<Buffer> {
  // loaded at the first sheet printed: an idle service need not hold pdfkit (~11 MB)
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margin: 30,
    font: REGULAR,
    compress: options.compress ?? true,
    lang: 'vi-VN',
    displayTitle: true,
    info: {
      Title: vi(`Phiếu kiểm soát quá trình giải quyết hồ sơ ${sheet.dossierCode}`),
      Author: 'motcua',
      Subject: vi(formLine(sheet.form)),
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

  const width = doc.page.width - 60;
  doc
    .font('regular')
    .fontSize(10)
    .text(vi(formLine(sheet.form)), { align: 'right', width });
  doc.moveDown(0.5);
  doc
    .font('bold')
    .fontSize(13)
    .text('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ', { align: 'center', width });
  doc.moveDown(0.8);
  doc.font('regular').fontSize(11);
  const line = (label: string, value: string) =>
    doc.font('regular').text(`${label}: `, { continued: true }).font('bold').text(vi(value));
  line('Mã hồ sơ', sheet.dossierCode);
  line('Thủ tục', sheet.procedureName);
  line('Tổ chức, cá nhân', sheet.applicantName);
  line('Tiếp nhận', when(sheet.receivedAt));
  line('Hẹn trả kết quả', when(sheet.appointmentAt));
  doc.moveDown(0.8);

  doc
    .font('regular')
    .fontSize(9.5)
    .table({
      columnStyles: WIDTHS,
      defaultStyle: { padding: 4, border: 0.5 },
      data: [
        HEADERS.map((text) => ({ text, font: { src: 'bold' }, align: 'center' as const })),
        ...sheet.rows.map((r, i) => [
          String(i + 1),
          vi(`${r.departmentName || r.departmentId}\n${r.stepName}`),
          `Nhận: ${when(r.receivedAt)}\nGiao: ${when(r.handedOverAt)}`,
          vi(r.receiver ?? ''),
          vi(r.giver ?? ''),
          `${RESULT[r.result]}\nHạn: ${when(r.dueAt)}`,
        ]),
      ],
    });

  doc.end();
  return done;
}
