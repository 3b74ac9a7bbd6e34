import { describe, expect, it } from 'vitest';
import {
  formatLocal,
  formatVnd,
  maskEmail,
  render,
  shouldNotify,
  TEMPLATES,
} from '../src/domain/templates.js';

const facts = {
  dossierCode: '000.00.31.H57-260302-0001',
  procedureName: 'Đăng ký thành lập hộ kinh doanh',
  applicantName: 'Nguyễn Văn An',
};

describe('messages to applicants', () => {
  it('tells the code and the appointment in Vietnam time at reception, in Vietnamese then English', () => {
    const message = render('DossierReceived', facts, { appointmentAt: '2026-03-05T10:00:00.000Z' });
    expect(message.subject).toContain('000.00.31.H57-260302-0001');
    expect(message.text).toContain('Thời gian hẹn trả kết quả: 17:00 ngày 05/03/2026');
    expect(message.text.indexOf('Kính gửi')).toBeLessThan(message.text.indexOf('Dear Nguyễn Văn An'));
  });

  it('gives the look-up key with the code at reception, in both languages, when it is known', () => {
    const message = render(
      'DossierReceived',
      { ...facts, lookupKey: 'K7M2Q9XR' },
      { appointmentAt: '2026-03-05T10:00:00.000Z' },
    );
    expect(message.text).toContain('Mã tra cứu: K7M2Q9XR');
    expect(message.text).toContain('Look-up key: K7M2Q9XR');
    expect(
      render('DossierReceived', facts, { appointmentAt: '2026-03-05T10:00:00.000Z' }).text,
    ).not.toContain('Mã tra cứu');
  });

  it('lists every missing document of a supplement request', () => {
    const message = render('SupplementRequested', facts, {
      missingDocuments: ['Bản sao CCCD', 'Hợp đồng thuê'],
    });
    expect(message.text).toContain('  1. Bản sao CCCD\n  2. Hợp đồng thuê');
    expect(message.template).toBe('supplement-requested');
  });

  it('states the amount of a financial obligation in Vietnamese format', () => {
    expect(
      render('FinancialObligationNotified', facts, { amountVnd: 2500000, description: 'Lệ phí trước bạ' })
        .text,
    ).toContain('2.500.000 đồng');
    expect(formatVnd(1000)).toBe('1.000 đồng');
  });

  it('gives the new date of an apology', () => {
    const text = render('ApologyIssued', facts, {
      reason: 'Cần xác minh',
      newAppointmentAt: '2026-03-10T10:00:00.000Z',
    }).text;
    expect(text).toContain('17:00 ngày 10/03/2026');
  });

  it('announces an early result only when it is early and approved', () => {
    expect(shouldNotify('DossierProcessingCompleted', { early: true, outcome: 'approved' })).toBe(true);
    expect(shouldNotify('DossierProcessingCompleted', { early: false, outcome: 'approved' })).toBe(false);
    expect(shouldNotify('DossierProcessingCompleted', { early: true, outcome: 'refused' })).toBe(false);
    expect(shouldNotify('TaskQueued', {})).toBe(false);
  });

  it('has a template for every event the law says the applicant must hear about', () => {
    expect(Object.keys(TEMPLATES).sort()).toEqual(
      [
        'ApologyIssued',
        'DossierProcessingCompleted',
        'DossierReceived',
        'DossierRefusedAfterAppraisal',
        'DossierRefusedAtIntake',
        'FinancialObligationNotified',
        'IntakeSupplementRequested',
        'ResultReceivedAtCounter',
        'ResultReturned',
        'SupplementRequested',
      ].sort(),
    );
  });

  it('formats local times across the UTC midnight', () => {
    expect(formatLocal('2026-03-01T23:30:00Z')).toBe('06:30 ngày 02/03/2026');
  });

  it('masks e-mail addresses', () => {
    expect(maskEmail('nguyenvanan@example.vn')).toBe('ng***@example.vn');
  });
});
