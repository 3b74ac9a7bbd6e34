import { describe, expect, it } from 'vitest';
import {
  combine,
  HITS_PER_KEY,
  keysOf,
  normalizeText,
  queryGroups,
  type SearchHit,
  withHit,
} from '../src/domain/dossier-search.js';

const hit = (dossierId: string, at: string, name = 'Nguyễn Văn An'): SearchHit => ({
  dossierId,
  applicantFullName: name,
  procedureName: 'Đăng ký thành lập hộ kinh doanh',
  at,
});

describe("the counter's dossier search keys", () => {
  it('reads names without diacritics or case, as officers type them', () => {
    expect(normalizeText('  Đoàn  Thị   Hương ')).toBe('doan thi huong');
  });

  it('finds a dossier by its name, each word of it, phone, ID number and the parts of its code', () => {
    expect(
      keysOf({
        dossierCode: '000.00.31.H57-261204-0007',
        applicant: { fullName: 'Lê Văn Tám', phone: '0905 123 456', idNumber: '046190001234' },
      }).sort(),
    ).toEqual(
      [
        'name:le van tam',
        'word:le',
        'word:van',
        'word:tam',
        'phone:0905123456',
        'id:046190001234',
        'code:000.00.31.H57-261204-0007',
        'code:261204-0007',
        'code:261204',
        'code:0007',
      ].sort(),
    );
  });

  it('looks a typed number up as a phone, an ID number or a part of a code, and a name word by word', () => {
    expect(queryGroups('0905.123.456')).toEqual([['phone:0905123456', 'id:0905123456', 'code:0905123456']]);
    expect(queryGroups('+84905123456')[0]).toContain('phone:0905123456');
    expect(queryGroups('261204-0007')).toEqual([['code:261204-0007']]);
    expect(queryGroups('000.00.31.h57-261204-0007')).toEqual([['code:000.00.31.H57-261204-0007']]);
    expect(queryGroups('lê tám')).toEqual([['word:le'], ['word:tam']]);
  });

  it("reads the dossier code out of a receipt's QR link", () => {
    expect(queryGroups('http://localhost:7100/applicant/lookup?code=000.00.31.H57-261204-0007')).toEqual([
      ['code:000.00.31.H57-261204-0007'],
    ]);
  });

  it('keeps the dossiers found by every word of a name, newest first', () => {
    const a = hit('a', '2026-12-01T01:00:00Z', 'Lê Văn Tám');
    const b = hit('b', '2026-12-02T01:00:00Z', 'Lê Thị Tám');
    const c = hit('c', '2026-12-03T01:00:00Z', 'Lê Văn Bảy');
    expect(combine([[[a, b, c]], [[a, b]]]).map((h) => h.dossierId)).toEqual(['b', 'a']);
  });

  it('keeps a key bounded to its most recent dossiers, and updates a dossier in place once it has a code', () => {
    let hits: SearchHit[] = [];
    for (let i = 0; i < HITS_PER_KEY + 5; i++) {
      hits = withHit(hits, hit(`d${i}`, new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString()));
    }
    expect(hits).toHaveLength(HITS_PER_KEY);
    expect(hits[0]!.dossierId).toBe(`d${HITS_PER_KEY + 4}`);
    const coded = withHit(hits, { ...hits[3]!, dossierCode: 'X-261204-0001' });
    expect(coded).toHaveLength(HITS_PER_KEY);
    expect(coded.filter((h) => h.dossierId === hits[3]!.dossierId)).toEqual([
      { ...hits[3]!, dossierCode: 'X-261204-0001' },
    ]);
  });
});
