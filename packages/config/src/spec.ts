/** One field of a config spec: parses a raw env string or reports a problem. */
export interface Field<T> {
  readonly kind: string;
  readonly default?: T;
  /** Returns the parsed value, or an error string (English) describing why the raw value is bad. */
  parse(raw: string): { ok: true; value: T } | { ok: false; problem: string };
}

export type Spec = Record<string, Field<unknown>>;
export type ConfigOf<S extends Spec> = { [K in keyof S]: S[K] extends Field<infer T> ? T : never };

const ok = <T>(value: T) => ({ ok: true as const, value });
const bad = (problem: string) => ({ ok: false as const, problem });

export function str(defaultValue?: string): Field<string> {
  return { kind: 'string', default: defaultValue, parse: (raw) => ok(raw) };
}

export function int(defaultValue?: number, range: { min?: number; max?: number } = {}): Field<number> {
  return {
    kind: 'integer',
    default: defaultValue,
    parse(raw) {
      const s = raw.trim();
      if (!/^-?\d+$/.test(s)) return bad(`expected an integer, got "${raw}"`);
      const n = Number(s);
      if (!Number.isSafeInteger(n)) return bad(`integer out of safe range: "${raw}"`);
      if (range.min !== undefined && n < range.min) return bad(`must be >= ${range.min}, got ${n}`);
      if (range.max !== undefined && n > range.max) return bad(`must be <= ${range.max}, got ${n}`);
      return ok(n);
    },
  };
}

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

export function bool(defaultValue?: boolean): Field<boolean> {
  return {
    kind: 'boolean',
    default: defaultValue,
    parse(raw) {
      const s = raw.trim().toLowerCase();
      if (TRUE.has(s)) return ok(true);
      if (FALSE.has(s)) return ok(false);
      return bad(`expected true/false/1/0/yes/no/on/off, got "${raw}"`);
    },
  };
}

export function list(defaultValue?: string[]): Field<string[]> {
  return {
    kind: 'list',
    default: defaultValue,
    parse(raw) {
      const items = raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
      return items.length > 0 ? ok(items) : bad('expected a non-empty comma-separated list');
    },
  };
}

export function url(defaultValue?: string): Field<string> {
  return {
    kind: 'url',
    default: defaultValue,
    parse(raw) {
      const s = raw.trim();
      try {
        new URL(s);
        return ok(s);
      } catch {
        return bad(`expected an absolute URL, got "${raw}"`);
      }
    },
  };
}

export function oneOf<const V extends string>(values: readonly V[], defaultValue?: V): Field<V> {
  return {
    kind: `one of ${values.join('|')}`,
    default: defaultValue,
    parse(raw) {
      const s = raw.trim();
      return (values as readonly string[]).includes(s)
        ? ok(s as V)
        : bad(`expected one of ${values.join(', ')}, got "${raw}"`);
    },
  };
}
