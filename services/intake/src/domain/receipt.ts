// Mẫu 01: "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", from the dossier's reception event, numbered by its rulebook.
import { type Form, rulebookById, rulebookIdOf } from '@motcua/rulebook';
import type { Applicant, ReceivedDocument } from './types.js';

export interface Receipt {
  dossierCode: string;
  /** The secret printed for the applicant's look-up (derived again, never stored). */
  lookupKey: string;
  centerName: string;
  procedureName: string;
  applicant: Applicant;
  documents: ReceivedDocument[];
  legalTimeLimit?: { value: number; unit: string };
  receivedAt: string;
  appointmentAt: string;
  /** The officer who received it: the reception event's actor by full name (their login when unknown). */
  receivedBy: string;
  /** The receipt form of the dossier's rulebook (its number and circular). */
  form: Form;
}

interface ReceivedEvent {
  type: string;
  rulebookId?: string;
  actor?: { userId?: string; displayName?: string };
  payload: unknown;
}

/** The receipt of a received dossier, or undefined when it has not been received (yet, or ever). */
export function receiptOf(
  events: readonly ReceivedEvent[],
  lookupKey: string,
  centerName: (centerId: string) => string,
): Receipt | undefined {
  const received = events.find((e) => e.type === 'DossierReceived');
  if (!received) return undefined;
  const p = received.payload as {
    dossierCode: string;
    centerId: string;
    procedureName: string;
    applicant?: Partial<Applicant>;
    documents?: ReceivedDocument[];
    legalTimeLimit?: { value: number; unit: string };
    receivedAt: string;
    appointmentAt: string;
  };
  return {
    dossierCode: p.dossierCode,
    lookupKey,
    centerName: centerName(p.centerId),
    procedureName: p.procedureName,
    applicant: {
      fullName: p.applicant?.fullName ?? '',
      idNumber: p.applicant?.idNumber ?? '',
      phone: p.applicant?.phone ?? '',
      email: p.applicant?.email ?? '',
      address: p.applicant?.address ?? '',
    },
    documents: p.documents ?? [],
    ...(p.legalTimeLimit ? { legalTimeLimit: p.legalTimeLimit } : {}),
    receivedAt: p.receivedAt,
    appointmentAt: p.appointmentAt,
    receivedBy: received.actor?.displayName || received.actor?.userId || '',
    form: rulebookById(rulebookIdOf(received)).forms.receipt.value,
  };
}

const UNITS: Record<string, string> = {
  working_days: 'ngày làm việc',
  calendar_days: 'ngày',
  working_hours: 'giờ làm việc',
};

/** "03 ngày làm việc", "Trong ngày" — the time limit as the form writes it. */
export function timeLimitWords(limit: { value: number; unit: string } | undefined): string {
  if (!limit) return '';
  if (limit.unit === 'same_day') return 'Trong ngày';
  return `${String(limit.value).padStart(2, '0')} ${UNITS[limit.unit] ?? limit.unit}`;
}

const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** `09 giờ 30 phút, ngày 02/03/2026` in Vietnam time, as the form writes instants. */
export function vietnamTime(iso: string): string {
  const d = new Date(Date.parse(iso) + VIETNAM_OFFSET_MS);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCHours())} giờ ${p(d.getUTCMinutes())} phút, ngày ${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}
