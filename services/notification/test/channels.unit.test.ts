import { describe, expect, it } from 'vitest';
import { retryAfterMs } from '../src/adapters/http-provider.js';
import { channelsFor, defaultPreferences, maskPhone, smsText } from '../src/domain/channels.js';

describe('which channels an applicant gets', () => {
  it('defaults: e-mail when an address exists, SMS when a phone exists, Zalo off', () => {
    expect(defaultPreferences({ email: 'a@b.vn', phone: '0912345678' })).toEqual({
      email: true,
      sms: true,
      zalo: false,
    });
    expect(channelsFor({ email: 'a@b.vn', phone: '0912345678' })).toEqual(['email', 'sms']);
    expect(channelsFor({ email: 'a@b.vn' })).toEqual(['email']);
    expect(channelsFor({ phone: '0912345678' })).toEqual(['sms']);
    expect(channelsFor({})).toEqual([]);
  });

  it('follows preferences, but never without the address a channel needs', () => {
    const contact = { email: 'a@b.vn', phone: '0912345678' };
    expect(channelsFor({ ...contact, preferences: { email: false, sms: true, zalo: true } })).toEqual([
      'sms',
      'zalo',
    ]);
    expect(channelsFor({ email: 'a@b.vn', preferences: { sms: true, zalo: true } })).toEqual(['email']);
  });

  it('an opt-out wins over a preference', () => {
    expect(
      channelsFor({ email: 'a@b.vn', phone: '0912345678', preferences: { zalo: true }, optedOut: ['sms'] }),
    ).toEqual(['email', 'zalo']);
  });

  it('a channel this deployment has not configured is off', () => {
    expect(channelsFor({ email: 'a@b.vn', phone: '0912345678' }, ['email'])).toEqual(['email']);
  });
});

describe('SMS text', () => {
  it('plain ASCII is GSM-7: 160 in one SMS, 153 per part beyond', () => {
    expect(smsText('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1 });
    const long = smsText('a'.repeat(161));
    expect(long).toMatchObject({ encoding: 'GSM-7', segments: 2 });
    expect(long.parts.map((p) => p.length)).toEqual([153, 8]);
  });

  it('GSM extension characters count twice and are not split', () => {
    expect(smsText('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1 });
    const parts = smsText(`a${'€'.repeat(80)}`).parts;
    expect(parts[0]).toBe(`a${'€'.repeat(76)}`);
  });

  it('Vietnamese diacritics force UCS-2: 70 in one SMS, 67 per part beyond', () => {
    const one = 'Hồ sơ đã được tiếp nhận';
    expect(smsText(one)).toMatchObject({ encoding: 'UCS-2', units: one.length, segments: 1 });
    expect(smsText('ệ'.repeat(70))).toMatchObject({ encoding: 'UCS-2', segments: 1 });
    const long = smsText('ệ'.repeat(71));
    expect(long).toMatchObject({ encoding: 'UCS-2', segments: 2 });
    expect(long.parts.map((p) => p.length)).toEqual([67, 4]);
    expect(long.parts.join('')).toBe('ệ'.repeat(71));
  });

  it('masks phone numbers', () => {
    expect(maskPhone('0912345678')).toBe('0912***678');
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 7_000)).toBe(3000);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});
