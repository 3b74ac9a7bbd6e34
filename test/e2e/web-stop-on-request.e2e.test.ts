// The department's console under the rules of the reception day, on the 2018 centers the tests run on
// (the rulebook follows the reception day, not the organisation): the head of department stops a Decree
// 118/2025 dossier on the applicant's request after confirming the stop notice and its legal basis, and
// is not offered that stop on a Decree 61/2018 dossier, whose forms cite Circular 01/2018.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { household, taskIn } from './lifecycle-harness.js';
import { call, type Json } from './session.js';
import {
  logIn,
  screenshot,
  seriousA11yViolations,
  startWebConsoles,
  type WebConsoles,
} from './web-harness.js';

const FINANCE = 'hue-city.finance-planning';
const CHOOSE = 'Chọn thao tác';
const KAFKA = { timeout: 60_000, interval: 250 };
let w: WebConsoles;
beforeAll(async () => {
  w = await startWebConsoles(18840);
});
afterAll(async () => {
  await w?.stop();
});

const main = (page: Page) => page.locator('main').textContent();

/** A dossier received at the Huế counter on a day, waiting in the finance department's queue. */
async function receivedOn(day: string, name: string, email: string, idNumber: string): Promise<Json> {
  await w.life.setClock(day);
  const r = await call(
    'POST',
    `${w.life.system.http.intake}/dossiers`,
    household(name, email, idNumber),
    await w.life.as('counter.hue'),
  );
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return taskIn(w.life, FINANCE, r.body.dossier.dossierId, 'head.tckh.hue');
}

describe("the stop on the applicant's request, where the dossier's rulebook allows it", () => {
  it('is offered on a dossier received on 2 July 2025, states the stop notice and its basis, and stops it once confirmed', async () => {
    const task = await receivedOn('2025-07-02T10:00', 'Ngô Thị Tám', 'tam.ngo@example.vn', '046191008822');
    const page = await w.page();
    await logIn(page, 'head.tckh.hue');
    await page.goto(`/department/tasks/${task.taskId}`);
    await page.getByTestId('dossier-rulebook').waitFor();
    expect(await page.getByTestId('dossier-rulebook').textContent()).toBe(
      'Nghị định 118/2025/NĐ-CP (trước Thông tư 03/2025/TT-VPCP)',
    );
    const choose = page.getByLabel(CHOOSE);
    expect(await choose.textContent()).toContain('Dừng giải quyết theo đề nghị của người nộp');
    await choose.selectOption('stopOnRequest');
    await page
      .getByLabel('Nội dung đề nghị của người nộp')
      .fill('Người nộp đề nghị dừng để bổ sung giấy tờ khác');
    await page.getByRole('button', { name: 'Dừng theo đề nghị' }).click();
    // nothing is sent before the consequence in law is confirmed
    const confirm = page.getByTestId('confirm');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain(
      'Thông báo dừng giải quyết hồ sơ (Nghị định 118/2025/NĐ-CP, Điều 21)',
    );
    await screenshot(page, 'department-stop-on-request-confirm');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Xác nhận: Dừng theo đề nghị' }).click();
    await expect.poll(() => page.getByTestId('process-status').textContent(), KAFKA).toContain('Dừng xử lý');
    expect(await page.getByTestId('notice').textContent()).toContain('theo đề nghị của người nộp');
    const route = await call(
      'GET',
      `${w.life.system.http.routing}/dossiers/${task.dossierId}/route`,
      undefined,
      await w.life.as('head.tckh.hue'),
    );
    expect(route.body.status).toBe('stopped');
  });

  it('is not offered on a dossier received on 30 June 2025 under Decree 61/2018, whose forms cite Circular 01/2018', async () => {
    const task = await receivedOn('2025-06-30T09:00', 'Ngô Văn Chín', 'chin.ngo@example.vn', '046191008823');
    await w.life.setClock('2025-07-02T11:00');
    const page = await w.page();
    await logIn(page, 'head.tckh.hue');
    await page.goto(`/department/tasks/${task.taskId}`);
    await page.getByTestId('dossier-rulebook').waitFor();
    expect(await page.getByTestId('dossier-rulebook').textContent()).toBe(
      'Nghị định 61/2018/NĐ-CP và Thông tư 01/2018/TT-VPCP',
    );
    const choices = (await page.getByLabel(CHOOSE).textContent())!;
    expect(choices).not.toContain('theo đề nghị của người nộp');
    expect(choices).toContain('Yêu cầu bổ sung hồ sơ (Mẫu số 02 (Thông tư 01/2018/TT-VPCP))');
    expect(await main(page)).toContain('Dừng giải quyết');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
