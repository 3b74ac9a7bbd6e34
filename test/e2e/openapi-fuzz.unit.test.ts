import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invalid, operationsOf, requestsFor, valid } from './openapi-fuzz.js';

const body = {
  type: 'object',
  additionalProperties: false,
  required: ['commandId', 'method'],
  properties: {
    commandId: { type: 'string', format: 'uuid' },
    method: { type: 'string', enum: ['counter', 'postal'] },
    lookupKey: { type: 'string', pattern: '^[A-Z0-9]{8}$' },
    count: { type: 'integer', minimum: 1, maximum: 5 },
  },
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const follows = (v: unknown): boolean => {
  const o = v as Record<string, unknown>;
  return (
    typeof o === 'object' &&
    o !== null &&
    UUID.test(String(o.commandId)) &&
    ['counter', 'postal'].includes(String(o.method)) &&
    (o.lookupKey === undefined || /^[A-Z0-9]{8}$/.test(String(o.lookupKey))) &&
    (o.count === undefined ||
      (Number.isInteger(o.count) && (o.count as number) >= 1 && (o.count as number) <= 5))
  );
};

describe('the OpenAPI fuzzer', () => {
  it('generates bodies that follow the schema: formats, enums, patterns, bounds, required fields', () => {
    for (const v of fc.sample(valid(body), { numRuns: 200, seed: 1 })) expect(follows(v)).toBe(true);
  });

  it('generates mostly bodies that break it', () => {
    const broken = fc.sample(invalid(body), { numRuns: 200, seed: 2 }).filter((v) => !follows(v));
    expect(broken.length).toBeGreaterThan(150);
  });

  it("reads an OpenAPI 3 document's operations and fills in path and query params", () => {
    const doc = {
      paths: {
        '/dossiers/{dossierId}/result-return': {
          post: {
            parameters: [
              { in: 'path', name: 'dossierId', required: true, schema: { type: 'string', format: 'uuid' } },
              { in: 'query', name: 'lang', required: false, schema: { type: 'string', enum: ['vi', 'en'] } },
            ],
            requestBody: { content: { 'application/json': { schema: body } } },
          },
        },
      },
    };
    const [op] = operationsOf(doc);
    expect(op).toMatchObject({ method: 'POST', path: '/dossiers/{dossierId}/result-return' });
    const requests = requestsFor(op!, 12, 3);
    expect(requests).toHaveLength(12);
    expect(requests).toEqual(requestsFor(op!, 12, 3)); // the same seed, the same run
    for (const r of requests) expect(r.url).toMatch(/^\/dossiers\/[^/{}]+\/result-return/);
    expect(requests.some((r) => follows(r.body))).toBe(true);
    expect(requests.some((r) => !follows(r.body))).toBe(true);
  });
});
