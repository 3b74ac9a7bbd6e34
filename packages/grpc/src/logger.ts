/**
 * The logging this package needs, typed structurally so any pino logger (e.g. @motcua/logger's) fits
 * without this package depending on its internals.
 */
export interface LoggerLike {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Fallback when no logger is given: JSON lines on stderr for warnings and errors, so nothing is lost. */
export const stderrLogger: LoggerLike = {
  info() {},
  warn: (obj, msg) => write(40, obj, msg),
  error: (obj, msg) => write(50, obj, msg),
};

function write(level: number, obj: object, msg?: string): void {
  const plain = Object.fromEntries(
    Object.entries(obj).map(([k, v]) => [k, v instanceof Error ? { message: v.message, stack: v.stack } : v]),
  );
  process.stderr.write(`${JSON.stringify({ level, time: Date.now(), ...plain, msg })}\n`);
}
