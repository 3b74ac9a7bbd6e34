/**
 * A small checker for proto3 JSON objects. ts-proto's fromJSON never fails (it fills defaults),
 * so required fields and formats are checked here, on the raw JSON, before fromJSON runs.
 *
 * proto3 JSON omits default values (`""`, `0`, `false`): a "required" string must be non-empty and a
 * "required" number must be >= 1, while an optional one may be absent.
 */

export type JsonObject = { [key: string]: unknown };

export type FieldRule =
  | { kind: 'string'; required?: boolean; oneOf?: readonly string[] }
  | { kind: 'uuid'; required?: boolean }
  | { kind: 'timestamp'; required?: boolean }
  | { kind: 'uint'; required?: boolean }
  | { kind: 'bool' }
  | { kind: 'object'; required?: boolean; fields: Shape }
  | { kind: 'array'; required?: boolean; items: Shape }
  | { kind: 'strings'; required?: boolean };

/** Keys are lowerCamelCase; the proto field name (snake_case) is accepted too, as proto3 JSON requires. */
export type Shape = Readonly<Record<string, FieldRule>>;

export interface Issue {
  /** e.g. `applicant.fullName`, `documents[2].name` */
  path: string;
  problem: 'missing' | 'invalid';
  expected: string;
}

// RFC 3339 as proto3 JSON writes Timestamps; Date.parse alone accepts far too much.
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isTimestamp(value: unknown): value is string {
  if (typeof value !== 'string' || !RFC3339.test(value) || Number.isNaN(Date.parse(value))) return false;
  // Date.parse rolls 2025-02-30 over to March; a real date reads back the same.
  const y = Number(value.slice(0, 4));
  const m = Number(value.slice(5, 7));
  const d = Number(value.slice(8, 10));
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const snakes = new Map<string, string>();
const snake = (key: string): string => {
  let name = snakes.get(key);
  if (name === undefined) {
    name = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    snakes.set(key, name);
  }
  return name;
};

/** Reads a field by its JSON name or its proto name. */
export function field(obj: JsonObject, key: string): unknown {
  return obj[key] ?? obj[snake(key)];
}

/** A shape's rules as a list, with each key's proto name: every event is checked against a few shapes. */
type Compiled = { key: string; snake: string; rule: FieldRule }[];
const compiled = new WeakMap<Shape, Compiled>();
function compile(shape: Shape): Compiled {
  let rules = compiled.get(shape);
  if (!rules) {
    rules = Object.entries(shape).map(([key, rule]) => ({ key, snake: snake(key), rule }));
    compiled.set(shape, rules);
  }
  return rules;
}

/** Returns every problem found (empty = valid). */
export function checkShape(value: unknown, shape: Shape, path = ''): Issue[] {
  const issues: Issue[] = [];
  checkInto(value, shape, path, issues);
  return issues;
}

function checkInto(value: unknown, shape: Shape, path: string, issues: Issue[]): void {
  if (!isJsonObject(value)) {
    issues.push({ path: path || '$', problem: 'invalid', expected: 'object' });
    return;
  }
  for (const { key, snake, rule } of compile(shape)) {
    checkField(value[key] ?? value[snake], rule, path, key, issues);
  }
}

/** `path` and `key` make the field's path only when it is needed (a nested rule or an issue). */
function checkField(value: unknown, rule: FieldRule, path: string, key: string, issues: Issue[]): void {
  if (rule.kind === 'object' && isJsonObject(value)) {
    checkInto(value, rule.fields, path ? `${path}.${key}` : key, issues);
  } else if (rule.kind === 'array' && Array.isArray(value)) {
    const at = path ? `${path}.${key}` : key;
    value.forEach((item, i) => {
      checkInto(item, rule.items, `${at}[${i}]`, issues);
    });
  }
  const verdict = judge(value, rule);
  const required = rule.kind !== 'bool' && rule.required === true;
  if (verdict === 'invalid' || (verdict === 'empty' && required)) {
    issues.push({
      path: path ? `${path}.${key}` : key,
      problem: verdict === 'empty' ? 'missing' : 'invalid',
      expected: describe(rule),
    });
  }
}

/** 'empty' = absent or the proto3 default value. */
function judge(value: unknown, rule: FieldRule): 'ok' | 'empty' | 'invalid' {
  if (value === undefined || value === null) return 'empty';
  switch (rule.kind) {
    case 'string':
      if (typeof value !== 'string') return 'invalid';
      if (value === '') return 'empty';
      return rule.oneOf && !rule.oneOf.includes(value) ? 'invalid' : 'ok';
    case 'uuid':
      return typeof value === 'string' && UUID.test(value) ? 'ok' : 'invalid';
    case 'timestamp':
      return isTimestamp(value) ? 'ok' : 'invalid';
    case 'uint': {
      // 64-bit ints are strings in canonical proto3 JSON; 32-bit ones may be strings too.
      const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) return 'invalid';
      return n === 0 ? 'empty' : 'ok';
    }
    case 'bool':
      return typeof value === 'boolean' ? 'ok' : 'invalid';
    case 'object':
      return isJsonObject(value) ? 'ok' : 'invalid';
    case 'array':
      if (!Array.isArray(value)) return 'invalid';
      return value.length === 0 ? 'empty' : 'ok';
    case 'strings':
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === '')) return 'invalid';
      return value.length === 0 ? 'empty' : 'ok';
  }
}

function describe(rule: FieldRule): string {
  switch (rule.kind) {
    case 'string':
      return rule.oneOf ? `one of ${rule.oneOf.join('|')}` : rule.required ? 'non-empty string' : 'string';
    case 'uuid':
      return 'UUID';
    case 'timestamp':
      return 'RFC 3339 timestamp';
    case 'uint':
      return rule.required ? 'integer >= 1' : 'integer >= 0';
    case 'bool':
      return 'boolean';
    case 'object':
      return 'object';
    case 'array':
      return rule.required ? 'non-empty array' : 'array';
    case 'strings':
      return rule.required ? 'non-empty array of non-empty strings' : 'array of non-empty strings';
  }
}
