import { describe, expect, it } from 'vitest';
import { formatDossierCode, formLabel, RULEBOOKS, type Rule, rulebookFor } from '../src/index.js';

const formNumbers = (day: string) =>
  Object.fromEntries(Object.entries(rulebookFor(day).forms).map(([k, f]) => [k, f.value.number]));

describe('forms and their numbers, per rulebook', () => {
  it('given a dossier received on 30 June 2025, its forms are those of Circular 01/2018', () => {
    expect(formNumbers('2025-06-30')).toEqual({
      receipt: '01',
      supplementRequest: '02',
      refusal: '03',
      apology: '04',
      stopNotice: null,
      controlSheet: '05',
      register: '06',
    });
    expect(formLabel(rulebookFor('2025-06-30'), 'apology')).toBe(
      'Mẫu 04 – Phiếu xin lỗi và hẹn lại ngày trả kết quả (Thông tư 01/2018/TT-VPCP)',
    );
  });

  it('given 1 July–14 September 2025, the old numbers stay, flagged unverified, and the stop notice has no number', () => {
    const book = rulebookFor('2025-07-01');
    expect(formNumbers('2025-09-14')).toEqual(formNumbers('2025-06-30'));
    expect(Object.values(book.forms).every((f) => !f.verified)).toBe(true);
    expect(formLabel(book, 'stopNotice')).toBe('Thông báo dừng giải quyết hồ sơ');
  });

  it('given 15 September 2025, Circular 03/2025 numbers them 01–07: stop notice 05, control sheet 06', () => {
    expect(formNumbers('2025-09-15')).toEqual({
      receipt: '01',
      supplementRequest: '02',
      refusal: '03',
      apology: '04',
      stopNotice: '05',
      controlSheet: '06',
      register: '07',
    });
    const book = rulebookFor('2025-09-15');
    expect(formLabel(book, 'controlSheet')).toBe(
      'Mẫu 06 – Phiếu kiểm soát quá trình giải quyết hồ sơ (Thông tư 03/2025/TT-VPCP)',
    );
    expect(book.forms.apology.value.name).toBe('Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết');
    expect(book.apology.asks.value).toBe('extension');
  });
});

describe('statuses and the stop on request', () => {
  it('before 1 July 2025 the applicant cannot ask to stop, and there is no such status', () => {
    const book = rulebookFor('2025-06-30');
    expect(book.stopOnRequest.value).toEqual({ allowed: false, notice: null });
    expect(book.statuses.value.map((s) => s.key)).not.toContain('stoppedOnRequest');
  });

  it('from 1 July 2025 (Decree 118 Art 21) the applicant may ask to stop, answered by the stop notice', () => {
    for (const day of ['2025-07-01', '2025-09-15', '2026-01-25']) {
      const book = rulebookFor(day);
      expect(book.stopOnRequest.value).toEqual({ allowed: true, notice: 'stopNotice' });
      expect(book.statuses.value.map((s) => s.key)).toContain('stoppedOnRequest');
    }
  });
});

describe('supplement, apology and cut-off', () => {
  it('keep the 2018 values under Decree 118, marked unverified where its articles were not read', () => {
    const old = rulebookFor('2025-06-30');
    const now = rulebookFor('2025-07-01');
    expect(old.transferCutoff).toMatchObject({ value: '15:00', verified: true });
    expect(now.transferCutoff).toMatchObject({ value: '15:00', verified: false });
    expect(now.supplement.maxRequests).toMatchObject({ value: 1, verified: false });
    expect(now.supplement.processingRequestWithinWorkingDays.value).toBe(3);
    expect(now.apology.maxPerDossier).toMatchObject({ value: 1, verified: false });
    expect(now.apology.latestWorkingDaysBeforeDue.value).toBe(1);
  });
});

describe('dossier codes', () => {
  const receivedAt = new Date('2026-01-25T02:00:00Z');

  it('write unit-YYMMDD-XXXX under every rulebook (Circular 03 Art 13(1)–(2) unread: kept, unverified)', () => {
    for (const day of ['2025-06-30', '2025-07-01', '2026-01-25']) {
      expect(
        formatDossierCode(rulebookFor(day).dossierCode.value, { unitCode: 'H57', receivedAt, sequence: 7 }),
      ).toBe('H57-260125-0007');
    }
    expect(rulebookFor('2025-06-30').dossierCode.verified).toBe(true);
    expect(rulebookFor('2025-07-01').dossierCode.verified).toBe(false);
  });

  it('from 25 January 2026 also know the national-platform code of Circular 04/2025', () => {
    expect(rulebookFor('2026-01-24').nationalPlatformDossierCode).toBeNull();
    const format = rulebookFor('2026-01-25').nationalPlatformDossierCode!.value;
    expect(
      formatDossierCode(format, { unitCode: 'G01.H57', receivedAt, sequence: 42, platformDigits: '03' }),
    ).toBe('G01.H57-260125-030042');
    expect(() => formatDossierCode(format, { unitCode: 'G01.H57', receivedAt, sequence: 42 })).toThrow(
      RangeError,
    );
  });

  it('refuse a sequence the format cannot hold', () => {
    const format = rulebookFor('2025-06-30').dossierCode.value;
    expect(() => formatDossierCode(format, { unitCode: 'H57', receivedAt, sequence: 10_000 })).toThrow(
      RangeError,
    );
    expect(() => formatDossierCode(format, { unitCode: 'H57', receivedAt, sequence: 0 })).toThrow(RangeError);
  });
});

describe('every rule names its source', () => {
  const rulesOf = (value: unknown): Rule<unknown>[] => {
    if (value && typeof value === 'object' && 'source' in value && 'verified' in value)
      return [value as Rule<unknown>];
    if (value && typeof value === 'object') return Object.values(value).flatMap(rulesOf);
    return [];
  };

  it.each(RULEBOOKS.map((r) => [r.id, r] as const))(
    '%s: a source for each rule, a note for each unverified one',
    (_, book) => {
      const { id, version, validFrom, validTo, name, legalBasis, ...rules } = book;
      const all = rulesOf(rules);
      expect(all.length).toBeGreaterThan(15);
      for (const rule of all) {
        expect(rule.source.text).not.toBe('');
        if (!rule.verified) expect(rule.note ?? '').not.toBe('');
      }
      expect(legalBasis.length).toBeGreaterThan(0);
    },
  );
});
