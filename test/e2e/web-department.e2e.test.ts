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
const SCAN = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const OFFICER_NAME = 'Trần Văn Nam';
const CHOOSE = 'Chọn thao tác';
/** What arrives through the log (a hand-over, the result) may take a while on a loaded machine. */
const KAFKA = { timeout: 60_000, interval: 250 };
let w: WebConsoles;
beforeAll(async () => {
  w = await startWebConsoles(18800);
});
afterAll(async () => {
  await w?.stop();
});

/** A scan uploaded at the Huế counter (intake's document store), for a dossier's documents. */
async function scan(idNumber: string): Promise<string> {
  const form = new FormData();
  form.append('applicantIdNumber', idNumber);
  form.append('file', new Blob([SCAN], { type: 'application/pdf' }), 'don-de-nghi.pdf');
  const r = await fetch(`${w.life.system.http.intake}/documents`, {
    method: 'POST',
    headers: await w.life.as('counter.hue'),
    body: form,
  });
  expect([200, 201]).toContain(r.status); // 200: the same bytes were uploaded before

  return ((await r.json()) as { documentId: string }).documentId;
}

/** A dossier received at the Huế counter, waiting in the finance department's queue. */
async function receivedDossier(
  name: string,
  email: string,
  idNumber = `0461${String(Date.now()).slice(-8)}`,
  withScan = false,
): Promise<{ dossier: Json; lookupKey: string }> {
  const body = household(name, email, idNumber);
  if (withScan) body.documents[0] = { ...body.documents[0]!, documentId: await scan(idNumber) } as never;
  const r = await call('POST', `${w.life.system.http.intake}/dossiers`, body, await w.life.as('counter.hue'));
  expect(r.status).toBe(201);
  await taskIn(w.life, FINANCE, r.body.dossier.dossierId, 'officer.tckh.hue');
  return r.body as { dossier: Json; lookupKey: string };
}

const row = (page: Page, code: string) => page.getByRole('row').filter({ hasText: code });
const main = (page: Page) => page.locator('main').textContent();

describe("the department officer's console", () => {
  it('claims a task from the queue, completes the step, sees the next step, and the applicant sees the result', async () => {
    const { dossier, lookupKey } = await receivedDossier(
      'Đoàn Văn Xử',
      'xu@example.vn',
      '046190004411',
      true,
    );
    const code = dossier.dossierCode as string;
    const page = await w.page();
    await logIn(page, 'officer.tckh.hue');
    // The queue's lines carry the dossier's facts: rendering it asks intake for no dossier.
    const dossierReads: string[] = [];
    page.on('request', (r) => {
      if (/\/api\/intake\/dossiers\/[^/?]+$/.test(r.url())) dossierReads.push(r.url());
    });
    await page.goto('/department');
    await row(page, code).waitFor();
    expect(await row(page, code).textContent()).toContain('Chưa giao');
    // the line says whose dossier it is and what for, with the result's due date
    await expect.poll(() => row(page, code).textContent(), KAFKA).toContain('Đoàn Văn Xử');
    expect(await row(page, code).textContent()).toContain('Đăng ký thành lập hộ kinh doanh');
    // the queue's search: a name typed without diacritics, the ID number, part of the code
    const search = page.getByLabel('Tìm theo tên, số điện thoại, số CCCD, mã hồ sơ (hoặc một phần), thủ tục');
    for (const typed of ['doan van xu', '046190004411', code.split('-').slice(-2).join('-')]) {
      await search.fill(typed);
      await expect.poll(() => page.getByTestId('queue-count').textContent(), KAFKA).toMatch(/^Hiện 1\//);
      expect(await row(page, code).count()).toBe(1);
    }
    await search.fill('');
    expect(dossierReads).toEqual([]);
    await expect.poll(() => row(page, code).textContent()).toMatch(/còn \d+ ngày làm việc|đến hạn|quá hạn/);
    await screenshot(page, 'department-queue');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // claiming shows the officer on the line at once, from the command's answer
    await row(page, code)
      .getByRole('button', { name: `Nhận xử lý ${code}` })
      .click();
    // officers by their full names, never their logins
    await expect.poll(() => row(page, code).textContent()).toContain(OFFICER_NAME);
    expect(await row(page, code).textContent()).not.toContain('officer.tckh.hue');
    await page.getByRole('link', { name: /Của tôi/ }).click();
    await row(page, code).waitFor();

    await row(page, code).getByRole('link', { name: code }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(code) }).waitFor();
    // a line officer neither assigns nor refuses, apologises or stops
    expect(await page.getByRole('button', { name: 'Giao việc' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Từ chối giải quyết' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Dừng giải quyết' }).count()).toBe(0);
    // the main action first; the others one explicit choice away
    expect(await page.getByTestId('main-action').textContent()).toContain('Hoàn thành');
    expect(await page.getByLabel(CHOOSE).textContent()).toMatch(
      /Yêu cầu bổ sung hồ sơ \(Mẫu số 02 \(Thông tư 0\d\/20\d\d\/TT-VPCP\)\)/,
    );
    expect(await page.getByRole('button', { name: 'Gửi yêu cầu bổ sung' }).count()).toBe(0);
    // the documents handed in open in the browser, the scan as a PDF in a new tab
    expect(await page.getByTestId('documents').textContent()).toContain('Giấy đề nghị đăng ký hộ kinh doanh');
    const served = page.waitForResponse((r) => r.url().includes('/api/intake/documents/'));
    const [file] = await Promise.all([
      page.waitForEvent('popup'),
      page.getByRole('button', { name: 'Mở tệp Giấy đề nghị đăng ký hộ kinh doanh' }).click(),
    ]);
    const answer = await served;
    expect(answer.status()).toBe(200);
    expect(answer.headers()['content-type']).toBe('application/pdf');
    expect(answer.headers()['content-disposition']).toMatch(/^inline;/);
    expect(file.url()).toMatch(/^blob:/);
    await file.close();
    // the plain officer reads the dossier's history: people by name, the applicant never by ID number
    await expect.poll(() => page.getByTestId('timeline').textContent(), KAFKA).toContain('Tiếp nhận hồ sơ');
    const history = await page.getByTestId('timeline').textContent();
    expect(history).toContain('Nguyễn Thị Thu');
    expect(history).toContain('Cán bộ Một cửa');
    expect(history).not.toMatch(/counter\.hue|officer\.tckh|applicant:|046190004411|_officer/);
    expect(await main(page)).not.toContain('hue-city.finance-planning');
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
    const choices = await page.getByLabel(CHOOSE).textContent();
    expect(choices).toContain('Từ chối giải quyết (có hệ quả pháp lý)');
    expect(choices).toContain('Xin lỗi và hẹn lại ngày trả');

    // the head picks the officer by name, not by login
    await page.getByLabel(CHOOSE).selectOption('assign');
    await page.getByLabel('Cán bộ được giao').selectOption({ label: `${OFFICER_NAME} (Phòng TC-KH)` });
    await page.getByRole('button', { name: 'Giao việc' }).click();
    await expect.poll(() => page.getByTestId('assignee').textContent()).toContain(OFFICER_NAME);
    // Mẫu 05 names the assignee, who has not acted yet, by full name, never by login
    const sheet = async () =>
      (
        await call(
          'GET',
          `${w.life.system.http.monitoring}/dossiers/${dossier.dossierId}/control-sheet`,
          undefined,
          await w.life.as('board'),
        )
      ).body as { rows: { receiver: string | null }[] };
    await expect.poll(async () => (await sheet()).rows.at(-1)?.receiver ?? '', KAFKA).toContain(OFFICER_NAME);
    expect(JSON.stringify(await sheet())).not.toContain('officer.tckh.hue');
    await screenshot(page, 'department-head-assigned');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // the queue shows the assignment at once, and the task is no longer unassigned
    await page.getByRole('link', { name: 'Về hàng đợi' }).click();
    await expect.poll(async () => row(page, code).textContent()).toContain(OFFICER_NAME);
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
    await page.getByLabel(CHOOSE).selectOption('supplement');
    await page
      .getByLabel('Giấy tờ cần bổ sung (mỗi dòng một giấy tờ)')
      .fill('Bản sao hợp đồng thuê địa điểm');
    await page.getByRole('button', { name: 'Gửi yêu cầu bổ sung' }).click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('Đã gửi yêu cầu bổ sung');
    expect(await page.getByTestId('process-status').textContent()).toBe('Chờ bổ sung hồ sơ');
    expect(await page.getByRole('button', { name: 'Gửi yêu cầu bổ sung' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Gửi thông báo' }).count()).toBe(0);
    // the step cannot be completed while the applicant's supplement is awaited, and the page says why
    expect(await page.getByRole('button', { name: 'Hoàn thành' }).count()).toBe(0);
    expect(await page.getByTestId('awaiting-supplement').textContent()).toContain('chưa thể hoàn thành bước');
    await page.reload();
    await page.getByTestId('awaiting-supplement').waitFor();
    expect(await page.getByRole('button', { name: 'Hoàn thành' }).count()).toBe(0);
    await screenshot(page, 'department-awaiting-supplement');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it("lets the head refuse a dossier with reasons, and the department's task closes with it", async () => {
    const { dossier } = await receivedDossier('Mai Văn Từ Chối', 'tuchoi@example.vn');
    const task = await taskIn(w.life, FINANCE, dossier.dossierId, 'head.tckh.hue');
    const page = await w.page();
    await logIn(page, 'head.tckh.hue');
    await page.goto(`/department/tasks/${task.taskId}`);
    await page.getByLabel(CHOOSE).selectOption('refuse');
    await page.getByLabel('Lý do từ chối (mỗi dòng một lý do)').fill('Địa điểm kinh doanh không hợp pháp');
    // the first click only states the legal consequence and asks; going back sends nothing
    await page.getByRole('button', { name: 'Từ chối giải quyết' }).click();
    // under the rules of the dossier's reception day, named on the page
    const rulebook = (await page.getByTestId('dossier-rulebook').textContent())!;
    expect(rulebook).toMatch(/^Nghị định (61\/2018|118\/2025)\/NĐ-CP/);
    expect(await page.getByTestId('confirm').textContent()).toContain(`(${rulebook})`);
    await screenshot(page, 'department-refusal-confirm');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Không, quay lại' }).click();
    expect(await page.getByTestId('process-status').textContent()).toBe('Đang xử lý');
    expect(await page.getByLabel('Lý do từ chối (mỗi dòng một lý do)').inputValue()).toBe(
      'Địa điểm kinh doanh không hợp pháp',
    );
    // the apology and the stop ask the same way
    await page.getByLabel(CHOOSE).selectOption('stop');
    await page.getByLabel('Lý do').fill('Người nộp đề nghị dừng');
    await page.getByRole('button', { name: 'Dừng giải quyết' }).click();
    expect(await page.getByTestId('confirm').textContent()).toContain('không thể hoàn tác');
    await page.getByRole('button', { name: 'Không, quay lại' }).click();
    await page.getByLabel(CHOOSE).selectOption('refuse');
    await page.getByRole('button', { name: 'Từ chối giải quyết' }).click();
    await page.getByRole('button', { name: 'Xác nhận: Từ chối giải quyết' }).click();
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
