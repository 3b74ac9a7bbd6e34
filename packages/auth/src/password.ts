// A separate entry point (@motcua/auth/password): only intake stores passwords, so the other
// services never load the native argon2 binding.
import { hash, verify } from '@node-rs/argon2';

/** Argon2id with the library's defaults (19 MiB, 2 passes, 1 lane: OWASP's recommended minimum). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

let decoy: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. With no hash (unknown or inactive user) it still spends the
 * time of one verification, so the answer's timing does not tell whether the user exists.
 */
export async function verifyPassword(storedHash: string | undefined, password: string): Promise<boolean> {
  if (storedHash === undefined) {
    decoy ??= hash('motcua-decoy-password');
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    return false; // a corrupt stored hash denies, it does not crash the login
  }
}
