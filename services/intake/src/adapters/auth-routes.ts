import type { Tokens } from '@motcua/auth';
import { verifyPassword } from '@motcua/auth/password';
import { bool, ConfigError, isDevelopmentMode, readConfig, str } from '@motcua/config';
import { DomainError } from '@motcua/contracts';
import { errorResponseSchema, type HttpApp } from '@motcua/http';
import type { Logger } from '@motcua/logger';
import type { Db } from 'mongodb';
import type { Attempts } from './attempts.js';
import { DEMO_USERS, UserRepository } from './user-repository.js';

// One answer for an unknown user, an inactive one and a wrong password: no hint which it was.
const invalidCredentials = () =>
  new DomainError('INVALID_CREDENTIALS', {
    kind: 'unauthenticated',
    messages: { vi: 'Tên đăng nhập hoặc mật khẩu không đúng', en: 'Wrong username or password' },
  });

const user = {
  type: 'object',
  required: ['userId', 'displayName', 'role'],
  properties: {
    userId: { type: 'string' },
    displayName: { type: 'string' },
    role: { type: 'string' },
    centerId: { type: 'string' },
    departmentId: { type: 'string' },
  },
} as const;

/**
 * The user store. The demo accounts (one per role, a published password) are created only in
 * development mode (MOTCUA_DEV_MODE=true, which `./motcua up` and the tests turn on), unless
 * MOTCUA_DEMO_USERS=false; asking for them outside development mode stops the start.
 */
export async function openUserStore(db: Db, env: Record<string, string | undefined>, logger: Logger) {
  const dev = isDevelopmentMode(env);
  const c = readConfig({ MOTCUA_DEMO_USERS: bool(dev), MOTCUA_DEMO_PASSWORD: str('motcua-demo') }, env);
  if (c.MOTCUA_DEMO_USERS && !dev) {
    throw new ConfigError([
      {
        variable: 'MOTCUA_DEMO_USERS',
        problem:
          'demo accounts need MOTCUA_DEV_MODE=true / tài khoản demo chỉ dùng khi bật MOTCUA_DEV_MODE=true',
      },
    ]);
  }
  const users = new UserRepository(db);
  if (c.MOTCUA_DEMO_USERS) {
    const created = await users.seed(DEMO_USERS, c.MOTCUA_DEMO_PASSWORD);
    if (created.length > 0)
      logger.warn({ created }, 'demo users created (MOTCUA_DEV_MODE, MOTCUA_DEMO_PASSWORD)');
  }
  return users;
}

/** `POST /auth/login`: an officer's username and password → a short-lived access token. */
export function authRoutes(users: UserRepository, tokens: Tokens, attempts: Attempts) {
  return async (http: HttpApp) => {
    http.post<{ Body: { username: string; password: string } }>(
      '/auth/login',
      {
        schema: {
          summary: 'Officer login: a bearer access token for every service (15 minutes)',
          tags: ['auth'],
          body: {
            type: 'object',
            additionalProperties: false,
            required: ['username', 'password'],
            properties: {
              username: { type: 'string', minLength: 1, maxLength: 64 },
              password: { type: 'string', minLength: 1, maxLength: 1024 },
            },
          },
          response: {
            200: {
              type: 'object',
              required: ['accessToken', 'tokenType', 'expiresIn', 'user'],
              properties: {
                accessToken: { type: 'string' },
                tokenType: { type: 'string', enum: ['Bearer'] },
                expiresIn: { type: 'integer', description: 'seconds' },
                user,
              },
            },
            400: errorResponseSchema,
            401: errorResponseSchema,
            429: errorResponseSchema,
          },
        },
      },
      async (request) => {
        const username = request.body.username.trim().toLowerCase();
        const found = await users.find(username);
        // Throttled per account and per source; the security log names only accounts that exist.
        const attempt = {
          kind: 'login',
          subject: username,
          source: request.ip,
          recordAs: found ? username : '(unknown account)',
          recordSuccess: true,
        } as const;
        const account = await attempts.run(attempt, async () => {
          const active = found?.active ? found : undefined;
          const ok = await verifyPassword(active?.passwordHash, request.body.password);
          if (!active || !ok) throw invalidCredentials();
          return active;
        });
        const principal = {
          userId: account._id,
          displayName: account.displayName,
          role: account.role,
          ...(account.centerId ? { centerId: account.centerId } : {}),
          ...(account.departmentId ? { departmentId: account.departmentId } : {}),
        };
        const { accessToken, expiresIn } = await tokens.issue(principal);
        return { accessToken, tokenType: 'Bearer', expiresIn, user: principal };
      },
    );
  };
}
