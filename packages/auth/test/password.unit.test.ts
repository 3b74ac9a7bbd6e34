import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../src/password.js';

describe('passwords', () => {
  it('are stored as argon2id hashes and verified against them', async () => {
    const hash = await hashPassword('motcua-demo');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(hash).not.toContain('motcua-demo');
    expect(await verifyPassword(hash, 'motcua-demo')).toBe(true);
    expect(await verifyPassword(hash, 'motcua-demo ')).toBe(false);
  });

  it('are refused for an unknown user and for a corrupt stored hash, without throwing', async () => {
    expect(await verifyPassword(undefined, 'motcua-decoy-password')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });
});
