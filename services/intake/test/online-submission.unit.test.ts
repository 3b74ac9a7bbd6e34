import { describe, expect, it } from 'vitest';
import { intakeDossier } from '../src/domain/dossier.js';
import { RECEIPT_NUMBER, receiptNumberOf } from '../src/domain/online-submission.js';

const procedure = {
  code: '2.000575',
  version: 1,
  name: 'Đăng ký thành lập hộ kinh doanh',
  legalTimeLimit: { value: 3, unit: 'working_days' as const },
};
const dossierId = '0b7a4c1e-2f3d-4e5f-8a9b-0c1d2e3f4a5b';
const submit = (contact: { idNumber?: string; phone?: string; email?: string }) =>
  intakeDossier.decide(
    {
      type: 'SubmitOnline',
      dossierId,
      procedure,
      centerId: 'hue-city',
      applicant: { fullName: 'Lê Văn Trực', idNumber: '', phone: '', email: '', address: '', ...contact },
      documents: [{ name: 'Giấy đề nghị đăng ký hộ kinh doanh', original: true, count: 1 }],
      at: new Date('2026-12-04T18:30:00Z'),
    },
    intakeDossier.initialState(),
  );

describe('an online submission', () => {
  it('is refused, with a message in Vietnamese and English, when it gives no phone, e-mail or ID number', () => {
    expect(() => submit({ phone: ' ' })).toThrowError(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        details: expect.objectContaining({ rule: 'intake.online-applicant-reachable' }),
        messages: expect.objectContaining({
          vi: expect.stringContaining('số điện thoại'),
          en: expect.any(String),
        }),
      }),
    );
  });

  it.each([{ phone: '0912345678' }, { email: 'truc@example.vn' }, { idNumber: '046190001234' }])(
    'is accepted with one way to reach the applicant: %o',
    (contact) => {
      expect(submit(contact)).toMatchObject([{ type: 'DossierSubmittedOnline' }]);
    },
  );

  it('carries a readable electronic receipt number: the day of submission in Vietnam, then 8 characters', () => {
    const [submitted] = submit({ phone: '0912345678' });
    const number = (submitted!.payload as { receiptNumber: string }).receiptNumber;
    expect(number).toMatch(RECEIPT_NUMBER);
    expect(number.startsWith('261205-')).toBe(true); // 01:30 on 5 December in Vietnam
    expect(number).toBe(receiptNumberOf(dossierId, new Date('2026-12-04T18:30:00Z')));
    expect(
      receiptNumberOf('1c2d3e4f-0000-4000-8000-000000000000', new Date('2026-12-04T18:30:00Z')),
    ).not.toBe(number);
  });
});
