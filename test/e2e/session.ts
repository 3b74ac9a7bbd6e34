// HTTP helpers shared by the end-to-end tests: JSON calls and officer login (ADR 0008).

export interface Json {
  // biome-ignore lint/suspicious/noExplicitAny: e2e tests read whatever the API answers
  [key: string]: any;
}

/** The demo accounts' password (MOTCUA_DEMO_PASSWORD, default as in intake). */
export const DEMO_PASSWORD = process.env.MOTCUA_DEMO_PASSWORD || 'motcua-demo';

export async function call(method: string, url: string, body?: object, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

/** Logs in at intake; the headers to send as that officer. */
export async function login(intake: string, username: string, password = DEMO_PASSWORD) {
  const r = await call('POST', `${intake}/auth/login`, { username, password });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  return { authorization: `Bearer ${r.body.accessToken as string}` };
}
