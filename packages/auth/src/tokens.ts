import { createHash } from 'node:crypto';
import { type JWTHeaderParameters, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { type Principal, unauthenticated } from './authorize.js';
import { isRole } from './roles.js';

const ISSUER = 'motcua';
const AUDIENCE = 'motcua';
const ALGORITHM = 'HS256';
/** Only in development mode (MOTCUA_DEV_MODE): every process gets the same one, so local services trust each other. */
export const DEVELOPMENT_JWT_SECRET = 'motcua-development-jwt-secret-do-not-deploy';
const MIN_SECRET_LENGTH = 32;

export interface TokenSettings {
  /** HS256 key shared by every service (MOTCUA_JWT_SECRET), at least 32 characters. */
  secret: string;
  /**
   * The key before a rotation (MOTCUA_JWT_PREVIOUS_SECRET): tokens it signed are still accepted, none
   * is signed with it. Dropped once the longest token lifetime has passed since the rotation.
   */
  previousSecret?: string;
  /** Lifetime of an officer's access token. Default 900 s. */
  accessTtlSeconds?: number;
  /** Lifetime of a service token. Default 300 s. */
  serviceTtlSeconds?: number;
  /** Clock skew accepted between services. Default 5 s. */
  clockToleranceSeconds?: number;
}

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
}

/** Issues and verifies the short-lived HS256 JWTs every service accepts. */
/**
 * A key's id in the token header (`kid`): a fingerprint of the key, so a verifier picks the right
 * one during a rotation without the id revealing anything about the key.
 */
export function keyIdOf(secret: string): string {
  return createHash('sha256').update(`motcua-jwt-kid:${secret}`).digest('hex').slice(0, 16);
}

export class Tokens {
  private readonly key: Uint8Array;
  /** The signing key's id, written as `kid` on every token. */
  readonly keyId: string;
  /** Keys accepted by id: the current one and, during a rotation, the previous one. */
  private readonly keys: Map<string, Uint8Array>;
  readonly accessTtlSeconds: number;
  readonly serviceTtlSeconds: number;
  private readonly clockTolerance: number;

  constructor(settings: TokenSettings) {
    for (const secret of [settings.secret, settings.previousSecret ?? settings.secret]) {
      if (secret.length < MIN_SECRET_LENGTH) {
        throw new Error(`MOTCUA_JWT_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
      }
    }
    const encode = (secret: string) => new TextEncoder().encode(secret);
    this.key = encode(settings.secret);
    this.keyId = keyIdOf(settings.secret);
    this.keys = new Map([[this.keyId, this.key]]);
    if (settings.previousSecret)
      this.keys.set(keyIdOf(settings.previousSecret), encode(settings.previousSecret));
    this.accessTtlSeconds = settings.accessTtlSeconds ?? 900;
    this.serviceTtlSeconds = settings.serviceTtlSeconds ?? 300;
    this.clockTolerance = settings.clockToleranceSeconds ?? 5;
  }

  /** An officer's access token after login. */
  async issue(user: Principal, now = new Date()): Promise<IssuedToken> {
    const accessToken = await this.sign(user, this.accessTtlSeconds, now);
    return { accessToken, expiresIn: this.accessTtlSeconds };
  }

  /** A token a service sends when it calls another (role `system`, user `system:<service>`). */
  async issueService(service: string, now = new Date()): Promise<IssuedToken> {
    const accessToken = await this.sign(
      { userId: `system:${service}`, role: 'system' },
      this.serviceTtlSeconds,
      now,
    );
    return { accessToken, expiresIn: this.serviceTtlSeconds };
  }

  /** The verified principal, or UNAUTHENTICATED (`details.reason`: expired / invalid-token). */
  async verify(token: string): Promise<Principal> {
    try {
      const { payload } = await jwtVerify(token, (header) => this.keyFor(header), {
        algorithms: [ALGORITHM],
        issuer: ISSUER,
        audience: AUDIENCE,
        clockTolerance: this.clockTolerance,
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      const { sub, role, centerId, departmentId, name } = payload;
      if (typeof sub !== 'string' || !isRole(role)) throw unauthenticated('invalid-claims');
      return {
        userId: sub,
        role,
        ...(typeof centerId === 'string' ? { centerId } : {}),
        ...(typeof departmentId === 'string' ? { departmentId } : {}),
        ...(typeof name === 'string' ? { displayName: name } : {}),
      };
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw unauthenticated('expired');
      if (err instanceof joseErrors.JOSEError) throw unauthenticated('invalid-token');
      throw err;
    }
  }

  /** The key a token names; a token without `kid` (issued before key ids) is checked with the current key. */
  private keyFor(header: JWTHeaderParameters): Uint8Array {
    if (header.kid === undefined) return this.key;
    const key = this.keys.get(header.kid);
    if (!key) throw new joseErrors.JWSSignatureVerificationFailed('unknown key id');
    return key;
  }

  private sign(user: Principal, ttlSeconds: number, now: Date): Promise<string> {
    const iat = Math.floor(now.getTime() / 1000);
    return new SignJWT({
      role: user.role,
      ...(user.centerId ? { centerId: user.centerId } : {}),
      ...(user.departmentId ? { departmentId: user.departmentId } : {}),
      ...(user.displayName ? { name: user.displayName } : {}),
    })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT', kid: this.keyId })
      .setSubject(user.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttlSeconds)
      .sign(this.key);
  }
}

/** `Authorization: Bearer <token>` → the token; undefined when absent; UNAUTHENTICATED when malformed. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  if (header === undefined || header === '') return undefined;
  const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/=-]+)$/i.exec(header.trim()) : null;
  if (!match?.[1]) throw unauthenticated('malformed-authorization-header');
  return match[1];
}

/**
 * Keeps one service token and renews it a minute before it expires, so calls between services
 * do not sign a token each.
 */
export class ServiceToken {
  private current: { token: string; renewAt: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly tokens: Tokens,
    private readonly service: string,
  ) {}

  async get(): Promise<string> {
    if (this.current && Date.now() < this.current.renewAt) return this.current.token;
    this.pending ??= this.tokens
      .issueService(this.service)
      .then(({ accessToken, expiresIn }) => {
        this.current = { token: accessToken, renewAt: Date.now() + Math.max(expiresIn - 60, 1) * 1000 };
        return accessToken;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  /** gRPC/HTTP metadata carrying the token. */
  async metadata(): Promise<Record<string, string>> {
    return { authorization: `Bearer ${await this.get()}` };
  }
}
