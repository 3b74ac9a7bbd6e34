import { download, get, openBlob } from '../../core/api.js';

// Dossiers received in this tab: their page says "received" (kept in memory only).
const justReceived = new Set<string>();
export const markJustReceived = (dossierId: string) => justReceived.add(dossierId);
export const wasJustReceived = (dossierId: string): boolean => justReceived.has(dossierId);

/** The receipt's data (intake derives the look-up key again for the center's counter). */
export const receiptOf = (dossierId: string) =>
  get<{ dossierCode: string; lookupKey: string }>('intake', `/dossiers/${dossierId}/receipt`);

/** Opens Mẫu 01 (A5 PDF, QR code of the dossier code) for printing. */
export async function printReceipt(dossierId: string, dossierCode: string): Promise<void> {
  openBlob(
    await download('intake', `/dossiers/${dossierId}/receipt.pdf`),
    `giay-tiep-nhan-${dossierCode}.pdf`,
  );
}
