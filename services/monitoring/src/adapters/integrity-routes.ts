import { DomainError } from '@motcua/contracts';
import { errorResponseSchema, type HttpApp } from '@motcua/http';
import type { MonitoringApp } from '../app/monitoring-app.js';
import type { IntegrityLedger } from './integrity-repository.js';
import { dossierRefParams } from './schemas.js';

const problem = {
  type: 'object',
  properties: {
    kind: { type: 'string', enum: ['gap', 'reordered', 'altered', 'duplicate', 'unchained'] },
    streamId: { type: 'string' },
    streamVersion: { type: 'integer' },
    eventId: { type: 'string' },
    detail: { type: 'string' },
  },
} as const;

const nullableText = { type: 'string', nullable: true } as const;

/** `GET /dossiers/:ref/integrity` and `GET /integrity/digests/:day`: the hash chains and daily digests. */
export function integrityRoutes(app: MonitoringApp, ledger: IntegrityLedger) {
  return async (http: HttpApp) => {
    http.get<{ Params: { ref: string } }>(
      '/dossiers/:ref/integrity',
      {
        schema: {
          summary: 'Verifies the hash chain of every stream of a dossier, as the Kafka log delivered it',
          tags: ['audit'],
          params: dossierRefParams,
          response: {
            200: {
              type: 'object',
              properties: {
                dossierId: { type: 'string' },
                dossierCode: { type: 'string' },
                centerId: { type: 'string' },
                verified: { type: 'boolean' },
                streams: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      streamId: { type: 'string' },
                      events: { type: 'integer' },
                      lastHash: { type: 'string' },
                    },
                  },
                },
                problems: { type: 'array', items: problem },
              },
            },
            404: errorResponseSchema,
          },
        },
      },
      async (request) => {
        const timeline = await app.timeline(request.params.ref);
        const report = await ledger.verify(timeline.dossierId);
        if (!report) throw new DomainError('DOSSIER_NOT_FOUND', { details: { ref: request.params.ref } });
        const received = timeline.entries.find((e) => e.type === 'DossierReceived');
        const centerId = received?.payload.centerId;
        return {
          dossierId: timeline.dossierId,
          dossierCode: timeline.dossierCode,
          ...(typeof centerId === 'string' && centerId ? { centerId } : {}),
          verified: report.verified,
          streams: report.streams,
          problems: report.problems,
        };
      },
    );

    http.get<{ Params: { day: string } }>(
      '/integrity/digests/:day',
      {
        schema: {
          summary:
            "A Vietnam-local day's Merkle root over every event hash of the log, as recorded once the day " +
            'was over, beside the root recomputed from what the board holds now. 409 DIGEST_NOT_SEALED ' +
            'while the day is not over (plus an hour) or the board has not read the log that far',
          tags: ['audit'],
          params: {
            type: 'object',
            required: ['day'],
            properties: { day: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } },
          },
          response: {
            200: {
              type: 'object',
              properties: {
                day: { type: 'string' },
                root: nullableText,
                count: { type: 'integer', nullable: true },
                computedAt: nullableText,
                recomputedRoot: { type: 'string' },
                recomputedCount: { type: 'integer' },
                matches: { type: 'boolean' },
              },
            },
            400: errorResponseSchema,
            409: errorResponseSchema,
          },
        },
      },
      async (request) => {
        const { day } = request.params;
        // the pattern lets 2026-13-45 through: a day that is not in the calendar is bad input, not a 500
        const parsed = new Date(`${day}T00:00:00Z`);
        if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day) {
          throw new DomainError('INVALID_INPUT', {
            messages: { vi: `Ngày ${day} không có trong lịch`, en: `${day} is not a calendar day` },
            details: { field: 'day' },
          });
        }
        const digest = await ledger.digest(day);
        // An unsealed day has no root to compare: saying "matches: false" would read as tampering.
        if (!digest.sealed) {
          throw new DomainError('DIGEST_NOT_SEALED', {
            kind: 'failed_precondition',
            messages: {
              vi: `Ngày ${digest.day} chưa được niêm phong: chưa có mã tổng hợp để đối chiếu (niêm phong sau ${digest.sealsAfter})`,
              en: `Day ${digest.day} is not sealed yet: there is no recorded root to compare (sealed after ${digest.sealsAfter})`,
            },
            details: {
              day: digest.day,
              sealsAfter: digest.sealsAfter,
              recomputedRoot: digest.recomputedRoot,
              recomputedCount: digest.recomputedCount,
            },
          });
        }
        const { sealed: _, sealsAfter: __, ...body } = digest;
        return body;
      },
    );
  };
}
