import { eventHash } from '../../packages/eventstore/src/hash-chain.js';

// A synthetic province-year of the lifecycle log: real event types and payloads (they decode with
// the contracts), hash-chained per stream like the event store does, and a realistic mix — 9
// centers, 7 fields, online submissions, refusals at intake and after appraisal, supplements,
// liên thông (two departments in parallel), claims and assignments, overdue steps with escalation
// and apologies, withdrawals, ratings. Dossiers overlap in time as on a working day: a window of
// open dossiers advances together, so the log interleaves them. Seeded: the same size gives the
// same log.

export const CENTERS = [
  'hue-city',
  'huong-thuy',
  'huong-tra',
  'phong-dien',
  'quang-dien',
  'phu-vang',
  'phu-loc',
  'a-luoi',
  'nam-dong',
];
/** Procedure code → field (7 fields), as routing's catalogue would say. */
export const PROCEDURES: { code: string; fieldCode: string; kind: string }[] = [
  { code: '1.001612', fieldCode: 'ho-tich', kind: 'justice' },
  { code: '1.000894', fieldCode: 'chung-thuc', kind: 'justice' },
  { code: '2.000046', fieldCode: 'dang-ky-kinh-doanh', kind: 'finance-planning' },
  { code: '1.003010', fieldCode: 'dat-dai', kind: 'natural-resources' },
  { code: '1.004227', fieldCode: 'moi-truong', kind: 'natural-resources' },
  { code: '1.001776', fieldCode: 'bao-tro-xa-hoi', kind: 'labour-social' },
  { code: '1.009972', fieldCode: 'xay-dung', kind: 'urban-management' },
];
const URBAN = new Set(['hue-city', 'huong-thuy', 'huong-tra']);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** mulberry32: small, fast, seeded. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Producer = 'intake' | 'routing' | 'department' | 'timers';
export interface HistoryEvent {
  key: string;
  value: string;
  type: string;
}

/** One dossier's lifecycle: its events, each at its time, in the order they are recorded. */
function lifecycle(i: number, start: number, random: () => number, uuid: () => string) {
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)] as T;
  const chance = (p: number) => random() < p;
  const dossierId = uuid();
  const center = CENTERS[i % CENTERS.length] as string;
  const procedure = pick(PROCEDURES);
  const kind =
    procedure.kind === 'urban-management' && !URBAN.has(center) ? 'economy-infrastructure' : procedure.kind;
  const department = `${center}.${kind}`;
  const day = new Date(start + 7 * HOUR).toISOString().slice(2, 10).replaceAll('-', '');
  const code = `000.00.31.H57-${day}-${String(i % 10_000).padStart(4, '0')}`;
  const streams = new Map<string, { version: number; hash: string }>();
  const out: { at: number; envelope: Record<string, unknown> }[] = [];
  let t = start;
  const iso = (ms: number) => new Date(ms).toISOString();
  const emit = (type: string, producer: Producer, payload: Record<string, unknown>, streamId?: string) => {
    const stream = streamId ?? `${producer}-dossier:${dossierId}`;
    const s = streams.get(stream) ?? { version: 0, hash: '' };
    const envelope: Record<string, unknown> = {
      eventId: uuid(),
      type,
      schemaVersion: 1,
      dossierId,
      dossierCode: code,
      streamId: stream,
      streamVersion: s.version + 1,
      occurredAt: iso(t),
      recordedAt: iso(t),
      actor: { userId: `system:${producer}`, role: 'system' },
      causationId: uuid(),
      correlationId: dossierId,
      producer,
      payload,
      previousHash: s.hash,
    };
    envelope.hash = eventHash(envelope);
    streams.set(stream, { version: s.version + 1, hash: envelope.hash as string });
    out.push({ at: t, envelope });
  };
  const later = (hours: number) => {
    t += Math.round(hours * HOUR * (0.5 + random()));
  };
  const overdue = chance(0.08);
  const appointment = start + (overdue ? 2 : 5) * DAY;

  if (chance(0.3)) {
    emit('DossierSubmittedOnline', 'intake', {
      procedureCode: procedure.code,
      procedureVersion: 1,
      procedureName: 'Thủ tục hành chính',
      centerId: center,
      applicant: { fullName: 'Nguyễn Văn An' },
      documents: [{ name: 'Tờ khai', original: true, count: 1 }],
      submittedAt: iso(t),
    });
    later(2);
  }
  if (chance(0.04)) {
    emit('DossierRefusedAtIntake', 'intake', {
      reasons: ['Thiếu giấy tờ bắt buộc'],
      refusedAt: iso(t),
      procedureCode: procedure.code,
      centerId: center,
    });
    return out;
  }
  emit('DossierReceived', 'intake', {
    dossierCode: code,
    lookupKeyHash: 'a3f1c9e0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a6',
    procedureCode: procedure.code,
    procedureVersion: 1,
    procedureName: 'Thủ tục hành chính',
    channel: pick(['counter', 'online', 'postal']),
    receivingUnitCode: '000.00.31.H57',
    centerId: center,
    applicant: { fullName: 'Nguyễn Thị Thu Hương', phone: '0912345678' },
    documents: [{ name: 'Giấy đề nghị', original: true, count: 1 }],
    receivedAt: iso(t),
    appointmentAt: iso(appointment),
    legalTimeLimit: { value: 5, unit: 'working_days' },
    checklist: [],
  });
  later(1);
  if (chance(0.02)) {
    emit('DossierWithdrawn', 'intake', { reason: 'Công dân rút hồ sơ', withdrawnAt: iso(t) });
    return out;
  }
  // liên thông: a second department works in parallel
  const departments = chance(0.1) ? [department, `${center}.finance-planning`] : [department];
  for (const [n, dept] of departments.entries()) {
    const taskId = uuid();
    const stepId = `step-${n + 1}`;
    const stepDueAt = iso(t + (overdue ? 1 : 3) * DAY);
    emit('DossierRouted', 'routing', {
      stepId,
      stepName: 'Thẩm định hồ sơ',
      departmentId: dept,
      transferAt: iso(t),
      stepDueAt,
    });
    emit(
      'TaskQueued',
      'department',
      { taskId, stepId, departmentId: dept, stepName: 'Thẩm định hồ sơ', dueAt: stepDueAt },
      `department-task:${taskId}`,
    );
    later(3);
    const officer = `${dept}.can-bo-${1 + Math.floor(random() * 4)}`;
    if (chance(0.5)) {
      emit(
        'TaskClaimed',
        'department',
        { taskId, officerId: officer, claimedAt: iso(t) },
        `department-task:${taskId}`,
      );
    } else {
      emit(
        'TaskAssigned',
        'department',
        { taskId, officerId: officer, assignedAt: iso(t) },
        `department-task:${taskId}`,
      );
    }
    if (chance(0.1)) {
      later(4);
      emit('SupplementRequested', 'routing', {
        requestNumber: 1,
        missingDocuments: ['Bản sao sổ hộ khẩu'],
        stepId,
        requestedAt: iso(t),
      });
      later(24);
      emit('SupplementReceived', 'intake', {
        documents: [{ name: 'Bản sao sổ hộ khẩu', original: false, count: 1 }],
        receivedAt: iso(t),
        requestNumber: 1,
      });
    }
    if (overdue) {
      later(30);
      const ref = {
        taskId,
        stepId,
        stepName: 'Thẩm định hồ sơ',
        departmentId: dept,
        centerId: center,
        dueAt: stepDueAt,
        procedureCode: procedure.code,
      };
      emit('StepOverdue', 'timers', { ...ref, detectedAt: iso(t) });
      if (chance(0.5)) {
        emit('StepEscalated', 'timers', {
          ...ref,
          level: 1,
          escalatedToRole: 'department_head',
          ruleId: 'overdue-1',
          ruleVersion: 1,
          escalatedAt: iso(t),
        });
      }
    }
    later(overdue ? 30 : 20);
    emit(
      'StepCompleted',
      'department',
      { taskId, stepId, departmentId: dept, officerId: officer, outcome: 'approved', completedAt: iso(t) },
      `department-task:${taskId}`,
    );
  }
  if (departments.length > 1) {
    emit('BranchCompleted', 'routing', {
      stepId: 'step-1',
      completedAt: iso(t),
      remainingStepIds: ['step-2'],
    });
  }
  if (overdue && t > appointment) {
    emit('DossierOverdue', 'timers', {
      centerId: center,
      procedureCode: procedure.code,
      appointmentAt: iso(appointment),
      departmentIds: departments,
      detectedAt: iso(t),
    });
    if (chance(0.5)) {
      emit('ApologyIssued', 'routing', {
        previousAppointmentAt: iso(appointment),
        newAppointmentAt: iso(appointment + 3 * DAY),
        reason: 'Cần xác minh thêm',
        issuedAt: iso(t),
      });
    }
  }
  later(2);
  const refused = chance(0.05);
  if (refused) {
    emit('DossierRefusedAfterAppraisal', 'routing', { reasons: ['Không đủ điều kiện'], refusedAt: iso(t) });
  }
  emit('DossierProcessingCompleted', 'routing', {
    outcome: refused ? 'refused' : 'approved',
    completedAt: iso(t),
  });
  later(6);
  emit('ResultReceivedAtCounter', 'intake', {
    receivedAt: iso(t),
    outcome: refused ? 'refused' : 'approved',
  });
  later(24);
  emit('ResultReturned', 'intake', {
    returnedAt: iso(t),
    method: 'counter',
    receiverName: 'Nguyễn Thị Thu Hương',
  });
  if (chance(0.2)) {
    later(4);
    emit('ApplicantFeedbackGiven', 'intake', { rating: 1 + Math.floor(random() * 5), givenAt: iso(t) });
  }
  return out;
}

/**
 * The log of `dossiers` dossiers received over a year from `startMs`, in recorded order within a
 * window of `open` dossiers in flight (the log interleaves them; a dossier's events keep their order).
 */
export function* history(dossiers: number, options: { startMs?: number; open?: number; seed?: number } = {}) {
  const random = rng(options.seed ?? dossiers);
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(random() * 4)]}${hex(3)}-${hex(12)}`;
  const start = options.startMs ?? Date.parse('2025-01-02T01:00:00Z');
  const spacing = (365 * DAY) / dossiers;
  const window: { events: ReturnType<typeof lifecycle>; next: number }[] = [];
  let started = 0;
  const open = options.open ?? 200;
  while (started < dossiers || window.length > 0) {
    while (window.length < open && started < dossiers) {
      window.push({ events: lifecycle(started, start + started * spacing, random, uuid), next: 0 });
      started++;
    }
    // the open dossier whose next event is earliest goes first
    let best = 0;
    for (let k = 1; k < window.length; k++) {
      const w = window[k]!;
      const b = window[best]!;
      if ((w.events[w.next]?.at ?? Infinity) < (b.events[b.next]?.at ?? Infinity)) best = k;
    }
    const slot = window[best]!;
    const event = slot.events[slot.next++]!;
    if (slot.next >= slot.events.length) window.splice(best, 1);
    const envelope = event.envelope;
    yield {
      key: envelope.dossierId as string,
      value: JSON.stringify(envelope),
      type: envelope.type as string,
    };
  }
}
