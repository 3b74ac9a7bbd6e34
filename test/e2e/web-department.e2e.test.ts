// The department's console in a real browser against the running system (web server on 18800):
// officers claim and complete, the head assigns, each sees only the actions its role and the task allow.
import { eventually } from '@motcua/testing';
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
const RESULT_INPUT = 'Tệp kết quả điện tử (PDF hoặc ảnh)';
/** What arrives through the log (a hand-over, the result) may take a while on a loaded machine. */
const KAFKA = { timeout: 60_000, interval: 250 };
let w: WebConsoles;
beforeAll(async () => {
  w = await startWebConsoles(18800);
});
afterAll(async () => {
  await w?.stop();
});

/** A dossier received at the Huế counter, waiting in the finance department's queue. */
async function receivedDossier(name: string, email: string): Promise<{ dossier: Json; lookupKey: string }> {
  const r = await call(
    'POST',
    `${w.life.system.http.intake}/dossiers`,
    household(name, email),
    await w.life.as('counter.hue'),
  );
  expect(r.status).toBe(201);
  await taskIn(w.life, FINANCE, r.body.dossier.dossierId, 'officer.tckh.hue');
  return r.body as { dossier: Json; lookupKey: string };
}

const row = (page: Page, code: string) => page.getByRole('row').filter({ hasText: code });
const main = (page: Page) => page.locator('main').textContent();

describe("the department officer's console", () => {
  it('claims a task from the queue, completes the step, sees the next step, and the applicant sees the result', async () => {
    const { dossier, lookupKey } = await receivedDossier('Đoàn Văn Xử', 'xu@example.vn');
    const code = dossier.dossierCode as string;
    const page = await w.page();
    await logIn(page, 'officer.tckh.hue');
    await page.goto('/department');
    await row(page, code).waitFor();
    expect(await row(page, code).textContent()).toContain('Chưa giao');
    await expect.poll(() => row(page, code).textContent()).toMatch(/còn \d+ ngày làm việc|đến hạn|quá hạn/);
    await screenshot(page, 'department-queue');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // claiming shows the officer on the line at once, from the command's answer
    await row(page, code)
      .getByRole('button', { name: `Nhận xử lý ${code}` })
      .click();
    await expect.poll(() => row(page, code).textContent()).toContain('officer.tckh.hue');
    await page.getByRole('link', { name: /Của tôi/ }).click();
    await row(page, code).waitFor();

    await row(page, code).getByRole('link', { name: code }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(code) }).waitFor();
    // a line officer neither assigns nor refuses, apologises or stops
    expect(await page.getByRole('button', { name: 'Giao việc' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Từ chối giải quyết' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Dừng giải quyết' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Gửi yêu cầu bổ sung' }).count()).toBe(1);
    // the documents handed in, but not the audit trail naming every officer
    expect(await page.getByTestId('documents').textContent()).toContain('Giấy đề nghị đăng ký hộ kinh doanh');
    expect(await page.getByTestId('timeline').count()).toBe(0);
    // the electronic result is attached at the last step (the leadership's signature), not at this one
    expect(await page.getByLabel(RESULT_INPUT).count()).toBe(0);
    await screenshot(page, 'department-task');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel('Ý kiến xử lý').fill('Hồ sơ đủ điều kiện, trình lãnh đạo ký');
    await page.getByRole('button', { name: 'Hoàn thành' }).click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('Đã hoàn thành bước');
    expect(await page.getByTestId('task-status').textContent()).toBe('Đã hoàn thành, đã chuyển tiếp');
    // the hand-over: the leadership's step is where the dossier is now
    await expect.poll(() => page.getByTestId('workflow-now').textContent(), KAFKA).toContain('Lãnh đạo');
    expect(await page.getByRole('button', { name: 'Hoàn thành' }).count()).toBe(0);
    await screenshot(page, 'department-task-completed');

    // back in the queue the task is gone, without waiting or refreshing
    await page.getByRole('link', { name: 'Về hàng đợi' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hàng đợi công việc của phòng' }).waitFor();
    await page.getByRole('navigation', { name: 'Lọc hàng đợi' }).waitFor(); // the queue is loaded
    expect(await main(page)).not.toContain(code);

    // the leader signs the result in the leadership's queue
    const leader = await w.page();
    await logIn(leader, 'leader.hue');
    await leader.goto('/department');
    await row(leader, code).getByRole('link', { name: code }).click();
    // the signing leader attaches the electronic result before completing the step
    await leader.getByLabel(RESULT_INPUT).setInputFiles({
      name: 'Giấy chứng nhận đăng ký hộ kinh doanh.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
    });
    await expect
      .poll(() => leader.getByTestId('result-file').textContent(), KAFKA)
      .toContain('Giấy chứng nhận đăng ký hộ kinh doanh');
    await screenshot(leader, 'department-result-file');
    expect(await seriousA11yViolations(leader)).toEqual([]);
    await leader.getByRole('button', { name: 'Hoàn thành' }).click();
    await expect
      .poll(() => leader.getByTestId('workflow-now').textContent(), KAFKA)
      .toContain('Đã có kết quả, chờ trả'); // the dossier's one status (core/status-words.ts)

    // the applicant follows the dossier with the receipt's key and sees the result ready
    const lookup = `${w.life.system.http.intake}/public/lookup`;
    await eventually(async () =>
      expect((await call('POST', lookup, { dossierCode: code, lookupKey })).body.status).toBe(
        'result_at_counter',
      ),
    );
    const atCounter = await call(
      'GET',
      `${w.life.system.http.intake}/dossiers/${dossier.dossierId}`,
      undefined,
      await w.life.as('counter.hue'),
    );
    expect(atCounter.body.resultFile).toMatchObject({
      name: expect.stringContaining('Giấy chứng nhận đăng ký hộ kinh doanh'),
    });
    const applicant = await w.page();
    await applicant.goto('/applicant/lookup');
    await applicant.getByLabel('Mã hồ sơ').fill(code);
    await applicant.getByLabel('Mã tra cứu (8 ký tự)').fill(lookupKey);
    await applicant.getByRole('button', { name: 'Tra cứu' }).click();
    await expect
      .poll(() => applicant.getByTestId('dossier-status').textContent(), KAFKA)
      .toContain('Đã có kết quả');
    await screenshot(applicant, 'applicant-result-ready');
  });

  it('lets the head assign a task to an officer and shows the documents and the timeline', async () => {
    const { dossier } = await receivedDossier('Cao Thị Giao', 'giao@example.vn');
    const code = dossier.dossierCode as string;
    const page = await w.page();
    await logIn(page, 'head.tckh.hue');
    await page.goto('/department?filter=unassigned');
    await row(page, code).getByRole('link', { name: code }).click();
    await page.getByTestId('timeline').waitFor();
    expect(await main(page)).toContain('Giấy đề nghị đăng ký hộ kinh doanh');
    expect(await main(page)).toContain('Tiếp nhận hồ sơ');
    expect(await page.getByRole('button', { name: 'Từ chối giải quyết' }).count()).toBe(1);

    await page.getByLabel('Tài khoản cán bộ được giao').fill('officer.tckh.hue');
    await page.getByLabel('Tài khoản cán bộ được giao').press('Enter'); // the keyboard submits the form
    await expect.poll(() => page.getByTestId('assignee').textContent()).toBe('officer.tckh.hue');
    await screenshot(page, 'department-head-assigned');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // the queue shows the assignment at once, and the task is no longer unassigned
    await page.getByRole('link', { name: 'Về hàng đợi' }).click();
    await expect.poll(async () => row(page, code).textContent()).toContain('officer.tckh.hue');
    // the head follows one officer's queue
    await page.getByLabel('Hàng đợi của cán bộ').selectOption('officer.tckh.hue');
    await row(page, code).waitFor();
    await page.getByLabel('Hàng đợi của cán bộ').selectOption('');
    await page.getByRole('link', { name: /Chưa giao/ }).click();
    await page.locator('a[aria-current="page"]', { hasText: 'Chưa giao' }).waitFor();
    expect(await main(page)).not.toContain(code);
  });

  it('lets an officer ask for a supplement, after which no other decision is offered', async () => {
    const { dossier } = await receivedDossier('Lý Thị Bổ Sung', 'bosung2@example.vn');
    const task = await taskIn(w.life, FINANCE, dossier.dossierId, 'officer.tckh.hue');
    const page = await w.page();
    await logIn(page, 'officer.tckh.hue');
    await page.goto(`/department/tasks/${task.taskId}`);
    await page
      .getByLabel('Giấy tờ cần bổ sung (mỗi dòng một giấy tờ)')
      .fill('Bản sao hợp đồng thuê địa điểm');
    await page.getByRole('button', { name: 'Gửi yêu cầu bổ sung' }).click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('Đã gửi yêu cầu bổ sung');
    expect(await page.getByTestId('process-status').textContent()).toBe('Chờ bổ sung hồ sơ');
    expect(await page.getByRole('button', { name: 'Gửi yêu cầu bổ sung' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Gửi thông báo' }).count()).toBe(0);
  });

  it("lets the head refuse a dossier with reasons, and the department's task closes with it", async () => {
    const { dossier } = await receivedDossier('Mai Văn Từ Chối', 'tuchoi@example.vn');
    const task = await taskIn(w.life, FINANCE, dossier.dossierId, 'head.tckh.hue');
    const page = await w.page();
    await logIn(page, 'head.tckh.hue');
    await page.goto(`/department/tasks/${task.taskId}`);
    await page.getByLabel('Lý do từ chối (mỗi dòng một lý do)').fill('Địa điểm kinh doanh không hợp pháp');
    await page.getByRole('button', { name: 'Từ chối giải quyết' }).click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('Đã từ chối giải quyết');
    expect(await page.getByTestId('process-status').textContent()).toBe('Từ chối');
    // the task closes through the log; the page waits for the queue to show it, then says so
    await expect
      .poll(() => page.getByTestId('task-status').textContent(), KAFKA)
      .toBe('Đã đóng (hồ sơ kết thúc)');
    await screenshot(page, 'department-head-refused');
    await page.getByRole('link', { name: 'Về hàng đợi' }).click();
    await page.getByRole('navigation', { name: 'Lọc hàng đợi' }).waitFor();
    expect(await main(page)).not.toContain(dossier.dossierCode);
  });

  it('shows an officer no action on a task assigned to another officer', async () => {
    const { dossier } = await receivedDossier('Hồ Văn Khác', 'khac@example.vn');
    const task = await taskIn(w.life, FINANCE, dossier.dossierId, 'officer.tckh.hue');
    const assigned = await call(
      'POST',
      `${w.life.system.http.department}/tasks/${task.taskId}/assignment`,
      { commandId: crypto.randomUUID(), officerId: 'another.officer' },
      await w.life.as('head.tckh.hue'),
    );
    expect(assigned.status).toBe(200);
    const page = await w.page();
    await logIn(page, 'officer.tckh.hue');
    await page.goto(`/department/tasks/${task.taskId}`);
    await page.getByText('Bạn không có thao tác nào với công việc này.').waitFor();
    expect(
      await page
        .getByRole('button')
        .filter({ hasText: /Hoàn thành|Nhận xử lý|Trả lại/ })
        .count(),
    ).toBe(0);
  });
});
