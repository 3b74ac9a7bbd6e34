import type { HttpApp } from '@motcua/http';
import type { IntakeApp } from '../app/intake-app.js';
import { dossierParams, errors } from './http-schemas.js';
import { receiptPdf } from './receipt-pdf.js';

const receipt = {
  type: 'object',
  properties: {
    dossierCode: { type: 'string' },
    lookupKey: { type: 'string' },
    centerName: { type: 'string' },
    procedureName: { type: 'string' },
    applicant: {
      type: 'object',
      properties: Object.fromEntries(
        ['fullName', 'idNumber', 'phone', 'email', 'address'].map((k) => [k, { type: 'string' }]),
      ),
    },
    documents: {
      type: 'array',
      items: {
        type: 'object',
        properties: { name: { type: 'string' }, original: { type: 'boolean' }, count: { type: 'integer' } },
      },
    },
    legalTimeLimit: { type: 'object', properties: { value: { type: 'number' }, unit: { type: 'string' } } },
    receivedAt: { type: 'string', format: 'date-time' },
    appointmentAt: { type: 'string', format: 'date-time' },
    receivedBy: { type: 'string' },
  },
} as const;

/**
 * `GET /dossiers/:dossierId/receipt` (its data, with the look-up key the counter hands over) and
 * `/receipt.pdf`: Mẫu 01 on A5 for the counter to print (and reprint).
 */
export function receiptRoutes(app: IntakeApp, options: { lookupUrl?: string } = {}) {
  return async (http: HttpApp) => {
    http.get<{ Params: { dossierId: string } }>(
      '/dossiers/:dossierId/receipt',
      {
        schema: {
          summary: 'The receipt and appointment (Mẫu 01) of a received dossier, with its look-up key',
          tags: ['dossiers'],
          params: dossierParams,
          response: { 200: receipt, ...errors },
        },
      },
      async (request) => app.receipt(request.params.dossierId),
    );

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
          .send(await receiptPdf(receipt, { lookupUrl: options.lookupUrl }));
      },
    );
  };
}

const waiting = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      dossierId: { type: 'string' },
      dossierCode: { type: 'string' },
      procedureName: { type: 'string' },
      applicantFullName: { type: 'string' },
      outcome: { type: 'string' },
      resultAt: { type: 'string', format: 'date-time' },
      appointmentAt: { type: 'string', format: 'date-time' },
    },
  },
} as const;

/** `GET /centers/:centerId/results-to-return`: the counter's list of results waiting for their applicants. */
export function returnQueueRoutes(app: IntakeApp) {
  return async (http: HttpApp) => {
    http.get<{ Params: { centerId: string } }>(
      '/centers/:centerId/results-to-return',
      {
        schema: {
          summary: "The results waiting at a center's counter to be returned, oldest first",
          tags: ['dossiers'],
          params: {
            type: 'object',
            required: ['centerId'],
            properties: { centerId: { type: 'string', pattern: '^[a-z0-9-]{2,64}$' } },
          },
          response: { 200: waiting, ...errors },
        },
      },
      async (request) => app.resultsToReturn(request.params.centerId),
    );
  };
}

const submissions = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      dossierId: { type: 'string' },
      procedureCode: { type: 'string' },
      procedureName: { type: 'string' },
      applicantFullName: { type: 'string' },
      submittedAt: { type: 'string', format: 'date-time' },
      attachedDocumentIds: { type: 'array', items: { type: 'string' } },
      supplementRequestedAt: { type: 'string', format: 'date-time' },
    },
  },
} as const;

/** `GET /centers/:centerId/online-submissions`: what the counter has to check, oldest first. */
export function onlineQueueRoutes(app: IntakeApp) {
  return async (http: HttpApp) => {
    http.get<{ Params: { centerId: string } }>(
      '/centers/:centerId/online-submissions',
      {
        schema: {
          summary: "The online submissions waiting at a center's counter to be checked, oldest first",
          tags: ['dossiers'],
          params: {
            type: 'object',
            required: ['centerId'],
            properties: { centerId: { type: 'string', pattern: '^[a-z0-9-]{2,64}$' } },
          },
          response: { 200: submissions, ...errors },
        },
      },
      async (request) => app.onlineSubmissionsToCheck(request.params.centerId),
    );
  };
}
