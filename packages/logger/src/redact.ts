export const REDACTED = '[REDACTED]';

/** Keys compared case-insensitively with `_`/`-` removed, so idNumber, id_number and ID-NUMBER all match. */
/** Personal data and secrets: never in a log line, at any depth. */
export const DEFAULT_REDACT_KEYS = [
  'idNumber',
  'phone',
  'phoneNumber',
  'email',
  'emailAddress',
  'address',
  'password',
  'authorization',
  'accessToken',
  'lookupKey',
  'uploadKey',
  'submissionSecret',
];

const MAX_DEPTH = 12;

export const normalizeKey = (k: string): string => k.replace(/[_-]/g, '').toLowerCase();

const isPlain = (v: object): boolean => {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** Plain-object form of an error, keeping custom fields (e.g. a DomainError's `details`) so they get masked too. */
function errorToObject(e: Error): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: e.constructor?.name || e.name,
    message: e.message,
    stack: e.stack,
  };
  for (const [k, v] of Object.entries(e)) if (!(k in out)) out[k] = v;
  if (e.cause !== undefined) out.cause = e.cause;
  if (e instanceof AggregateError) out.errors = e.errors;
  return out;
}

/**
 * Returns a copy of `value` with personal-data keys masked at any depth.
 * pino's own `redact` needs explicit paths (no deep wildcard), so we walk instead.
 */
export function redactDeep(value: unknown, keys: ReadonlySet<string>): unknown {
  const ancestors = new WeakSet<object>();
  const walk = (v: unknown, depth: number): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (ancestors.has(v)) return '[Circular]';
    if (depth > MAX_DEPTH) return '[Truncated]';
    let src: object = v;
    if (v instanceof Error) src = errorToObject(v);
    else if (!Array.isArray(v) && !isPlain(v)) return v; // Dates, Buffers, ObjectIds, fastify req/res: left to serializers/JSON
    ancestors.add(v);
    try {
      if (Array.isArray(src)) return src.map((item) => walk(item, depth + 1));
      const out: Record<string, unknown> = {};
      for (const [k, child] of Object.entries(src)) {
        out[k] = keys.has(normalizeKey(k)) && child != null ? REDACTED : walk(child, depth + 1);
      }
      return out;
    } finally {
      ancestors.delete(v); // only ancestors make a cycle; an object shared by siblings is fine
    }
  };
  return walk(value, 0);
}
