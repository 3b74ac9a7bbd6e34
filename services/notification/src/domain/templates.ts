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
  /**
   * The receipt's look-up key, derived again at send time for the applicant's own channels only: it
   * is part of the text sent and of nothing kept (the message record holds the template's name).
   */
  lookupKey?: string;
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

/** `2.500.000 đồng`: Vietnamese digit grouping. */
export const formatVnd = (amount: number) => `${new Intl.NumberFormat('vi-VN').format(amount)} đồng`;

const list = (items: unknown) =>
  Array.isArray(items) ? items.map((item, i) => `  ${i + 1}. ${String(item)}`) : [];

type Payload = Record<string, unknown>;
interface Template {
  name: string;
  subject: (f: DossierFacts) => string;
  vi: (f: DossierFacts, p: Payload) => string[];
  en: (f: DossierFacts, p: Payload) => string[];
}

const code = (f: DossierFacts) => f.dossierCode || f.procedureName;

/** One template per event that the applicant must hear about (Decree 61/2018 Arts 17–20). */
export const TEMPLATES: Readonly<Record<string, Template>> = {
  DossierReceived: {
    name: 'dossier-received',
    subject: (f) => `[Một cửa] Đã tiếp nhận hồ sơ ${f.dossierCode} / Dossier received`,
    vi: (f, p) => [
      `Hồ sơ "${f.procedureName}" của Ông/Bà đã được tiếp nhận với mã số ${f.dossierCode}.`,
      ...(f.lookupKey
        ? [`Mã tra cứu: ${f.lookupKey} (dùng cùng mã hồ sơ để theo dõi; không chia sẻ cho người khác).`]
        : []),
      `Thời gian hẹn trả kết quả: ${formatLocal(String(p.appointmentAt))}.`,
    ],
    en: (f, p) => [
      `Your dossier "${f.procedureName}" was received under code ${f.dossierCode}.`,
      ...(f.lookupKey
        ? [`Look-up key: ${f.lookupKey} (with the code, to follow it; keep it to yourself).`]
        : []),
      `Appointment for the result: ${formatLocal(String(p.appointmentAt))} (Vietnam time).`,
    ],
  },
  IntakeSupplementRequested: {
    name: 'supplement-requested',
    subject: (f) => `[Một cửa] Đề nghị bổ sung hồ sơ ${code(f)} / Please complete your dossier`,
    vi: (_f, p) => [
      'Hồ sơ của Ông/Bà cần bổ sung các giấy tờ sau:',
      ...list(p.missingDocuments),
      String(p.guidance ?? ''),
    ],
    en: (_f, p) => ['Your dossier needs the following documents:', ...list(p.missingDocuments)],
  },
  SupplementRequested: {
    name: 'supplement-requested',
    subject: (f) => `[Một cửa] Đề nghị bổ sung hồ sơ ${code(f)} / Please complete your dossier`,
    vi: (_f, p) => [
      'Trong quá trình giải quyết, hồ sơ của Ông/Bà cần bổ sung các giấy tờ sau:',
      ...list(p.missingDocuments),
      'Thời hạn giải quyết được tính lại từ đầu khi nhận đủ hồ sơ bổ sung.',
    ],
    en: (_f, p) => [
      'While processing your dossier, the following documents are needed:',
      ...list(p.missingDocuments),
      'The time limit starts again once the complete supplement is received.',
    ],
  },
  FinancialObligationNotified: {
    name: 'financial-obligation',
    subject: (f) => `[Một cửa] Thông báo nghĩa vụ tài chính — hồ sơ ${code(f)} / Payment due`,
    vi: (_f, p) => [`Ông/Bà cần nộp ${formatVnd(Number(p.amountVnd))}: ${String(p.description)}.`],
    en: (_f, p) => [`Please pay ${Number(p.amountVnd)} VND: ${String(p.description)}.`],
  },
  ApologyIssued: {
    name: 'apology',
    subject: (f) => `[Một cửa] Thư xin lỗi và hẹn lại ngày trả kết quả — hồ sơ ${code(f)} / New appointment`,
    vi: (_f, p) => [
      `Chúng tôi thành thật xin lỗi vì chưa thể trả kết quả đúng hẹn. Lý do: ${String(p.reason)}.`,
      `Thời gian hẹn trả kết quả mới: ${formatLocal(String(p.newAppointmentAt))}.`,
    ],
    en: (_f, p) => [
      `We apologise that the result will not be ready on time. Reason: ${String(p.reason)}.`,
      `New appointment: ${formatLocal(String(p.newAppointmentAt))} (Vietnam time).`,
    ],
  },
  DossierProcessingCompleted: {
    name: 'early-completion',
    subject: (f) => `[Một cửa] Hồ sơ ${code(f)} được giải quyết trước hạn / Ready early`,
    vi: (f) => [`Hồ sơ ${code(f)} đã được giải quyết xong trước ngày hẹn. Ông/Bà có thể nhận kết quả sớm.`],
    en: (f) => [`Dossier ${code(f)} was processed before its appointment; you may collect the result early.`],
  },
  ResultReceivedAtCounter: {
    name: 'result-ready',
    subject: (f) => `[Một cửa] Hồ sơ ${f.dossierCode} đã có kết quả / Result ready`,
    vi: (f) => [
      `Hồ sơ ${f.dossierCode} ("${f.procedureName}") đã có kết quả.`,
      'Mời Ông/Bà mang giấy tiếp nhận đến Trung tâm hành chính công để nhận kết quả.',
    ],
    en: (f) => [
      `The result of dossier ${f.dossierCode} is ready.`,
      'Please bring your receipt to the Public Administrative Service Center to collect it.',
    ],
  },
  ResultReturned: {
    name: 'result-returned',
    subject: (f) => `[Một cửa] Đã trả kết quả hồ sơ ${f.dossierCode} / Result returned`,
    vi: (f, p) => [
      `Kết quả hồ sơ ${f.dossierCode} đã được trả cho ${String(p.receiverName)} lúc ${formatLocal(String(p.returnedAt))}.`,
    ],
    en: (f, p) => [`The result of dossier ${f.dossierCode} was handed to ${String(p.receiverName)}.`],
  },
  DossierRefusedAtIntake: {
    name: 'refused',
    subject: (f) => `[Một cửa] Từ chối tiếp nhận hồ sơ / Dossier refused — ${f.procedureName}`,
    vi: (_f, p) => ['Hồ sơ của Ông/Bà không được tiếp nhận vì:', ...list(p.reasons)],
    en: (_f, p) => ['Your dossier was not accepted because:', ...list(p.reasons)],
  },
  DossierRefusedAfterAppraisal: {
    name: 'refused',
    subject: (f) => `[Một cửa] Hồ sơ ${code(f)} không được giải quyết / Dossier refused`,
    vi: (_f, p) => ['Sau khi thẩm định, hồ sơ của Ông/Bà không được giải quyết vì:', ...list(p.reasons)],
    en: (_f, p) => ['After appraisal, your dossier was refused because:', ...list(p.reasons)],
  },
};

/** The applicant must be told in advance only when the result is early (Decree 61 Art 20). */
export function shouldNotify(type: string, payload: Payload): boolean {
  if (!TEMPLATES[type]) return false;
  if (type === 'DossierProcessingCompleted') return payload.early === true && payload.outcome === 'approved';
  return true;
}

export function render(type: string, facts: DossierFacts, payload: Payload): RenderedMessage {
  const template = TEMPLATES[type];
  if (!template) throw new Error(`no template for ${type}`);
  return {
    template: template.name,
    subject: template.subject(facts),
    text: [
      `Kính gửi ${facts.applicantName},`,
      ...template.vi(facts, payload),
      '',
      `Dear ${facts.applicantName},`,
      ...template.en(facts, payload),
    ].join('\n'),
  };
}

/** Shows enough of an address to recognise it, not enough to harvest it. */
export function maskEmail(email: string): string {
  const [user = '', domain = ''] = email.split('@');
  return `${user.slice(0, 2)}***@${domain}`;
}
