import { errorResponseSchema, type HttpApp } from '@motcua/http';
import type { AuditApp } from '../app/audit-app.js';
import { controlSheetHtml } from './control-sheet-html.js';
import { controlSheetPdf } from './control-sheet-pdf.js';
import { dossierRefParams } from './schemas.js';

const params = dossierRefParams;
const step = {
  type: 'object',
  properties: {
    stepId: { type: 'string' },
    stepName: { type: 'string' },
    departmentId: { type: 'string' },
    departmentName: { type: 'string' },
    dueAt: { type: 'string' },
    assignee: { type: 'string', nullable: true },
    receivedAt: { type: 'string' },
    handedOverAt: { type: 'string', nullable: true },
    giver: { type: 'string', nullable: true },
    receiver: { type: 'string', nullable: true },
    result: { type: 'string', enum: ['early', 'on_time', 'late', 'in_progress'] },
  },
} as const;
const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
};

/** The board's audit of one dossier, rebuilt from the log: state at an instant and the control sheet. */
export function auditRoutes(app: AuditApp) {
  return async (http: HttpApp) => {
    http.get<{ Params: { ref: string }; Querystring: { at: string } }>(
      '/dossiers/:ref/state',
      {
        schema: {
          summary: "A dossier's status, open steps, assignees and appointment as they stood at an instant",
          tags: ['audit'],
          params,
          querystring: {
            type: 'object',
            additionalProperties: false,
            required: ['at'],
            properties: { at: { type: 'string', format: 'date-time' } },
          },
          response: {
            200: {
              type: 'object',
              properties: {
                dossierId: { type: 'string' },
                dossierCode: { type: 'string' },
                centerId: { type: 'string' },
                at: { type: 'string' },
                status: { type: 'string' },
                nationalCode: { type: 'integer', nullable: true },
                appointmentAt: { type: 'string', nullable: true },
                // the apology's new date (Decree 61 Art 19): beside the legal appointment, never instead
                rescheduledReturnAt: { type: 'string', nullable: true },
                openSteps: { type: 'array', items: step },
              },
            },
            ...errors,
          },
        },
      },
      async (request) => app.stateAt(request.params.ref, new Date(request.query.at)),
    );

    const sheetSchema = {
      type: 'object',
      properties: {
        dossierId: { type: 'string' },
        dossierCode: { type: 'string' },
        centerId: { type: 'string' },
        procedureName: { type: 'string' },
        applicantName: { type: 'string' },
        receivedAt: { type: 'string' },
        appointmentAt: { type: 'string' },
        rows: { type: 'array', items: step },
      },
    } as const;

    http.get<{ Params: { ref: string } }>(
      '/dossiers/:ref/control-sheet',
      {
        schema: {
          summary:
            'The processing control sheet (Mẫu 05): each hand-over, its times, giver and receiver, and the result',
          tags: ['audit'],
          params,
          response: { 200: sheetSchema, ...errors },
        },
      },
      async (request) => app.controlSheet(request.params.ref),
    );

    http.get<{ Params: { ref: string } }>(
      '/dossiers/:ref/control-sheet.html',
      {
        schema: {
          summary: 'The control sheet (Mẫu 05) as a printable page, in Vietnamese',
          tags: ['audit'],
          params,
          response: { 200: { type: 'string' }, ...errors },
        },
      },
      async (request, reply) => {
        const sheet = await app.controlSheet(request.params.ref);
        return reply.type('text/html; charset=utf-8').send(controlSheetHtml(sheet));
      },
    );

    http.get<{ Params: { ref: string } }>(
      '/dossiers/:ref/control-sheet.pdf',
      {
        schema: {
          summary: 'The control sheet (Mẫu 05) as a PDF, in Vietnamese (DejaVu Serif embedded)',
          tags: ['audit'],
          params,
          response: { 200: { type: 'string', format: 'binary' }, ...errors },
        },
      },
      async (request, reply) => {
        const sheet = await app.controlSheet(request.params.ref);
        const file = `phieu-kiem-soat-${sheet.dossierCode.replace(/[^A-Za-z0-9._-]/g, '_') || 'ho-so'}.pdf`;
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="${file}"`)
          .send(await controlSheetPdf(sheet));
      },
    );
  };
}
