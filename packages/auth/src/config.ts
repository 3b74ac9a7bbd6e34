import { int, optionalSecretFromEnv, readConfig, secretFromEnv } from '@motcua/config';
import { DEVELOPMENT_JWT_SECRET, Tokens } from './tokens.js';

/**
 * The token settings every service reads at start: MOTCUA_JWT_SECRET (shared HS256 key, required
 * unless MOTCUA_DEV_MODE is on), MOTCUA_JWT_PREVIOUS_SECRET (still accepted during a key rotation)
 * and MOTCUA_ACCESS_TOKEN_TTL_SECONDS. Throws a ConfigError (bilingual) when the secret is missing.
 */
export function tokensFromEnv(
  env: Record<string, string | undefined>,
  warn: (message: string) => void,
): Tokens {
  const c = readConfig({ MOTCUA_ACCESS_TOKEN_TTL_SECONDS: int(900, { min: 30, max: 3600 }) }, env);
  const secret = secretFromEnv(
    env,
    { name: 'MOTCUA_JWT_SECRET', developmentValue: DEVELOPMENT_JWT_SECRET },
    (message) => warn(`${message}; anyone can forge tokens`),
  );
  const previousSecret = optionalSecretFromEnv(env, 'MOTCUA_JWT_PREVIOUS_SECRET');
  return new Tokens({
    secret,
    ...(previousSecret ? { previousSecret } : {}),
    accessTtlSeconds: c.MOTCUA_ACCESS_TOKEN_TTL_SECONDS,
  });
}
