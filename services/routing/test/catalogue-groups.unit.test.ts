import { ORGANISATION } from '@motcua/organisation';
import { describe, expect, it } from 'vitest';
import { groupWorkingDays, type ProcedureGroup, validateGroup } from '../src/domain/catalogue.js';
import { PROCEDURE_GROUPS } from '../src/domain/seed.js';

const group = PROCEDURE_GROUPS.find((g) => g.groupId === 'birth-residence-health-insurance-under-6')!;

describe('interconnected procedure groups', () => {
  it('model birth + permanent residence + health insurance for a child under 6 within 20 working days', () => {
    expect(validateGroup(group, ORGANISATION)).toEqual([]);
    expect(group.legalTimeLimit).toEqual({ value: 20, unit: 'working_days' });
    expect(group.entryAgencyKind).toBe('commune-people-committee');
    expect(group.members.map((m) => m.agencyKind)).toEqual(
      expect.arrayContaining(['commune-people-committee', 'police', 'social-insurance']),
    );
  });

  it('run the police and social insurance in parallel: the longest branch counts', () => {
    // 1 (birth) + max(10 police, 5 social insurance) + 1 (return)
    expect(groupWorkingDays(group)).toBe(12);
  });

  it('refuse branches that together exceed the legal limit', () => {
    const slow: ProcedureGroup = {
      ...group,
      members: group.members.map((m) =>
        m.agencyKind === 'police' ? { ...m, allotted: { value: 19, unit: 'working_days' } } : m,
      ),
    };
    expect(validateGroup(slow, ORGANISATION)).toEqual([
      'the longest chain takes 21 working days, more than the legal 20',
    ]);
  });

  it('refuse a cycle and an unknown predecessor', () => {
    const [first, ...rest] = group.members;
    const cyclic = { ...group, members: [{ ...first!, after: ['return-results'] }, ...rest] };
    expect(validateGroup(cyclic, ORGANISATION)).toContain('the members form a cycle');
    const dangling = { ...group, members: [{ ...first!, after: ['nobody'] }, ...rest] };
    expect(validateGroup(dangling, ORGANISATION)).toContain(
      'member birth-registration: unknown predecessor nobody',
    );
  });
});
