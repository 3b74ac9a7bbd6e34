import type { FastifyInstance } from 'fastify';

/**
 * The page may run only the app's own script and style files: no inline script, no other origin, no
 * plugin, no framing by another site. Styles set from script (Preact's `style={…}`, Chart.js) go
 * through the CSSOM, which `style-src 'self'` does not block. The PDFs the consoles open are blob:
 * URLs, which inherit this policy, hence blob: for objects and frames.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'self' blob:",
  "frame-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Security headers on every answer of the web console (docs/security.md). HSTS is sent as well:
 * browsers ignore it over plain HTTP and keep to HTTPS once a TLS proxy serves the console.
 */
export function installSecurityHeaders(app: FastifyInstance, options: { hstsMaxAgeSeconds?: number } = {}) {
  const hsts = options.hstsMaxAgeSeconds ?? 31_536_000;
  // Set before the handler runs, so every answer has them: pages, assets, errors and proxied API calls.
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-frame-options', 'DENY');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=()');
    if (hsts > 0) reply.header('strict-transport-security', `max-age=${hsts}`);
  });
}
