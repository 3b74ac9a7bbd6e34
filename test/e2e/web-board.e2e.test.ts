// The supervision board's console in a real browser against the running system (web server on 18810):
// a dossier processed through the services shows up in the charts, in report II.06a and its CSV, and
// its audited timeline, state at an instant, integrity and control sheet PDF open from the board.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeIn, household, timelineWith } from './lifecycle-harness.js';
import { call } from './session.js';
import {
  logIn,
  screenshot,
  seriousA11yViolations,
  startWebConsoles,
  type WebConsoles,
} from './web-harness.js';

let w: WebConsoles;
let code: string;
beforeAll(async () => {
  w = await startWebConsoles(18810);
  // one dossier received at Huế and resolved by both steps: the only one of this run's namespace
  const r = await call(
    'POST',
    `${w.life.system.http.intake}/dossiers`,
    household('Vũ Thị Giám Sát', 'giamsat@example.vn'),
    await w.life.as('counter.hue'),
  );
  expect(r.status).toBe(201);
  code = r.body.dossier.dossierCode;
  await completeIn(w.life, 'hue-city.finance-planning', r.body.dossier.dossierId, 'officer.tckh.hue');
  await completeIn(w.life, 'hue-city.leadership', r.body.dossier.dossierId, 'leader.hue');
  await timelineWith(w.life, r.body.dossier.dossierId, 'ResultReceivedAtCounter');
});
afterAll(async () => {
  await w?.stop();
});

async function boardPage(): Promise<Page> {
  const page = await w.page();
  await logIn(page, 'board');
  return page;
}

/** The report's totals line, cell by cell (received total … in progress overdue). */
const totals = (page: Page) => page.locator('[data-testid="report"] tfoot td').allTextContents();

describe('the supervision board', () => {
  it('opens the dashboard with its charts drawn and their data readable as tables', async () => {
    const page = await boardPage();
    await page.goto('/board');
    for (const chart of ['on-time-center', 'on-time-field', 'received-resolved', 'centers']) {
      await page.locator(`[data-testid="chart-${chart}"][data-chart="rendered"]`).waitFor();
    }
    const comparison = await page.getByTestId('center-comparison').textContent();
    expect(comparison).toContain('Huế');
    // fields by their names, never their codes (H57-…), in the chart data and the list without dossiers
    const byField = await page.getByTestId('chart-on-time-field').textContent();
    expect(byField).toContain('Thành lập và hoạt động của hộ kinh doanh');
    expect(byField).not.toMatch(/H57-/);
    expect(await page.getByTestId('fields-without').textContent()).not.toMatch(/H57-/);
    await screenshot(page, 'board-dashboard');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'How dossiers are being resolved' }).waitFor();
    expect(await page.getByTestId('center-comparison').textContent()).toContain('On-time rate');
  });

  it("shows a center's manager the dashboard of that center only", async () => {
    const page = await w.page();
    await logIn(page, 'admin.hue');
    await page.goto('/board');
    await page.locator('[data-testid="chart-centers"][data-chart="rendered"]').waitFor();
    const options = await page.getByLabel('Trung tâm').locator('option').allTextContents();
    expect(options).toEqual(['Trung tâm Hành chính công thành phố Huế']);
    expect(await page.getByTestId('center-comparison').locator('tbody tr').count()).toBe(1);
  });

  it('counts the processed dossier in report II.06a and exports it as CSV', async () => {
    const page = await boardPage();
    await page.goto('/board/report');
    await page.getByLabel('Trung tâm').selectOption('hue-city');
    // the statistics follow the log: show the report again until the resolved dossier is in it
    await expect
      .poll(async () => {
        await page.getByRole('button', { name: 'Xem báo cáo' }).click();
        await page.getByTestId('report').waitFor();
        return (await totals(page)).slice(0, 5);
      })
      .toEqual(['1', '0', '1', '0', '1']);
    await screenshot(page, 'board-report-ii06a');
    expect(await seriousA11yViolations(page)).toEqual([]);

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Xuất CSV' }).click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(/^II06a_.*\.csv$/);
    const text = readFileSync((await csv.path())!, 'utf8');
    expect(text).toContain('Số hồ sơ đã giải quyết');
    expect(text).toContain('Trung tâm Hành chính công thành phố Huế');
    expect(text).toMatch(/Tổng cộng,,,1,0,1,0,1,/); // received 1 (at the counter), resolved 1
  });

  it("opens a dossier's audited timeline, its state at an instant, its integrity and its control sheet PDF", async () => {
    const page = await boardPage();
    await page.goto('/board/dossiers');
    await page.getByLabel('Mã hồ sơ').fill(code);
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
    const timeline = await page.getByTestId('timeline').textContent();
    expect(timeline).toContain('Tiếp nhận hồ sơ');
    expect(timeline).toContain('Hoàn thành bước xử lý');
    expect(timeline).toContain('Đã giải quyết xong');
    expect(await page.getByTestId('integrity').textContent()).toMatch(/^Toàn vẹn/);

    await page.getByRole('button', { name: 'Xem trạng thái' }).click();
    await expect.poll(() => page.getByTestId('state-at').textContent()).toContain('Đã có kết quả');
    await page.getByLabel('Thời điểm (giờ Việt Nam)').fill('2026-01-01T08:00');
    await page.getByRole('button', { name: 'Xem trạng thái' }).click();
    await expect
      .poll(() => page.getByTestId('state-at').textContent())
      .toContain('Chưa có hồ sơ tại thời điểm này');
    await screenshot(page, 'board-dossier-audit');
    expect(await seriousA11yViolations(page)).toEqual([]);

    const [pdf, sheet] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/control-sheet.pdf')),
      page.waitForEvent('popup'),
      page.getByRole('button', { name: 'Mở phiếu kiểm soát (PDF)' }).click(),
    ]);
    expect(sheet.url()).toMatch(/^blob:/); // the PDF opened in a new tab
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
  });
});
