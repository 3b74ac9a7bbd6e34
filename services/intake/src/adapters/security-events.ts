import type { Clock } from '@motcua/eventstore';
import { errorResponseSchema, type HttpApp } from '@motcua/http';
import type { Collection, Db } from 'mongodb';
import { v7 as uuidv7 } from 'uuid';

export type SecurityEventType =
  | 'login.succeeded'
  | 'login.failed'
  | 'login.throttled'
  | 'applicant.succeeded'
  | 'applicant.failed'
  | 'applicant.throttled';

/** One security event; `_id` is a UUIDv7, so newest first is an `_id` sort (FerretDB indexes only `_id`). */
export interface SecurityEvent {
  _id: string;
  type: SecurityEventType;
  at: Date;
  /** The account (only when it exists: a mistyped password in the username field is not kept) or the dossier code. */
  subject: string;
  /** The source address as intake sees it (behind the web console: X-Forwarded-For from a trusted proxy). */
  source: string;
}

/**
 * Intake's `security_events` collection: every officer login (succeeded, failed, throttled), every
 * applicant access with a receipt's code + key, and every failed or throttled public look-up, for the
 * supervision board (`GET /security-events`).
 */
export class SecurityEvents {
  private readonly events: Collection<SecurityEvent>;

  constructor(
    db: Db,
    private readonly clock: Clock,
  ) {
    this.events = db.collection<SecurityEvent>('security_events');
  }

  async record(type: SecurityEventType, subject: string, source: string): Promise<void> {
    await this.events.insertOne({ _id: uuidv7(), type, at: this.clock.now(), subject, source });
  }

  /** Newest first; `before` (an event id) pages back. */
  list(limit: number, before?: string): Promise<SecurityEvent[]> {
    return this.events
      .find(before ? { _id: { $lt: before } } : {})
      .sort({ _id: -1 })
      .limit(limit)
      .toArray();
  }
}

/** `GET /security-events`: the supervision board and the system admin read the log-in record. */
export function securityEventRoutes(events: SecurityEvents) {
  return async (http: HttpApp) => {
    http.get<{ Querystring: { limit?: number; before?: string } }>(
      '/security-events',
      {
        schema: {
          summary: 'Security events, newest first: officer logins and failed or throttled receipt look-ups',
          tags: ['auth'],
          querystring: {
            type: 'object',
            additionalProperties: false,
            properties: {
              limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
              before: { type: 'string', maxLength: 64 },
            },
          },
          response: {
            200: {
              type: 'object',
              properties: {
                events: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      id: { type: 'string' },
                      type: { type: 'string' },
                      at: { type: 'string', format: 'date-time' },
                      subject: { type: 'string' },
                      source: { type: 'string' },
                    },
                  },
                },
              },
            },
            '4xx': errorResponseSchema,
          },
        },
      },
      async (request) => {
        const found = await events.list(request.query.limit ?? 100, request.query.before);
        return { events: found.map(({ _id, at, ...e }) => ({ id: _id, at: at.toISOString(), ...e })) };
      },
    );
  };
}
