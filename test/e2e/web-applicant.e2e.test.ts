// The applicant portal in a real browser against the running system (web server on 18750; services on 18751…18755, gRPC 18851…18855).

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeIn, household, taskIn } from './lifecycle-harness.js';
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
const SCAN = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const RESULT = Buffer.from('%PDF-1.4\n% Giay chung nhan dang ky ho kinh doanh\n%%EOF\n');
const ID_SCAN = Buffer.from('%PDF-1.4\n2 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const RECEIPT_NUMBER = /^\d{6}-[A-HJ-NP-Z2-9]{8}$/;

let w: WebConsoles;
beforeAll(async () => {
  w = await startWebConsoles(18750);
});
afterAll(async () => {
  await w?.stop();
});

describe('the applicant portal', () => {
  it('finds a procedure typed without diacritics and shows its documents, fees, time limit and legal basis', async () => {
    const page = await w.page();
    await page.goto('/applicant/procedures');
    await page.getByLabel('Tìm thủ tục (gõ có dấu hoặc không dấu)').fill('dang ky ho kinh doanh');
    await page.getByLabel('Tìm thủ tục (gõ có dấu hoặc không dấu)').press('Enter');
    await page
      .getByRole('link', { name: /Đăng ký thành lập hộ kinh doanh/ })
      .first()
      .click();
    await expect.poll(() => page.locator('h1').textContent(), SETTLE).toMatch(/hộ kinh doanh/);
    const body = await page.locator('main').textContent();
    expect(body).toContain('2.000575');
    expect(body).toContain('3 ngày làm việc');
    expect(body).toContain('Giấy đề nghị đăng ký hộ kinh doanh');
    expect(body).toContain('Căn cứ pháp lý');
    await screenshot(page, 'applicant-procedure');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('looks a dossier up with its code and key and follows it on a phone, in Vietnamese and in English', async () => {
    const counter = await w.life.as('counter.hue');
    const received = await call(
      'POST',
      `${w.life.system.http.intake}/dossiers`,
      household('Trần Thị Bình', 'binh@example.vn'),
      counter,
    );
    expect(received.status).toBe(201);
    const { dossier, lookupKey } = received.body;

    const page = await w.page({ phone: true });
    await page.goto('/applicant/lookup');
    await page.getByLabel('Mã hồ sơ').fill(dossier.dossierCode);
    await page.getByLabel('Mã tra cứu (8 ký tự)').fill(lookupKey);
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByTestId('timeline').waitFor();
    expect(await page.locator('h1').textContent()).toBe(`Hồ sơ ${dossier.dossierCode}`);
    expect(await page.getByTestId('dossier-status').textContent()).toMatch(/^(Đã tiếp nhận|Đang xử lý)$/);
    // the rules of its reception day, by name, and the basis of the status shown
    const rules = await call(
      'GET',
      `${w.life.system.http.intake}/dossiers/${dossier.dossierId}`,
      undefined,
      counter,
    );
    expect(rules.body.rulebookId).toMatch(/^decree-/);
    const named = (await page.getByTestId('dossier-rulebook').textContent())!;
    expect(named).toMatch(/^Nghị định \d+\/20\d\d\/NĐ-CP/);
    expect(named).not.toContain(rules.body.rulebookId);
    expect(await page.getByTestId('status-basis').textContent()).toMatch(/^\(Tình trạng theo \S/);
    await expect.poll(() => page.locator('main').textContent(), SETTLE).toMatch(/còn \d+ ngày làm việc/);
    await screenshot(page, 'applicant-dossier-phone');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.locator('h1').textContent()).toBe(`Dossier ${dossier.dossierCode}`);
    await expect.poll(() => page.locator('main').textContent(), SETTLE).toMatch(/\d+ working days left/);
  });

  it('refuses a wrong look-up key with a message in Vietnamese', async () => {
    const page = await w.page();
    await page.goto('/applicant/lookup');
    await page.getByLabel('Mã hồ sơ').fill('000.00.00.H00-260101-0001');
    await page.getByLabel('Mã tra cứu (8 ký tự)').fill('ABCDEFGH');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), SETTLE).toBeTruthy();
    expect(page.url()).toContain('/applicant/lookup');
  });

  it('submits online with the documents uploaded; the counter finds it in its list, opens the files and receives it; a later submission re-uses them', async () => {
    const applicant = await w.page({ phone: true });
    await applicant.goto('/applicant/submit?procedure=2.000575');
    await applicant.getByLabel('Nơi nộp hồ sơ').selectOption('hue-city');
    await applicant.getByLabel('Họ và tên').fill('Trần Thị Tải Lên');
    await applicant.getByLabel('Số CCCD/CMND').fill('046190004444');
    await applicant.getByLabel(REQUEST, { exact: true }).check();
    await applicant.getByLabel(ID_COPY, { exact: true }).check();
    await applicant.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await expect
      .poll(() => applicant.getByTestId('submission-id').textContent(), SETTLE)
      .toMatch(RECEIPT_NUMBER);
    const submissionId = (await applicant.getByTestId('submission-id').textContent())!;
    await applicant
      .getByLabel(`Tệp: ${REQUEST}`)
      .setInputFiles({ name: 'don.pdf', mimeType: 'application/pdf', buffer: SCAN });
    await expect.poll(() => applicant.getByTestId('attached-files').textContent(), SETTLE).toContain(REQUEST);
    await applicant
      .getByLabel(`Tệp: ${ID_COPY}`)
      .setInputFiles({ name: 'cccd.pdf', mimeType: 'application/pdf', buffer: ID_SCAN });
    await expect.poll(() => applicant.getByTestId('attached-files').locator('li').count(), SETTLE).toBe(2);
    await screenshot(applicant, 'applicant-online-documents');
    expect(await seriousA11yViolations(applicant)).toEqual([]);

    const counter = await w.page();
    await logIn(counter, 'counter.hue');
    await counter.goto('/counter');
    await counter.getByRole('link', { name: 'Hồ sơ trực tuyến' }).click();
    await expect
      .poll(async () => {
        await counter.reload();
        return counter.locator('main').textContent();
      }, SETTLE)
      .toContain('Trần Thị Tải Lên');
    const row = counter.getByTestId('online-submissions').locator('tr', { hasText: 'Trần Thị Tải Lên' });
    await expect.poll(() => row.locator('td').nth(3).textContent(), SETTLE).toBe('2');
    await screenshot(counter, 'counter-online-submissions');
    expect(await seriousA11yViolations(counter)).toEqual([]);
    await row.getByRole('link').click();
    await expect
      .poll(() => counter.getByTestId('attached-documents').textContent(), SETTLE)
      .toContain(ID_COPY);
    const popup = counter.waitForEvent('popup');
    await counter.getByRole('button', { name: `Xem tệp ${REQUEST}` }).click();
    expect((await popup).url()).toMatch(/^blob:/);
    expect(await seriousA11yViolations(counter)).toEqual([]);
    await counter.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await expect
      .poll(() => counter.getByTestId('dossier-status').textContent(), SETTLE)
      .toMatch(/Đã tiếp nhận|Đang xử lý/); // one status: routing may already be processing it
    const code = (await counter.getByTestId('dossier-code').textContent())!;
    const key = /([A-Z0-9]{8})$/.exec((await counter.getByTestId('lookup-key').textContent())!)![1]!;
    const received = await call(
      'GET',
      `${w.life.system.http.intake}/dossiers/${submissionId}`,
      undefined,
      await w.life.as('counter.hue'),
    );
    expect(received.body.documents.filter((d: { documentId?: string }) => d.documentId)).toHaveLength(2);
    await counter.getByRole('link', { name: 'Hồ sơ trực tuyến' }).click();
    await expect
      .poll(async () => {
        await counter.reload();
        return counter.locator('main').textContent();
      }, SETTLE)
      .not.toContain('Trần Thị Tải Lên');

    const later = await w.page({ phone: true });
    await later.goto('/applicant/submit?procedure=2.000575');
    await later.getByLabel('Nơi nộp hồ sơ').selectOption('hue-city');
    await later.getByLabel('Họ và tên').fill('Trần Thị Tải Lên');
    await later.getByLabel('Số điện thoại').fill('0912 444 444');
    await later.getByLabel(REQUEST, { exact: true }).check();
    await later.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await later.getByLabel('Mã hồ sơ trước').fill(code);
    await later.getByLabel('Mã tra cứu của hồ sơ trước').fill('ZZZZZZZZ');
    await later.getByRole('button', { name: 'Dùng lại giấy tờ' }).click();
    await expect.poll(() => later.getByRole('alert').textContent(), SETTLE).toBeTruthy();
    await later.getByLabel('Mã tra cứu của hồ sơ trước').fill(key);
    await later.getByRole('button', { name: 'Dùng lại giấy tờ' }).click();
    await expect.poll(() => later.getByTestId('attached-files').locator('li').count(), SETTLE).toBe(2);
    expect(await later.getByTestId('attached-files').textContent()).toContain('dùng lại từ hồ sơ trước');
    await screenshot(later, 'applicant-online-reuse');
  });

  it('submits online, and follows the dossier from its reception at the counter to its returned result', async () => {
    const applicant = await w.page({ phone: true });
    await applicant.goto('/applicant/submit?procedure=2.000575');
    await applicant.getByLabel('Nơi nộp hồ sơ').selectOption('hue-city');
    await applicant.getByLabel('Họ và tên').fill('Phạm Minh Đức');
    await applicant.getByLabel('Số CCCD/CMND').fill('046190008888');
    await applicant.getByLabel('Thư điện tử').fill('duc@example.vn');
    await applicant.getByLabel(REQUEST, { exact: true }).check();
    await applicant.getByLabel(ID_COPY, { exact: true }).check();
    await screenshot(applicant, 'applicant-online-form');
    expect(await seriousA11yViolations(applicant)).toEqual([]);
    await applicant.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await expect
      .poll(() => applicant.getByTestId('submission-id').textContent(), SETTLE)
      .toMatch(RECEIPT_NUMBER);
    const receiptNumber = (await applicant.getByTestId('submission-id').textContent())!;
    const submissionId = (
      await call(
        'GET',
        `${w.life.system.http.intake}/dossiers/${receiptNumber}`,
        undefined,
        await w.life.as('counter.hue'),
      )
    ).body.dossierId;

    const counter = await w.page();
    await logIn(counter, 'counter.hue');
    await counter.goto('/counter/find');
    await counter.getByLabel('Mã hồ sơ hoặc số biên nhận điện tử (quét mã QR)').fill(receiptNumber);
    await counter.getByRole('button', { name: 'Tìm' }).click();
    await counter.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await expect
      .poll(() => counter.getByTestId('dossier-status').textContent(), SETTLE)
      .toMatch(/Đã tiếp nhận|Đang xử lý/); // one status: routing may already be processing it
    const code = (await counter.getByTestId('dossier-code').textContent())!;
    const key = /([A-Z0-9]{8})$/.exec((await counter.getByTestId('lookup-key').textContent())!)![1]!;

    await applicant.goto(`/applicant/lookup?code=${encodeURIComponent(code)}`);
    await applicant.getByLabel('Mã tra cứu (8 ký tự)').fill(key);
    await applicant.getByRole('button', { name: 'Tra cứu' }).click();
    await applicant.getByTestId('timeline').waitFor();
    const steps = await applicant.getByTestId('timeline').textContent();
    expect(steps).toContain('Nộp hồ sơ trực tuyến');
    expect(steps).toContain('Tiếp nhận hồ sơ');

    await completeIn(w.life, 'hue-city.finance-planning', submissionId, 'officer.tckh.hue');
    await completeIn(w.life, 'hue-city.leadership', submissionId, 'leader.hue');
    await expect
      .poll(async () => {
        await applicant.reload();
        return applicant.getByTestId('dossier-status').textContent();
      }, SETTLE)
      .toContain('Đã có kết quả, chờ trả');
    const returned = await call(
      'POST',
      `${w.life.system.http.intake}/dossiers/${submissionId}/result-return`,
      { commandId: randomUUID(), method: 'counter', receiverName: 'Phạm Minh Đức' },
      await w.life.as('counter.hue'),
    );
    expect(returned.status).toBe(200);
    await applicant.reload();
    await expect
      .poll(() => applicant.getByTestId('dossier-status').textContent(), SETTLE)
      .toContain('Đã trả kết quả');
    expect(await applicant.getByTestId('timeline').textContent()).toContain('Trả kết quả');
    await screenshot(applicant, 'applicant-result-returned');
    expect(await seriousA11yViolations(applicant)).toEqual([]);

    await applicant.getByLabel('Rất hài lòng').check();
    await applicant.getByLabel('Góp ý (không bắt buộc)').fill('Cán bộ hướng dẫn tận tình, đúng hẹn');
    await applicant.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await expect
      .poll(() => applicant.locator('main').textContent(), SETTLE)
      .toContain('Cảm ơn bạn đã đánh giá: Rất hài lòng.');
    await screenshot(applicant, 'applicant-feedback');
  });

  it('pays a financial obligation online with its transaction reference, and the processing goes on', async () => {
    const received = await call(
      'POST',
      `${w.life.system.http.intake}/dossiers`,
      household('Võ Thị Hoa', 'hoa@example.vn', '046190006666'),
      await w.life.as('counter.hue'),
    );
    const { dossier, lookupKey } = received.body;
    await taskIn(w.life, 'hue-city.finance-planning', dossier.dossierId, 'officer.tckh.hue');
    const notice = await call(
      'POST',
      `${w.life.system.http.routing}/dossiers/${dossier.dossierId}/financial-obligations`,
      { commandId: randomUUID(), amountVnd: 1_500_000, description: 'Lệ phí đăng ký hộ kinh doanh' },
      await w.life.as('officer.tckh.hue'),
    );
    expect(notice.status).toBe(200);

    const page = await w.page();
    await page.goto(`/applicant/lookup?code=${encodeURIComponent(dossier.dossierCode)}`);
    await page.getByLabel('Mã tra cứu (8 ký tự)').fill(lookupKey);
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByTestId('timeline').waitFor();
    await expect
      .poll(async () => {
        await page.reload();
        return page.locator('main').textContent();
      }, SETTLE)
      .toContain('Số tiền phải nộp: 1.500.000');
    await screenshot(page, 'applicant-payment');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('Mã giao dịch thanh toán').fill('DVCQG-2026-000123');
    await page.getByRole('button', { name: 'Xác nhận đã thanh toán trực tuyến' }).click();
    await expect
      .poll(async () => {
        await page.reload();
        return page.getByTestId('dossier-status').textContent();
      }, SETTLE)
      .toContain('Đang xử lý');
    expect(await page.locator('main').textContent()).not.toContain('Số tiền phải nộp');
  });

  it('completes the dossier online when asked: sees what and why, the paused clock, picks the document, uploads it with progress and is told at once that it was sent', async () => {
    const received = await call(
      'POST',
      `${w.life.system.http.intake}/dossiers`,
      household('Đặng Văn Giang', 'giang@example.vn', '046190005555'),
      await w.life.as('counter.hue'),
    );
    const { dossier, lookupKey } = received.body;
    await taskIn(w.life, 'hue-city.finance-planning', dossier.dossierId, 'officer.tckh.hue');
    const asked = await call(
      'POST',
      `${w.life.system.http.routing}/dossiers/${dossier.dossierId}/supplement-requests`,
      {
        commandId: randomUUID(),
        missingDocuments: ['Bản sao hợp đồng thuê địa điểm kinh doanh', 'Bản sao CCCD của chủ hộ'],
        reason: 'Địa điểm kinh doanh là nhà thuê',
      },
      await w.life.as('officer.tckh.hue'),
    );
    expect(asked.status).toBe(200);

    const page = await w.page({ phone: true });
    await page.goto(`/applicant/lookup?code=${encodeURIComponent(dossier.dossierCode)}`);
    await page.getByLabel('Mã tra cứu (8 ký tự)').fill(lookupKey);
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByTestId('timeline').waitFor();
    await expect
      .poll(async () => {
        await page.reload();
        return page.locator('main').textContent();
      }, SETTLE)
      .toContain('Bổ sung hồ sơ theo yêu cầu');
    const what = await page.getByTestId('supplement-asked').textContent();
    expect(what).toContain('Bản sao hợp đồng thuê địa điểm kinh doanh');
    expect(what).toContain('Bản sao CCCD của chủ hộ');
    expect(what).toContain('Lý do: Địa điểm kinh doanh là nhà thuê');
    expect(await page.getByTestId('clock-paused').textContent()).toContain('Tạm dừng tính thời hạn');
    expect(await page.locator('main').textContent()).not.toMatch(/còn \d+ ngày làm việc/);

    await page.getByLabel('Giấy tờ bổ sung').selectOption('Bản sao hợp đồng thuê địa điểm kinh doanh');
    await page.getByLabel('Tệp giấy tờ').setInputFiles({
      name: 'hop-dong-thue.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
    });
    await expect
      .poll(() => page.getByTestId('supplement-files').textContent(), SETTLE)
      .toContain('Bản sao hợp đồng thuê địa điểm kinh doanh');
    // The next document asked for is chosen by itself.
    expect(await page.getByLabel('Giấy tờ bổ sung').inputValue()).toBe('Bản sao CCCD của chủ hộ');
    await page.getByLabel('Tệp giấy tờ').setInputFiles({
      name: 'cccd.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n3 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
    });
    await expect.poll(() => page.getByTestId('supplement-files').locator('li').count(), SETTLE).toBe(2);
    const foreign = await page.evaluate(async () => {
      const token = JSON.parse(sessionStorage.getItem('motcua.session')!).token;
      const form = new FormData();
      form.append('applicantIdNumber', '046190001111');
      form.append('file', new Blob(['%PDF-1.4\n%%EOF\n'], { type: 'application/pdf' }), 'x.pdf');
      const r = await fetch('/api/intake/documents', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      return { status: r.status, code: (await r.json()).error?.code };
    });
    expect(foreign).toEqual({ status: 403, code: 'PERMISSION_DENIED' });
    await screenshot(page, 'applicant-supplement');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Gửi hồ sơ bổ sung' }).click();
    // Told at once, without a reload.
    await page.getByTestId('supplement-sent').waitFor();
    expect(await page.getByTestId('supplement-sent').textContent()).toContain('Đã gửi hồ sơ bổ sung');
    await screenshot(page, 'applicant-supplement-sent');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await expect
      .poll(async () => {
        await page.reload();
        return page.getByTestId('dossier-status').textContent();
      }, SETTLE)
      .toContain('Đang xử lý');
    expect(await page.locator('main').textContent()).toContain('Yêu cầu bổ sung hồ sơ (lần 1)');
  });

  it('downloads the electronic result the counter attached, with the receipt code and key; nobody else can', async () => {
    const counterHeaders = await w.life.as('counter.hue');
    const received = await call(
      'POST',
      `${w.life.system.http.intake}/dossiers`,
      household('Lý Thị Kết Quả', 'ketqua@example.vn', '046190003333'),
      counterHeaders,
    );
    expect(received.status).toBe(201);
    const { dossier, lookupKey } = received.body;
    const other = await call(
      'POST',
      `${w.life.system.http.intake}/dossiers`,
      household('Người Khác', 'khac@example.vn', '046190002222'),
      counterHeaders,
    );
    await completeIn(w.life, 'hue-city.finance-planning', dossier.dossierId, 'officer.tckh.hue');
    await completeIn(w.life, 'hue-city.leadership', dossier.dossierId, 'leader.hue');

    const counter = await w.page();
    await logIn(counter, 'counter.hue');
    await counter.goto(`/counter/dossiers/${dossier.dossierId}`);
    await expect
      .poll(async () => {
        await counter.reload();
        return counter.getByTestId('dossier-status').textContent();
      }, SETTLE)
      .toBe('Đã có kết quả, chờ trả');
    await counter.getByLabel('Tệp kết quả điện tử (PDF hoặc ảnh)').setInputFiles({
      name: 'Giấy chứng nhận đăng ký hộ kinh doanh.pdf',
      mimeType: 'application/pdf',
      buffer: RESULT,
    });
    await expect
      .poll(() => counter.getByTestId('result-file').textContent(), SETTLE)
      .toContain('Giấy chứng nhận đăng ký hộ kinh doanh');
    await screenshot(counter, 'counter-result-file');
    expect(await seriousA11yViolations(counter)).toEqual([]);

    const applicant = await w.page({ phone: true });
    await applicant.goto(`/applicant/lookup?code=${encodeURIComponent(dossier.dossierCode)}`);
    await applicant.getByLabel('Mã tra cứu (8 ký tự)').fill(lookupKey);
    await applicant.getByRole('button', { name: 'Tra cứu' }).click();
    const button = applicant.getByRole('button', {
      name: 'Tải kết quả: Giấy chứng nhận đăng ký hộ kinh doanh',
    });
    await button.waitFor();
    await screenshot(applicant, 'applicant-result-download');
    expect(await seriousA11yViolations(applicant)).toEqual([]);
    const popup = applicant.waitForEvent('popup');
    await button.click();
    expect((await popup).url()).toMatch(/^blob:/);
    const fetched = await applicant.evaluate(async (id) => {
      const token = JSON.parse(sessionStorage.getItem('motcua.session')!).token;
      const r = await fetch(`/api/intake/dossiers/${id}/result-file`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return { status: r.status, text: await r.text() };
    }, dossier.dossierId);
    expect(fetched).toEqual({ status: 200, text: RESULT.toString() });

    const url = `${w.life.system.http.intake}/dossiers/${dossier.dossierId}/result-file`;
    expect((await fetch(url)).status).toBe(401);
    const otherAccess = await call('POST', `${w.life.system.http.intake}/auth/applicant`, {
      dossierCode: other.body.dossier.dossierCode,
      lookupKey: other.body.lookupKey,
    });
    const asOther = await fetch(url, {
      headers: { authorization: `Bearer ${otherAccess.body.accessToken}` },
    });
    expect(asOther.status).toBe(403);
  });
});
