import { int, readConfig, str, url } from '@motcua/config';

export const SERVICES = ['intake', 'routing', 'department', 'notification', 'monitoring'] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface WebConfig {
  host: string;
  port: number;
  logLevel: string;
  /** Strict-Transport-Security max-age; 0 sends none. */
  hstsMaxAgeSeconds: number;
  /** Where each service's HTTP API answers; the web server proxies `/api/<service>/…` there. */
  upstreams: Record<ServiceName, string>;
}

/** WEB_HTTP_HOST / WEB_HTTP_PORT, and WEB_<SERVICE>_URL for each service (defaults: 127.0.0.1:7101…7105). */
export function webConfig(env: Record<string, string | undefined> = process.env): WebConfig {
  const c = readConfig(
    {
      WEB_HTTP_HOST: str('0.0.0.0'),
      WEB_HTTP_PORT: int(7100, { min: 0, max: 65535 }),
      LOG_LEVEL: str('info'),
      WEB_HSTS_MAX_AGE_SECONDS: int(31_536_000, { min: 0 }),
      ...Object.fromEntries(
        SERVICES.map((s, i) => [`WEB_${s.toUpperCase()}_URL`, url(`http://127.0.0.1:${7101 + i}`)]),
      ),
    },
    env,
  ) as Record<string, string | number>;
  return {
    host: String(c.WEB_HTTP_HOST),
    port: Number(c.WEB_HTTP_PORT),
    logLevel: String(c.LOG_LEVEL),
    hstsMaxAgeSeconds: Number(c.WEB_HSTS_MAX_AGE_SECONDS),
    upstreams: Object.fromEntries(
      SERVICES.map((s) => [s, String(c[`WEB_${s.toUpperCase()}_URL`]).replace(/\/$/, '')]),
    ) as Record<ServiceName, string>,
  };
}
