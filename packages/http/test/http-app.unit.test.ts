import { PassThrough } from 'node:stream';
import { createLogger, getLogContext } from '@motcua/logger';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import {
  asDomainError,
  type BuildHttpAppOptions,
  buildHttpApp,
  errorResponseSchema,
  type HttpApp,
} from '../src/index.js';

/** Same shape as @motcua/contracts' DomainError; the mapping recognizes it structurally. */
class FakeDomainError extends Error {
  readonly code = 'DOSSIER_NOT_FOUND';
  readonly kind = 'not_found';
  readonly httpStatus = 404;
  readonly messages = { vi: 'Không tìm thấy hồ sơ', en: 'Dossier not found' };
  readonly details = { dossierId: 'd-1' };
}

const dossierBody = {
  type: 'object',
  required: ['procedureCode', 'applicant'],
  properties: {
    procedureCode: { type: 'string', minLength: 3 },
    applicant: {
      type: 'object',
      required: ['fullName'],
      properties: { fullName: { type: 'string' }, phone: { type: 'string', pattern: '^0\\d{9}$' } },
    },
  },
} as const;

async function makeApp(overrides: Partial<BuildHttpAppOptions> = {}) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    service: 'intake',
    level: 'debug',
    destination: { write: (s) => void lines.push(JSON.parse(s)) },
  });
  const app: HttpApp = await buildHttpApp({
    service: 'intake',
    version: '1.2.3',
    logger,
    metricsRegistry: new Registry(),
    readiness: async () => ({ kafka: true, mongo: true }),
    routes: async (r) => {
      r.post(
        '/dossiers',
        {
          schema: {
            summary: 'Receive a dossier at the counter',
            body: dossierBody,
            response: {
              201: { type: 'object', properties: { id: { type: 'string' } } },
              '4xx': errorResponseSchema,
            },
          },
        },
        async (request, reply) => {
          await new Promise((res) => setTimeout(res, 1));
          request.log.info({ seen: getLogContext()?.correlationId }, 'dossier received');
          return reply.code(201).send({ id: 'd-1' });
        },
      );
      r.get('/dossiers/:id', async () => {
        throw new FakeDomainError('Dossier not found');
      });
      r.get('/boom', async () => {
        throw new Error('connection string mongodb://secret@db leaked?');
      });
    },
    ...overrides,
  });
  return { app, lines };
}

describe('health', () => {
  it('answers liveness with ok', async () => {
    const { app } = await makeApp();
    const res = await app.inject({ method: 'GET', url: '/health/live' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', checks: {} });
  });

  it('fails liveness, saying which part and why, when a part cannot recover by itself', async () => {
    const { app } = await makeApp({
      liveness: () => ({ 'consumer:tasks': 'not running for 900 s', relay: true }),
    });
    const res = await app.inject({ method: 'GET', url: '/health/live' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      status: 'unavailable',
      checks: { 'consumer:tasks': false, relay: true },
      problems: { 'consumer:tasks': 'not running for 900 s' },
    });
  });

  it('says why a part is not ready', async () => {
    const { app } = await makeApp({
      readiness: () => ({ mongo: true, 'consumer:tasks': '12 waiting and no progress for 75 s' }),
    });
    const res = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      status: 'unavailable',
      checks: { mongo: true, 'consumer:tasks': false },
      problems: { 'consumer:tasks': '12 waiting and no progress for 75 s' },
    });
  });

  it('answers 200 when every dependency is ready', async () => {
    const { app } = await makeApp();
    const res = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', checks: { kafka: true, mongo: true } });
  });

  it('answers 503 with the per-dependency map when Kafka is not connected', async () => {
    const { app } = await makeApp({ readiness: () => ({ kafka: false, mongo: true }) });
    const res = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'unavailable', checks: { kafka: false, mongo: true } });
  });

  it('answers 503 when the readiness check itself throws', async () => {
    const { app } = await makeApp({ readiness: async () => Promise.reject(new Error('mongo down')) });
    const res = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'unavailable', checks: { readiness: false } });
  });
});

describe('OpenAPI', () => {
  it('documents a declared route with its body schema', async () => {
    const { app } = await makeApp();
    const res = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info).toMatchObject({ title: 'motcua intake', version: '1.2.3' });
    const post = doc.paths['/dossiers'].post;
    expect(post.summary).toBe('Receive a dossier at the counter');
    expect(post.requestBody.content['application/json'].schema).toMatchObject({
      required: ['procedureCode', 'applicant'],
      properties: { procedureCode: { type: 'string', minLength: 3 } },
    });
    expect(doc.paths['/health/ready']).toBeDefined();
  });

  it('serves the Swagger UI under /docs', async () => {
    const { app } = await makeApp();
    const res = await app.inject({ method: 'GET', url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });
});

describe('errors', () => {
  it('answers invalid input with 400 INVALID_INPUT in Vietnamese and English, listing every bad field', async () => {
    const { app } = await makeApp();
    const res = await app.inject({
      method: 'POST',
      url: '/dossiers',
      payload: { procedureCode: 'x', applicant: { phone: '12' } },
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toEqual({ vi: 'Dữ liệu không hợp lệ', en: 'Invalid input' });
    expect(error.details.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          in: 'body',
          path: '/procedureCode',
          keyword: 'minLength',
          message: expect.objectContaining({ vi: 'quá ngắn' }),
        }),
        expect.objectContaining({ path: '/applicant/fullName', keyword: 'required' }),
        expect.objectContaining({ path: '/applicant/phone', keyword: 'pattern' }),
      ]),
    );
  });

  it('answers malformed JSON with 400 INVALID_INPUT', async () => {
    const { app } = await makeApp();
    const res = await app.inject({
      method: 'POST',
      url: '/dossiers',
      headers: { 'content-type': 'application/json' },
      payload: '{"a":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_INPUT');
  });

  it('maps a domain error to its status with a bilingual message and details', async () => {
    const { app } = await makeApp();
    const res = await app.inject({ method: 'GET', url: '/dossiers/d-1' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: {
        code: 'DOSSIER_NOT_FOUND',
        message: { vi: 'Không tìm thấy hồ sơ', en: 'Dossier not found' },
        details: { dossierId: 'd-1' },
      },
    });
  });

  it('recognizes a domain error with flat vi/en texts and ignores errors without a status', () => {
    expect(asDomainError({ code: 'X', httpStatus: 409, vi: 'xung đột', en: 'conflict' })).toEqual({
      code: 'X',
      httpStatus: 409,
      message: { vi: 'xung đột', en: 'conflict' },
      details: {},
    });
    expect(
      asDomainError(Object.assign(new Error('x'), { code: 'FST_ERR_X', statusCode: 400 })),
    ).toBeUndefined();
  });

  it('answers unknown routes with 404 NOT_FOUND in the same format', async () => {
    const { app } = await makeApp();
    const res = await app.inject({ method: 'GET', url: '/nope?phone=0912345678' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'NOT_FOUND', details: { method: 'GET', path: '/nope' } });
    expect(res.json().error.message.vi).toContain('Không tìm thấy');
  });

  it('answers unexpected failures with 500 INTERNAL without leaking internals, and logs them', async () => {
    const { app, lines } = await makeApp();
    const res = await app.inject({ method: 'GET', url: '/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({
      error: { code: 'INTERNAL', message: { vi: 'Lỗi hệ thống', en: 'Internal error' }, details: {} },
    });
    expect(res.body).not.toContain('mongodb');
    const logged = lines.find((l) => l.msg === 'unhandled error');
    expect(logged).toMatchObject({ level: 'error', err: { message: expect.stringContaining('mongodb') } });
  });
});

describe('correlation id', () => {
  it('echoes a valid caller id and carries it into the handler logs after body parsing', async () => {
    const { app, lines } = await makeApp();
    const res = await app.inject({
      method: 'POST',
      url: '/dossiers',
      headers: { 'x-correlation-id': 'counter-01:abc.123' },
      payload: { procedureCode: 'HN-001', applicant: { fullName: 'Nguyễn Văn A', phone: '0912345678' } },
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers['x-correlation-id']).toBe('counter-01:abc.123');
    const line = lines.find((l) => l.msg === 'dossier received');
    expect(line).toMatchObject({
      correlationId: 'counter-01:abc.123',
      seen: 'counter-01:abc.123',
      reqId: 'counter-01:abc.123',
    });
  });

  it('keeps the log context when the body arrives later from the socket', async () => {
    const { app, lines } = await makeApp();
    // Bytes written from a timer outside the request, as a real socket does, so parsing resumes in a foreign async context.
    const payload = new PassThrough();
    setTimeout(
      () => payload.end(JSON.stringify({ procedureCode: 'HN-001', applicant: { fullName: 'B' } })),
      5,
    );
    const res = await app.inject({
      method: 'POST',
      url: '/dossiers',
      headers: { 'x-correlation-id': 'late-body-1', 'content-type': 'application/json' },
      payload,
    });
    expect(res.statusCode).toBe(201);
    expect(lines.find((l) => l.msg === 'dossier received')).toMatchObject({
      correlationId: 'late-body-1',
      seen: 'late-body-1',
    });
  });

  it('replaces a malformed caller id with a generated UUID', async () => {
    const { app } = await makeApp();
    for (const bad of ['has space', 'x'.repeat(129), 'semi;colon']) {
      const res = await app.inject({
        method: 'GET',
        url: '/health/live',
        headers: { 'x-correlation-id': bad },
      });
      expect(res.headers['x-correlation-id']).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      );
    }
  });

  it('generates an id when the caller sends none, also on errors', async () => {
    const { app, lines } = await makeApp();
    const res = await app.inject({ method: 'GET', url: '/boom' });
    const id = res.headers['x-correlation-id'];
    expect(typeof id).toBe('string');
    expect(lines.find((l) => l.msg === 'unhandled error')).toMatchObject({ correlationId: id });
  });
});

describe('metrics', () => {
  it('exposes default Node metrics and the request histogram labelled by route pattern', async () => {
    const { app } = await makeApp();
    await app.inject({ method: 'GET', url: '/dossiers/d-42' });
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toContain('process_cpu_user_seconds_total');
    expect(res.body).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/dossiers\/:id",status="404"\} 1/,
    );
    expect(res.body).not.toContain('d-42');
  });

  it('labels unknown URLs as one unmatched route so random paths cannot explode the series', async () => {
    const { app } = await makeApp();
    await app.inject({ method: 'GET', url: '/random-1' });
    await app.inject({ method: 'GET', url: '/random-2' });
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.body).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="unmatched",status="404"\} 2/,
    );
    expect(res.body).not.toContain('random-1');
  });
});
