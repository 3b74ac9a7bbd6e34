import { randomUUID } from 'node:crypto';
import type { HttpApp } from '@motcua/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IntakeHttp, REQUEST, startIntakeHttp } from './intake-http.js';

// Security findings (issue 13, parts 3 and 4): look-up keys travel in bodies only, and logins, applicant
// access and look-ups are throttled per account or code and per source address, with exponential
// backoff, 429 and Retry-After; logins are recorded as security events the board reads.
const BOARD = { userId: 'board', role: 'supervision_board' } as const;
const HUE = { userId: 'counter.hue', role: 'counter_officer', centerId: 'hue-city' } as const;

describe('throttled credentials', () => {
  let intake: IntakeHttp;
  let http: HttpApp;
  beforeAll(async () => {
    intake = await startIntakeHttp({ logins: true });
    http = intake.http;
  });
  afterAll(async () => intake.close());

  const login = (username: string, password: string, remoteAddress = '198.51.100.1') =>
    http.inject({ method: 'POST', url: '/auth/login', payload: { username, password }, remoteAddress });
  const lookup = (dossierCode: string, lookupKey: string, remoteAddress = '198.51.100.2') =>
    http.inject({
      method: 'POST',
      url: '/public/lookup',
      payload: { dossierCode, lookupKey },
      remoteAddress,
    });
  const received = async () => {
    const res = await http.inject({
      method: 'POST',
      url: '/dossiers',
      headers: await intake.headersOf(HUE),
      payload: {
        commandId: randomUUID(),
        procedureCode: '2.000575',
        channel: 'counter',
        applicant: { fullName: 'Phạm Thị Tra Cứu' },
        documents: [{ name: REQUEST, original: true, count: 1 }],
      },
    });
    return { code: res.json().dossier.dossierCode as string, key: res.json().lookupKey as string };
  };
  const wrongKey = (key: string) => (key === 'AAAAAAAA' ? 'BBBBBBBB' : 'AAAAAAAA');

  it('blocks an account after five wrong passwords, even for the right one, with 429 and Retry-After', async () => {
    for (let i = 0; i < 5; i++) expect((await login('officer.tnmt.hue', 'wrong')).statusCode).toBe(401);
    expect((await login('officer.tnmt.hue', 'wrong')).statusCode).toBe(401); // the sixth starts the backoff
    const blocked = await login('officer.tnmt.hue', 'motcua-demo');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(blocked.json().error.message.vi).toMatch(/thử lại sau/);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('doubles the delay with each further failure, and lets the right password in once it has passed', async () => {
    for (let i = 0; i < 6; i++) await login('officer.tuphap.hue', 'wrong', '198.51.100.10');
    const blocked = await login('officer.tuphap.hue', 'x', '198.51.100.10');
    expect(blocked.statusCode).toBe(429);
    const first = Number(blocked.headers['retry-after']);
    expect(first).toBeGreaterThan(0);
    intake.clock.advance(first * 1000);
    await login('officer.tuphap.hue', 'wrong', '198.51.100.10');
    const second = Number((await login('officer.tuphap.hue', 'x', '198.51.100.10')).headers['retry-after']);
    expect(second).toBe(first * 2);
    intake.clock.advance(second * 1000);
    expect((await login('officer.tuphap.hue', 'motcua-demo', '198.51.100.10')).statusCode).toBe(200);
  });

  it('blocks a source address that tries many accounts, whatever X-Forwarded-For it claims', async () => {
    const from = '203.0.113.9';
    for (let i = 0; i < 21; i++) {
      const res = await http.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { username: `guess-${i}`, password: 'motcua-demo' },
        headers: { 'x-forwarded-for': `192.0.2.${i}` },
        remoteAddress: from,
      });
      expect(res.statusCode).toBe(401);
    }
    expect((await login('officer.vpdk.hue', 'motcua-demo', from)).statusCode).toBe(429);
    expect((await login('officer.vpdk.hue', 'motcua-demo', '203.0.113.10')).statusCode).toBe(200);
  });

  it('throttles wrong look-up keys per dossier code, across the look-up and the applicant access', async () => {
    const { code, key } = await received();
    for (let i = 0; i < 3; i++) expect((await lookup(code, wrongKey(key))).statusCode).toBe(404);
    for (let i = 0; i < 3; i++) {
      const res = await http.inject({
        method: 'POST',
        url: '/auth/applicant',
        payload: { dossierCode: code, lookupKey: wrongKey(key) },
        remoteAddress: `198.51.100.${20 + i}`,
      });
      expect(res.statusCode).toBe(404);
    }
    const blocked = await lookup(code, key, '198.51.100.30');
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    intake.clock.advance(Number(blocked.headers['retry-after']) * 1000);
    expect((await lookup(code, key)).json()).toMatchObject({ dossierCode: code, status: 'received' });
  });

  it('never blocks within the free failures, even when the clock is set back', async () => {
    const { code, key } = await received();
    const at = intake.clock.now();
    expect((await lookup(code, wrongKey(key), '198.51.100.40')).statusCode).toBe(404);
    intake.clock.set(new Date(at.getTime() - 60_000));
    try {
      expect((await lookup(code, key, '198.51.100.40')).statusCode).toBe(200);
    } finally {
      intake.clock.set(at);
    }
  });

  it('takes the look-up key in the body only: a key in the URL finds no route', async () => {
    const { code, key } = await received();
    expect((await lookup(code, key, '198.51.100.40')).statusCode).toBe(200);
    const inUrl = await http.inject({ method: 'GET', url: `/public/lookup?code=${code}&key=${key}` });
    expect(inUrl.statusCode).toBe(404);
  });

  it('records logins as security events for the board, naming only accounts that exist', async () => {
    await login('counter.hue', 'motcua-demo', '198.51.100.50');
    await login('counter.hue', 'wrong', '198.51.100.50');
    await login('my-password-typed-as-username', 'x', '198.51.100.50');
    const res = await http.inject({
      method: 'GET',
      url: '/security-events?limit=500',
      headers: await intake.headersOf(BOARD),
    });
    expect(res.statusCode).toBe(200);
    const ours = (res.json().events as { type: string; subject: string; source: string }[]).filter(
      (e) => e.source === '198.51.100.50',
    );
    expect(ours.map((e) => `${e.type} ${e.subject}`)).toEqual([
      'login.failed (unknown account)',
      'login.failed counter.hue',
      'login.succeeded counter.hue',
    ]);
    const counter = await http.inject({
      method: 'GET',
      url: '/security-events',
      headers: await intake.headersOf(HUE),
    });
    expect(counter.statusCode).toBe(403);
  });
});
