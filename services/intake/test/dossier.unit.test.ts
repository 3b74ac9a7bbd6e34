import type { NewEvent } from '@motcua/eventstore';
import { deciderSpec } from '@motcua/eventstore/testing';
import { describe, expect, it } from 'vitest';
import { type IntakeCommand, intakeDossier, nationalStatus } from '../src/domain/dossier.js';
import type { ProcessView } from '../src/domain/types.js';

const spec = deciderSpec(intakeDossier);
const at = (local: string) => new Date(`${local}+07:00`);
const procedure = {
  code: '2.000575',
  version: 1,
  name: 'Đăng ký thành lập hộ kinh doanh',
  legalTimeLimit: { value: 3, unit: 'working_days' as const },
};
const applicant = {
  fullName: 'Nguyễn Văn An',
  idNumber: '046090001234',
  phone: '0905123456',
  email: 'an@example.vn',
  address: '12 Lê Lợi, Huế',
};
const documents = [{ name: 'Giấy đề nghị đăng ký hộ kinh doanh', original: true, count: 1 }];
const receive = (over: Partial<Extract<IntakeCommand, { type: 'ReceiveDossier' }>> = {}): IntakeCommand => ({
  type: 'ReceiveDossier',
  dossierId: 'd-1',
  dossierCode: '000.00.31.H57-260302-0001',
  lookupKeyHash: 'c0ffee',
  procedure,
  applicant,
  documents,
  checklist: [{ documentName: 'Giấy đề nghị đăng ký hộ kinh doanh', required: true, provided: true }],
  guidance: 'Đã hướng dẫn',
  channel: 'counter',
  receivingUnitCode: '000.00.31.H57',
  centerId: 'hue-city',
  units: { receivingCenterId: 'hue-city', competentCenterId: 'hue-city', returnCenterId: 'hue-city' },
  receivedAt: at('2026-03-02T10:00:00'),
  appointmentAt: at('2026-03-05T17:00:00'),
  cutoffApplies: false,
  ...over,
});
const decide = (history: NewEvent[], command: IntakeCommand) =>
  intakeDossier.decide(command, spec.given(history).state);
const received = decide([], receive());
const submitted = decide([], {
  type: 'SubmitOnline',
  dossierId: '0b7a4c1e-2f3d-4e5f-8a9b-0c1d2e3f4a5b',
  procedure,
  centerId: 'hue-city',
  applicant,
  documents,
  at: at('2026-03-01T21:00:00'),
});
const processAt = (status: ProcessView['status'], supplementRequestNumber = 0): ProcessView => ({
  status,
  supplementRequestNumber,
  amountVnd: 0,
});
const resultBack: NewEvent[] = decide(received, {
  type: 'RecordResultAtCounter',
  outcome: 'approved',
  at: at('2026-03-04T15:00:00'),
});

describe('a dossier at the counter', () => {
  it('is received with its code, applicant, checklist and appointment', () => {
    expect(received).toMatchObject([
      {
        type: 'DossierReceived',
        dossierCode: '000.00.31.H57-260302-0001',
        payload: {
          dossierCode: '000.00.31.H57-260302-0001',
          appointmentAt: at('2026-03-05T17:00:00').toISOString(),
          applicant,
          guidance: 'Đã hướng dẫn',
          fromOnlineSubmission: false,
        },
      },
    ]);
  });

  it('is not received when the checklist shows a required document missing', () => {
    const error = spec
      .given([])
      .when(receive({ checklist: [{ documentName: 'Bản sao CCCD', required: true, provided: false }] }))
      .thenThrows();
    expect(error).toMatchObject({ code: 'FORBIDDEN_TRANSITION', details: { missing: ['Bản sao CCCD'] } });
  });

  it('cannot be received twice', () => {
    expect(spec.given(received).when(receive()).thenThrows()).toMatchObject({
      details: { rule: 'intake.receive' },
    });
  });

  it('is refused at the counter with reasons (Mẫu 03)', () => {
    const [refused] = decide([], {
      type: 'RefuseAtIntake',
      reasons: ['Không thuộc thẩm quyền giải quyết'],
      procedureCode: '2.000575',
      centerId: 'hue-city',
      at: at('2026-03-02T10:00:00'),
    });
    expect(refused).toMatchObject({
      type: 'DossierRefusedAtIntake',
      payload: { reasons: ['Không thuộc thẩm quyền giải quyết'] },
    });
  });
});

describe('an online submission', () => {
  it('waits as status 1 until an officer checks it', () => {
    expect(submitted).toMatchObject([{ type: 'DossierSubmittedOnline', payload: { centerId: 'hue-city' } }]);
    expect(spec.given(submitted).state).toMatchObject({ status: 'submitted', channel: 'online' });
  });

  it('is received after the check, and the reception says it came online', () => {
    expect(decide(submitted, receive({ channel: 'online' }))).toMatchObject([
      { type: 'DossierReceived', payload: { fromOnlineSubmission: true, channel: 'online' } },
    ]);
  });

  it('gets the complete list of what is missing at once (Mẫu 02)', () => {
    const [asked] = decide(submitted, {
      type: 'RequestSupplementAtIntake',
      missingDocuments: ['Bản sao CCCD', 'Hợp đồng thuê nhà'],
      guidance: 'Bổ sung trực tuyến',
      at: at('2026-03-02T09:00:00'),
    });
    expect(asked).toMatchObject({
      type: 'IntakeSupplementRequested',
      payload: { missingDocuments: ['Bản sao CCCD', 'Hợp đồng thuê nhà'] },
    });
  });

  it('can be withdrawn before reception', () => {
    expect(
      decide(submitted, {
        type: 'Withdraw',
        reason: 'Không còn nhu cầu',
        process: null,
        at: at('2026-03-02T09:00:00'),
      }),
    ).toMatchObject([{ type: 'DossierWithdrawn' }]);
  });
});

describe('what the applicant brings during processing', () => {
  it('records the complete supplement the processing asked for, with the request number', () => {
    const [supplement] = decide(received, {
      type: 'ReceiveSupplement',
      documents,
      process: processAt('awaiting_supplement', 1),
      at: at('2026-03-06T09:00:00'),
    });
    expect(supplement).toMatchObject({ type: 'SupplementReceived', payload: { requestNumber: 1 } });
  });

  it("lists the documents received, then each supplement's, for the officers who process the dossier", () => {
    const added = { name: 'Bản sao hợp đồng thuê địa điểm kinh doanh', original: false, count: 1 };
    const supplemented = [
      ...received,
      ...decide(received, {
        type: 'ReceiveSupplement',
        documents: [added],
        process: processAt('awaiting_supplement', 1),
        at: at('2026-03-06T09:00:00'),
      }),
    ];
    expect(spec.given(received).state).toMatchObject({ documents });
    expect(spec.given(supplemented).state).toMatchObject({ documents: [...documents, added] });
  });

  it('refuses a supplement nobody asked for', () => {
    const error = spec
      .given(received)
      .when({
        type: 'ReceiveSupplement',
        documents,
        process: processAt('processing'),
        at: at('2026-03-06T09:00:00'),
      })
      .thenThrows();
    expect(error).toMatchObject({
      code: 'FORBIDDEN_TRANSITION',
      details: { rule: 'intake.supplement-awaited' },
    });
  });

  it('records a payment only while a financial obligation awaits it', () => {
    const payment = (process: ProcessView): IntakeCommand => ({
      type: 'RecordPayment',
      amountVnd: 2_500_000,
      method: 'counter',
      receiptNumber: 'BL-0001',
      process,
      at: at('2026-03-04T09:00:00'),
    });
    expect(decide(received, payment(processAt('awaiting_payment')))).toMatchObject([{ type: 'FeePaid' }]);
    expect(
      spec
        .given(received)
        .when(payment(processAt('processing')))
        .thenThrows(),
    ).toMatchObject({
      details: { rule: 'intake.payment-awaited' },
    });
  });

  it('lets the applicant withdraw while processing goes on, but not once the result exists', () => {
    const withdraw = (process: ProcessView | null): IntakeCommand => ({
      type: 'Withdraw',
      reason: 'Rút hồ sơ',
      process,
      at: at('2026-03-03T09:00:00'),
    });
    expect(decide(received, withdraw(processAt('processing')))).toMatchObject([{ type: 'DossierWithdrawn' }]);
    expect(
      spec
        .given(received)
        .when(withdraw(processAt('completed')))
        .thenThrows(),
    ).toMatchObject({
      details: { rule: 'intake.withdraw' },
    });
    expect(
      spec
        .given([...received, ...resultBack])
        .when(withdraw(null))
        .thenThrows(),
    ).toMatchObject({
      details: { rule: 'intake.withdraw' },
    });
  });
});

describe('the result', () => {
  it('arrives at the counter once, with its outcome', () => {
    expect(resultBack).toMatchObject([{ type: 'ResultReceivedAtCounter', payload: { outcome: 'approved' } }]);
    spec
      .given([...received, ...resultBack])
      .when({ type: 'RecordResultAtCounter', outcome: 'approved', at: at('2026-03-04T16:00:00') })
      .thenEmits([]);
  });

  const returning = (
    over: Partial<Extract<IntakeCommand, { type: 'ReturnResult' }>> = {},
  ): IntakeCommand => ({
    type: 'ReturnResult',
    at: at('2026-03-05T09:00:00'),
    method: 'counter',
    receiverName: 'Nguyễn Văn An',
    proxy: false,
    ...over,
  });

  it('is returned at the counter to the applicant', () => {
    expect(decide([...received, ...resultBack], returning())).toMatchObject([
      { type: 'ResultReturned', payload: { method: 'counter', proxy: false } },
    ]);
  });

  it('goes to a proxy only against a written authorisation', () => {
    expect(
      spec
        .given([...received, ...resultBack])
        .when(returning({ proxy: true }))
        .thenThrows(),
    ).toMatchObject({
      code: 'INVALID_INPUT',
      details: { rule: 'intake.proxy-authorization' },
    });
    expect(
      decide([...received, ...resultBack], returning({ proxy: true, authorizationReference: 'GUQ-12/2026' })),
    ).toMatchObject([{ payload: { proxy: true, authorizationReference: 'GUQ-12/2026' } }]);
  });

  it('goes by post only with a tracking number', () => {
    expect(
      spec
        .given([...received, ...resultBack])
        .when(returning({ method: 'postal' }))
        .thenThrows(),
    ).toMatchObject({
      details: { rule: 'intake.postal-tracking' },
    });
  });

  it('cannot be returned before it arrives', () => {
    expect(spec.given(received).when(returning()).thenThrows()).toMatchObject({
      code: 'FORBIDDEN_TRANSITION',
      details: { rule: 'intake.return-result', status: 'received' },
    });
  });
});

describe('the national status code a public look-up shows', () => {
  const stateOf = (history: NewEvent[]) => spec.given(history).state;
  it('follows the counter, then the process, then the counter again', () => {
    expect(nationalStatus(stateOf(submitted), null)).toEqual({ status: 'submitted', code: 1 });
    expect(nationalStatus(stateOf(received), null)).toEqual({ status: 'received', code: 2 });
    expect(nationalStatus(stateOf(received), processAt('awaiting_supplement', 1)).code).toBe(5);
    expect(nationalStatus(stateOf(received), processAt('awaiting_payment')).code).toBe(6);
    expect(nationalStatus(stateOf(received), processAt('stopped')).code).toBe(8);
    expect(nationalStatus(stateOf([...received, ...resultBack]), processAt('completed')).code).toBe(9);
  });
});

describe("the applicant's satisfaction", () => {
  const feedback = (rating: number): IntakeCommand => ({
    type: 'GiveFeedback',
    rating,
    comment: 'Cán bộ hướng dẫn tận tình',
    at: at('2026-03-05T10:00:00'),
  });

  it('is recorded once the result is at the counter, with the rating and the comment', () => {
    expect(decide([...received, ...resultBack], feedback(5))).toMatchObject([
      { type: 'ApplicantFeedbackGiven', payload: { rating: 5, comment: 'Cán bộ hướng dẫn tận tình' } },
    ]);
  });

  it('is refused before the result and a second time', () => {
    expect(spec.given(received).when(feedback(4)).thenThrows()).toMatchObject({
      details: { rule: 'intake.feedback-after-result' },
    });
    const rated = [...received, ...resultBack, ...decide([...received, ...resultBack], feedback(4))];
    expect(spec.given(rated).when(feedback(2)).thenThrows()).toMatchObject({
      details: { rule: 'intake.feedback-once' },
    });
  });

  it('takes a rating from 1 to 5 only', () => {
    expect(
      spec
        .given([...received, ...resultBack])
        .when(feedback(6))
        .thenThrows(),
    ).toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(
      spec
        .given([...received, ...resultBack])
        .when(feedback(0))
        .thenThrows(),
    ).toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
