import { deciderSpec } from '@motcua/eventstore/testing';
import { describe, expect, it } from 'vitest';
import { type IntakeCommand, intakeDossier } from '../src/domain/dossier.js';

const spec = deciderSpec(intakeDossier);
const receivedAt = new Date('2026-03-02T03:00:00.000Z'); // 10:00 in Huế
const appointmentAt = new Date('2026-03-05T10:00:00.000Z');

const receive: IntakeCommand = {
  type: 'ReceiveDossier',
  dossierId: 'd-1',
  dossierCode: '000.00.31.H57-260302-0001',
  lookupKeyHash: 'c0ffee',
  procedure: {
    code: '2.000575',
    version: 1,
    name: 'Đăng ký thành lập hộ kinh doanh',
    legalTimeLimit: { value: 3, unit: 'working_days' },
  },
  applicant: {
    fullName: 'Nguyễn Văn An',
    idNumber: '046090001234',
    phone: '0905123456',
    email: 'an@example.vn',
    address: '12 Lê Lợi, Huế',
  },
  documents: [{ name: 'Giấy đề nghị đăng ký hộ kinh doanh', original: true, count: 1 }],
  channel: 'counter',
  receivingUnitCode: '000.00.31.H57',
  centerId: 'hue-city',
  receivedAt,
  appointmentAt,
};

const [received] = spec
  .given([])
  .when(receive)
  .thenEmits([
    {
      type: 'DossierReceived',
      schemaVersion: 1,
      dossierCode: '000.00.31.H57-260302-0001',
      occurredAt: receivedAt.toISOString(),
      payload: {
        dossierCode: '000.00.31.H57-260302-0001',
        lookupKeyHash: 'c0ffee',
        procedureCode: '2.000575',
        procedureVersion: 1,
        procedureName: 'Đăng ký thành lập hộ kinh doanh',
        channel: 'counter',
        receivingUnitCode: '000.00.31.H57',
        centerId: 'hue-city',
        applicant: receive.type === 'ReceiveDossier' ? receive.applicant : undefined,
        documents: receive.type === 'ReceiveDossier' ? receive.documents : undefined,
        receivedAt: receivedAt.toISOString(),
        appointmentAt: appointmentAt.toISOString(),
        legalTimeLimit: { value: 3, unit: 'working_days' },
      },
    },
  ]);
const resultAt = new Date('2026-03-04T08:00:00.000Z');
const resultRecorded = {
  type: 'ResultReceivedAtCounter',
  schemaVersion: 1,
  occurredAt: resultAt.toISOString(),
  payload: { receivedAt: resultAt.toISOString() },
};

describe('a dossier at the counter', () => {
  it('is received with its code, procedure, applicant and appointment', () => {
    expect(received?.payload).toMatchObject({
      appointmentAt: '2026-03-05T10:00:00.000Z',
      channel: 'counter',
    });
  });

  it('cannot be received twice', () => {
    const error = spec.given([received!]).when(receive).thenThrows();
    expect(error).toMatchObject({ code: 'FORBIDDEN_TRANSITION', details: { rule: 'intake.receive' } });
  });

  it('records the result once it comes back from processing', () => {
    spec.given([received!]).when({ type: 'RecordResultAtCounter', at: resultAt }).thenEmits([resultRecorded]);
  });

  it('ignores the same result arriving again', () => {
    spec
      .given([received!, resultRecorded])
      .when({ type: 'RecordResultAtCounter', at: resultAt })
      .thenEmits([]);
  });

  it('refuses to record a result for a dossier it never received', () => {
    expect(spec.given([]).when({ type: 'RecordResultAtCounter', at: resultAt }).thenThrows()).toMatchObject({
      code: 'FORBIDDEN_TRANSITION',
    });
  });

  it('returns the result to the applicant at the counter', () => {
    const at = new Date('2026-03-05T02:00:00.000Z');
    spec
      .given([received!, resultRecorded])
      .when({ type: 'ReturnResult', at, method: 'counter', receiverName: 'Nguyễn Văn An', proxy: false })
      .thenEmits([
        {
          type: 'ResultReturned',
          schemaVersion: 1,
          occurredAt: at.toISOString(),
          payload: {
            returnedAt: at.toISOString(),
            method: 'counter',
            receiverName: 'Nguyễn Văn An',
            proxy: false,
          },
        },
      ]);
  });

  it('refuses to return a result that is not at the counter yet', () => {
    const command: IntakeCommand = {
      type: 'ReturnResult',
      at: resultAt,
      method: 'counter',
      receiverName: 'X',
      proxy: false,
    };
    expect(spec.given([received!]).when(command).thenThrows()).toMatchObject({
      code: 'FORBIDDEN_TRANSITION',
      details: { rule: 'intake.return the result of', status: 'received' },
    });
  });
});
