/** What the applicant is told, rendered from the event data. Vietnamese first, English below. */
export interface RenderedMessage {
  template: string;
  subject: string;
  text: string;
}

export interface DossierFacts {
  dossierCode: string;
  procedureName: string;
  applicantName: string;
  appointmentAt?: string;
}

const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

/** `17:00 ngày 05/03/2026` in Vietnam time. */
export function formatLocal(iso: string): string {
  const local = new Date(new Date(iso).getTime() + VIETNAM_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())} ngày ${pad(local.getUTCDate())}/${pad(
    local.getUTCMonth() + 1,
  )}/${local.getUTCFullYear()}`;
}

export function renderReceived(facts: DossierFacts): RenderedMessage {
  const when = facts.appointmentAt ? formatLocal(facts.appointmentAt) : '';
  return {
    template: 'dossier-received',
    subject: `[Một cửa] Đã tiếp nhận hồ sơ ${facts.dossierCode} / Dossier received`,
    text: [
      `Kính gửi ${facts.applicantName},`,
      `Hồ sơ "${facts.procedureName}" của Ông/Bà đã được tiếp nhận với mã số ${facts.dossierCode}.`,
      `Thời gian hẹn trả kết quả: ${when}.`,
      '',
      `Dear ${facts.applicantName}, your dossier "${facts.procedureName}" was received under code ${facts.dossierCode}.`,
      `Appointment for the result: ${when} (Vietnam time).`,
    ].join('\n'),
  };
}

export function renderResultReady(facts: DossierFacts): RenderedMessage {
  return {
    template: 'result-ready',
    subject: `[Một cửa] Hồ sơ ${facts.dossierCode} đã có kết quả / Result ready`,
    text: [
      `Kính gửi ${facts.applicantName},`,
      `Hồ sơ ${facts.dossierCode} ("${facts.procedureName}") đã có kết quả.`,
      'Mời Ông/Bà mang giấy tiếp nhận đến Trung tâm hành chính công để nhận kết quả.',
      '',
      `Dear ${facts.applicantName}, the result of dossier ${facts.dossierCode} is ready.`,
      'Please bring your receipt to the Public Administrative Service Center to collect it.',
    ].join('\n'),
  };
}

/** Shows enough of an address to recognise it, not enough to harvest it. */
export function maskEmail(email: string): string {
  const [user = '', domain = ''] = email.split('@');
  return `${user.slice(0, 2)}***@${domain}`;
}
