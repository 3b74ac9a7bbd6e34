import { DomainError } from '@motcua/contracts';
import { type ApplicantContact, CHANNELS, type ChannelName, type ChannelPreferences } from './channels.js';

/** What an applicant asks for: the channels they want, and those they never want (opt-outs). */
export interface PreferenceChange {
  preferences: ChannelPreferences;
  optedOut: ChannelName[];
}

const unprocessable = (code: string, channel: ChannelName, vi: string, en: string) =>
  new DomainError(code, {
    kind: 'invalid_input',
    httpStatus: 422,
    messages: { vi, en },
    details: { field: `preferences.${channel}`, channel },
  });

const CHANNEL_VI: Record<ChannelName, string> = { email: 'thư điện tử', sms: 'tin nhắn SMS', zalo: 'Zalo' };

/**
 * Checks a change against what the dossier knows of the applicant: a channel cannot be both wanted and
 * opted out, and cannot be wanted without the address it needs (e-mail, or a phone for SMS and Zalo).
 */
export function checkPreferenceChange(contact: ApplicantContact, change: PreferenceChange): PreferenceChange {
  const optedOut = CHANNELS.filter((c) => change.optedOut.includes(c));
  for (const channel of CHANNELS) {
    if (!change.preferences[channel]) continue;
    if (optedOut.includes(channel)) {
      throw unprocessable(
        'PREFERENCE_CONTRADICTS_OPT_OUT',
        channel,
        `Không thể vừa chọn vừa từ chối nhận thông báo qua ${CHANNEL_VI[channel]}`,
        `The ${channel} channel cannot be both wanted and opted out`,
      );
    }
    const reachable = channel === 'email' ? Boolean(contact.email) : Boolean(contact.phone);
    if (!reachable) {
      throw unprocessable(
        'CHANNEL_UNREACHABLE',
        channel,
        `Hồ sơ không có ${channel === 'email' ? 'địa chỉ thư điện tử' : 'số điện thoại'} để nhận thông báo qua ${CHANNEL_VI[channel]}`,
        `The dossier has no ${channel === 'email' ? 'e-mail address' : 'phone number'} for the ${channel} channel`,
      );
    }
  }
  return { preferences: { ...change.preferences }, optedOut };
}
