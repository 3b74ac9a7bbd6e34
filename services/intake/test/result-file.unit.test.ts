import { deciderSpec } from '@motcua/eventstore/testing';
import { describe, expect, it } from 'vitest';
import type { DocumentRef } from '../src/domain/documents.js';
import { type IntakeCommand, intakeDossier } from '../src/domain/dossier.js';
import { downloadableResultFile } from '../src/domain/result-file.js';
import type { ProcessView } from '../src/domain/types.js';

const spec = deciderSpec(intakeDossier);
const at = (local: string) => new Date(`${local}+07:00`);
const procedure = {
  code: '2.000575',
  version: 1,
  name: 'Đăng ký thành lập hộ kinh doanh',
  legalTimeLimit: { value: 3, unit: 'working_days' as const },
};
const applicant = { fullName: 'Nguyễn Văn An', idNumber: '046090001234', phone: '', email: '', address: '' };
const received = intakeDossier.decide(
  {
    type: 'ReceiveDossier',
    dossierId: 'd-1',
    dossierCode: '000.00.31.H57-260302-0001',
    lookupKeyHash: 'c0ffee',
    procedure,
    applicant,
    documents: [],
    checklist: [],
    guidance: '',
    channel: 'counter',
    receivingUnitCode: '000.00.31.H57',
    centerId: 'hue-city',
    units: { receivingCenterId: 'hue-city', competentCenterId: 'hue-city', returnCenterId: 'hue-city' },
    receivedAt: at('2026-03-02T10:00:00'),
    appointmentAt: at('2026-03-05T17:00:00'),
    cutoffApplies: false,
  },
  { status: 'new' },
);
const resultAt = (outcome: 'approved' | 'refused') => [
  ...received,
  ...intakeDossier.decide(
    { type: 'RecordResultAtCounter', outcome, at: at('2026-03-04T15:00:00') },
    spec.given(received).state,
  ),
];
const file: DocumentRef = {
  documentId: '66a000000000000000000001',
  name: 'Giấy chứng nhận đăng ký hộ kinh doanh',
  sha256: 'b'.repeat(64),
  size: 2048,
  contentType: 'application/pdf',
};
const processing: ProcessView = { status: 'processing', supplementRequestNumber: 0, amountVnd: 0 };
const attach = (over: Partial<Extract<IntakeCommand, { type: 'AttachResultFile' }>> = {}): IntakeCommand => ({
  type: 'AttachResultFile',
  file,
  resultTypes: ['paper', 'electronic'],
  process: null,
  at: at('2026-03-04T16:00:00'),
  ...over,
});

describe("a dossier's electronic result file", () => {
  it('is attached with its hash once the approved result is at the counter', () => {
    const events = spec
      .given(resultAt('approved'))
      .when(attach())
      .thenEmits([
        {
          type: 'ResultFileAttached',
          schemaVersion: 1,
          occurredAt: at('2026-03-04T16:00:00').toISOString(),
          payload: { ...file, attachedAt: at('2026-03-04T16:00:00').toISOString() },
        },
      ]);
    expect(spec.given([...resultAt('approved'), ...events]).state).toMatchObject({ resultFile: file });
  });

  it('is refused for a procedure that issues no electronic result', () => {
    expect(
      spec
        .given(resultAt('approved'))
        .when(attach({ resultTypes: ['paper'] }))
        .thenThrows(),
    ).toMatchObject({
      code: 'FORBIDDEN_TRANSITION',
      details: { rule: 'intake.result-file-electronic-only' },
      messages: { vi: expect.any(String), en: expect.stringContaining('electronic') },
    });
  });

  it('is attached by the signing department while the processing runs or once it is completed', () => {
    for (const status of ['processing', 'completed'] as const) {
      spec
        .given(received)
        .when(attach({ process: { ...processing, status } }))
        .thenEmits([
          {
            type: 'ResultFileAttached',
            schemaVersion: 1,
            occurredAt: at('2026-03-04T16:00:00').toISOString(),
            payload: { ...file, attachedAt: at('2026-03-04T16:00:00').toISOString() },
          },
        ]);
    }
  });

  it('is refused before the processing starts, while it waits for the applicant, or once it is stopped', () => {
    for (const status of ['awaiting_supplement', 'awaiting_payment', 'stopped', 'closed'] as const) {
      expect(
        spec
          .given(received)
          .when(attach({ process: { ...processing, status } }))
          .thenThrows(),
      ).toMatchObject({ details: { rule: 'intake.result-file-after-result', status: 'received' } });
    }
  });

  it('is refused before the result reaches the counter, and for a refusal', () => {
    expect(spec.given(received).when(attach()).thenThrows()).toMatchObject({
      details: { rule: 'intake.result-file-after-result', status: 'received' },
    });
    expect(spec.given(resultAt('refused')).when(attach()).thenThrows()).toMatchObject({
      details: { rule: 'intake.result-file-after-result' },
    });
  });

  it('is one file: the same bytes again change nothing, other bytes are refused', () => {
    const first = resultAt('approved');
    const withFile = [...first, ...intakeDossier.decide(attach(), spec.given(first).state)];
    spec
      .given(withFile)
      .when(attach({ file: { ...file, documentId: '66a0000000000000000000ff' } }))
      .thenEmits([]);
    expect(
      spec
        .given(withFile)
        .when(attach({ file: { ...file, sha256: 'c'.repeat(64) } }))
        .thenThrows(),
    ).toMatchObject({ details: { rule: 'intake.result-file-once' } });
  });
});

describe('the electronic result handed out for download', () => {
  const file: DocumentRef = {
    documentId: 'f-1',
    name: 'ket-qua.pdf',
    sha256: 'ab'.repeat(32),
    size: 10,
    contentType: 'application/pdf',
  };

  it('is withheld while the dossier is still processed, even when already attached', () => {
    expect(downloadableResultFile({ status: 'received', resultFile: file })).toBeUndefined();
  });

  it('is handed out once the approved result is at the counter, and after it was returned', () => {
    expect(
      downloadableResultFile({ status: 'result_at_counter', resultOutcome: 'approved', resultFile: file }),
    ).toBe(file);
    expect(downloadableResultFile({ status: 'returned', resultOutcome: 'approved', resultFile: file })).toBe(
      file,
    );
  });

  it('is never handed out when the dossier ended refused', () => {
    expect(
      downloadableResultFile({ status: 'result_at_counter', resultOutcome: 'refused', resultFile: file }),
    ).toBeUndefined();
  });
});
