import { describe, expect, it } from 'vitest';
import { actorName, documentFormName, maskIdNumber, roleName, unitName } from '../src/client/core/names.js';

const officers = new Map([['officer.tckh.hue', 'Trần Văn Nam (Phòng TC-KH)']]);

describe('names on the officers’ screens', () => {
  it('names a unit by its name, a bare kind in the given center too, and keeps an unknown id as it is', () => {
    expect(unitName('hue-city.finance-planning')).toBe('Phòng Tài chính – Kế hoạch');
    expect(unitName('land-registration-branch', 'hue-city')).toMatch(/^Chi nhánh Văn phòng Đăng ký đất đai/);
    expect(unitName('nowhere.unit', 'hue-city')).toBe('nowhere.unit');
  });

  it("says a document's form in the screen's language, never the catalogue's code", () => {
    expect(documentFormName('original', 'vi')).toBe('bản chính');
    expect(documentFormName('certified_copy', 'vi')).toBe('bản sao có chứng thực');
    expect(documentFormName('original', 'en')).toBe('original');
  });

  it('says roles in words, in both languages', () => {
    expect(roleName('department_head', 'vi')).toBe('Trưởng phòng chuyên môn');
    expect(roleName('counter_officer', 'en')).toBe('Counter officer');
  });

  it('shows the applicant by name in a timeline, and never their whole ID number', () => {
    const applicant = { userId: 'applicant:046190001234', role: 'applicant' };
    expect(actorName(applicant, { applicantName: 'Đoàn Văn Xử', officers, lang: 'vi' })).toBe(
      'Đoàn Văn Xử (Người nộp hồ sơ)',
    );
    const unnamed = actorName(applicant, { applicantName: '', officers, lang: 'vi' });
    expect(unnamed).not.toContain('046190001234');
    expect(unnamed).toContain('234');
    expect(maskIdNumber('046190001234')).toBe('•••••••••234');
  });

  it('shows an officer by full name and role, the system as such', () => {
    const context = { applicantName: 'X', officers, lang: 'vi' as const };
    expect(actorName({ userId: 'officer.tckh.hue', role: 'department_officer' }, context)).toBe(
      'Trần Văn Nam (Phòng TC-KH) (Chuyên viên phòng chuyên môn)',
    );
    // an officer the list lacks: the name their own event carried
    expect(actorName({ userId: 'x.y', role: 'counter_officer', displayName: 'Lê Thị Na' }, context)).toBe(
      'Lê Thị Na (Cán bộ Một cửa)',
    );
    expect(actorName({ userId: 'routing', role: 'system' }, context)).toBe('Hệ thống');
  });
});
