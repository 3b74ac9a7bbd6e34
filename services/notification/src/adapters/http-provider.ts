import { type Channel, type OutgoingMessage, PermanentDeliveryError } from './channel-router.js';

export interface HttpProviderOptions {
  /** The provider's send endpoint: the message is POSTed to it as JSON. */
  url: string;
  token: string;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** Attempts in all, the first included. */
  maxAttempts?: number;
  /** First backoff; doubles on each retry. */
  backoffMs?: number;
  /** Longest wait honoured from a Retry-After header. */
  maxRetryAfterMs?: number;
  /** Client-side rate limit: requests per second (token bucket), burst = the same number. */
  ratePerSecond?: number;
  sleep?: (ms: number) => Promise<void>;
  /** The rate limit's clock (tests inject one to check the spacing without timing real requests). */
  now?: () => number;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A token bucket: `take` resolves when a token is free, refilling at `ratePerSecond`. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity = Math.max(1, ratePerSecond),
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = wait,
  ) {
    this.tokens = this.capacity;
    this.last = now();
  }

  take(): Promise<void> {
    const turn = this.queue.then(async () => {
      for (;;) {
        const now = this.now();
        this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
        this.last = now;
        if (this.tokens >= 1) {
          this.tokens -= 1;
          return;
        }
        await this.sleep(Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000));
      }
    });
    this.queue = turn;
    return turn;
  }
}

/** Retry-After as seconds or an HTTP date, in milliseconds; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * SMS and Zalo-style messaging through one HTTP provider API: POST JSON with a bearer token and an
 * `Idempotency-Key` header; retries with exponential backoff on 5xx, timeouts and 429 (honouring
 * Retry-After); any other 4xx is a `PermanentDeliveryError` carrying the provider's reason.
 */
export class HttpProviderChannel implements Channel {
  private readonly bucket: TokenBucket | undefined;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: HttpProviderOptions) {
    this.sleep = options.sleep ?? wait;
    this.bucket = options.ratePerSecond
      ? new TokenBucket(options.ratePerSecond, undefined, options.now, options.sleep)
      : undefined;
  }

  async send(message: OutgoingMessage, idempotencyKey: string): Promise<{ providerMessageId: string }> {
    const {
      url,
      token,
      timeoutMs = 5_000,
      maxAttempts = 4,
      backoffMs = 200,
      maxRetryAfterMs = 30_000,
    } = this.options;
    let lastError = 'not attempted';
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      await this.bucket?.take();
      let delay = backoffMs * 2 ** (attempt - 1);
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${token}`,
            'idempotency-key': idempotencyKey,
          },
          body: JSON.stringify({ to: message.to, text: message.text, subject: message.subject }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        const body = await response.text();
        if (response.ok) {
          const parsed = safeJson(body) as { providerMessageId?: unknown; id?: unknown } | undefined;
          const id = parsed?.providerMessageId ?? parsed?.id;
          return { providerMessageId: typeof id === 'string' ? id : idempotencyKey };
        }
        const reason = reasonOf(response.status, body);
        if (response.status === 429) {
          const after = retryAfterMs(response.headers.get('retry-after'));
          if (after !== undefined) delay = Math.min(after, maxRetryAfterMs);
          lastError = reason;
        } else if (response.status >= 500) {
          lastError = reason;
        } else {
          throw new PermanentDeliveryError(reason, response.status);
        }
      } catch (err) {
        if (err instanceof PermanentDeliveryError) throw err;
        lastError = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      }
      if (attempt < maxAttempts) await this.sleep(delay);
    }
    throw new Error(`provider unavailable after ${maxAttempts} attempts: ${lastError}`);
  }
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const reasonOf = (status: number, body: string): string => {
  const parsed = safeJson(body) as { reason?: unknown; message?: unknown; error?: unknown } | undefined;
  const reason = parsed?.reason ?? parsed?.message ?? parsed?.error ?? body.slice(0, 200);
  return `HTTP ${status}: ${String(reason)}`;
};
