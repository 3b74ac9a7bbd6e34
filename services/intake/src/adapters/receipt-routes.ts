import type { HttpApp } from '@motcua/http';
import type { IntakeApp } from '../app/intake-app.js';
import { dossierParams, errors } from './http-schemas.js';
import { receiptPdf } from './receipt-pdf.js';

/** `GET /dossiers/:dossierId/receipt.pdf`: Mẫu 01 on A5 for the counter to print (and reprint). */
export function receiptRoutes(app: IntakeApp) {
  return async (http: HttpApp) => {
    http.get<{ Params: { dossierId: string } }>(
      '/dossiers/:dossierId/receipt.pdf',
      {
        schema: {
          summary:
            'The receipt and appointment (Mẫu 01) as a printable A5 PDF with the dossier code as a QR code and the look-up key',
          tags: ['dossiers'],
          params: dossierParams,
          response: { 200: { type: 'string', format: 'binary' }, ...errors },
        },
      },
      async (request, reply) => {
        const receipt = await app.receipt(request.params.dossierId);
        const file = `giay-tiep-nhan-${receipt.dossierCode.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`;
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="${file}"`)
          .send(await receiptPdf(receipt));
      },
    );
  };
}
