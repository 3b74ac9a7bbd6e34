import type { Form } from '@motcua/rulebook';
import type { ControlSheetRow } from '../domain/audit.js';
import { RESULT, when } from './control-sheet-format.js';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface ControlSheet {
  dossierCode: string;
  procedureName: string;
  applicantName: string;
  receivedAt: string;
  appointmentAt: string;
  rows: ControlSheetRow[];
  /** The form of the dossier's rulebook: Mẫu 05 (Circular 01/2018) or Mẫu 06 (Circular 03/2025). */
  form: Form;
}

/** `Mẫu số 06 (Thông tư 03/2025/TT-VPCP)`. */
export const formLine = (form: Form) =>
  `${form.number ? `Mẫu số ${form.number}` : form.name}${form.circular ? ` (${form.circular})` : ''}`;

/** The processing control sheet, printable, in Vietnamese, numbered by the dossier's rulebook. */
export function controlSheetHtml(sheet: ControlSheet): string {
  const rows = sheet.rows
    .map(
      (r, i) => `<tr>
  <td>${i + 1}</td>
  <td>${escapeHtml(r.departmentName || r.departmentId)}<br><small>${escapeHtml(r.stepName)}</small></td>
  <td>Nhận: ${escapeHtml(when(r.receivedAt))}<br>Giao: ${escapeHtml(when(r.handedOverAt))}</td>
  <td>${escapeHtml(r.receiver ?? '')}</td>
  <td>${escapeHtml(r.giver ?? '')}</td>
  <td>${escapeHtml(RESULT[r.result])}<br><small>Hạn: ${escapeHtml(when(r.dueAt))}</small></td>
</tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Phiếu kiểm soát quá trình giải quyết hồ sơ ${escapeHtml(sheet.dossierCode)}</title>
<style>body{font-family:"Times New Roman",serif;margin:2em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #000;padding:4px;vertical-align:top}h1{font-size:1.2em;text-align:center}</style>
</head><body>
<p style="text-align:right">${escapeHtml(formLine(sheet.form))}</p>
<h1>PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ</h1>
<p>Mã hồ sơ: <strong>${escapeHtml(sheet.dossierCode)}</strong><br>
Thủ tục: ${escapeHtml(sheet.procedureName)}<br>
Tổ chức, cá nhân: ${escapeHtml(sheet.applicantName)}<br>
Tiếp nhận: ${escapeHtml(when(sheet.receivedAt))} — Hẹn trả: ${escapeHtml(when(sheet.appointmentAt))}</p>
<table>
<thead><tr><th>STT</th><th>Tên cơ quan, bước xử lý</th><th>Thời gian giao, nhận hồ sơ</th><th>Người nhận</th><th>Người giao</th><th>Kết quả giải quyết hồ sơ</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>`;
}
