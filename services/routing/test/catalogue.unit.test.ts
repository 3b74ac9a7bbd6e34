import { createDirectory, HUE_2018, ORGANISATION, reorganise } from '@motcua/organisation';
import { describe, expect, it } from 'vitest';
import {
  legalLimitInWorkingHours,
  minWorkingDaysIn,
  type Procedure,
  validateProcedure,
  validateWorkflow,
  workflowFor,
  workflowWorkingHours,
} from '../src/domain/catalogue.js';
import { DEPARTMENTS, HOUSEHOLD_BUSINESS_REGISTRATION as procedure } from '../src/domain/seed.js';

const known = new Set<string>(DEPARTMENTS.map((d) => d.departmentId));
const day = '2019-06-03';

describe('validating a workflow against the law and the organisation', () => {
  it('accepts the seeded household business registration', () => {
    expect(validateWorkflow(procedure, known)).toEqual([]);
  });

  it('refuses allotments that exceed the legal limit', () => {
    const greedy = {
      ...procedure,
      workflow: procedure.workflow.map((s) => ({ ...s, allottedWorkingHours: 20 })),
    };
    expect(validateWorkflow(greedy, known)).toEqual([
      'allotments total 40 working hours, more than the legal 24',
    ]);
  });

  it('refuses a step that names a department that does not exist', () => {
    const stray = { ...procedure, workflow: [{ ...procedure.workflow[0]!, departmentId: 'nowhere' }] };
    expect(validateWorkflow(stray, known)).toEqual(['step appraise: unknown department nowhere']);
  });

  it('refuses a step whose department kind the organisation does not have', () => {
    const stray = {
      ...procedure,
      workflow: [{ ...procedure.workflow[0]!, departmentKind: 'astrology' }],
    } as unknown as Procedure;
    expect(validateProcedure(stray, ORGANISATION, day)).toEqual([
      'step appraise: unknown department kind astrology',
    ]);
  });

  it('refuses a step that some center of the procedure’s level lacks', () => {
    const withoutJustice = createDirectory(
      reorganise(HUE_2018, { effectiveFrom: '2019-01-01', close: ['nam-dong.justice'] }),
    );
    const certification = {
      ...procedure,
      workflow: [{ ...procedure.workflow[0]!, departmentKind: 'justice' as const }],
    };
    expect(validateProcedure(certification, withoutJustice, day)).toEqual([
      'step appraise: no justice at nam-dong',
    ]);
  });

  it('counts parallel steps of one stage once, at the longest', () => {
    const parallel = procedure.workflow.map((s) => ({ ...s, stage: 0 }));
    expect(workflowWorkingHours(parallel)).toBe(16);
  });
});

describe('converting legal limits to working hours', () => {
  it('reads working days as eight hours each and same-day work as one day', () => {
    expect(legalLimitInWorkingHours({ legalTimeLimit: { value: 3, unit: 'working_days' } })).toBe(24);
    expect(legalLimitInWorkingHours({ legalTimeLimit: { value: 1, unit: 'same_day' } })).toBe(8);
  });

  it('counts calendar days as the fewest working days any such stretch can hold', () => {
    expect(minWorkingDaysIn(7)).toBe(5);
    expect(minWorkingDaysIn(15)).toBe(10);
    expect(minWorkingDaysIn(2)).toBe(0);
    expect(legalLimitInWorkingHours({ legalTimeLimit: { value: 15, unit: 'calendar_days' } })).toBe(80);
  });
});

describe('resolving a workflow for another center', () => {
  it('names that center’s departments', () => {
    const steps = workflowFor(procedure, 'phu-loc', ORGANISATION, day);
    expect(steps?.map((s) => s.departmentId)).toEqual(['phu-loc.finance-planning', 'phu-loc.leadership']);
    expect(steps?.[1]?.departmentName).toBe('Lãnh đạo UBND huyện Phú Lộc');
  });

  it('answers nothing for a center that does not exist on that day', () => {
    expect(workflowFor(procedure, 'hue-city', ORGANISATION, '2017-01-01')).toBeUndefined();
  });
});
