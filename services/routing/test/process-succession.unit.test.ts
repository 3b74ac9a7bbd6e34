import { createCalendar, OFFICIAL_CALENDAR_YEARS } from '@motcua/calendar';
import type { NewEvent } from '@motcua/eventstore';
import { asRecorded, deciderSpec } from '@motcua/eventstore/testing';
import { createDirectory, HUE_2018, HUE_HISTORY, reorganise, TWO_TIER_2025 } from '@motcua/organisation';
import { narrowed } from '@motcua/organisation/testing';
import { describe, expect, it } from 'vitest';
import { organisationSuccession } from '../src/domain/organisation-succession.js';
import { type ProcessCommand, type ProcessStep, processDecider } from '../src/domain/process.js';
import { SUCCESSION_BASIS } from '../src/domain/succession.js';

// A dossier open across 1 July 2025 keeps the rulebook of its reception day (Decree 61/2018) but
// its steps from then on are worked at the unit that took over its ended 2018 center.
const calendar = createCalendar({ years: OFFICIAL_CALENDAR_YEARS, computeMissingYears: true });
const today = processDecider(calendar, organisationSuccession(createDirectory(HUE_HISTORY)));
const only2018 = processDecider(calendar, organisationSuccession(createDirectory(HUE_2018)));
// Every 2018 district has several successors in the real data; this cut of the 2025 step gives Phú Lộc one.
const oneSuccessor = processDecider(
  calendar,
  organisationSuccession(
    createDirectory(reorganise(HUE_2018, narrowed(TWO_TIER_2025, ['hue-pasc', 'phu-loc-pasc']))),
  ),
);
const at = (local: string) => new Date(`${local}+07:00`);
const DECREE_61 = 'decree-61-2018';

const step = (center: string, kind: string, stage: number, role = 'department_officer'): ProcessStep => ({
  stepId: kind,
  name: kind,
  departmentId: `${center}.${kind}`,
  departmentName: kind,
  role,
  allottedWorkingHours: 8,
  stage,
});

const start = (center: string, receivedAt: Date, applicantAddress?: string): ProcessCommand => ({
  type: 'StartRouting',
  procedureCode: '2.000575',
  procedureVersion: 1,
  centerId: center,
  workflow: [step(center, 'finance-planning', 0), step(center, 'leadership', 1, 'district_leader')],
  receivedAt,
  appointmentAt: new Date(receivedAt.getTime() + 7 * 86_400_000),
  legalTimeLimit: { value: 3, unit: 'working_days' },
  clockExclusions: [],
  cutoffApplies: false,
  rulebookId: DECREE_61,
  ...(applicantAddress ? { applicantAddress } : {}),
});

/** Events as the store keeps them: each records the dossier's rulebook. */
const stored = (events: NewEvent[]) => events.map((e) => ({ ...e, rulebookId: DECREE_61 }));
const types = (events: NewEvent[]) => events.map((e) => e.type);
const departmentsRouted = (events: NewEvent[]) =>
  events.filter((e) => e.type === 'DossierRouted').map((e) => e.payload.departmentId);

describe('a dossier received on the last day of the 2018 organisation', () => {
  it('given a reception at Huế’s 2018 city center on 30 June after 15:00, when it is transferred on 1 July, then it moves to the ward the applicant’s address names before its first step', () => {
    const events = today.decide(
      start('hue-city', at('2025-06-30T16:30:00'), '7 Hùng Vương, phường An Cựu, thành phố Huế'),
      today.initialState(),
    );
    expect(types(events)).toEqual(['DossierWorkflowAssigned', 'DossierUnitsSucceeded', 'DossierRouted']);
    // The workflow as received stays recorded; the move says what changed and why.
    expect(events[0]!.payload.centerId).toBe('hue-city');
    expect(events[1]!.payload).toEqual({
      previousCenterId: 'hue-city',
      centerId: 'an-cuu-pasc',
      centerName: 'Trung tâm Phục vụ hành chính công phường An Cựu',
      units: [
        {
          fromUnitId: 'hue-city.finance-planning',
          toUnitId: 'an-cuu-pasc.finance-planning',
          toUnitName: 'Phòng Kinh tế, Hạ tầng và Đô thị',
        },
        {
          fromUnitId: 'hue-city.leadership',
          toUnitId: 'an-cuu-pasc.leadership',
          toUnitName: 'Lãnh đạo UBND phường An Cựu',
        },
      ],
      succeededAt: at('2025-07-01T07:30:00').toISOString(),
      chosenBy: 'applicant-address',
      legalBasis: SUCCESSION_BASIS,
    });
    expect(departmentsRouted(events)).toEqual(['an-cuu-pasc.finance-planning']);
  });

  it('given a step opened at a 2018 district center on 30 June, when it is completed in July, then the next step goes to the district’s only successor', () => {
    const history = stored(
      oneSuccessor.decide(start('phu-loc', at('2025-06-30T09:00:00')), oneSuccessor.initialState()),
    );
    expect(departmentsRouted(history)).toEqual(['phu-loc.finance-planning']);
    const events = decideAfter(oneSuccessor, history, complete('finance-planning', '2025-07-02T10:00:00'));
    expect(types(events)).toEqual(['DossierUnitsSucceeded', 'DossierRouted']);
    expect(events[0]!.payload).toMatchObject({
      previousCenterId: 'phu-loc',
      centerId: 'phu-loc-pasc',
      chosenBy: 'only-successor',
    });
    expect(departmentsRouted(events)).toEqual(['phu-loc-pasc.leadership']);
  });

  it('given a step opened at the 2018 city center on 30 June, when it is completed in July, then the next step goes to the ward the address names', () => {
    const address = 'Kiệt 5 Phan Chu Trinh, phường An Cựu, thành phố Huế';
    const history = stored(
      today.decide(start('hue-city', at('2025-06-30T09:00:00'), address), today.initialState()),
    );
    expect(types(history)).toEqual(['DossierWorkflowAssigned', 'DossierRouted']);
    expect(history[0]!.payload.applicantAddress).toBe(address);
    const events = decideAfter(today, history, complete('finance-planning', '2025-07-02T10:00:00'));
    expect(events[0]!.payload).toMatchObject({ centerId: 'an-cuu-pasc', chosenBy: 'applicant-address' });
    expect(departmentsRouted(events)).toEqual(['an-cuu-pasc.leadership']);
  });

  it('given a dossier moved to its successor, when the applicant asks to stop it, then the rules of its reception day still refuse', () => {
    const history = stored(today.decide(start('phu-loc', at('2025-06-30T16:30:00')), today.initialState()));
    expect(types(history)).toContain('DossierUnitsSucceeded');
    const error = deciderSpec(today)
      .given(history)
      .when({ type: 'StopOnRequest', reason: 'Người nộp đề nghị dừng', at: at('2025-07-02T10:00:00') })
      .thenThrows() as { details: Record<string, unknown> };
    expect(error.details).toMatchObject({
      rule: 'routing.stop-on-request-under-rulebook',
      rulebookId: DECREE_61,
    });
  });

  it('given a dossier moved to its successor, when its steps are done, then it finishes there without moving again', () => {
    const first = stored(today.decide(start('phu-loc', at('2025-06-30T16:30:00')), today.initialState()));
    const second = stored(decideAfter(today, first, complete('finance-planning', '2025-07-02T10:00:00')));
    expect(types(second)).toEqual(['DossierRouted']);
    expect(departmentsRouted(second)).toEqual(['phu-loc-pasc.leadership']);
    const done = decideAfter(today, [...first, ...second], complete('leadership', '2025-07-03T10:00:00'));
    expect(types(done)).toEqual(['DossierProcessingCompleted']);
  });

  it('given the 2018 organisation never reorganised, when a step is completed in July, then nothing moves', () => {
    const history = stored(
      only2018.decide(start('phu-loc', at('2025-06-30T09:00:00')), only2018.initialState()),
    );
    const events = decideAfter(only2018, history, complete('finance-planning', '2025-07-02T10:00:00'));
    expect(types(events)).toEqual(['DossierRouted']);
    expect(departmentsRouted(events)).toEqual(['phu-loc.leadership']);
  });

  it('given a 2018 district split among several communes, when it is transferred in July, then the commune the address names takes it', () => {
    const address = 'Thôn Cù Dù, xã Chân Mây - Lăng Cô, thành phố Huế';
    const events = today.decide(start('phu-loc', at('2025-06-30T16:30:00'), address), today.initialState());
    expect(events[1]!.payload).toMatchObject({
      previousCenterId: 'phu-loc',
      centerId: 'chan-may-lang-co-pasc',
      chosenBy: 'applicant-address',
    });
  });

  it('given several successors and an address naming none, when it is transferred in July, then the first listed takes it, recorded as such', () => {
    const events = today.decide(
      start('hue-city', at('2025-06-30T16:30:00'), 'Thôn 3, xã Nơi Khác'),
      today.initialState(),
    );
    expect(events[1]!.payload).toMatchObject({ centerId: 'thuan-hoa-pasc', chosenBy: 'first-listed' });
  });
});

const complete = (stepId: string, local: string): ProcessCommand => ({
  type: 'CompleteStep',
  stepId,
  at: at(local),
});

/** What the decider decides after the history, as the store records it. */
function decideAfter(decider: typeof today, history: NewEvent[], command: ProcessCommand): NewEvent[] {
  const state = asRecorded(history).reduce(decider.evolve, decider.initialState());
  return decider.decide(command, state);
}
