// The counter on today's organisation (two-tier Huế, Decree 118/2025 Art 14(2)): it chooses who decides
// a boundary-free procedure and where its result is returned, and is offered no such choice for another;
// the dossier page names the deciding center, the rulebook, and cites the receipt by number and circular.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
let w: WebConsoles;
beforeAll(async () => {
  w = await startWebConsoles(18830, { MOTCUA_ORGANISATION: 'hue' });
});
afterAll(async () => {
  await w?.stop();
});

describe('reception regardless of administrative boundary, at the ward counter', () => {
  it('offers the city center as the deciding center for a listed procedure, with the listing it relies on', async () => {
    const page = await w.page();
    await logIn(page, 'counter.ancuu');
    await page.goto('/counter');
    await page.getByLabel('Thủ tục').selectOption('2.000575');
    const basis = page.getByTestId('boundary-free-basis');
    await basis.waitFor();
    expect(await basis.textContent()).toContain('không phụ thuộc địa giới hành chính');
    expect(await basis.textContent()).toContain('khoản 2 Điều 14 Nghị định 118/2025/NĐ-CP');
    // both default to this center; the choice names centers, never their ids
    const competent = page.getByLabel('Trung tâm giải quyết');
    expect(await competent.inputValue()).toBe('an-cuu-pasc');
    expect(await page.getByLabel('Nơi trả kết quả').inputValue()).toBe('an-cuu-pasc');
    expect(await competent.textContent()).not.toContain('hue-pasc');
    await competent.selectOption('hue-pasc');
    await page.getByLabel('Họ và tên').fill('Phạm Thị Hạnh');
    await page.getByLabel('Số CCCD/CMND').fill('046191008821');
    await page.getByLabel('Thư điện tử').fill('hanh.pham@example.vn');
    await page.getByLabel(`Có: ${REQUEST}`).check();
    await page.getByLabel(`Bản chính: ${REQUEST}`).check();
    await page.getByLabel(`Có: ${ID_COPY}`).check();
    await screenshot(page, 'counter-reception-boundary-free');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Tiếp nhận và cấp giấy hẹn' }).click();
    await page.getByTestId('lookup-key').waitFor();
    // the dossier page: the deciding center by name, the rulebook by name, the receipt by its form
    const cityCenter = (await page.getByTestId('competent-center').textContent())!;
    expect(cityCenter).not.toBe('hue-pasc');
    expect(cityCenter).toMatch(/Trung tâm/);
    expect(await page.getByTestId('return-center').count()).toBe(0);
    expect(await page.getByTestId('dossier-rulebook').textContent()).toMatch(/^Nghị định 118\/2025\/NĐ-CP/);
    expect(
      await page
        .getByRole('button', {
          name: /^In giấy tiếp nhận \(Mẫu số 01 \(Thông tư 03\/2025\/TT-VPCP\), PDF\)$/,
        })
        .count(),
    ).toBe(1);
    expect(await page.getByTestId('status-basis').textContent()).toMatch(/^theo \S/);
    await screenshot(page, 'counter-received-boundary-free');
    expect(await seriousA11yViolations(page)).toEqual([]);
    // what the page showed is what intake recorded
    const dossierId = page.url().split('/').pop()!;
    const recorded = await call(
      'GET',
      `${w.life.system.http.intake}/dossiers/${dossierId}`,
      undefined,
      await w.life.as('counter.ancuu'),
    );
    expect(recorded.body).toMatchObject({
      centerId: 'an-cuu-pasc',
      competentCenterId: 'hue-pasc',
      returnCenterId: 'an-cuu-pasc',
    });
  });

  it('offers no other center for a procedure not on the list, saying why, in either language', async () => {
    const page = await w.page();
    await logIn(page, 'counter.ancuu');
    await page.goto('/counter');
    await page.getByLabel('Thủ tục').selectOption('2.000720');
    const units = page.getByTestId('reception-units');
    await units.waitFor();
    expect(await units.textContent()).toContain(
      'không thuộc danh mục tiếp nhận không phụ thuộc địa giới hành chính',
    );
    expect(await page.getByLabel('Trung tâm giải quyết').count()).toBe(0);
    expect(await page.getByLabel('Nơi trả kết quả').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => units.textContent(), SETTLE).toContain('not on the boundary-free list');
  });
});
