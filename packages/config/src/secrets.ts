import { ConfigError, readConfig } from './read-config.js';
import { bool } from './spec.js';

/**
 * MOTCUA_DEV_MODE=true: the one switch that lets a process run with the published development
 * secrets and demo accounts (`./motcua up`, the tests). Off by default, so a deployment that forgets
 * a secret refuses to start instead of running with one anybody can read in the source.
 */
export function isDevelopmentMode(env: Record<string, string | undefined>): boolean {
  return readConfig({ MOTCUA_DEV_MODE: bool(false) }, env).MOTCUA_DEV_MODE;
}

export interface SecretSpec {
  /** The variable, e.g. MOTCUA_JWT_SECRET. */
  name: string;
  /** Used only in development mode, with a warning. */
  developmentValue: string;
  minLength?: number;
}

/**
 * A secret with no usable default: required (and at least `minLength` characters) unless
 * development mode is on, where the development value is used and a warning says so.
 */
export function secretFromEnv(
  env: Record<string, string | undefined>,
  spec: SecretSpec,
  warn: (message: string) => void,
): string {
  const minLength = spec.minLength ?? 32;
  const value = env[spec.name] ?? '';
  if (value === '') {
    if (isDevelopmentMode(env)) {
      warn(`${spec.name} is not set: MOTCUA_DEV_MODE is on, using the published development value`);
      return spec.developmentValue;
    }
    throw new ConfigError([
      {
        variable: spec.name,
        problem:
          'required: set a random secret, or MOTCUA_DEV_MODE=true for a local trial / ' +
          'bắt buộc: đặt một chuỗi bí mật ngẫu nhiên, hoặc MOTCUA_DEV_MODE=true khi chạy thử trên máy',
      },
    ]);
  }
  if (value.length < minLength) {
    throw new ConfigError([
      {
        variable: spec.name,
        problem: `at least ${minLength} characters / tối thiểu ${minLength} ký tự`,
      },
    ]);
  }
  return value;
}

/** An optional secret (e.g. the previous key during a rotation): unset is fine, a short one is not. */
export function optionalSecretFromEnv(
  env: Record<string, string | undefined>,
  name: string,
  minLength = 32,
): string | undefined {
  const value = env[name] ?? '';
  if (value === '') return undefined;
  if (value.length < minLength) {
    throw new ConfigError([
      { variable: name, problem: `at least ${minLength} characters / tối thiểu ${minLength} ký tự` },
    ]);
  }
  return value;
}
