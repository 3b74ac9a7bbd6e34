import { describe, expect, it } from 'vitest';
import { formatLocal, maskEmail, renderReceived, renderResultReady } from '../src/domain/templates.js';

const facts = {
  dossierCode: '000.00.31.H57-260302-0001',
  procedureName: 'Đăng ký thành lập hộ kinh doanh',
  applicantName: 'Nguyễn Văn An',
  appointmentAt: '2026-03-05T10:00:00.000Z',
};

describe('messages to applicants', () => {
  it('tells the code and the appointment in Vietnam time at reception', () => {
    const message = renderReceived(facts);
    expect(message.subject).toContain('000.00.31.H57-260302-0001');
    expect(message.text).toContain('Thời gian hẹn trả kết quả: 17:00 ngày 05/03/2026');
    expect(message.text).toContain('Dear Nguyễn Văn An');
  });

  it('invites the applicant to collect the result with the receipt', () => {
    expect(renderResultReady(facts).text).toContain('mang giấy tiếp nhận');
  });

  it('formats local times across the UTC midnight', () => {
    expect(formatLocal('2026-03-01T23:30:00Z')).toBe('06:30 ngày 02/03/2026');
  });

  it('masks e-mail addresses', () => {
    expect(maskEmail('nguyenvanan@example.vn')).toBe('ng***@example.vn');
  });
});
