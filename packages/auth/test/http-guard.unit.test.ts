import { DomainError } from '@motcua/contracts';
import { buildHttpApp, type HttpApp } from '@motcua/http';
import { createLogger } from '@motcua/logger';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Binding, installHttpGuard, type Principal, requestActor, Tokens } from '../src/index.js';

const tokens = new Tokens({ secret: 'a-test-secret-that-is-long-enough-0123456789' });
const HUE_DOSSIER = '0195d1c2-0000-7000-8000-000000000001';
const bindings: Record<string, Binding> = {
  'test GET /procedures': { action: 'procedure.read' },
  'test POST /dossiers': { action: 'dossier.receive', resource: { from: 'actor' } },
  'test POST /dossiers/:id/return': {
    action: 'dossier.returnResult',
    resource: { from: 'lookup', kind: 'dossier', key: 'id' },
  },
  'test GET /dossiers/:id': { action: 'dossier.read', resource: { from: 'result' } },
  'test GET /dossiers/:id/text': { action: 'dossier.read', resource: { from: 'result' } },
  'test GET /queues/:departmentId': {
    action: 'queue.read',
    resource: { from: 'input', fields: { departmentId: 'departmentId' } },
  },
};
const warnings: object[] = [];

let app: HttpApp;
beforeAll(async () => {
  app = await buildHttpApp({
    service: 'test',
    version: '0',
    logger: createLogger({ service: 'test', level: 'silent' }),
    metricsRegistry: new Registry(),
    routes: (scope) => {
      installHttpGuard(scope, {
        service: 'test',
        tokens,
        bindings,
        logger: { warn: (obj) => warnings.push(obj) },
        loaders: {
          dossier: async (id) => {
            if (id !== HUE_DOSSIER) throw new DomainError('DOSSIER_NOT_FOUND');
            return { centerId: 'hue-city' };
          },
        },
      });
      scope.get('/procedures', async () => [{ code: '2.000575' }]);
      const body = { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } as const;
      scope.post('/dossiers', { schema: { body } }, async (request) => ({ actor: requestActor(request) }));
      scope.post('/dossiers/:id/return', async (request) => ({ returnedBy: requestActor(request)?.userId }));
      scope.get<{ Params: { id: string } }>('/dossiers/:id', async (request) => ({
        id: request.params.id,
        centerId: 'hue-city',
      }));
      scope.get('/dossiers/:id/text', async (_request, reply) => reply.type('text/plain').send('hue-city'));
      scope.get('/queues/:departmentId', async () => []);
      scope.get('/unbound', async () => 'open?');
    },
  });
});
afterAll(() => app?.close());

const as = async (who: Principal) => `Bearer ${(await tokens.issue(who)).accessToken}`;
const counter: Principal = { userId: 'counter.hue', role: 'counter_officer', centerId: 'hue-city' };
const danang: Principal = { userId: 'counter.danang', role: 'counter_officer', centerId: 'da-nang' };
const board: Principal = { userId: 'board', role: 'supervision_board' };
const officer: Principal = {
  userId: 'officer.tckh.hue',
  role: 'department_officer',
  centerId: 'hue-city',
  departmentId: 'hue-city.finance-planning',
};

async function call(method: 'GET' | 'POST' | 'HEAD', url: string, authorization?: string, payload?: object) {
  const response = await app.inject({
    method,
    url,
    headers: authorization ? { authorization } : {},
    ...(payload ? { payload } : {}),
  });
  const json =
    response.body && String(response.headers['content-type']).includes('json') ? response.json() : {};
  return { status: response.statusCode, code: json.error?.code, rule: json.error?.details?.rule, json };
}

describe('the HTTP guard', () => {
  it('leaves public routes open, with or without a token', async () => {
    expect((await call('GET', '/procedures')).status).toBe(200);
    expect((await call('GET', '/procedures', 'Bearer not-even-a-jwt')).status).toBe(200);
    expect((await call('HEAD', '/procedures')).status).toBe(200);
  });

  it('answers 401 without a token, before validating the body', async () => {
    const r = await call('POST', '/dossiers', undefined, {});
    expect(r).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(r.json.error.message.vi).toBeTruthy();
  });

  it('answers 401 for a malformed header, a tampered and an expired token', async () => {
    expect((await call('POST', '/dossiers', 'Basic eDp5', { name: 'a' })).status).toBe(401);
    const token = await as(counter);
    const tampered = `${token.slice(0, -3)}${token.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    expect(await call('POST', '/dossiers', tampered, { name: 'a' })).toMatchObject({ status: 401 });
    const old = (await tokens.issue(counter, new Date(Date.now() - 3_600_000))).accessToken;
    const expired = await call('POST', '/dossiers', `Bearer ${old}`, { name: 'a' });
    expect(expired).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(expired.json.error.details.reason).toBe('expired');
  });

  it('hands the verified actor to the handler when the matrix allows', async () => {
    const r = await call('POST', '/dossiers', await as(counter), { name: 'a' });
    expect(r.status).toBe(200);
    expect(r.json.actor).toEqual(counter);
    // authenticated and allowed, then validated
    expect((await call('POST', '/dossiers', await as(counter), {})).status).toBe(400);
  });

  it('answers 403 with the rule when the role may not act', async () => {
    expect(await call('POST', '/dossiers', await as(board), { name: 'a' })).toMatchObject({
      status: 403,
      code: 'PERMISSION_DENIED',
      rule: 'auth.role',
    });
  });

  it("checks a command on an existing resource against the loaded resource's center", async () => {
    const url = `/dossiers/${HUE_DOSSIER}/return`;
    expect(await call('POST', url, await as(danang))).toMatchObject({ status: 403, rule: 'auth.own-center' });
    expect(await call('POST', url, await as(counter))).toMatchObject({ status: 200 });
    expect((await call('POST', '/dossiers/unknown/return', await as(counter))).code).toBe(
      'DOSSIER_NOT_FOUND',
    );
  });

  it('checks a read on what it would answer, and sends nothing of it when refused', async () => {
    expect((await call('GET', '/dossiers/d1', await as(counter))).status).toBe(200);
    expect((await call('GET', '/dossiers/d1', await as(board))).status).toBe(200);
    const refused = await call('GET', '/dossiers/d1', await as(danang));
    expect(refused).toMatchObject({ status: 403, rule: 'auth.own-center' });
    expect(JSON.stringify(refused.json)).not.toContain('"id"');
    // an answer the guard could not read is refused rather than sent unchecked
    expect((await call('GET', '/dossiers/d1/text', await as(counter))).status).toBe(403);
  });

  it('checks a resource named by the route params', async () => {
    expect((await call('GET', '/queues/hue-city.finance-planning', await as(officer))).status).toBe(200);
    expect(await call('GET', '/queues/hue-city.leadership', await as(officer))).toMatchObject({
      status: 403,
      rule: 'auth.own-department',
    });
  });

  it('refuses a route missing from the bindings, and says so at start', async () => {
    expect(await call('GET', '/unbound', await as(board))).toMatchObject({
      status: 403,
      rule: 'auth.unbound-route',
    });
    expect(warnings).toContainEqual({ route: 'test GET /unbound' });
  });
});
