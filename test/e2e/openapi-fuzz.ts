// A small property-based fuzzer for the services' OpenAPI documents (GET /docs/json), with fast-check:
// for each operation, requests whose path params, query and JSON body follow the schemas, and requests
// that break them (wrong types, missing fields, random JSON, odd strings). Deterministic per seed.
import fc from 'fast-check';

// biome-ignore lint/suspicious/noExplicitAny: OpenAPI schemas are free-form JSON
type Schema = Record<string, any>;

export interface Operation {
  method: string;
  /** OpenAPI path, e.g. /dossiers/{dossierId}/refusal */
  path: string;
  params: { name: string; in: 'path' | 'query'; required: boolean; schema: Schema }[];
  body?: Schema;
}

export interface FuzzRequest {
  method: string;
  url: string;
  body?: unknown;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** The operations of one OpenAPI 3 document. */
export function operationsOf(doc: Schema): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries<Schema>(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])]
        .filter((p: Schema) => p.in === 'path' || p.in === 'query')
        .map((p: Schema) => ({
          name: p.name,
          in: p.in,
          required: Boolean(p.required),
          schema: p.schema ?? {},
        }));
      const body = op.requestBody?.content?.['application/json']?.schema;
      ops.push({ method: method.toUpperCase(), path, params, ...(body ? { body } : {}) });
    }
  }
  return ops;
}

const ODD_STRINGS = fc.constantFrom(
  '',
  ' ',
  '../../etc/passwd',
  '%00',
  '__proto__',
  'constructor',
  '0',
  '-1',
  '9'.repeat(40),
  "'; DROP TABLE x;--",
  '{"$gt":""}',
  'ẞ🙂\u0000',
  'x'.repeat(5000),
);

/** Values that follow a JSON schema (the subset the services use). */
export function valid(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) return fc.oneof(...alternatives.map((s: Schema) => valid(s, depth)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type ?? (schema.properties ? 'object' : 'string')) {
    case 'string':
      return validString(schema);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 100_000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 100_000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return depth > 4
        ? fc.constant([])
        : fc.array(valid(schema.items ?? {}, depth + 1), {
            minLength: schema.minItems ?? 0,
            maxLength: Math.min(schema.maxItems ?? 3, 3),
          });
    default: {
      const props = Object.entries<Schema>(schema.properties ?? {});
      const required = new Set<string>(schema.required ?? []);
      if (depth > 4) return fc.constant({});
      return fc.record(Object.fromEntries(props.map(([k, s]) => [k, valid(s, depth + 1)])), {
        requiredKeys: props.map(([k]) => k).filter((k) => required.has(k)),
      });
    }
  }
}

function validString(schema: Schema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.max(min, Math.min(schema.maxLength ?? 40, 60));
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'date-time':
      return fc
        .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'date':
      return fc
        .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'email':
      return fc.emailAddress();
  }
  if (schema.pattern) {
    return fc
      .stringMatching(new RegExp(schema.pattern))
      .filter((s) => s.length >= min && (schema.maxLength === undefined || s.length <= schema.maxLength));
  }
  return fc.string({ minLength: min, maxLength: max, unit: 'grapheme' });
}

/** Values that most likely break the schema: wrong types, odd strings, random JSON. */
export function invalid(schema: Schema): fc.Arbitrary<unknown> {
  const wrongType = fc.oneof(
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    ODD_STRINGS,
    fc.array(fc.integer(), { maxLength: 3 }),
  );
  if (schema.type !== 'object' && !schema.properties)
    return fc.oneof(wrongType, fc.jsonValue({ maxDepth: 3 }));
  const props = Object.entries<Schema>(schema.properties ?? {});
  // A valid object with one field broken or dropped, or something else entirely.
  const broken =
    props.length === 0
      ? fc.constant({ unexpected: 1 })
      : fc
          .tuple(
            valid(schema) as fc.Arbitrary<Record<string, unknown>>,
            fc.constantFrom(...props.map(([k]) => k)),
            wrongType,
            fc.boolean(),
          )
          .map(([o, key, value, drop]) => {
            const copy: Record<string, unknown> = { ...o };
            if (drop) delete copy[key];
            else copy[key] = value;
            return copy;
          });
  return fc.oneof(
    broken,
    fc.jsonValue({ maxDepth: 4 }),
    fc.constant(JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}')),
  );
}

const asText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** `count` requests for an operation, half following its schemas and half breaking them. */
export function requestsFor(op: Operation, count: number, seed: number): FuzzRequest[] {
  const arb = fc.boolean().chain((ok) =>
    fc.record({
      params: fc.tuple(
        ...op.params.map((p) =>
          (ok ? valid(p.schema) : fc.oneof(valid(p.schema), invalid(p.schema), ODD_STRINGS)).map(
            (v) => [p, v] as const,
          ),
        ),
      ),
      body: op.body ? (ok ? valid(op.body) : invalid(op.body)) : fc.constant(undefined),
    }),
  );
  return fc.sample(arb, { numRuns: count, seed }).map(({ params, body }) => {
    let url = op.path;
    const query = new URLSearchParams();
    for (const [p, v] of params) {
      if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(asText(v) || 'x'));
      else if (v !== undefined) query.set(p.name, asText(v));
    }
    const qs = query.toString();
    return { method: op.method, url: qs ? `${url}?${qs}` : url, ...(body !== undefined ? { body } : {}) };
  });
}
