/** Polls until the check passes (or throws its last error after the timeout); tests never sleep blindly. */
export async function eventually<T>(
  check: () => T | Promise<T>,
  timeoutMs = 30_000,
  everyMs = 100,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }
}
