import crypto from 'node:crypto';

/**
 * The hash chain of an event stream: every recorded event carries `previousHash` (the `hash` of the
 * stream's previous event, '' for the first) and `hash`, the SHA-256 (hex) of the canonical JSON of
 * the event without its `hash`. Editing, removing or reordering an event breaks the chain.
 */

/**
 * JSON with object keys sorted (by UTF-16 code units, recursively) and no whitespace, so the same
 * value always gives the same text on every Node version. Members that are `undefined` or `null`
 * are left out: MongoDB turns `undefined` into `null` and proto3 JSON treats `null` as absent, so the
 * hash must not depend on the difference. Dates (and anything with `toJSON`) are written as JSON
 * would write them; non-finite numbers as `null`, as JSON does.
 */
export function canonicalJson(value: unknown): string {
  const text = write(value);
  return text === undefined ? 'null' : text;
}

/** Object keys as JSON strings: events repeat a few hundred names (bounded, an object's own keys may be data). */
const quotedKeys = new Map<string, string>();
function quoted(key: string): string {
  let text = quotedKeys.get(key);
  if (text === undefined) {
    text = JSON.stringify(key);
    if (quotedKeys.size < 10_000) quotedKeys.set(key, text);
  }
  return text;
}

function write(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return JSON.stringify(value);
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return write(toJSON.call(value));
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += `${i > 0 ? ',' : ''}${write(value[i]) ?? 'null'}`;
    return `${out}]`;
  }
  let out = '{';
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member === null) continue;
    const text = write(member);
    if (text !== undefined) out += `${out.length > 1 ? ',' : ''}${quoted(key)}:${text}`;
  }
  return `${out}}`;
}

/** `crypto.hash` (Node 20.12+) hashes a short text in one call, without a Hash object per event. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

export function sha256Hex(text: string): string {
  return oneShot
    ? oneShot('sha256', text, 'hex')
    : crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The hash an event should carry: over everything but its own `hash` (previousHash included). */
export function eventHash(event: object): string {
  const { hash: _ignored, ...rest } = event as Record<string, unknown>;
  return sha256Hex(canonicalJson(rest));
}

/** Gives a stream's new events their chain, continuing from the hash of the stream's last event. */
export function chainEvents<E extends object>(
  previousHash: string,
  events: E[],
): (E & { previousHash: string; hash: string })[] {
  let previous = previousHash;
  return events.map((event) => {
    const withPrevious = { ...event, previousHash: previous };
    const hash = eventHash(withPrevious);
    previous = hash;
    return { ...withPrevious, hash };
  });
}

export type ChainProblem =
  | { kind: 'unchained'; streamVersion: number; eventId: string }
  | { kind: 'gap'; streamVersion: number; eventId: string; expected: number }
  | { kind: 'reordered'; streamVersion: number; eventId: string; expectedPreviousHash: string }
  | { kind: 'altered'; streamVersion: number; eventId: string; recomputed: string };

/**
 * Checks one stream's events in stream order (as the store holds them): versions 1, 2, 3…, each
 * event's `previousHash` is the `hash` of the one before, and each `hash` is what its content gives.
 * Events recorded before the chain existed have no hash; they are reported as `unchained`.
 */
export function verifyStream(
  events: { eventId: string; streamVersion: number; previousHash?: string; hash?: string }[],
): ChainProblem[] {
  const problems: ChainProblem[] = [];
  let previousHash = '';
  let expected = 1;
  for (const event of events) {
    const { eventId, streamVersion } = event;
    if (streamVersion !== expected) problems.push({ kind: 'gap', streamVersion, eventId, expected });
    expected = streamVersion + 1;
    if (event.hash === undefined || event.hash === '') {
      problems.push({ kind: 'unchained', streamVersion, eventId });
      previousHash = '';
      continue;
    }
    if ((event.previousHash ?? '') !== previousHash) {
      problems.push({ kind: 'reordered', streamVersion, eventId, expectedPreviousHash: previousHash });
    }
    const recomputed = eventHash(event);
    if (recomputed !== event.hash) problems.push({ kind: 'altered', streamVersion, eventId, recomputed });
    previousHash = event.hash;
  }
  return problems;
}
