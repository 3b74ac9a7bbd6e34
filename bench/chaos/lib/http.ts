// HTTP as a careful client does it during faults: every command carries its own command id and is sent
// again, with the same id, while the service does not answer or answers 5xx; logins are cached.
import { DEMO_PASSWORD, type Json } from '../../../test/e2e/session.js';

export type Headers = Record<string, string>;
/** When to give up, read at each attempt: a phase of the run can push it back while a fault lasts. */
export type Deadline = () => number;
export interface Answer {
  status: number;
  body: Json;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function once(method: string, url: string, body?: object, headers: Headers = {}): Promise<Answer> {
  const response = await fetch(url, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  let parsed: Json = {};
  try {
    parsed = text ? (JSON.parse(text) as Json) : {};
  } catch {
    parsed = { text };
  }
  return { status: response.status, body: parsed };
}

/** Sends until the service answers below 500, or the deadline passes (then the last failure is thrown). */
export async function send(
  method: string,
  url: string | (() => string),
  body: object | undefined,
  headers: Headers,
  deadline: Deadline,
): Promise<Answer & { attempts: number }> {
  let attempts = 0;
  for (;;) {
    attempts++;
    let failure: string;
    try {
      const answer = await once(method, typeof url === 'string' ? url : url(), body, headers);
      if (answer.status < 500) return { ...answer, attempts };
      failure = `${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`;
    } catch (err) {
      failure = (err as Error).message;
    }
    if (Date.now() > deadline())
      throw new Error(
        `${method} ${typeof url === 'string' ? url : url()}: ${failure} (after ${attempts} attempts)`,
      );
    await sleep(Math.min(2_000, 200 * attempts));
  }
}

/** Polls `check` (which throws while not there yet) until it returns or the deadline passes. */
export async function until<T>(check: () => Promise<T>, deadline: Deadline, everyMs = 500): Promise<T> {
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline()) throw err;
      await sleep(everyMs);
    }
  }
}

/** Demo officers' logins at intake, made once each and kept. */
export class Sessions {
  private readonly cache = new Map<string, Promise<Headers>>();

  constructor(private readonly intake: () => string) {}

  as(user: string, deadline: Deadline): Promise<Headers> {
    let headers = this.cache.get(user);
    if (!headers) {
      const login = { username: user, password: DEMO_PASSWORD };
      headers = send('POST', `${this.intake()}/auth/login`, login, {}, deadline).then((r) => {
        if (r.status !== 200) throw new Error(`login ${user}: ${r.status} ${JSON.stringify(r.body)}`);
        return { authorization: `Bearer ${r.body.accessToken as string}` };
      });
      headers.catch(() => this.cache.delete(user));
      this.cache.set(user, headers);
    }
    return headers;
  }

  /** After a 401 (an expired token): the next call logs in again. */
  forget(user: string): void {
    this.cache.delete(user);
  }
}
