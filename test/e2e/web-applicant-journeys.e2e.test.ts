// The applicant's journeys of issue 14 in a real browser against the running system: reachable
// submissions, the code and key on screen and by e-mail, resuming after a reload, the messages sent,
// progress by the unit holding the dossier, and the phone layout (web server on 18750, as the other
// web suites, which run one file at a time).

import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeIn, household } from './lifecycle-harness.js';
import { call } from './session.js';
import {
  logIn,
  SETTLE,
  screenshot,
  seriousA11yViolations,
  startWebConsoles,
  type WebConsoles,
} from './web-harness.js';

const REQUEST = 'Giấy đề nghị đăng ký hộ kinh doanh';
const ID_COPY = 'Bản sao giấy tờ pháp lý của cá nhân (chủ hộ, thành viên hộ gia đình)';
const SCAN = Buffer.from('%PDF-1.4\n7 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const RECEIPT_NUMBER = /^\d{6}-[A-HJ-NP-Z2-9]{8}$/;

let w: WebConsoles;
beforeAll(async () => {
  w = await startWebConsoles(18750);
});
afterAll(async () => {
  await w?.stop();
});

const waitingAtHue = async (fullName: string) => {
  const list = await call(
    'GET',
    `${w.life.system.http.intake}/centers/hue-city/online-submissions`,
    undefined,
    await w.life.as('counter.hue'),
  );
  expect(list.status).toBe(200);
  return (list.body as { applicantFullName: string; attachedDocumentIds: string[] }[]).filter(
    (s) => s.applicantFullName === fullName,
  );
};

async function startForm(page: Page, fullName: string) {
  await page.goto('/applicant/submit?procedure=2.000575');
  await page.getByLabel('Nơi nộp hồ sơ').selectOption('hue-city');
  await page.getByLabel('Họ và tên').fill(fullName);
}

describe("the applicant's online submission", () => {
  it('is refused with a message in Vietnamese when it gives no phone, e-mail or ID number, and nothing is recorded', async () => {
    const page = await w.page({ phone: true });
    await startForm(page, 'Người Không Liên Lạc');
    await page.getByLabel(REQUEST, { exact: true }).check();
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent(), SETTLE).toContain('Cần ít nhất một cách liên hệ');
    expect(await alert.getAttribute('data-code')).toBe('INVALID_INPUT');
    expect(await page.getByTestId('submission-id').count()).toBe(0);
    await screenshot(page, 'applicant-online-unreachable');
    expect(await seriousA11yViolations(page)).toEqual([]);

    const direct = await call('POST', `${w.life.system.http.intake}/online-submissions`, {
      commandId: randomUUID(),
      submissionSecret: 'a-secret-of-the-portal-0123456789',
      procedureCode: '2.000575',
      centerId: 'hue-city',
      applicant: { fullName: 'Người Không Liên Lạc' },
      documents: [{ name: REQUEST }],
    });
    expect(direct.status).toBe(400);
    expect(direct.body.error.code).toBe('INVALID_INPUT');
    expect(direct.body.error.message.en).toContain('at least one way to reach you');
    expect(direct.body.error.details.rule).toBe('intake.online-applicant-reachable');
    expect(await waitingAtHue('Người Không Liên Lạc')).toEqual([]);
  });

  it('survives reloads: the form as typed, then the files; a second file after a reload; sending again makes no second submission', async () => {
    const page = await w.page({ phone: true });
    await startForm(page, 'Hồ Thị Tải Lại');
    await page.getByLabel('Số điện thoại').fill('0905 111 222');
    await page.getByLabel(REQUEST, { exact: true }).check();
    await page.getByLabel(ID_COPY, { exact: true }).check();
    await page.reload();
    await page.getByText('Đã khôi phục hồ sơ bạn đang điền dở').waitFor();
    expect(await page.getByLabel('Họ và tên').inputValue()).toBe('Hồ Thị Tải Lại');
    expect(await page.getByLabel('Số điện thoại').inputValue()).toBe('0905 111 222');
    expect(await page.getByLabel(ID_COPY, { exact: true }).isChecked()).toBe(true);

    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await expect.poll(() => page.getByTestId('submission-id').textContent(), SETTLE).toMatch(RECEIPT_NUMBER);
    const receiptNumber = (await page.getByTestId('submission-id').textContent())!;
    expect(await page.locator('main').textContent()).toContain('tin nhắn SMS 0905 111 222');
    await page
      .getByLabel(`Tệp: ${REQUEST}`)
      .setInputFiles({ name: 'don.pdf', mimeType: 'application/pdf', buffer: SCAN });
    await expect.poll(() => page.getByTestId('attached-files').textContent(), SETTLE).toContain(REQUEST);

    await page.reload();
    await expect.poll(() => page.getByTestId('submission-id').textContent(), SETTLE).toBe(receiptNumber);
    await expect.poll(() => page.getByTestId('attached-files').textContent(), SETTLE).toContain(REQUEST);
    // The same scan given for the other document shows under that document's name too.
    await page
      .getByLabel(`Tệp: ${ID_COPY}`)
      .setInputFiles({ name: 'cccd.pdf', mimeType: 'application/pdf', buffer: SCAN });
    await expect.poll(() => page.getByTestId('attached-files').locator('li').count(), SETTLE).toBe(2);
    expect(await page.getByTestId('attached-files').textContent()).toContain(ID_COPY);
    await screenshot(page, 'applicant-online-resumed');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Sending the kept form again (a lost answer, a second press) answers the same submission.
    const again = await page.evaluate(async () => {
      const draft = JSON.parse(sessionStorage.getItem('motcua.online-draft')!);
      const r = await fetch('/api/intake/online-submissions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          commandId: draft.commandId,
          submissionSecret: draft.submissionSecret,
          procedureCode: draft.procedureCode,
          centerId: draft.centerId,
          applicant: { fullName: draft.applicant.fullName, phone: draft.applicant.phone },
          documents: [{ name: 'Giấy đề nghị đăng ký hộ kinh doanh' }],
        }),
      });
      return { status: r.status, receiptNumber: (await r.json()).receiptNumber };
    });
    expect(again).toEqual({ status: 201, receiptNumber });
    const waiting = await waitingAtHue('Hồ Thị Tải Lại');
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.attachedDocumentIds).toHaveLength(2);
  });

  it('is resumed with its code in a fresh browser after the page was closed, and becomes one submission', async () => {
    const name = 'Trần Thị Tiếp Tục';
    const first = await w.page({ phone: true });
    await startForm(first, name);
    await first.getByLabel('Số điện thoại').fill('0905 333 444');
    await first.getByLabel(REQUEST, { exact: true }).check();
    const codeShown = first.getByTestId('resume-code');
    await expect.poll(() => codeShown.textContent(), SETTLE).toMatch(/^[0-9A-Z]{8}-[0-9A-Z]{16}$/);
    const code = (await codeShown.textContent())!;
    const [draftId, resumeSecret] = code.split('-');
    // Intake holds the form as typed, the last tick included, before the page goes.
    const kept = () =>
      call('POST', `${w.life.system.http.intake}/online-drafts/${draftId}/state`, { resumeSecret });
    await expect.poll(async () => (await kept()).body.form?.provided?.[REQUEST], SETTLE).toBe(true);
    await screenshot(first, 'applicant-draft-code');
    expect(await seriousA11yViolations(first)).toEqual([]);
    await first.context().close();

    const second = await w.page({ phone: true });
    await second.goto('/applicant/submit');
    await second.getByLabel('Tiếp tục hồ sơ đang soạn').fill(code.toLowerCase());
    await second.getByRole('button', { name: 'Tiếp tục', exact: true }).click();
    await expect.poll(() => second.getByLabel('Họ và tên').inputValue(), SETTLE).toBe(name);
    expect(await second.getByLabel('Số điện thoại').inputValue()).toBe('0905 333 444');
    expect(await second.getByLabel(REQUEST, { exact: true }).isChecked()).toBe(true);
    await second.getByText('Đã khôi phục hồ sơ bạn đang điền dở').waitFor();
    await screenshot(second, 'applicant-draft-resumed');
    expect(await seriousA11yViolations(second)).toEqual([]);
    await second.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await expect
      .poll(() => second.getByTestId('submission-id').textContent(), SETTLE)
      .toMatch(RECEIPT_NUMBER);
    const receiptNumber = (await second.getByTestId('submission-id').textContent())!;

    // The code opened again elsewhere shows that submission, and sending the draft again makes no other.
    const third = await w.page({ phone: true });
    await third.goto('/applicant/submit');
    await third.getByLabel('Tiếp tục hồ sơ đang soạn').fill(code);
    await third.getByRole('button', { name: 'Tiếp tục', exact: true }).click();
    await expect.poll(() => third.getByTestId('submission-id').textContent(), SETTLE).toBe(receiptNumber);
    const again = await call('POST', `${w.life.system.http.intake}/online-drafts/${draftId}/submission`, {
      commandId: randomUUID(),
      resumeSecret,
      procedureCode: '2.000575',
      centerId: 'hue-city',
      applicant: { fullName: name, phone: '0905 333 444' },
      documents: [{ name: REQUEST }],
    });
    expect(again.status).toBe(201);
    expect(again.body.receiptNumber).toBe(receiptNumber);
    expect(await waitingAtHue(name)).toHaveLength(1);
  });

  it('is found at the counter by its receipt number; once received the page shows the code and key, the e-mail carries both, and the dossier page lists the messages', async () => {
    const page = await w.page({ phone: true });
    await startForm(page, 'Ngô Thị Nhận Mã');
    await page.getByLabel('Thư điện tử').fill('nhanma@example.vn');
    await page.getByLabel(REQUEST, { exact: true }).check();
    await page.getByLabel(ID_COPY, { exact: true }).check();
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await expect.poll(() => page.getByTestId('submission-id').textContent(), SETTLE).toMatch(RECEIPT_NUMBER);
    const receiptNumber = (await page.getByTestId('submission-id').textContent())!;
    expect(await page.locator('main').textContent()).toContain('thư điện tử nhanma@example.vn');

    const counter = await w.page();
    await logIn(counter, 'counter.hue');
    await counter.goto('/counter/find');
    await counter.getByLabel('Mã hồ sơ hoặc số biên nhận điện tử (quét mã QR)').fill(receiptNumber);
    await counter.getByRole('button', { name: 'Tìm' }).click();
    await counter.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    // received, or already past it: routing may have started the processing by the time the page asks
    await expect
      .poll(() => counter.getByTestId('dossier-status').textContent(), SETTLE)
      .toMatch(/Đã tiếp nhận|Đang xử lý/);
    const code = (await counter.getByTestId('dossier-code').textContent())!;
    const key = /([A-Z0-9]{8})$/.exec((await counter.getByTestId('lookup-key').textContent())!)![1]!;

    // The applicant's page asks by itself whether the counter has received it.
    await expect.poll(() => page.getByTestId('applicant-dossier-code').textContent(), SETTLE).toBe(code);
    expect(await page.getByTestId('applicant-lookup-key').textContent()).toBe(key);
    await screenshot(page, 'applicant-online-received');
    expect(await seriousA11yViolations(page)).toEqual([]);

    const mails = () => w.life.smtp.received.filter((m) => m.to.includes('nhanma@example.vn'));
    await expect.poll(() => mails().length, SETTLE).toBeGreaterThan(0);
    const received = mails().filter((m) => m.text.includes(code));
    expect(received).toHaveLength(1);
    expect(received[0]!.text).toContain(`Mã tra cứu: ${key}`);

    await page.getByRole('button', { name: 'Theo dõi hồ sơ' }).click();
    await page.getByTestId('timeline').waitFor();
    expect(await page.locator('h1').textContent()).toBe(`Hồ sơ ${code}`);
    await expect
      .poll(async () => {
        await page.reload();
        return page.getByTestId('messages').textContent();
      }, SETTLE)
      .toContain('Đã tiếp nhận hồ sơ (mã hồ sơ và mã tra cứu) — thư điện tử');
    expect(await page.getByTestId('messages').textContent()).toContain('Đã gửi');
    await screenshot(page, 'applicant-messages');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The dossier's own center's counter reads them too.
    const dossierId = (
      await call(
        'GET',
        `${w.life.system.http.intake}/dossiers/${code}`,
        undefined,
        await w.life.as('counter.hue'),
      )
    ).body.dossierId;
    const url = `${w.life.system.http.notification}/dossiers/${dossierId}/messages`;
    const asCounter = await call('GET', url, undefined, await w.life.as('counter.hue'));
    expect(asCounter.status).toBe(200);
    expect(asCounter.body.map((m: { template: string }) => m.template)).toContain('dossier-received');
  });
});

describe("the applicant's dossier page", () => {
  it('shows the progress step by step with the unit holding the dossier by name and the working days left', async () => {
    const received = await call(
      'POST',
      `${w.life.system.http.intake}/dossiers`,
      household('Đoàn Văn Tiến Độ', 'tiendo@example.vn', '046190007070'),
      await w.life.as('counter.hue'),
    );
    const { dossier, lookupKey } = received.body;
    const page = await w.page({ phone: true });
    await page.goto(`/applicant/lookup?code=${encodeURIComponent(dossier.dossierCode)}`);
    await page.getByLabel('Mã tra cứu (8 ký tự)').fill(lookupKey);
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByTestId('timeline').waitFor();
    const current = page.getByTestId('timeline').locator('li[aria-current="step"]');
    await expect
      .poll(async () => {
        await page.reload();
        return current.textContent();
      }, SETTLE)
      .toMatch(/Đang xử lý tại: .+còn \d+ ngày làm việc/);
    const first = (await current.textContent())!;
    expect(first).not.toMatch(/finance-planning|hue-city/);

    await completeIn(w.life, 'hue-city.finance-planning', dossier.dossierId, 'officer.tckh.hue');
    await expect
      .poll(async () => {
        await page.reload();
        return page.getByTestId('timeline').textContent();
      }, SETTLE)
      .toContain('Đã xử lý tại:');
    expect(await current.textContent()).not.toBe(first);
    expect(await page.getByTestId('timeline').textContent()).not.toMatch(/leadership|finance-planning/);
    await screenshot(page, 'applicant-progress-phone');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});

describe('the portal on a phone', () => {
  it('searches the catalogue as the applicant types, without Enter', async () => {
    const page = await w.page({ phone: true });
    await page.goto('/applicant/procedures');
    const results = page.getByText(/^\d+ thủ tục$/);
    await results.waitFor();
    const all = Number.parseInt((await results.textContent())!, 10);
    await page.getByLabel('Tìm thủ tục (gõ có dấu hoặc không dấu)').pressSequentially('ho kinh doanh');
    await expect.poll(() => page.url(), SETTLE).toContain('q=ho+kinh+doanh');
    await expect
      .poll(async () => Number.parseInt((await results.textContent())!, 10), SETTLE)
      .toBeLessThan(all);
    expect(await page.getByRole('link', { name: /Đăng ký thành lập hộ kinh doanh/ }).count()).toBeGreaterThan(
      0,
    );
    await screenshot(page, 'applicant-catalogue-as-you-type');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('gives checkboxes a 24 px touch target and keeps every drop-down inside the 390 px screen', async () => {
    const page = await w.page({ phone: true });
    await startForm(page, 'Kiểm Tra Màn Hình');
    const boxes = await page.locator('input[type="checkbox"]').evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { width: r.width, height: r.height };
      }),
    );
    expect(boxes.length).toBeGreaterThan(0);
    for (const box of boxes) {
      expect(box.width).toBeGreaterThanOrEqual(24);
      expect(box.height).toBeGreaterThanOrEqual(24);
    }
    const selects = await page
      .locator('select')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right));
    expect(selects.length).toBeGreaterThan(1);
    for (const right of selects) expect(right).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'applicant-online-form-phone');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
