/** The channels a notice reaches the applicant on, as `channel.<name>` words of a console's dictionary. */
export const contactChannelWords = {
  vi: { 'channel.email': 'thư điện tử', 'channel.sms': 'tin nhắn SMS', 'channel.zalo': 'Zalo' },
  en: { 'channel.email': 'e-mail', 'channel.sms': 'SMS', 'channel.zalo': 'Zalo' },
} as const;

/** A channel's word, or nothing for a channel newer than the page. */
export const contactChannelWord = (channel: string | undefined, lang: 'vi' | 'en'): string =>
  (contactChannelWords[lang] as Record<string, string>)[`channel.${channel}`] ?? '';
