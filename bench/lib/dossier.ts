import { randomBytes, randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@motcua/contracts';
import type { Decoded } from '@motcua/kafka';
import type { Decider, NewEvent } from '../../packages/eventstore/src/index.js';

// Bench-only event types whose payloads mirror DossierReceived, DossierRouted, StepCompleted and
// ResultReturned, so sizes and serialisation cost are real while no service ever mistakes them.
export const BENCH_TYPES = [
  'BenchDossierReceived',
  'BenchDossierRouted',
  'BenchStepCompleted',
  'BenchResultReturned',
] as const;
type BenchType = (typeof BENCH_TYPES)[number];

export type BenchCommand = { type: 'Receive'; dossierCode: string } | { type: 'Advance' };
export interface BenchState {
  /** Events so far: 0 before reception, 4 when the result was returned. */
  step: number;
}

const day = 24 * 3600 * 1000;
const iso = (offsetMs = 0) => new Date(Date.now() + offsetMs).toISOString();

function payloadOf(type: BenchType, dossierCode: string): Record<string, unknown> {
  switch (type) {
    case 'BenchDossierReceived':
      return {
        dossierCode,
        lookupKeyHash: randomBytes(32).toString('hex'),
        procedureCode: '1.001612',
        procedureVersion: 1,
        procedureName: 'Đăng ký thành lập hộ kinh doanh',
        channel: 'counter',
        receivingUnitCode: 'HCC-HN',
        centerId: 'hcc-ha-noi',
        applicant: {
          fullName: 'Nguyễn Thị Thu Hương',
          idNumber: '001190012345',
          phone: '0912345678',
          email: 'huong.nguyen@example.vn',
          address: 'Số 12 Tràng Tiền, phường Hoàn Kiếm, Hà Nội',
        },
        documents: [
          { name: 'Giấy đề nghị đăng ký hộ kinh doanh', original: true, count: 1 },
          { name: 'Bản sao Căn cước của chủ hộ kinh doanh', original: false, count: 1 },
        ],
        receivedAt: iso(),
        appointmentAt: iso(3 * day),
        legalTimeLimit: { value: 3, unit: 'working_days' },
      };
    case 'BenchDossierRouted':
      return {
        stepId: 'tham-dinh',
        stepName: 'Thẩm định hồ sơ',
        stepIndex: 0,
        departmentId: 'phong-tckh',
        departmentName: 'Phòng Tài chính – Kế hoạch',
        transferAt: iso(),
        stepDueAt: iso(2 * day),
      };
    case 'BenchStepCompleted':
      return {
        taskId: randomUUID(),
        stepId: 'tham-dinh',
        departmentId: 'phong-tckh',
        officerId: 'can-bo-tckh-01',
        outcome: 'approved',
        note: 'Hồ sơ hợp lệ, đề nghị cấp Giấy chứng nhận',
        completedAt: iso(),
      };
    case 'BenchResultReturned':
      return { returnedAt: iso(), method: 'counter', receiverName: 'Nguyễn Thị Thu Hương', proxy: false };
  }
}

/** Receive, then three transitions: one event per command, refused out of order like a real decider. */
export const benchDossier: Decider<BenchState, BenchCommand> = {
  initialState: () => ({ step: 0 }),
  evolve: (state) => ({ step: state.step + 1 }),
  decide: (command, state): NewEvent[] => {
    const receiving = command.type === 'Receive';
    if (receiving !== (state.step === 0) || state.step >= BENCH_TYPES.length) {
      throw new Error(`bench dossier: ${command.type} refused at step ${state.step}`);
    }
    const type = BENCH_TYPES[state.step]!;
    const code = receiving ? command.dossierCode : '';
    return [
      { type, schemaVersion: 1, payload: payloadOf(type, code), ...(receiving ? { dossierCode: code } : {}) },
    ];
  },
};

export const EVENTS_PER_DOSSIER = BENCH_TYPES.length;

/** The harness's decode step for bench types: parse and check what the projection relies on. */
export function decodeBenchEvent(value: Buffer | null): Decoded<RecordedEvent> {
  const poison = (reason: string) => ({ ok: false as const, code: 'POISON_MESSAGE', reason });
  if (value === null) return poison('EMPTY_MESSAGE');
  let raw: unknown;
  try {
    raw = JSON.parse(value.toString('utf8'));
  } catch {
    return poison('INVALID_JSON');
  }
  const e = raw as Partial<RecordedEvent> | null;
  if (
    typeof e !== 'object' ||
    e === null ||
    typeof e.eventId !== 'string' ||
    typeof e.dossierId !== 'string' ||
    !Number.isInteger(e.streamVersion) ||
    typeof e.payload !== 'object' ||
    e.payload === null
  ) {
    return poison('INVALID_ENVELOPE');
  }
  if (!BENCH_TYPES.includes(e.type as BenchType)) return poison('UNKNOWN_EVENT_TYPE');
  return { ok: true, event: e as RecordedEvent };
}

/** One stored event of the receive type: the size every ceiling stage writes. */
export function sampleEvent(dossierId: string, version = 1): RecordedEvent {
  const type = BENCH_TYPES[(version - 1) % BENCH_TYPES.length]!;
  const at = iso();
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    dossierId,
    dossierCode: 'HCC-HN-261128-0001',
    streamId: `bench-dossier:${dossierId}`,
    streamVersion: version,
    occurredAt: at,
    recordedAt: at,
    actor: { userId: 'bench-officer', role: 'counter_officer', centerId: 'hcc-ha-noi' },
    causationId: randomUUID(),
    correlationId: randomUUID(),
    producer: 'bench',
    payload: payloadOf(type, 'HCC-HN-261128-0001'),
  };
}
