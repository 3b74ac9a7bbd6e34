import { mayActOnTask } from '@motcua/auth/duties';
import { ORGANISATION } from '@motcua/organisation';
import { describe, expect, it } from 'vitest';
import { CODE_PATTERN, validateProcedure, workflowFor } from '../src/domain/catalogue.js';
import { FIELDS, HOUSEHOLD_BUSINESS_REGISTRATION, SEED_PROCEDURES } from '../src/domain/seed.js';

const day = '2021-06-01';

describe('the seeded district catalogue', () => {
  it('holds at least twenty procedures with distinct codes', () => {
    expect(SEED_PROCEDURES.length).toBeGreaterThanOrEqual(20);
    const codes = SEED_PROCEDURES.map((p) => p.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(CODE_PATTERN);
  });

  it.each(SEED_PROCEDURES.map((p) => [p.code, p] as const))('is valid: %s', (_code, procedure) => {
    expect(validateProcedure(procedure, ORGANISATION, day)).toEqual([]);
  });

  it('covers land, labour–social affairs, civil status, certification, household business and construction', () => {
    const fields = new Set(SEED_PROCEDURES.map((p) => p.fieldCode));
    for (const f of ['H57-DD', 'H57-BTXH', 'H57-HT', 'H57-CT', 'H57-HKD', 'H57-XD'])
      expect(fields).toContain(f);
    for (const p of SEED_PROCEDURES) expect(FIELDS.map((f) => f.fieldCode)).toContain(p.fieldCode);
  });

  it('resolves every workflow at every district-level center', () => {
    for (const center of ORGANISATION.centers(day, 'district'))
      for (const p of SEED_PROCEDURES)
        expect(workflowFor(p, center.centerId, ORGANISATION, day)).toBeDefined();
  });

  it('flags what it could not confirm: placeholder codes and the labour–social limits', () => {
    for (const p of SEED_PROCEDURES.filter((x) => x.code.startsWith('9.')))
      expect(p.unverified?.join(' ')).toMatch(/placeholder/);
    for (const p of SEED_PROCEDURES.filter((x) => x.fieldCode === 'H57-BTXH'))
      expect(p.unverified?.join(' ')).toMatch(/to be confirmed/);
  });

  it('keeps the land limits and the financial obligation out of the clock', () => {
    const land = SEED_PROCEDURES.filter((p) => p.fieldCode === 'H57-DD');
    expect(land.map((p) => p.legalTimeLimit.value).sort((a, b) => a - b)).toEqual([10, 15, 20, 30, 45]);
    const transfer = land.find((p) => p.legalTimeLimit.value === 10)!;
    expect(transfer.clockExclusions).toContain('financial_obligation');
    expect(transfer.workflow.find((s) => s.stepId === 'tax')?.clockPausedAfter).toBe('financial_obligation');
  });

  it('applies the 15:00 cut-off to certification and civil status', () => {
    for (const p of SEED_PROCEDURES.filter((x) => ['H57-CT', 'H57-HT'].includes(x.fieldCode)))
      expect(p.cutoffApplies).toBe(true);
  });
});

describe('the walking skeleton’s procedure', () => {
  it('is household business registration in 3 working days: appraise 16 h, then sign 4 h', () => {
    expect(HOUSEHOLD_BUSINESS_REGISTRATION).toMatchObject({
      code: '2.000575',
      version: 1,
      name: 'Đăng ký thành lập hộ kinh doanh',
      legalTimeLimit: { value: 3, unit: 'working_days' },
      workflow: [
        {
          stepId: 'appraise',
          name: 'Thụ lý, thẩm định hồ sơ',
          departmentId: 'hue-city.finance-planning',
          departmentName: 'Phòng Tài chính – Kế hoạch',
          role: 'department_officer',
          allottedWorkingHours: 16,
        },
        {
          stepId: 'sign',
          name: 'Ký duyệt, cấp giấy chứng nhận',
          departmentId: 'hue-city.leadership',
          departmentName: 'Lãnh đạo UBND thành phố Huế',
          role: 'district_leader',
          allottedWorkingHours: 4,
        },
      ],
    });
    expect(HOUSEHOLD_BUSINESS_REGISTRATION.workflow).toHaveLength(2);
  });
});

describe("the steps a workflow gives to a department's head (issue 13 findings)", () => {
  const stepOf = (code: string, stepId: string) =>
    SEED_PROCEDURES.find((p) => p.code === code)!.workflow.find((s) => s.stepId === stepId)!;
  it.each([
    ['2.000815', 'sign'],
    ['9.000203', 'record'],
  ])("keeps %s's %s step from a plain officer of its unit and gives it to the head", (code, stepId) => {
    const step = stepOf(code, stepId);
    expect(step.role).toBe('department_head');
    const task = { departmentId: step.departmentId, role: step.role, status: 'queued' };
    const of = (role: string) => ({ userId: `${role}.x`, role, departmentId: step.departmentId });
    expect(mayActOnTask(of('department_officer'), 'task.complete', task)).toEqual({
      allowed: false,
      rule: 'workflow.step-role',
    });
    expect(mayActOnTask(of('department_head'), 'task.complete', task)).toEqual({ allowed: true });
  });
});
