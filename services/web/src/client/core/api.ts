// The one way the consoles talk to the services: `/api/<service>/<path>` on this origin, JSON in and out,
// the session's token attached, errors as ApiError with the services' stable code and {vi, en} message.
import { session } from './session.js';

export type Service = 'intake' | 'routing' | 'department' | 'notification' | 'monitoring';

export interface Bilingual {
  vi: string;
  en: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messages: Bilingual,
    readonly details?: unknown,
  ) {
    super(messages.en);
  }
}

const NETWORK: Bilingual = {
  vi: 'Không kết nối được với máy chủ, vui lòng thử lại',
  en: 'Cannot reach the server; please try again',
};

function authHeaders(): Record<string, string> {
  const token = session.current()?.token;
  return token ? { authorization: `Bearer ${token}` } : {};
}

async function errorOf(response: Response): Promise<ApiError> {
  const body = await response.json().catch(() => undefined);
  const e = body?.error;
  if (e?.code) return new ApiError(response.status, e.code, e.message ?? NETWORK, e.details);
  return new ApiError(response.status, `HTTP_${response.status}`, {
    vi: `Lỗi máy chủ (${response.status})`,
    en: `Server error (${response.status})`,
  });
}

export function apiUrl(service: Service, path: string, query?: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') q.set(k, v);
  const qs = q.toString();
  return `/api/${service}${path}${qs ? `?${qs}` : ''}`;
}

async function send(
  service: Service,
  path: string,
  init: RequestInit & { query?: Record<string, string | undefined> },
) {
  let response: Response;
  try {
    response = await fetch(apiUrl(service, path, init.query), {
      ...init,
      headers: { ...authHeaders(), ...(init.headers as Record<string, string>) },
    });
  } catch {
    throw new ApiError(0, 'NETWORK', NETWORK);
  }
  if (response.status === 401) session.expired();
  if (!response.ok) throw await errorOf(response);
  return response;
}

/** GET a JSON answer. */
export async function get<T>(service: Service, path: string, query?: Record<string, string | undefined>) {
  return (await (await send(service, path, { method: 'GET', query })).json()) as T;
}

/** What a console shows while a dossier intake holds has not reached a read side yet. */
export const BEING_RECORDED: Bilingual = {
  vi: 'Hồ sơ đang được ghi nhận, vui lòng tải lại sau giây lát',
  en: 'The dossier is being recorded; reload in a moment',
};

/**
 * GET from a read side the log feeds (routing's `/route`, monitoring's `/timeline`): just after intake
 * answered 201 they do not know the dossier for up to a second, and answer 404. A 404 is retried for
 * `waitMs`; if it lasts and `known()` says the dossier exists (intake holds it), the answer is the
 * error BEING_RECORDED (status 404), which the page shows instead of "not found".
 */
export async function getFromLog<T>(
  service: Service,
  path: string,
  options: {
    query?: Record<string, string | undefined>;
    known?: () => Promise<boolean>;
    waitMs?: number;
  } = {},
): Promise<T> {
  const until = Date.now() + (options.waitMs ?? 3000);
  for (;;) {
    try {
      return await get<T>(service, path, options.query);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 404) throw e;
      if (Date.now() >= until) {
        const exists = options.known ? await options.known().catch(() => false) : false;
        throw exists ? new ApiError(404, 'BEING_RECORDED', BEING_RECORDED, e.details) : e;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** POST (or PUT) a JSON body; commands carry their own `commandId` (see newCommandId). */
export async function post<T>(service: Service, path: string, body: object, method = 'POST') {
  const response = await send(service, path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as T;
}

/** A file answer (PDF, CSV…) with the session's token, as a Blob the page can open or save. */
export async function download(service: Service, path: string): Promise<Blob> {
  return (await send(service, path, { method: 'GET' })).blob();
}

/** Opens a downloaded file in a new tab (printing a receipt), or saves it when pop-ups are blocked. */
export function openBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const opened = window.open(url, '_blank');
  if (!opened) {
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.click();
  }
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * A multipart upload with progress (fetch cannot report upload progress; XMLHttpRequest can).
 * Field parts go first: the services read them before the file.
 */
export function upload<T>(
  service: Service,
  path: string,
  fields: Record<string, string>,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<T> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(service, path));
    for (const [k, v] of Object.entries(authHeaders())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', NETWORK));
    xhr.onload = () => {
      const body = (() => {
        try {
          return JSON.parse(xhr.responseText);
        } catch {
          return undefined;
        }
      })();
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(body as T);
      } else {
        const e = body?.error;
        reject(new ApiError(xhr.status, e?.code ?? `HTTP_${xhr.status}`, e?.message ?? NETWORK, e?.details));
      }
    };
    xhr.send(form);
  });
}

/** A fresh client command id: a retry of the same command reuses it, so nothing happens twice. */
export function newCommandId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; a counter PC may open the console over plain http on the LAN.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * A random secret kept with a command id for its retries where the caller has no account (an
 * online submission): the server answers a retried command id only with the same secret.
 */
export function newSubmissionSecret(): string {
  const b = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...b))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
