import type { DossierReceivedV1, DossierReceivedV2, EventEnvelope } from '../src/index.js';

export const dossierReceived = (): DossierReceivedV1 => ({
  dossierCode: 'UBND-Q1-250301-0001',
  lookupKeyHash: 'a3f1c9e0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a6',
  procedureCode: '1.004222',
  procedureVersion: 1,
  procedureName: 'Cấp giấy chứng nhận quyền sử dụng đất',
  channel: 'counter',
  receivingUnitCode: 'UBND-Q1',
  centerId: 'center-q1',
  applicant: {
    fullName: 'Nguyễn Văn An',
    idNumber: '079090001234',
    phone: '0901234567',
    email: 'an.nguyen@example.com',
    address: '12 Lê Lợi, Quận 1',
  },
  documents: [
    { name: 'Đơn đăng ký', original: true, count: 1, documentId: '', sha256: '' },
    { name: 'Bản sao CCCD', original: false, count: 2, documentId: '', sha256: '' },
  ],
  receivedAt: '2025-03-01T02:00:00.000Z',
  appointmentAt: '2025-03-15T10:00:00.000Z',
  legalTimeLimit: { value: 10, unit: 'working_days' },
  checklist: [],
  guidance: '',
  cutoffApplies: false,
  fromOnlineSubmission: false,
});

/** The current version: a boundary-free reception, decided and returned elsewhere. */
export const dossierReceivedV2 = (): DossierReceivedV2 => ({
  ...dossierReceived(),
  receivingCenterId: 'center-q1',
  competentCenterId: 'center-city',
  returnCenterId: 'center-q1',
});

export const envelope = (overrides: Partial<EventEnvelope> = {}): EventEnvelope => ({
  eventId: '0195514c-7c00-7a2b-8c3d-4e5f60718293',
  type: 'DossierRouted',
  schemaVersion: 1,
  dossierId: 'd-1',
  dossierCode: 'UBND-Q1-250301-0001',
  streamId: 'dossier-d-1',
  streamVersion: 2,
  occurredAt: '2025-03-01T02:00:01.000Z',
  recordedAt: '2025-03-01T02:00:01.250Z',
  actor: { userId: 'system', role: 'system', centerId: '', departmentId: '', displayName: '' },
  causationId: '0195514c-7bf0-7000-8000-000000000001',
  correlationId: 'corr-1',
  trace: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', tracestate: '' },
  producer: 'routing',
  payload: {
    stepId: 'receive-review',
    stepName: 'Thẩm định hồ sơ',
    departmentId: 'dept-land',
    departmentName: 'Phòng Tài nguyên và Môi trường',
    transferAt: '2025-03-01T02:00:01.000Z',
    stepDueAt: '2025-03-05T10:00:00.000Z',
  },
  previousHash: '',
  hash: '',
  rulebookId: '',
  ...overrides,
});
