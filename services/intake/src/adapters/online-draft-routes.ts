import { errorResponseSchema, type HttpApp } from '@motcua/http';
import type { SubmitOnlineInput } from '../app/intake-app.js';
import { DRAFT_ID, DRAFT_TTL_DAYS, MAX_DRAFT_FORM_BYTES, RESUME_SECRET } from '../domain/online-draft.js';
import {
  applicantSchema,
  commandBody,
  documentsSchema,
  dossierSchema,
  errors,
  procedureCode,
  text,
} from './http-schemas.js';
import type { OnlineDrafts } from './online-drafts.js';

const field = (max: number) => ({ type: 'string', maxLength: max }) as const;
/** The portal's form as typed so far: every field may still be empty; nothing else is kept. */
const formSchema = {
  type: 'object',
  additionalProperties: false,
  description: `The form so far (at most ${MAX_DRAFT_FORM_BYTES} bytes serialized)`,
  properties: {
    procedureCode: field(64),
    centerId: field(64),
    applicant: {
      type: 'object',
      additionalProperties: false,
      properties: {
        fullName: field(200),
        idNumber: field(12),
        phone: field(20),
        email: field(254),
        address: field(500),
      },
    },
    provided: {
      type: 'object',
      maxProperties: 100,
      propertyNames: { maxLength: 300 },
      additionalProperties: { type: 'boolean' },
    },
  },
} as const;
const draftParams = {
  type: 'object',
  required: ['draftId'],
  properties: { draftId: { type: 'string', pattern: DRAFT_ID.source } },
} as const;
const resumeSecret = {
  type: 'string',
  pattern: RESUME_SECRET.source,
  description: 'Answered when the draft was started; only its hash is stored',
} as const;
const submissionSecret = {
  type: 'string',
  pattern: '^[A-Za-z0-9_-]{22,128}$',
  description: 'As for `POST /online-submissions`: only its hash is kept, as the retry proof',
} as const;
const saved = {
  type: 'object',
  properties: { savedAt: { type: 'string' }, expiresAt: { type: 'string' } },
} as const;
const withSecret = (extra: Record<string, unknown>, required: string[]) => ({
  type: 'object',
  additionalProperties: false,
  required: ['resumeSecret', ...required],
  properties: { resumeSecret, ...extra },
});

type Form = Record<string, unknown>;
type SubmitBody = Omit<SubmitOnlineInput, 'submissionSecret'> & { resumeSecret: string };

/**
 * Drafts of online submissions kept by intake (ADR 0013): no account, the resume secret in the body
 * (never a URL) is the credential, and the permission matrix lets anyone call, as for the upload key.
 */
export function onlineDraftRoutes(drafts: OnlineDrafts) {
  return async (http: HttpApp) => {
    http.post<{ Body: { commandId: string; submissionSecret: string; form: Form } }>(
      '/online-drafts',
      {
        schema: {
          summary: `Start a draft of an online submission, kept ${DRAFT_TTL_DAYS} days after its last save`,
          description:
            'Answers the draft id and its resume secret (once: only a hash is kept) and the resume code ' +
            '(`<draftId>-<secret>`) the applicant types on another device. `commandId` and `submissionSecret` ' +
            'are the ones the portal would send to `POST /online-submissions`: submitting the draft is that command.',
          tags: ['applicants'],
          body: commandBody(['submissionSecret', 'form'], { submissionSecret, form: formSchema }),
          response: {
            201: {
              type: 'object',
              properties: {
                draftId: { type: 'string' },
                resumeSecret: { type: 'string' },
                resumeCode: { type: 'string' },
                expiresAt: { type: 'string' },
              },
            },
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const { form, ...command } = request.body;
        return reply.code(201).send(await drafts.start(command, form));
      },
    );

    http.post<{ Params: { draftId: string }; Body: { resumeSecret: string; form: Form } }>(
      '/online-drafts/:draftId/form',
      {
        schema: {
          summary: "Save a draft's form as typed so far (replaces the saved one; extends its expiry)",
          tags: ['applicants'],
          params: draftParams,
          body: withSecret({ form: formSchema }, ['form']),
          response: { 200: saved, ...errors, 429: errorResponseSchema },
        },
      },
      async (request) =>
        drafts.save(request.params.draftId, request.body.resumeSecret, request.body.form, request.ip),
    );

    http.post<{ Params: { draftId: string }; Body: { resumeSecret: string } }>(
      '/online-drafts/:draftId/state',
      {
        schema: {
          summary: 'Resume a draft: its form and, once submitted, the submission and its upload key',
          description:
            'A read: the secret travels in the body (ADR 0016), so it never reaches a URL or a log.',
          tags: ['applicants'],
          params: draftParams,
          body: withSecret({}, []),
          response: {
            200: {
              type: 'object',
              properties: {
                draftId: { type: 'string' },
                form: formSchema,
                savedAt: { type: 'string' },
                expiresAt: { type: 'string' },
                submission: {
                  type: 'object',
                  properties: { dossierId: { type: 'string' }, uploadKey: { type: 'string' } },
                },
              },
            },
            ...errors,
            429: errorResponseSchema,
          },
        },
      },
      async (request) => drafts.state(request.params.draftId, request.body.resumeSecret, request.ip),
    );

    http.post<{ Params: { draftId: string }; Body: SubmitBody }>(
      '/online-drafts/:draftId/submission',
      {
        schema: {
          summary: 'Submit a draft as the online submission (once: a second submit answers the same one)',
          description:
            "The submission's command is the draft's own, fixed when it started, so two devices (or a retry) " +
            'submitting the same draft make one submission.',
          tags: ['applicants'],
          params: draftParams,
          body: commandBody(['resumeSecret', 'procedureCode', 'centerId', 'applicant', 'documents'], {
            resumeSecret,
            procedureCode,
            centerId: text(64),
            applicant: applicantSchema,
            documents: documentsSchema,
          }),
          response: {
            201: {
              ...dossierSchema,
              properties: { ...dossierSchema.properties, uploadKey: { type: 'string' } },
            },
            ...errors,
            429: errorResponseSchema,
          },
        },
      },
      async (request, reply) => {
        const { resumeSecret: secret, commandId: _, ...input } = request.body;
        const meta = { correlationId: String(request.id) };
        return reply
          .code(201)
          .send(await drafts.submit(request.params.draftId, secret, input, meta, request.ip));
      },
    );
  };
}
