import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICES, type ServiceName } from '../src/server/config.js';
import { buildWebServer } from '../src/server/server.js';

// A stand-in service on a loopback port: it answers with what it received.
let upstream: Server;
let web: FastifyInstance;
const dist = mkdtempSync(join(tmpdir(), 'motcua-web-'));

const body = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });

beforeAll(async () => {
  writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="app"></div>');
  writeFileSync(join(dist, 'app.js'), 'console.log(1)');
  upstream = createServer(async (req, res) => {
    res.setHeader('content-type', 'application/json');
    res.setHeader('x-upstream', 'yes');
    res.statusCode = req.url?.startsWith('/missing') ? 404 : 200;
    res.end(
      JSON.stringify({
        method: req.method,
        url: req.url,
        authorization: req.headers.authorization ?? null,
        contentType: req.headers['content-type'] ?? null,
        body: await body(req),
      }),
    );
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  const upstreams = Object.fromEntries(SERVICES.map((s) => [s, url])) as Record<ServiceName, string>;
  // monitoring points nowhere: port 9 on loopback refuses connections.
  upstreams.monitoring = 'http://127.0.0.1:9';
  web = await buildWebServer({ upstreams, distDir: dist, logLevel: 'silent' });
});
afterAll(async () => {
  await web?.close();
  await new Promise((r) => upstream?.close(r));
});

describe('the web server', () => {
  it('passes /api/<service>/… to the service with its method, query, body and token, and its answer back', async () => {
    const r = await web.inject({
      method: 'POST',
      url: '/api/intake/dossiers/abc/result-return?x=1',
      headers: { authorization: 'Bearer t0k3n', 'content-type': 'application/json' },
      payload: '{"commandId":"c-1"}',
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers['x-upstream']).toBe('yes');
    expect(r.json()).toEqual({
      method: 'POST',
      url: '/dossiers/abc/result-return?x=1',
      authorization: 'Bearer t0k3n',
      contentType: 'application/json',
      body: '{"commandId":"c-1"}',
    });
  });

  it("keeps the service's status and passes uploads untouched", async () => {
    const missing = await web.inject({ method: 'GET', url: '/api/routing/missing' });
    expect(missing.statusCode).toBe(404);
    const multipart = '--b\r\ncontent-disposition: form-data; name="a"\r\n\r\n1\r\n--b--\r\n';
    const up = await web.inject({
      method: 'POST',
      url: '/api/intake/documents',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
      payload: multipart,
    });
    expect(up.json()).toMatchObject({ contentType: 'multipart/form-data; boundary=b', body: multipart });
  });

  it('answers 502 with a bilingual error when the service does not answer, and 404 for an unknown service', async () => {
    const down = await web.inject({ method: 'GET', url: '/api/monitoring/board/due' });
    expect(down.statusCode).toBe(502);
    expect(down.json().error.code).toBe('SERVICE_UNAVAILABLE');
    expect(down.json().error.message.vi).toBeTruthy();
    const unknown = await web.inject({ method: 'GET', url: '/api/payroll/x' });
    expect(unknown.statusCode).toBe(404);
  });

  it('serves the app for every page (deep links) and only built files under /assets', async () => {
    const page = await web.inject({ method: 'GET', url: '/counter/dossiers/abc' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('id="app"');
    const asset = await web.inject({ method: 'GET', url: '/assets/app.js' });
    expect(asset.headers['content-type']).toContain('text/javascript');
    const traversal = await web.inject({ method: 'GET', url: '/assets/..%2F..%2Fetc%2Fpasswd' });
    expect(traversal.statusCode).toBe(404);
  });
});

describe('the security headers (issue 13, part 6)', () => {
  it('forbid inline scripts and framing, and send nosniff, a referrer policy and HSTS on pages and assets', async () => {
    for (const url of ['/applicant', '/assets/app.js', '/api/intake/x']) {
      const r = await web.inject({ method: 'GET', url });
      const csp = String(r.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
      expect(r.headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
    }
  });

  it('serve a page with no inline script for the policy to break', async () => {
    const { readFile } = await import('node:fs/promises');
    const html = await readFile(new URL('../src/client/index.html', import.meta.url), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, content] of scripts) {
      expect(attributes).toMatch(/src="\/assets\//);
      expect(content!.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style|\son[a-z]+=/i);
  });
});
