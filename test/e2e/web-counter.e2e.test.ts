// The counter console in a real browser against the running system (web server on 18750; services on 18751…18755, gRPC 18851…18855).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeIn, household } from './lifecycle-harness.js';
import { call, DEMO_PASSWORD } from './session.js';
import {
  logIn,
  SETTLE,
  screenshot,
  seriousA11yViolations,
  startWebConsoles,
  type WebConsoles,
} from './web-harness.js';

const FINANCE = 'hue-city.finance-planning';
const LEADERSHIP = 'hue-city.leadership';
const REQUEST = 'Giấy đề nghị đăng ký hộ kinh doanh';
const ID_COPY = 'Bản sao giấy tờ pháp lý của cá nhân (chủ hộ, thành viên hộ gia đình)';
const SCAN = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

let w: WebConsoles;
beforeAll(async () => {
  w = await startWebConsoles(18750);
});
afterAll(async () => {
  await w?.stop();
});

describe('the counter console', () => {
  it('lets an officer log in with the keyboard alone, past the header through the skip link', async () => {
    const page = await w.page();
    await page.goto('/login');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Chuyển đến nội dung chính');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('counter.hue');
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/counter');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('is refused to an officer of a department, who is shown no counter in the menu', async () => {
    const page = await w.page();
    await logIn(page, 'officer.tckh.hue');
    await page.goto('/counter');
    await expect.poll(() => page.getByRole('alert').textContent(), SETTLE).toContain('không có quyền');
    expect(await page.getByRole('navigation', { name: 'Các khu vực làm việc' }).textContent()).not.toContain(
      'Bộ phận Một cửa',
    );
  });

  it('receives a dossier with its checklist and a scan, prints the receipt, and returns the result to a proxy', async () => {
    const page = await w.page();
    await logIn(page, 'counter.hue');
    await page.goto('/counter');
    await page.getByLabel('Thủ tục').selectOption('2.000575');
    await page.getByLabel('Họ và tên').fill('Lê Văn Cường');
    await page.getByLabel('Số CCCD/CMND').fill('046190007777');
    await page.getByLabel('Thư điện tử').fill('cuong@example.vn');
    await page.getByLabel(`Có: ${REQUEST}`).check();
    await page.getByLabel(`Bản chính: ${REQUEST}`).check();
    await page.getByLabel(`Có: ${ID_COPY}`).check();
    await page.getByLabel(`Bản quét: ${REQUEST}`).setInputFiles({
      name: 'don-de-nghi.pdf',
      mimeType: 'application/pdf',
      buffer: SCAN,
    });
    await expect.poll(() => page.getByRole('status').first().textContent(), SETTLE).toContain('Đã tải lên');
    await screenshot(page, 'counter-reception-form');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Tiếp nhận và cấp giấy hẹn' }).click();
    await page.getByTestId('lookup-key').waitFor();
    const code = (await page.getByTestId('dossier-code').textContent())!;
    expect(code).toMatch(/-\d{6}-\d{4}$/);
    expect(await page.locator('h1').textContent()).toBe(`Đã tiếp nhận hồ sơ ${code}`);
    expect(await page.getByTestId('lookup-key').textContent()).toMatch(
      /Mã tra cứu của người nộp: [A-Z0-9]{8}/,
    );
    await expect.poll(() => page.locator('main').textContent(), SETTLE).toMatch(/còn \d+ ngày làm việc/);
    await screenshot(page, 'counter-received');
    expect(await seriousA11yViolations(page)).toEqual([]);

    const popup = page.waitForEvent('popup');
    await page
      .getByRole('button', {
        name: /^In giấy tiếp nhận \(Mẫu số 01 \(Thông tư 0\d\/20\d\d\/TT-VPCP\), PDF\)$/,
      })
      .click();
    expect((await popup).url()).toMatch(/^blob:/);
    const dossierId = page.url().split('/').pop()!;
    const pdf = await page.evaluate(async (id) => {
      const token = JSON.parse(sessionStorage.getItem('motcua.session')!).token;
      const r = await fetch(`/api/intake/dossiers/${id}/receipt.pdf`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const bytes = new Uint8Array(await r.arrayBuffer());
      return { type: r.headers.get('content-type'), head: String.fromCharCode(...bytes.slice(0, 5)) };
    }, dossierId);
    expect(pdf).toEqual({ type: 'application/pdf', head: '%PDF-' });

    await completeIn(w.life, FINANCE, dossierId, 'officer.tckh.hue');
    await completeIn(w.life, LEADERSHIP, dossierId, 'leader.hue');
    await page.getByRole('link', { name: 'Trả kết quả hôm nay' }).click();
    await expect
      .poll(async () => {
        await page.reload();
        return page.locator('main').textContent();
      }, SETTLE)
      .toContain(code);
    await screenshot(page, 'counter-results-to-return');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('link', { name: code }).click();
    await page.getByLabel('Người nhận được ủy quyền').check();
    await page.getByLabel('Người nhận kết quả').fill('Lê Thị Dung');
    await page.getByLabel('Số giấy ủy quyền').fill('UQ-2026-15');
    await page.getByRole('button', { name: 'Xác nhận đã trả kết quả' }).click();
    await expect.poll(() => page.getByTestId('dossier-status').textContent(), SETTLE).toBe('Đã trả kết quả');
    // the title says where the dossier stands now, not that it was just received
    expect(await page.locator('h1').textContent()).toBe(`Hồ sơ ${code} — Đã trả kết quả`);
    await screenshot(page, 'counter-returned');
  });

  it('checks an online submission: prints the request to complete it (Mẫu 02) and sends the request', async () => {
    const submitted = await call('POST', `${w.life.system.http.intake}/online-submissions`, {
      commandId: randomUUID(),
      submissionSecret: randomUUID(),
      procedureCode: '2.000575',
      centerId: 'hue-city',
      applicant: { fullName: 'Hồ Thị Lan', email: 'lan@example.vn' },
      documents: [{ name: REQUEST, original: true, count: 1 }],
    });
    expect(submitted.status).toBe(201);
    const page = await w.page();
    await logIn(page, 'counter.hue');
    await page.goto(`/counter/dossiers/${submitted.body.dossierId}`);
    await page
      .getByLabel('Giấy tờ cần bổ sung (mỗi dòng một giấy tờ)')
      .fill(`${ID_COPY}\nBản sao hợp đồng thuê địa điểm`);
    // "In phiếu" opens the print dialog on this page: only the form goes to paper, nothing typed is lost
    await page.evaluate(() => {
      window.print = () => {
        document.body.dataset.printed = String(Number(document.body.dataset.printed ?? 0) + 1);
      };
    });
    const here = page.url();
    await page.getByRole('button', { name: 'In phiếu' }).first().click();
    const form02 = page.getByTestId('printout-02');
    await form02.waitFor();
    await expect.poll(() => page.evaluate(() => document.body.dataset.printed)).toBe('1');
    expect(page.url()).toBe(here);
    const form = await form02.textContent();
    expect(form).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    // checked today, so under today's rules (received now, it would take them): Circular 03/2025's form
    expect(form).toContain('Mẫu số 02 (Thông tư 03/2025/TT-VPCP)');
    expect(form).toContain('Hồ Thị Lan');
    expect(form).toContain(ID_COPY);
    expect(form).toContain('Bản sao hợp đồng thuê địa điểm');
    expect(form).toContain('TRUNG TÂM HÀNH CHÍNH CÔNG');
    expect(form).toMatch(/Ngày \d{2}\/\d{2}\/\d{4}/);
    expect(form).toContain(`Số biên nhận hồ sơ trực tuyến: ${submitted.body.dossierId}`);
    await screenshot(page, 'counter-form-02');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Đóng phiếu, quay lại hồ sơ' }).click();
    expect(await page.getByLabel('Giấy tờ cần bổ sung (mỗi dòng một giấy tờ)').inputValue()).toBe(
      `${ID_COPY}\nBản sao hợp đồng thuê địa điểm`,
    );

    // Mẫu 03 the same way: the agency, the date, the submission's reference and the typed reasons
    await page.getByLabel('Lý do từ chối (mỗi dòng một lý do)').fill('Thủ tục không thuộc thẩm quyền');
    await page.getByRole('button', { name: 'In phiếu' }).nth(1).click();
    const form03 = await page.getByTestId('printout-03').textContent();
    expect(form03).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
    expect(form03).toContain('TRUNG TÂM HÀNH CHÍNH CÔNG');
    expect(form03).toContain('Thủ tục không thuộc thẩm quyền');
    expect(form03).toContain(submitted.body.dossierId);
    await page.getByRole('button', { name: 'Đóng phiếu, quay lại hồ sơ' }).click();
    expect(await page.getByLabel('Lý do từ chối (mỗi dòng một lý do)').inputValue()).toBe(
      'Thủ tục không thuộc thẩm quyền',
    );

    await page.getByLabel('Giấy tờ cần bổ sung (mỗi dòng một giấy tờ)').fill(ID_COPY);
    const answer = page.waitForResponse((r) => r.url().endsWith('/intake-supplement-requests'));
    await page.getByRole('button', { name: 'Gửi yêu cầu bổ sung' }).click();
    expect((await answer).status()).toBe(200);
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('finds dossiers as the officer types a name, phone, ID number or part of a code, and counts the online submissions waiting', async () => {
    const counter = await w.life.as('counter.hue');
    const receive = async (fullName: string, phone: string, idNumber: string) => {
      const body = household(fullName, 'tim@example.vn', idNumber);
      const r = await call(
        'POST',
        `${w.life.system.http.intake}/dossiers`,
        { ...body, applicant: { ...body.applicant, phone } },
        counter,
      );
      expect(r.status).toBe(201);
      return r.body.dossier.dossierCode as string;
    };
    const vinh = await receive('Trương Quang Vĩnh', '0914 222 333', '046190006661');
    const vy = await receive('Trương Thị Vy', '0914444555', '046190006662');
    const online = await call('POST', `${w.life.system.http.intake}/online-submissions`, {
      commandId: randomUUID(),
      submissionSecret: randomUUID(),
      procedureCode: '2.000575',
      centerId: 'hue-city',
      applicant: { fullName: 'Trương Văn Mạng', email: 'mang@example.vn' },
      documents: [{ name: REQUEST, original: true, count: 1 }],
    });
    expect(online.status).toBe(201);

    const page = await w.page();
    await logIn(page, 'counter.hue');
    await page.goto('/counter/online');
    // count the rows once the list holds the submission just made (it loads after the page)
    await page.getByTestId('online-submissions').getByText('Trương Văn Mạng').waitFor();
    const rows = await page.getByTestId('online-submissions').locator('tbody tr').count();
    await expect
      .poll(() => page.getByRole('link', { name: /^Hồ sơ trực tuyến/ }).textContent(), SETTLE)
      .toBe(`Hồ sơ trực tuyến (${rows} chờ kiểm tra)`);

    await page.getByRole('link', { name: 'Tìm hồ sơ' }).click();
    const search = page.getByLabel(/tên, số điện thoại/);
    const found = async (typed: string) => {
      await search.fill(typed); // no Enter: results come as the officer types
      await page.getByTestId('find-count').waitFor();
      return page.locator('main').textContent();
    };
    await expect.poll(() => found('truong quang vinh'), SETTLE).toContain(vinh);
    expect(await found('truong quang vinh')).not.toContain(vy);
    await expect.poll(() => found('0914.444.555'), SETTLE).toContain(vy);
    await expect.poll(() => found('046190006661'), SETTLE).toContain(vinh);
    await expect.poll(() => found(vy.split('-').slice(-2).join('-')), SETTLE).toContain(vy);
    // a submission not yet received is found by name, before it has a code
    await expect.poll(() => found('Trương Văn Mạng'), SETTLE).toContain('Chưa có mã (chờ tiếp nhận)');
    await expect.poll(() => found('truong'), SETTLE).toContain('Trương Thị Vy');
    await screenshot(page, 'counter-search');
    expect(await seriousA11yViolations(page)).toEqual([]);
    // a receipt's QR link scanned into the field opens its dossier
    await search.fill(`http://localhost:7100/applicant/lookup?code=${vinh}`);
    await search.press('Enter');
    await expect.poll(() => page.getByTestId('dossier-code').textContent(), SETTLE).toBe(vinh);
  });
});
