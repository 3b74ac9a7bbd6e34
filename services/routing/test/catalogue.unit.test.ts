import { describe, expect, it } from 'vitest';
import { validateWorkflow } from '../src/domain/catalogue.js';
import { DEPARTMENTS, HOUSEHOLD_BUSINESS_REGISTRATION as procedure } from '../src/domain/seed.js';

const known = new Set<string>(DEPARTMENTS.map((d) => d.departmentId));

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
});
