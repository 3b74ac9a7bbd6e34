// The web consoles under test: the five services (lifecycle harness) + the web server on the same base
// port, and a headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core: no downloads).
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO_ROOT, type RunningWeb, startWeb } from '@motcua/testing';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type Lifecycle, startLifecycle } from './lifecycle-harness.js';
import { DEMO_PASSWORD } from './session.js';

export const CHROMIUM = process.env.MOTCUA_CHROMIUM ?? '/usr/bin/chromium';
// Without the background-networking flags Chromium waits on the network this closed machine lacks.
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOTS = join(REPO_ROOT, 'test-artifacts', 'screenshots');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** For expect.poll: what the page shows may wait on events crossing Kafka (not a speed check). */
export const SETTLE = { timeout: 30_000, interval: 200 };

export interface WebConsoles {
  life: Lifecycle;
  web: RunningWeb;
  browser: Browser;
  /** A new browser tab (own cookies and storage); `phone` gives a 390×844 touch viewport. */
  page: (options?: { phone?: boolean }) => Promise<Page>;
  stop: () => Promise<void>;
}

/** Services on basePort+1…+5, the web server on basePort (all + MOTCUA_E2E_PORT_SHIFT), a fresh headless Chromium profile. */
export async function startWebConsoles(
  basePort: number,
  /** For the services and the web server alike, e.g. `MOTCUA_ORGANISATION`. */
  extraEnv: Record<string, string> = {},
): Promise<WebConsoles> {
  const life = await startLifecycle(basePort, extraEnv);
  let web: RunningWeb | undefined;
  let browser: Browser | undefined;
  try {
    web = await startWeb({
      system: life.system,
      port: basePort,
      logDir: join(REPO_ROOT, 'test-artifacts', `e2e-web-${basePort}`),
      extraEnv,
    });
    // playwright-core starts every browser in a new temporary profile (a fresh --user-data-dir).
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  } catch (err) {
    await web?.stop();
    await life.stop();
    throw err;
  }
  const b = browser;
  const w = web;
  return {
    life,
    web: w,
    browser: b,
    page: async (options = {}) => {
      const context = await b.newContext({
        baseURL: w.url,
        locale: 'vi-VN',
        timezoneId: 'Asia/Ho_Chi_Minh',
        ...(options.phone
          ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }
          : { viewport: { width: 1280, height: 900 } }),
      });
      const page = await context.newPage();
      // The console's Content-Security-Policy must never have to block anything the app does.
      const blocked: string[] = [];
      cspReports.set(page, blocked);
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
      });
      return page;
    },
    stop: async () => {
      await b.close();
      await w.stop();
      await life.stop();
    },
  };
}

/** Logs an officer in through the login page. */
export async function logIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
}

/** Saves the page as test-artifacts/screenshots/<name>.png (the test's evidence for people). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

const cspReports = new WeakMap<Page, string[]>();

/**
 * axe-core on the page as it is; the serious and critical violations (keyboard, labels, contrast…),
 * and, as critical too, anything the page's Content-Security-Policy had to block so far.
 */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, which the page's CSP (no inline script) does not apply to.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected as a global
    const axe = (window as any).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations as AxeViolation[];
  });
  const csp = (cspReports.get(page) ?? []).map((help) => ({
    id: 'csp',
    impact: 'critical',
    help,
    nodes: [],
  }));
  return [...violations, ...csp]
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
}
