import { applicantIdOf } from '@motcua/auth';
import { DomainError } from '@motcua/contracts';
import { describe, expect, it } from 'vitest';
import { checkPreferenceChange } from '../src/domain/preferences.js';

const off = { email: false, sms: false, zalo: false };

describe("checking an applicant's preference change against their contact", () => {
  it('keeps a consistent change, opt-outs in channel order and without duplicates', () => {
    expect(
      checkPreferenceChange(
        { email: 'a@b.vn', phone: '0912345678' },
        { preferences: { ...off, email: true }, optedOut: ['zalo', 'sms', 'zalo'] },
      ),
    ).toEqual({ preferences: { ...off, email: true }, optedOut: ['sms', 'zalo'] });
  });

  it('refuses SMS or Zalo without a phone number, and e-mail without an address (422)', () => {
    const refused = (contact: { email?: string; phone?: string }, channel: 'email' | 'sms' | 'zalo') => {
      try {
        checkPreferenceChange(contact, { preferences: { ...off, [channel]: true }, optedOut: [] });
      } catch (err) {
        return err as DomainError;
      }
      throw new Error('accepted');
    };
    for (const channel of ['sms', 'zalo'] as const) {
      const err = refused({ email: 'a@b.vn' }, channel);
      expect(err).toBeInstanceOf(DomainError);
      expect(err).toMatchObject({ code: 'CHANNEL_UNREACHABLE', httpStatus: 422 });
      expect(err.messages.vi).toContain('số điện thoại');
    }
    expect(refused({ phone: '0912345678' }, 'email').messages.en).toBe(
      'The dossier has no e-mail address for the email channel',
    );
  });

  it('refuses a channel both wanted and opted out', () => {
    expect(() =>
      checkPreferenceChange(
        { email: 'a@b.vn' },
        { preferences: { ...off, email: true }, optedOut: ['email'] },
      ),
    ).toThrow(expect.objectContaining({ code: 'PREFERENCE_CONTRADICTS_OPT_OUT' }));
  });

  it('names the applicant as intake does: by ID number when given, else by the dossier', () => {
    expect(applicantIdOf({ idNumber: '046190001234' }, 'd-1')).toBe('applicant:046190001234');
    expect(applicantIdOf({}, 'd-1')).toBe('applicant:dossier:d-1');
  });
});
