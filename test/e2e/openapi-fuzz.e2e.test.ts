// The fuzz run (issue 13, part 7): every operation of every service's OpenAPI document, with requests
// that follow its schemas and requests that break them, as three roles of two kinds (a counter
// officer, a department head, the system admin); no answer may be a 5xx (or hang). Bounded: 12
// requests per operation, a fixed seed, so a failure is reproduced by running it again.
import { SERVICES } from '@motcua/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Headers, type Lifecycle, startLifecycle } from './lifecycle-harness.js';
import { type FuzzRequest, operationsOf, requestsFor } from './openapi-fuzz.js';

const PER_OPERATION = 12;
const SEED = 20_261_304;
const ROLES = ['counter.hue', 'head.tckh.hue', 'sysadmin'] as const;
// Not request/response: the live event stream holds its connection open; the test clock moves time.
const SKIPPED = [/^\/events\/stream$/, /^\/test\//, /^\/docs/];

let life: Lifecycle;
const tokens: Headers[] = [];

beforeAll(async () => {
  life = await startLifecycle(19_500);
  await life.setClock('2026-03-02T09:00');
  for (const role of ROLES) tokens.push(await life.as(role));
});
afterAll(async () => life?.stop());

async function send(base: string, r: FuzzRequest, headers: Headers): Promise<number | string> {
  try {
    const response = await fetch(`${base}${r.url}`, {
      method: r.method,
      headers: { ...headers, ...(r.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(r.body !== undefined ? { body: JSON.stringify(r.body) } : {}),
      signal: AbortSignal.timeout(15_000),
    });
    await response.arrayBuffer();
    return response.status;
  } catch (err) {
    return `no answer: ${(err as Error).name}`;
  }
}

describe('the fuzz run of every OpenAPI document', () => {
  it.each(SERVICES)('finds no 5xx on %s', async (service) => {
    const base = life.system.http[service];
    const doc = await (await fetch(`${base}/docs/json`)).json();
    const operations = operationsOf(doc).filter((op) => !SKIPPED.some((re) => re.test(op.path)));
    expect(operations.length).toBeGreaterThan(0);
    const failures: string[] = [];
    const statuses = new Map<number | string, number>();
    let sent = 0;
    for (const [i, op] of operations.entries()) {
      for (const [j, request] of requestsFor(op, PER_OPERATION, SEED + i).entries()) {
        const status = await send(base, request, tokens[j % tokens.length]!);
        sent++;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (typeof status === 'string' || status >= 500) {
          const body = request.body === undefined ? '' : ` ${JSON.stringify(request.body).slice(0, 300)}`;
          failures.push(
            `${status} ← ${ROLES[j % ROLES.length]} ${request.method} ${request.url.slice(0, 200)}${body}`,
          );
        }
      }
    }
    const seen = [...statuses].map(([k, n]) => `${k}×${n}`).join(' ');
    console.info(`fuzz ${service}: ${operations.length} operations, ${sent} requests (${seen})`);
    expect(failures).toEqual([]);
    // The run reaches the handlers: some requests pass validation and the guard, some are refused as malformed.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
  });
});
