import { describe, expect, it } from 'vitest';
import { normalizeForSearch, rankByWords } from '../src/domain/search.js';
import { SEED_PROCEDURES } from '../src/domain/seed.js';

const search = (q: string) => rankByWords(SEED_PROCEDURES, q).map((r) => r.item.code);

describe('searching the catalogue without diacritics', () => {
  it('strips tones and marks and maps đ to d', () => {
    expect(normalizeForSearch('Đăng ký hộ kinh doanh')).toBe('dang ky ho kinh doanh');
    expect(normalizeForSearch('Thừa Thiên Huế, Quảng Điền')).toBe('thua thien hue quang dien');
  });

  it('finds "Đăng ký thành lập hộ kinh doanh" from "dang ky ho kinh doanh", first', () => {
    expect(search('dang ky ho kinh doanh')[0]).toBe('2.000575');
  });

  it('ranks by matched words, so other household-business procedures follow', () => {
    const codes = search('dang ky ho kinh doanh');
    expect(codes).toContain('2.000720');
    expect(codes.indexOf('2.000720')).toBeGreaterThan(0);
  });

  it('matches the words citizens use, kept as keywords', () => {
    expect(search('so do lan dau')[0]).toBe('9.000201');
    expect(search('sang ten so do')[0]).toBe('9.000203');
  });

  it('accepts diacritics too, and a code typed in full', () => {
    expect(search('chứng thực chữ ký')).toContain('2.000884');
    expect(search('2.000806')).toEqual(['2.000806']);
  });

  it('finds nothing for nothing', () => {
    expect(search('   ')).toEqual([]);
    expect(search('zzz qqq')).toEqual([]);
  });
});
