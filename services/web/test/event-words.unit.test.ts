import { describe, expect, it } from 'vitest';
import { eventLabel } from '../src/client/core/event-words.js';

const entry = (type: string, payload: Record<string, unknown> = {}) => ({ type, payload });

describe("the audited timeline's words for an event", () => {
  it('names a lifecycle event in the language asked', () => {
    expect(eventLabel(entry('DossierReceived'), 'vi')).toBe('Tiếp nhận hồ sơ');
    expect(eventLabel(entry('DossierReceived'), 'en')).toBe('Dossier received');
  });

  it('says on which channel the applicant was notified', () => {
    expect(eventLabel(entry('ApplicantNotified', { channel: 'sms', delivery: 'accepted' }), 'vi')).toBe(
      'Thông báo cho người nộp (tin nhắn SMS)',
    );
  });

  it('says when a notice may not have reached the applicant', () => {
    const unconfirmed = entry('ApplicantNotified', { channel: 'email', delivery: 'unconfirmed' });
    expect(eventLabel(unconfirmed, 'vi')).toBe(
      'Thông báo cho người nộp (thư điện tử, chưa xác nhận đã gửi được)',
    );
    expect(eventLabel(unconfirmed, 'en')).toBe('Applicant notified (e-mail, not confirmed as delivered)');
  });

  it('says when a notice could not be sent', () => {
    expect(eventLabel(entry('ApplicantNotificationFailed', { channel: 'zalo' }), 'en')).toBe(
      'Applicant could not be notified (Zalo)',
    );
  });

  it('shows the type of an event newer than the page', () => {
    expect(eventLabel(entry('SomethingNew'), 'en')).toBe('SomethingNew');
  });
});
