import { randomUUID } from 'node:crypto';
import type { HttpApp } from '@motcua/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IntakeHttp, REQUEST, startIntakeHttp } from './intake-http.js';

// Intake's server-side drafts of online submissions over HTTP and a real FerretDB (ADR 0013).
const form = {
  procedureCode: '2.000575',
  centerId: 'hue-city',
  applicant: { fullName: 'Lê Thị Bản Nháp', idNumber: '046190008888', phone: '', email: '', address: '' },
  provided: { [REQUEST]: true },
};
const submission = {
  procedureCode: '2.000575',
  centerId: 'hue-city',
  applicant: { fullName: 'Lê Thị Bản Nháp', idNumber: '046190008888', phone: '0905123456' },
  documents: [{ name: REQUEST, original: true, count: 1 }],
};

describe('drafts of an online submission, over HTTP', () => {
  let intake: IntakeHttp;
  let http: HttpApp;
  const post = (url: string, payload: unknown, ip = '198.51.100.7') =>
    http.inject({ method: 'POST', url, payload: payload as object, remoteAddress: ip });
  const start = async (commandId = randomUUID()) => {
    const res = await post('/online-drafts', {
      commandId,
      submissionSecret: 'the-portal-secret-0123456789',
      form: { procedureCode: '2.000575', applicant: { fullName: '' } },
    });
    expect(res.statusCode).toBe(201);
    return res.json() as { draftId: string; resumeSecret: string; resumeCode: string; expiresAt: string };
  };
  const drafts = () => intake.db.collection('online_drafts');

  beforeAll(async () => {
    intake = await startIntakeHttp();
    http = intake.http;
  });
  afterAll(async () => {
    await intake?.close();
  });

  it('starts a draft with a resume code and keeps only a hash of its secret', async () => {
    const draft = await start();
    expect(draft.resumeCode).toBe(`${draft.draftId}-${draft.resumeSecret}`);
    expect(new Date(draft.expiresAt).getTime() - intake.clock.now().getTime()).toBe(30 * 86_400_000);
    const stored = await drafts().findOne({ _id: draft.draftId as never });
    expect(JSON.stringify(stored)).not.toContain(draft.resumeSecret);
  });

  it('saves the form as it goes and resumes it with the secret, from anywhere', async () => {
    const draft = await start();
    const saved = await post(`/online-drafts/${draft.draftId}/form`, {
      resumeSecret: draft.resumeSecret,
      form,
    });
    expect(saved.statusCode).toBe(200);
    const resumed = await post(
      `/online-drafts/${draft.draftId}/state`,
      { resumeSecret: draft.resumeSecret },
      '203.0.113.9',
    );
    expect(resumed.statusCode).toBe(200);
    expect(resumed.json()).toMatchObject({ draftId: draft.draftId, form });
    expect(resumed.json().submission).toBeUndefined();
  });

  it('answers a wrong secret as an unknown draft, in both languages, and throttles the guesser', async () => {
    const draft = await start();
    const wrong = { resumeSecret: 'ABCDEFGHJKMNPQRS' };
    const res = await post(`/online-drafts/${draft.draftId}/state`, wrong, '192.0.2.44');
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({
      code: 'DRAFT_NOT_FOUND',
      message: { vi: expect.stringContaining('Không tìm thấy'), en: expect.stringContaining('No draft') },
    });
    let last = res;
    for (let i = 0; i < 10 && last.statusCode !== 429; i++) {
      last = await post(`/online-drafts/${draft.draftId}/state`, wrong, '192.0.2.44');
    }
    expect(last.statusCode).toBe(429);
    // The right secret waits too while the draft is blocked: a guesser cannot tell it apart.
    const right = await post(
      `/online-drafts/${draft.draftId}/state`,
      { resumeSecret: draft.resumeSecret },
      '192.0.2.45',
    );
    expect(right.statusCode).toBe(429);
  });

  it('refuses a form that is not the portal form or too large, with a stable code, writing nothing', async () => {
    const draft = await start();
    const before = await drafts().findOne({ _id: draft.draftId as never });
    const odd = await post(`/online-drafts/${draft.draftId}/form`, {
      resumeSecret: draft.resumeSecret,
      form: { ...form, provided: { [REQUEST]: 'có' } },
    });
    expect(odd.statusCode).toBe(400);
    expect(odd.json().error.code).toBe('INVALID_INPUT');
    const provided = Object.fromEntries(
      Array.from({ length: 90 }, (_, i) => [`${'Giấy tờ '.repeat(25)}${i}`, true]),
    );
    const big = await post(`/online-drafts/${draft.draftId}/form`, {
      resumeSecret: draft.resumeSecret,
      form: { ...form, provided },
    });
    expect(big.statusCode).toBe(400);
    expect(big.json().error.code).toBe('DRAFT_TOO_LARGE');
    expect(await drafts().findOne({ _id: draft.draftId as never })).toEqual(before);
  });

  it('lets a draft expire 30 days after its last save', async () => {
    const draft = await start();
    intake.clock.advance(31 * 86_400_000);
    const res = await post(`/online-drafts/${draft.draftId}/state`, { resumeSecret: draft.resumeSecret });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('DRAFT_EXPIRED');
  });

  it('turns the draft into one online submission, however often and from wherever it is submitted', async () => {
    const commandId = randomUUID();
    const draft = await start(commandId);
    const send = (ip: string) =>
      post(
        `/online-drafts/${draft.draftId}/submission`,
        { commandId: randomUUID(), resumeSecret: draft.resumeSecret, ...submission },
        ip,
      );
    const first = await send('198.51.100.20');
    expect(first.statusCode).toBe(201);
    const second = await send('203.0.113.21');
    expect(second.statusCode).toBe(201);
    expect(second.json().dossierId).toBe(first.json().dossierId);
    expect(second.json().uploadKey).toBe(first.json().uploadKey);
    expect(await intake.eventsOf(first.json().dossierId)).toEqual(['DossierSubmittedOnline']);
    // The device that started the draft, sending its own command again, reaches the same submission.
    const direct = await post('/online-submissions', {
      commandId,
      submissionSecret: 'the-portal-secret-0123456789',
      ...submission,
    });
    expect(direct.json().dossierId).toBe(first.json().dossierId);
    const otherSecret = await post('/online-submissions', {
      commandId,
      submissionSecret: 'a-guess-at-the-portal-secret',
      ...submission,
    });
    expect(otherSecret.statusCode).toBe(409);

    const resumed = await post(`/online-drafts/${draft.draftId}/state`, { resumeSecret: draft.resumeSecret });
    expect(resumed.json().submission).toEqual({
      dossierId: first.json().dossierId,
      uploadKey: first.json().uploadKey,
    });
    const late = await post(`/online-drafts/${draft.draftId}/form`, {
      resumeSecret: draft.resumeSecret,
      form,
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('DRAFT_SUBMITTED');
  });
});
