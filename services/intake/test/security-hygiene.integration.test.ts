import { randomUUID } from 'node:crypto';
import type { HttpApp } from '@motcua/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IntakeHttp, startIntakeHttp } from './intake-http.js';

// Security finding (issue 13, part 6): every malformed body answers 400 with a stable code and both
// languages, never 500 — JSON and multipart alike, on the public routes and the officers' ones.
const HUE = { userId: 'counter.hue', role: 'counter_officer', centerId: 'hue-city' } as const;

describe('malformed bodies', () => {
  let intake: IntakeHttp;
  let http: HttpApp;
  let counter: Record<string, string>;
  beforeAll(async () => {
    intake = await startIntakeHttp();
    http = intake.http;
    counter = await intake.headersOf(HUE);
  });
  afterAll(async () => intake.close());

  const expectBadRequest = (res: { statusCode: number; json: () => unknown }) => {
    expect(res.statusCode).toBe(400);
    const { error } = res.json() as { error: { code: string; message: { vi: string; en: string } } };
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message.vi.length).toBeGreaterThan(0);
    expect(error.message.en.length).toBeGreaterThan(0);
  };
  const uploads = () => [
    { url: `/online-submissions/${randomUUID()}/documents`, headers: {} },
    { url: '/documents', headers: counter },
  ];

  it.each([
    ['multipart/form-data'],
    ['multipart/form-data; boundary='],
    ['multipart/form-data; boundary=nothing-matches'],
  ])('answers 400 to an upload sent as %s', async (contentType) => {
    for (const { url, headers } of uploads()) {
      const res = await http.inject({
        method: 'POST',
        url,
        headers: { ...headers, 'content-type': contentType },
        payload: 'garbage without any boundary',
      });
      expectBadRequest(res);
    }
  });

  it.each([
    ['broken JSON', 'application/json', '{"commandId": '],
    ['JSON that is not an object', 'application/json', '"text"'],
    ['an empty JSON body', 'application/json', ''],
    ['a prototype-polluting body', 'application/json', '{"__proto__": {"admin": true}}'],
  ])('answers 400 to %s on the public look-up and the reception', async (_, contentType, payload) => {
    for (const [url, headers] of [
      ['/public/lookup', {}],
      ['/online-submissions', {}],
      ['/dossiers', counter],
    ] as const) {
      const res = await http.inject({
        method: 'POST',
        url,
        headers: { ...headers, 'content-type': contentType },
        payload,
      });
      expectBadRequest(res);
    }
  });
});
