/**
 * `MOTCUA_E2E_PORT_SHIFT` (integer, default 0) moves every fixed end-to-end port, so a second copy of
 * the suite (another worktree, a CI run) can run on the same machine without colliding.
 */
export function e2ePortShift(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.MOTCUA_E2E_PORT_SHIFT?.trim();
  if (!raw) return 0;
  const shift = Number(raw);
  if (!Number.isInteger(shift) || shift < 0 || shift > 40_000) {
    throw new Error(`MOTCUA_E2E_PORT_SHIFT must be an integer from 0 to 40000, got "${raw}"`);
  }
  return shift;
}

/** A fixed test port moved by the shift. */
export const e2ePort = (port: number): number => port + e2ePortShift();
