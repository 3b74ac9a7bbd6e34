import { int, readConfig, str } from '@motcua/config';
import { DEVELOPMENT_JWT_SECRET, Tokens } from './tokens.js';

/**
 * The token settings every service reads: MOTCUA_JWT_SECRET (shared HS256 key) and
 * MOTCUA_ACCESS_TOKEN_TTL_SECONDS. Without a secret, a development default is used, with a warning.
 */
export function tokensFromEnv(
  env: Record<string, string | undefined>,
  warn: (message: string) => void,
): Tokens {
  const c = readConfig(
    {
      MOTCUA_JWT_SECRET: str(''),
      MOTCUA_ACCESS_TOKEN_TTL_SECONDS: int(900, { min: 30, max: 3600 }),
    },
    env,
  );
  if (!c.MOTCUA_JWT_SECRET) {
    warn('MOTCUA_JWT_SECRET is not set: using the development secret; anyone can forge tokens. Set it.');
  }
  return new Tokens({
    secret: c.MOTCUA_JWT_SECRET || DEVELOPMENT_JWT_SECRET,
    accessTtlSeconds: c.MOTCUA_ACCESS_TOKEN_TTL_SECONDS,
  });
}
