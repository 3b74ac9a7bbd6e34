import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { AuditServiceClient, isDomainError } from '@motcua/contracts';
import { createClient } from '@motcua/grpc';
import {
  eventually,
  REPO_ROOT,
  type RunningSystem,
  type SmtpSink,
  startSmtpSink,
  startSystem,
} from '@motcua/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Principal, Tokens } from '../../packages/auth/src/index.js';
import { call, type Json, login } from './session.js';

// Who may do what, over real HTTP and gRPC on the five services: login, 401 and 403 answers, and
// the verified actor recorded on events. The test holds the services' JWT secret, so it can also
// mint the tokens no demo account gives (another center's officer, an expired one).
const run = randomUUID().slice(0, 8);
const secret = randomBytes(32).toString('base64url');
const tokens = new Tokens({ secret });
const bearer = async (who: Principal, at?: Date) => ({
  authorization: `Bearer ${(await tokens.issue(who, at)).accessToken}`,
});
const danangCounter: Principal = { userId: 'counter.danang', role: 'counter_officer', centerId: 'da-nang' };

const reception = () => ({
  commandId: randomUUID(),
  procedureCode: '2.000575',
  applicant: { fullName: 'Võ Văn Tâm', email: 'tam.vo@example.vn' },
  documents: [
    { name: 'Giấy đề nghị đăng ký hộ kinh doanh', original: true, count: 1 },
    {
      name: 'Bản sao giấy tờ pháp lý của cá nhân (chủ hộ, thành viên hộ gia đình)',
      original: false,
      count: 1,
    },
  ],
});

describe('who may do what, end to end', () => {
  let smtp: SmtpSink;
  let system: RunningSystem;
  const as: Record<string, { authorization: string }> = {};
  let dossier: Json;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    system = await startSystem({
      kafkaBrokers: process.env.KAFKA_BROKERS!.split(','),
      mongoUrl: process.env.MONGO_URL!,
      smtpUrl: smtp.url,
      basePort: 17_300,
      mongoDbPrefix: `e2e_auth_${run}`,
      namespace: `e2e-auth-${run}`,
      logDir: join(REPO_ROOT, 'test-artifacts', `e2e-auth-${run}`),
      extraEnv: { MOTCUA_JWT_SECRET: secret },
    });
    for (const user of ['counter.hue', 'officer.tckh.hue', 'head.tckh.hue', 'board']) {
      as[user] = await login(system.http.intake, user);
    }
  });

  afterAll(async () => {
    await system?.stop();
    await smtp?.stop();
  });

  describe('login', () => {
    it('gives a 15-minute token with the officer and their scope', async () => {
      const r = await call('POST', `${system.http.intake}/auth/login`, {
        username: 'officer.tckh.hue',
        password: 'motcua-demo',
      });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({
        tokenType: 'Bearer',
        expiresIn: 900,
        user: {
          userId: 'officer.tckh.hue',
          role: 'department_officer',
          centerId: 'hue-city',
          departmentId: 'hue-city.finance-planning',
        },
      });
      expect(r.body.user.displayName).toBeTruthy();
    });

    it('answers a wrong password and an unknown user alike, in both languages', async () => {
      const wrong = await call('POST', `${system.http.intake}/auth/login`, {
        username: 'board',
        password: 'x',
      });
      const unknown = await call('POST', `${system.http.intake}/auth/login`, {
        username: 'nobody',
        password: 'x',
      });
      expect(wrong.status).toBe(401);
      expect(unknown).toEqual(wrong);
      expect(wrong.body.error).toMatchObject({
        code: 'INVALID_CREDENTIALS',
        message: { vi: expect.any(String) },
      });
      expect(JSON.stringify(wrong.body)).not.toMatch(/exist|board/i);
    });
  });

  describe('401: no token, a tampered one, an expired one', () => {
    it('refuses a command without a token, and no longer trusts identity headers', async () => {
      const none = await call('POST', `${system.http.intake}/dossiers`, reception());
      expect(none.status).toBe(401);
      expect(none.body.error.code).toBe('UNAUTHENTICATED');
      const headersOnly = await call('POST', `${system.http.intake}/dossiers`, reception(), {
        'x-motcua-user': 'counter.hue',
        'x-motcua-role': 'counter_officer',
        'x-motcua-center': 'hue-city',
      });
      expect(headersOnly.status).toBe(401);
    });

    it('refuses a token whose claims were changed, or that expired', async () => {
      const [header, payload, signature] = as['counter.hue']!.authorization.slice('Bearer '.length).split(
        '.',
      );
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
      const raised = Buffer.from(JSON.stringify({ ...claims, role: 'system_admin' })).toString('base64url');
      const tampered = await call('GET', `${system.http.monitoring}/dossiers/x/timeline`, undefined, {
        authorization: `Bearer ${header}.${raised}.${signature}`,
      });
      expect(tampered.status).toBe(401);
      const expired = await call(
        'POST',
        `${system.http.intake}/dossiers`,
        reception(),
        await bearer({ userId: 'counter.hue', role: 'counter_officer', centerId: 'hue-city' }, new Date(0)),
      );
      expect(expired.status).toBe(401);
      expect(expired.body.error.details.reason).toBe('expired');
    });

    it('keeps the catalogue public', async () => {
      expect((await call('GET', `${system.http.routing}/procedures/2.000575`)).status).toBe(200);
    });
  });

  describe('the right role acts; others get 403', () => {
    it('lets the counter officer receive, recording the verified officer on the event', async () => {
      const r = await call('POST', `${system.http.intake}/dossiers`, reception(), as['counter.hue']);
      expect(r.status).toBe(201);
      dossier = r.body.dossier;
      expect(dossier.centerId).toBe('hue-city');
    });

    it('refuses the supervision board a command', async () => {
      const r = await call('POST', `${system.http.intake}/dossiers`, reception(), as.board);
      expect(r.status).toBe(403);
      expect(r.body.error).toMatchObject({ code: 'PERMISSION_DENIED', details: { rule: 'auth.role' } });
      expect(r.body.error.message.vi).toBeTruthy();
    });

    it("refuses another center's counter officer the dossier, to read or to return", async () => {
      const other = await bearer(danangCounter);
      const read = await call(
        'GET',
        `${system.http.intake}/dossiers/${dossier.dossierCode}`,
        undefined,
        other,
      );
      expect(read.status).toBe(403);
      expect(read.body.error.details.rule).toBe('auth.own-center');
      expect(JSON.stringify(read.body)).not.toContain(dossier.dossierId);
      const ret = await call(
        'POST',
        `${system.http.intake}/dossiers/${dossier.dossierId}/result-return`,
        { commandId: randomUUID(), method: 'counter', receiverName: 'Võ Văn Tâm' },
        other,
      );
      expect(ret.status).toBe(403);
      expect(ret.body.error.details.rule).toBe('auth.own-center');
      const own = await call(
        'GET',
        `${system.http.intake}/dossiers/${dossier.dossierCode}`,
        undefined,
        as['counter.hue'],
      );
      expect(own.status).toBe(200);
    });

    it("refuses a department officer another department's queue; its head completes the step", async () => {
      const leadership = await call(
        'GET',
        `${system.http.department}/departments/hue-city.leadership/queue`,
        undefined,
        as['officer.tckh.hue'],
      );
      expect(leadership.status).toBe(403);
      expect(leadership.body.error.details.rule).toBe('auth.own-department');
      const task = await eventually(async () => {
        const q = await call(
          'GET',
          `${system.http.department}/departments/hue-city.finance-planning/queue`,
          undefined,
          as['head.tckh.hue'],
        );
        const t = q.body.find?.((x: Json) => x.dossierId === dossier.dossierId);
        expect(t).toBeDefined();
        return t as Json;
      });
      const url = `${system.http.department}/tasks/${task.taskId}/complete`;
      const byCounter = await call('POST', url, { commandId: randomUUID() }, as['counter.hue']);
      expect(byCounter.status).toBe(403);
      expect(byCounter.body.error.details.rule).toBe('auth.role');
      const byHead = await call('POST', url, { commandId: randomUUID() }, as['head.tckh.hue']);
      expect(byHead.status).toBe(200);
    });
  });

  describe("the audit: the board and the dossier's center, over HTTP and gRPC", () => {
    it('shows the timeline to the board, with the verified actors, and refuses others', async () => {
      const url = `${system.http.monitoring}/dossiers/${dossier.dossierCode}/timeline`;
      const timeline = await eventually(async () => {
        const t = await call('GET', url, undefined, as.board);
        expect(t.status).toBe(200);
        expect(t.body.entries.some((e: Json) => e.type === 'StepCompleted')).toBe(true);
        return t.body;
      });
      const received = timeline.entries.find((e: Json) => e.type === 'DossierReceived');
      expect(received.actor).toMatchObject({
        userId: 'counter.hue',
        role: 'counter_officer',
        centerId: 'hue-city',
      });
      const completed = timeline.entries.find((e: Json) => e.type === 'StepCompleted');
      expect(completed.actor).toMatchObject({
        userId: 'head.tckh.hue',
        departmentId: 'hue-city.finance-planning',
      });

      expect((await call('GET', url, undefined, as['counter.hue'])).status).toBe(200);
      expect((await call('GET', url, undefined, await bearer(danangCounter))).status).toBe(403);
      // the officer appraising the dossier reads its history too (issue 14)
      expect((await call('GET', url, undefined, as['officer.tckh.hue'])).status).toBe(200);
      expect((await call('GET', url)).status).toBe(401);
    });

    it('asks for the same token in gRPC metadata', async () => {
      const audit = createClient(AuditServiceClient, system.grpc.monitoring);
      const ref = { ref: { $case: 'dossierCode' as const, value: dossier.dossierCode as string } };
      const refusal = (p: Promise<unknown>) =>
        p.then(
          () => 'OK',
          (err) => (isDomainError(err) ? err.code : String(err)),
        );
      expect(await refusal(audit.call('getTimeline', ref))).toBe('UNAUTHENTICATED');
      expect(await refusal(audit.call('getTimeline', ref, { metadata: await bearer(danangCounter) }))).toBe(
        'PERMISSION_DENIED',
      );
      const ok = await audit.call('getTimeline', ref, { metadata: as.board });
      audit.close();
      expect(ok.dossierId).toBe(dossier.dossierId);
    });
  });
});
