/** Which channels reach an applicant, and how a text fits an SMS. Pure: no I/O. */

export type ChannelName = 'email' | 'sms' | 'zalo';
export const CHANNELS: readonly ChannelName[] = ['email', 'sms', 'zalo'];

export interface ChannelPreferences {
  email: boolean;
  sms: boolean;
  zalo: boolean;
}

export interface ApplicantContact {
  email?: string;
  phone?: string;
  preferences?: Partial<ChannelPreferences>;
  optedOut?: string[];
}

/** Defaults: e-mail on when an address exists, SMS on when a phone exists, Zalo off. */
export function defaultPreferences(contact: Pick<ApplicantContact, 'email' | 'phone'>): ChannelPreferences {
  return { email: Boolean(contact.email), sms: Boolean(contact.phone), zalo: false };
}

/**
 * The channels a message goes out on: preferred, with the address it needs, not opted out,
 * and configured in this deployment (`available`; a channel without a provider URL is off).
 */
export function channelsFor(
  contact: ApplicantContact,
  available: readonly ChannelName[] = CHANNELS,
): ChannelName[] {
  const preferences = { ...defaultPreferences(contact), ...contact.preferences };
  const optedOut = new Set(contact.optedOut ?? []);
  const reachable: Record<ChannelName, boolean> = {
    email: Boolean(contact.email),
    sms: Boolean(contact.phone),
    zalo: Boolean(contact.phone), // Zalo accounts are found by phone number
  };
  return CHANNELS.filter((c) => available.includes(c) && preferences[c] && reachable[c] && !optedOut.has(c));
}

// GSM 03.38 basic set; the extension set costs two septets each.
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';

export interface SmsText {
  encoding: 'GSM-7' | 'UCS-2';
  /** Units used: septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
  /** The parts as sent; one part when it fits a single SMS. */
  parts: string[];
}

const isGsm = (ch: string) => GSM_BASIC.includes(ch) || GSM_EXTENDED.includes(ch);
const gsmUnits = (ch: string) => (GSM_EXTENDED.includes(ch) ? 2 : 1);

/**
 * Splits a text as a phone would: GSM-7 when every character is in the GSM set (160 per SMS, 153
 * per part when concatenated), otherwise UCS-2 — Vietnamese diacritics force it — (70, 67 per part).
 * A part never splits an extension escape or a surrogate pair.
 */
export function smsText(text: string): SmsText {
  const chars = Array.from(text);
  const gsm = chars.every(isGsm);
  const unitsOf = gsm ? gsmUnits : (ch: string) => ch.length;
  const units = chars.reduce((n, ch) => n + unitsOf(ch), 0);
  const single = gsm ? 160 : 70;
  const perPart = gsm ? 153 : 67;
  if (units <= single) {
    return { encoding: gsm ? 'GSM-7' : 'UCS-2', units, segments: 1, parts: [text] };
  }
  const parts: string[] = [];
  let current = '';
  let used = 0;
  for (const ch of chars) {
    const u = unitsOf(ch);
    if (used + u > perPart) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += ch;
    used += u;
  }
  if (current) parts.push(current);
  return { encoding: gsm ? 'GSM-7' : 'UCS-2', units, segments: parts.length, parts };
}

/** A short SMS/Zalo body from a rendered message: the subject, then the text, whitespace folded. */
export function shortText(subject: string, text: string): string {
  return `${subject}. ${text}`.replace(/\s+/g, ' ').trim();
}

/** `0912***678`: enough for the applicant to recognise, not enough to reuse. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s+/g, '');
  if (digits.length <= 6) return '***';
  return `${digits.slice(0, 4)}***${digits.slice(-3)}`;
}
