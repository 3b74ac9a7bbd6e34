import { download, openBlob } from '../../core/api.js';

// The look-up key comes once, in the reception's answer; it is shown to the officer on the next page
// only (kept in memory, never in the address bar). The PDF receipt prints it again from the server.
const keys = new Map<string, string>();
export const rememberReceipt = (dossierId: string, lookupKey: string) => keys.set(dossierId, lookupKey);
export const lookupKeyOf = (dossierId: string): string | undefined => keys.get(dossierId);

/** Opens Mẫu 01 (A5 PDF, QR code of the dossier code) for printing. */
export async function printReceipt(dossierId: string, dossierCode: string): Promise<void> {
  openBlob(
    await download('intake', `/dossiers/${dossierId}/receipt.pdf`),
    `giay-tiep-nhan-${dossierCode}.pdf`,
  );
}
