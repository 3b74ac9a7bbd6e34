import type { NewEvent } from '@motcua/eventstore';
import { deciderSpec } from '@motcua/eventstore/testing';
import { describe, expect, it } from 'vitest';
import type { DocumentRef } from '../src/domain/documents.js';
import { type IntakeCommand, intakeDossier } from '../src/domain/dossier.js';
import { MAX_ATTACHED_DOCUMENTS, uploadKeyFor, uploadKeyMatches } from '../src/domain/online-documents.js';

const spec = deciderSpec(intakeDossier);
const at = (local: string) => new Date(`${local}+07:00`);
const procedure = {
  code: '2.000575',
  version: 1,
  name: 'Đăng ký thành lập hộ kinh doanh',
  legalTimeLimit: { value: 3, unit: 'working_days' as const },
};
const submitted: NewEvent[] = intakeDossier.decide(
  {
    type: 'SubmitOnline',
    dossierId: '0b7a4c1e-2f3d-4e5f-8a9b-0c1d2e3f4a5b',
    procedure,
    centerId: 'hue-city',
    applicant: {
      fullName: 'Mai Thị Trực Tuyến',
      idNumber: '046190007777',
      phone: '',
      email: '',
      address: '',
    },
    documents: [{ name: 'Giấy đề nghị đăng ký hộ kinh doanh', original: true, count: 1 }],
    at: at('2026-03-01T21:00:00'),
  },
  { status: 'new' },
);
const file = (n: number): DocumentRef => ({
  documentId: `66a000000000000000000${String(n).padStart(3, '0')}`,
  name: `Giấy tờ ${n}`,
  sha256: String(n).padStart(64, 'a'),
  size: 1000 + n,
  contentType: 'application/pdf',
});
const attach = (documents: DocumentRef[], reusedFromDossierId?: string): IntakeCommand => ({
  type: 'AttachOnlineDocuments',
  documents,
  ...(reusedFromDossierId ? { reusedFromDossierId } : {}),
  at: at('2026-03-01T21:05:00'),
});
const attachedOnce = intakeDossier.decide(attach([file(1)]), spec.given(submitted).state);

describe('documents attached to an online submission', () => {
  it('are recorded one event per file with its hash, size and type', () => {
    expect(attachedOnce).toEqual([
      {
        type: 'OnlineDocumentAttached',
        schemaVersion: 1,
        occurredAt: at('2026-03-01T21:05:00').toISOString(),
        payload: {
          documentId: file(1).documentId,
          name: 'Giấy tờ 1',
          sha256: file(1).sha256,
          size: 1001,
          contentType: 'application/pdf',
          attachedAt: at('2026-03-01T21:05:00').toISOString(),
        },
      },
    ]);
  });

  it('show in the submission the counter checks', () => {
    const state = spec.given([...submitted, ...attachedOnce]).state;
    expect(state).toMatchObject({
      status: 'submitted',
      attachedDocuments: [{ documentId: file(1).documentId, sha256: file(1).sha256, name: 'Giấy tờ 1' }],
    });
  });

  it('are not attached twice when the same bytes come again for the same document', () => {
    spec
      .given([...submitted, ...attachedOnce])
      .when(attach([{ ...file(1), documentId: '66a0000000000000000000ff' }]))
      .thenEmits([]);
  });

  it('show under the new name when the same bytes are given for another document', () => {
    const again = { ...file(1), documentId: '66a0000000000000000000fe', name: 'Bản sao CCCD' };
    const events = intakeDossier.decide(attach([again]), spec.given([...submitted, ...attachedOnce]).state);
    expect(events.map((e) => e.payload)).toMatchObject([{ name: 'Bản sao CCCD', sha256: file(1).sha256 }]);
    const state = spec.given([...submitted, ...attachedOnce, ...events]).state;
    expect(state).toMatchObject({ attachedDocuments: [{ name: 'Giấy tờ 1' }, { name: 'Bản sao CCCD' }] });
  });

  it('remember the earlier dossier they were re-used from', () => {
    const [event] = intakeDossier.decide(attach([file(2)], 'earlier-dossier'), spec.given(submitted).state);
    expect(event?.payload).toMatchObject({ reusedFromDossierId: 'earlier-dossier' });
  });

  it('cannot be attached once the counter has received the dossier', () => {
    const received = intakeDossier.decide(
      {
        type: 'ReceiveDossier',
        dossierId: 'd-1',
        dossierCode: '000.00.31.H57-260302-0001',
        lookupKeyHash: 'c0ffee',
        procedure,
        applicant: { fullName: 'Mai Thị Trực Tuyến', idNumber: '', phone: '', email: '', address: '' },
        documents: [],
        checklist: [],
        guidance: '',
        channel: 'online',
        receivingUnitCode: '000.00.31.H57',
        centerId: 'hue-city',
        units: { receivingCenterId: 'hue-city', competentCenterId: 'hue-city', returnCenterId: 'hue-city' },
        receivedAt: at('2026-03-02T08:00:00'),
        appointmentAt: at('2026-03-05T17:00:00'),
        cutoffApplies: false,
      },
      spec.given(submitted).state,
    );
    expect(
      spec
        .given([...submitted, ...received])
        .when(attach([file(3)]))
        .thenThrows(),
    ).toMatchObject({
      code: 'FORBIDDEN_TRANSITION',
      details: { rule: 'intake.attach-before-check', status: 'received' },
      messages: { vi: expect.stringContaining('chờ kiểm tra'), en: expect.stringContaining('waits') },
    });
  });

  it('cannot be attached to a dossier that does not exist', () => {
    expect(
      spec
        .given([])
        .when(attach([file(4)]))
        .thenThrows(),
    ).toMatchObject({
      details: { rule: 'intake.attach-before-check', status: 'new' },
    });
  });

  it(`are at most ${MAX_ATTACHED_DOCUMENTS} per submission`, () => {
    const many = Array.from({ length: MAX_ATTACHED_DOCUMENTS + 1 }, (_, i) => file(i + 10));
    expect(spec.given(submitted).when(attach(many)).thenThrows()).toMatchObject({
      code: 'INVALID_INPUT',
      details: { rule: 'intake.attach-limit' },
    });
  });
});

describe("an online submission's upload key", () => {
  it('opens only the submission it was made for', () => {
    const key = uploadKeyFor('dossier-a', 'secret');
    expect(uploadKeyMatches('dossier-a', 'secret', key)).toBe(true);
    expect(uploadKeyMatches('dossier-b', 'secret', key)).toBe(false);
    expect(uploadKeyMatches('dossier-a', 'another-secret', key)).toBe(false);
    expect(uploadKeyMatches('dossier-a', 'secret', '')).toBe(false);
  });

  it('differs from the receipt look-up key and is long enough not to be guessed', () => {
    expect(uploadKeyFor('dossier-a', 'secret')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
