import { randomUUID } from 'node:crypto';
import { DEVELOPMENT_JWT_SECRET, installHttpGuard, Tokens } from '@motcua/auth';
import { EventStore } from '@motcua/eventstore';
import { buildHttpApp, type HttpApp } from '@motcua/http';
import { createLogger } from '@motcua/logger';
import type { ServiceDeps } from '@motcua/runtime';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelRouter } from '../src/adapters/channel-router.js';
import { notificationRoutes } from '../src/adapters/http-routes.js';
import { MessageRepository } from '../src/adapters/message-repository.js';
import { NotificationApp } from '../src/app/notification-app.js';

const neverSends = { send: async () => Promise.reject(new Error('not in this test')) };

describe("an applicant's channel preferences and opt-outs over HTTP, behind the permission guard", () => {
  const tokens = new Tokens({ secret: DEVELOPMENT_JWT_SECRET });
  const logger = createLogger({ service: 'notification', level: 'silent' });
  const dossierId = randomUUID();
  const otherDossierId = randomUUID();
  const headers: Record<string, Record<string, string>> = {};
  let mongo: MongoClient;
  let db: Db;
  let repository: MessageRepository;
  let http: HttpApp;

  const put = (body: unknown, who?: string, id = dossierId) =>
    http.inject({
      method: 'PUT',
      url: `/dossiers/${id}/preferences`,
      headers: { 'content-type': 'application/json', ...(who ? headers[who] : {}) },
      payload: JSON.stringify(body),
    });
  const stored = async () => {
    const contact = await repository.contact(dossierId);
    return { preferences: contact?.preferences, optedOut: contact?.optedOut };
  };

  beforeAll(async () => {
    for (const [who, claims] of Object.entries({
      applicant: { userId: 'applicant:046190001234', role: 'applicant' },
      otherApplicant: { userId: 'applicant:046190005678', role: 'applicant' },
      counter: { userId: 'counter.hue', role: 'counter_officer', centerId: 'hue-city' },
      admin: { userId: 'admin.hue', role: 'center_admin', centerId: 'hue-city' },
    })) {
      const { accessToken } = await tokens.issue(claims);
      headers[who] = { authorization: `Bearer ${accessToken}` };
    }
    mongo = await MongoClient.connect(process.env.MONGO_URL!);
    db = mongo.db(`notification_preferences_${randomUUID().slice(0, 8)}`);
    repository = new MessageRepository(db);
    const contact = {
      dossierCode: 'HUE-261128-0042',
      procedureName: 'Đăng ký hộ kinh doanh',
      fullName: 'Phạm Thị D',
      appointmentAt: '2026-12-03T09:00:00.000Z',
      centerId: 'hue-city',
    };
    await repository.saveContact({
      _id: dossierId,
      ...contact,
      applicantId: 'applicant:046190001234',
      email: 'd@example.vn',
      phone: '0912345678',
    });
    await repository.saveContact({
      _id: otherDossierId,
      ...contact,
      applicantId: 'applicant:dossier:x',
      email: 'e@example.vn',
    });
    const deps = {
      store: new EventStore({ db, producer: 'notification' }),
      clock: { now: () => new Date() },
    } as unknown as ServiceDeps;
    const app = new NotificationApp(
      deps,
      repository,
      new ChannelRouter({ email: neverSends, sms: neverSends, zalo: neverSends }),
    );
    http = await buildHttpApp({
      service: 'notification',
      version: 'test',
      logger,
      routes: async (scope) => {
        installHttpGuard(scope, {
          service: 'notification',
          tokens,
          logger,
          loaders: { dossier: (id) => app.dossierResource(id) },
        });
        await notificationRoutes(app)(scope);
      },
    });
  });

  afterAll(async () => {
    await http.close();
    await db.dropDatabase();
    await mongo.close();
  });

  const wantsZaloOnly = { preferences: { email: false, sms: false, zalo: true }, optedOut: ['sms'] };

  it('without a token the answer is 401 and nothing is written', async () => {
    const r = await put(wantsZaloOnly);
    expect(r.statusCode).toBe(401);
    expect(await stored()).toEqual({ preferences: undefined, optedOut: undefined });
  });

  it('an officer, even of the dossier’s center, may not change an applicant’s preferences (403)', async () => {
    for (const officer of ['counter', 'admin']) {
      const r = await put(wantsZaloOnly, officer);
      expect(r.statusCode).toBe(403);
      expect(r.json().error).toMatchObject({ code: 'PERMISSION_DENIED', details: { rule: 'auth.role' } });
    }
    expect(await stored()).toEqual({ preferences: undefined, optedOut: undefined });
  });

  it('another applicant may not change them either (403, own dossiers only)', async () => {
    const r = await put(wantsZaloOnly, 'otherApplicant');
    expect(r.statusCode).toBe(403);
    expect(r.json().error.details.rule).toBe('auth.own-dossier');
    expect(r.json().error.message.vi).toBe('Bạn chỉ được truy cập hồ sơ của chính mình');
  });

  it('the applicant sets them (200) and is told which channels will be used', async () => {
    const r = await put(wantsZaloOnly, 'applicant');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ dossierId, ...wantsZaloOnly, channels: ['zalo'] });
    expect(await stored()).toEqual(wantsZaloOnly);
  });

  it('malformed input is a 400 with Vietnamese and English messages, and nothing is written', async () => {
    for (const body of [
      { preferences: { email: true, sms: false }, optedOut: [] },
      { preferences: { email: true, sms: false, zalo: false }, optedOut: ['fax'] },
      { preferences: { email: 'yes', sms: false, zalo: false }, optedOut: [] },
    ]) {
      const r = await put(body, 'applicant');
      expect(r.statusCode).toBe(400);
      expect(r.json().error.message).toEqual({ vi: expect.any(String), en: expect.any(String) });
    }
    expect(await stored()).toEqual(wantsZaloOnly);
  });

  it('a channel both wanted and opted out, or without its address, is a 422 and nothing is written', async () => {
    const contradiction = await put(
      { preferences: { email: true, sms: true, zalo: false }, optedOut: ['sms'] },
      'applicant',
    );
    expect(contradiction.statusCode).toBe(422);
    expect(contradiction.json().error).toMatchObject({
      code: 'PREFERENCE_CONTRADICTS_OPT_OUT',
      message: {
        vi: 'Không thể vừa chọn vừa từ chối nhận thông báo qua tin nhắn SMS',
        en: 'The sms channel cannot be both wanted and opted out',
      },
      details: { field: 'preferences.sms' },
    });
    expect(await stored()).toEqual(wantsZaloOnly);
  });

  it('an unknown dossier is a 404', async () => {
    const r = await put(wantsZaloOnly, 'applicant', randomUUID());
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('DOSSIER_NOT_FOUND');
  });
});
