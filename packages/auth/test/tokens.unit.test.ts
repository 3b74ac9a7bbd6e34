import { isDomainError } from '@motcua/contracts';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  bearerToken,
  DEVELOPMENT_JWT_SECRET,
  keyIdOf,
  ServiceToken,
  Tokens,
  tokensFromEnv,
} from '../src/index.js';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const tokens = new Tokens({ secret: SECRET });
const counter = { userId: 'counter.hue', role: 'counter_officer', centerId: 'hue-city', displayName: 'Thu' };

async function reason(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
    return 'verified';
  } catch (err) {
    return isDomainError(err) ? `${err.code}:${err.details.reason}` : err;
  }
}

describe('access tokens', () => {
  it('carry the officer, their role and scope, for 15 minutes', async () => {
    const { accessToken, expiresIn } = await tokens.issue(counter);
    expect(expiresIn).toBe(900);
    expect(await tokens.verify(accessToken)).toEqual(counter);
  });

  it('are refused once expired (beyond a few seconds of clock skew)', async () => {
    const { accessToken } = await tokens.issue(counter, new Date(Date.now() - 901_000 - 6_000));
    expect(await reason(tokens.verify(accessToken))).toBe('UNAUTHENTICATED:expired');
  });

  it('are refused when tampered with, or signed with another secret', async () => {
    const { accessToken } = await tokens.issue(counter);
    const [header, payload, signature] = accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'system_admin' })).toString('base64url');
    expect(await reason(tokens.verify(`${header}.${forged}.${signature}`))).toBe(
      'UNAUTHENTICATED:invalid-token',
    );
    const other = new Tokens({ secret: `${SECRET}-other` });
    expect(await reason(other.verify(accessToken))).toBe('UNAUTHENTICATED:invalid-token');
  });

  it('refuse unsigned tokens and tokens without a known role', async () => {
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ sub: 'x', role: 'system_admin', iss: 'motcua', aud: 'motcua', exp: 9e9, iat: 1 }),
    ).toString('base64url')}.`;
    expect(await reason(tokens.verify(none))).toBe('UNAUTHENTICATED:invalid-token');
    const noRole = await new SignJWT({ role: 'root' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer('motcua')
      .setAudience('motcua')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(SECRET));
    expect(await reason(tokens.verify(noRole))).toBe('UNAUTHENTICATED:invalid-claims');
    expect(await reason(tokens.verify('not-a-jwt'))).toBe('UNAUTHENTICATED:invalid-token');
  });

  it('need a secret of at least 32 characters', () => {
    expect(() => new Tokens({ secret: 'short' })).toThrow(/at least 32/);
    expect(() => tokensFromEnv({ MOTCUA_JWT_SECRET: 'short' }, () => {})).toThrow(/MOTCUA_JWT_SECRET/);
  });

  it('refuse to start without MOTCUA_JWT_SECRET, in both languages, unless development mode is on', () => {
    expect(() => tokensFromEnv({}, () => {})).toThrow(/MOTCUA_JWT_SECRET: required.*bắt buộc/s);
    expect(() => tokensFromEnv({ MOTCUA_DEV_MODE: 'false' }, () => {})).toThrow(/MOTCUA_DEV_MODE=true/);
    const warnings: string[] = [];
    expect(tokensFromEnv({ MOTCUA_DEV_MODE: 'true' }, (m) => warnings.push(m))).toBeInstanceOf(Tokens);
    expect(warnings.join()).toMatch(/MOTCUA_JWT_SECRET is not set.*forge/);
  });

  it('are refused when signed with the published development key while a real secret is set', async () => {
    const forged = await new Tokens({ secret: DEVELOPMENT_JWT_SECRET }).issue({
      userId: 'nobody',
      role: 'system_admin',
    });
    const deployed = tokensFromEnv({ MOTCUA_JWT_SECRET: SECRET }, () => {});
    expect(await reason(deployed.verify(forged.accessToken))).toBe('UNAUTHENTICATED:invalid-token');
  });
});

describe('key rotation', () => {
  const NEXT = 'the-next-secret-after-a-rotation-0123456789';
  const rotated = tokensFromEnv({ MOTCUA_JWT_SECRET: NEXT, MOTCUA_JWT_PREVIOUS_SECRET: SECRET }, () => {});

  it('names the signing key in the token header (kid), a fingerprint that is not the key', async () => {
    const { accessToken } = await tokens.issue(counter);
    const header = JSON.parse(Buffer.from(accessToken.split('.')[0]!, 'base64url').toString());
    expect(header.kid).toBe(keyIdOf(SECRET));
    expect(header.kid).not.toContain(SECRET.slice(0, 8));
  });

  it('accepts tokens of the previous key and the current one, and signs only with the current one', async () => {
    const before = await tokens.issue(counter);
    const after = await rotated.issue(counter);
    expect(await rotated.verify(before.accessToken)).toEqual(counter);
    expect(await rotated.verify(after.accessToken)).toEqual(counter);
    expect(await reason(tokens.verify(after.accessToken))).toBe('UNAUTHENTICATED:invalid-token');
  });

  it('refuses the previous key once it is dropped, and a token that names an unknown key', async () => {
    const before = await tokens.issue(counter);
    const done = new Tokens({ secret: NEXT });
    expect(await reason(done.verify(before.accessToken))).toBe('UNAUTHENTICATED:invalid-token');
    const [, payload, signature] = before.accessToken.split('.');
    const otherKid = Buffer.from(
      JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'ffffffffffffffff' }),
    ).toString('base64url');
    expect(await reason(tokens.verify(`${otherKid}.${payload}.${signature}`))).toBe(
      'UNAUTHENTICATED:invalid-token',
    );
  });
});

describe('service tokens', () => {
  it('name the calling service with the system role, and are reused until renewal is due', async () => {
    const source = new ServiceToken(tokens, 'intake');
    const [a, b] = await Promise.all([source.get(), source.get()]);
    expect(a).toBe(b);
    expect(await tokens.verify(a)).toEqual({ userId: 'system:intake', role: 'system' });
    expect(await source.metadata()).toEqual({ authorization: `Bearer ${a}` });
  });
});

describe('the Authorization header', () => {
  it('reads a bearer token, nothing when absent, and refuses anything else', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken(undefined)).toBeUndefined();
    expect(() => bearerToken('Basic dXNlcjpwYXNz')).toThrow(/Authentication required/);
    expect(() => bearerToken('Bearer')).toThrow();
  });
});
