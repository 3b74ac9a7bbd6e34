import type { NewEvent } from '@motcua/eventstore';
import { deciderSpec } from '@motcua/eventstore/testing';
import { describe, expect, it } from 'vitest';
import { type IntakeCommand, intakeDossier } from '../src/domain/dossier.js';

const spec = deciderSpec(intakeDossier);
const at = (local: string) => new Date(`${local}+07:00`);
const procedure = {
  code: '2.000575',
  version: 1,
  name: 'Đăng ký thành lập hộ kinh doanh',
  legalTimeLimit: { value: 3, unit: 'working_days' as const },
};
const applicant = {
  fullName: 'Trần Thị Bình',
  idNumber: '046090001235',
  phone: '',
  email: '',
  address: 'Huế',
};
const documents = [{ name: 'Giấy đề nghị', original: true, count: 1 }];
const receiveAt = (receivedAt: Date): IntakeCommand => ({
  type: 'ReceiveDossier',
  dossierId: 'd-1',
  dossierCode: 'H57-250630-0001',
  lookupKeyHash: 'c0ffee',
  procedure,
  applicant,
  documents,
  checklist: [],
  guidance: '',
  channel: 'counter',
  receivingUnitCode: 'H57',
  centerId: 'hue-city',
  units: { receivingCenterId: 'hue-city', competentCenterId: 'hue-city', returnCenterId: 'hue-city' },
  receivedAt,
  appointmentAt: new Date(receivedAt.getTime() + 3 * 86_400_000),
  cutoffApplies: false,
});
const rulebookOf = (events: NewEvent[]) => events.map((e) => e.rulebookId);

describe('the rulebook a dossier follows, fixed at the counter', () => {
  it('given a reception on 30 June 2025 at 16:30, when received, then it follows Decree 61/2018', () => {
    const events = intakeDossier.decide(receiveAt(at('2025-06-30T16:30:00')), intakeDossier.initialState());
    expect(rulebookOf(events)).toEqual(['decree-61-2018']);
  });

  it('given a reception on 1 July 2025 at 07:30, when received, then it follows Decree 118/2025', () => {
    const events = intakeDossier.decide(receiveAt(at('2025-07-01T07:30:00')), intakeDossier.initialState());
    expect(rulebookOf(events)).toEqual(['decree-118-2025-before-circular-03']);
  });

  it('given an online submission of 14 September, when received on 15 September, then reception decides: Circular 03/2025', () => {
    const submitted = intakeDossier.decide(
      {
        type: 'SubmitOnline',
        dossierId: 'd-online',
        procedure,
        centerId: 'hue-city',
        applicant,
        documents,
        at: at('2025-09-14T21:00:00'),
      },
      intakeDossier.initialState(),
    );
    expect(rulebookOf(submitted)).toEqual(['decree-118-2025-before-circular-03']);
    const state = spec.given(submitted).state;
    expect(state.status !== 'new' && state.rulebookId).toBe('decree-118-2025-before-circular-03');
    const received = intakeDossier.decide(receiveAt(at('2025-09-15T08:00:00')), state);
    expect(rulebookOf(received)).toEqual(['decree-118-2025-circular-03']);
    expect(spec.given([...submitted, ...received]).state).toMatchObject({
      rulebookId: 'decree-118-2025-circular-03',
    });
  });

  it('given a dossier received in June 2025, when its result comes back in July, then the event fixes no new rulebook', () => {
    const received = intakeDossier.decide(receiveAt(at('2025-06-30T09:00:00')), intakeDossier.initialState());
    const back = intakeDossier.decide(
      { type: 'RecordResultAtCounter', outcome: 'approved', at: at('2025-07-03T09:00:00') },
      spec.given(received).state,
    );
    // The event store carries the stream's rulebook (decree-61-2018) onto it.
    expect(rulebookOf(back)).toEqual([undefined]);
    expect(spec.given([...received, ...back]).state).toMatchObject({ rulebookId: 'decree-61-2018' });
  });

  it('given a history from before rulebooks (no id on its events), then it is read as Decree 61/2018', () => {
    const [old] = intakeDossier.decide(receiveAt(at('2026-03-02T09:00:00')), intakeDossier.initialState());
    const { rulebookId: _dropped, ...withoutRulebook } = old!;
    expect(spec.given([withoutRulebook]).state).toMatchObject({ rulebookId: 'decree-61-2018' });
  });
});
