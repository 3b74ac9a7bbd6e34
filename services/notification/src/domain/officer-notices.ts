/**
 * Deadline facts turned into notices for officers (docs/deadlines.md): who gets each, and what it
 * says. Pure: an audience is a key an officer's identity matches (`audiencesOf`), never an address.
 */
export interface OfficerNotice {
  /** `<eventId>:<audience>`: one notice per fact and audience, however often the fact is delivered. */
  id: string;
  audience: string;
  eventId: string;
  type: string;
  dossierId: string;
  dossierCode: string;
  subject: string;
  text: string;
  at: string;
}

export interface OfficerIdentity {
  userId: string;
  role: string;
  centerId?: string;
  departmentId?: string;
}

export const OFFICER_NOTICE_TYPES = ['StepNearDue', 'StepEscalated', 'ApologyPrompted', 'DailyDigestIssued'];

const user = (id: string) => `user:${id}`;
const queue = (departmentId: string) => `department:${departmentId}`;
const head = (departmentId: string) => `head:${departmentId}`;
const leadership = (centerId: string) => `leader:${centerId}`;

/** The audiences an officer reads: their own, their department's queue, and their role's. */
export function audiencesOf(officer: OfficerIdentity): string[] {
  return [
    user(officer.userId),
    ...(officer.departmentId ? [queue(officer.departmentId)] : []),
    ...(officer.role === 'department_head' && officer.departmentId ? [head(officer.departmentId)] : []),
    ...(officer.role === 'district_leader' && officer.centerId ? [leadership(officer.centerId)] : []),
  ];
}

const localTime = (iso: unknown) =>
  new Date(String(iso)).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour12: false });

interface Fact {
  eventId: string;
  type: string;
  dossierId: string;
  dossierCode: string;
  occurredAt: string;
  payload: Record<string, unknown>;
}

type Draft = { audience: string; subject: string; text: string };

function drafts(fact: Fact): Draft[] {
  const p = fact.payload;
  const code = fact.dossierCode;
  switch (fact.type) {
    case 'StepNearDue': {
      const to = p.assigneeId ? user(String(p.assigneeId)) : queue(String(p.departmentId));
      return [
        {
          audience: to,
          subject: `[Một cửa] Sắp đến hạn: ${p.stepName} – hồ sơ ${code}`,
          text: `Bước "${p.stepName}" của hồ sơ ${code} đến hạn lúc ${localTime(p.dueAt)}.`,
        },
      ];
    }
    case 'StepEscalated': {
      const level = Number(p.level);
      const to = level >= 2 ? leadership(String(p.centerId)) : head(String(p.departmentId));
      return [
        {
          audience: to,
          subject: `[Một cửa] Quá hạn (cấp ${level}): ${p.stepName} – hồ sơ ${code}`,
          text: `Bước "${p.stepName}" của hồ sơ ${code} đã quá hạn (hạn ${localTime(p.dueAt)}), chuyển cấp ${level}.`,
        },
      ];
    }
    case 'ApologyPrompted':
      return ((p.departmentIds as string[] | undefined) ?? []).map((departmentId) => ({
        audience: head(departmentId),
        subject: `[Một cửa] Cần văn bản xin lỗi và hẹn lại – hồ sơ ${code}`,
        text:
          `Hồ sơ ${code} hẹn trả lúc ${localTime(p.appointmentAt)} chưa giải quyết xong. ` +
          `Phiếu xin lỗi và hẹn lại (Mẫu 04) phải gửi trước ${localTime(p.apologyDeadline)}.`,
      }));
    case 'DailyDigestIssued': {
      const kind = String(p.unitKind);
      const count = (field: string) => ((p[field] as unknown[] | undefined) ?? []).length;
      return [
        {
          audience: kind === 'center' ? leadership(String(p.centerId)) : head(String(p.unitId)),
          subject: `[Một cửa] Tổng hợp ngày ${p.workingDate}: ${count('overdue')} quá hạn`,
          text:
            `Đến hạn hôm nay: ${count('dueToday')}; đến hạn ngày làm việc tiếp theo: ${count('dueTomorrow')}; ` +
            `quá hạn: ${count('overdue')}.`,
        },
      ];
    }
    default:
      return [];
  }
}

/** The notices a fact gives, one per audience (none for facts officers are not told about). */
export function officerNotices(fact: Fact): OfficerNotice[] {
  const seen = new Set<string>();
  return drafts(fact)
    .filter((d) => !seen.has(d.audience) && seen.add(d.audience))
    .map((d) => ({
      id: `${fact.eventId}:${d.audience}`,
      eventId: fact.eventId,
      type: fact.type,
      dossierId: fact.dossierId,
      dossierCode: fact.dossierCode,
      at: fact.occurredAt,
      ...d,
    }));
}
