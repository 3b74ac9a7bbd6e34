import { describe, expect, it } from 'vitest';
import { audiencesOf, officerNotices } from '../src/domain/officer-notices.js';

const FINANCE = 'hue-city.finance-planning';
const fact = (type: string, payload: Record<string, unknown>) => ({
  eventId: 'e-1',
  type,
  dossierId: 'd-1',
  dossierCode: 'HUE-260504-0001',
  occurredAt: '2026-05-04T00:30:00.000Z',
  payload,
});
const audiences = (type: string, payload: Record<string, unknown>) =>
  officerNotices(fact(type, payload)).map((n) => n.audience);

describe('who is told of a deadline fact', () => {
  it('reminds the assignee of a step near due, or the department queue when nobody holds it', () => {
    const step = { stepName: 'Thẩm định', departmentId: FINANCE, dueAt: '2026-05-04T10:00:00.000Z' };
    expect(audiences('StepNearDue', { ...step, assigneeId: 'officer.tckh.hue' })).toEqual([
      'user:officer.tckh.hue',
    ]);
    expect(audiences('StepNearDue', { ...step, assigneeId: '' })).toEqual([`department:${FINANCE}`]);
    const [notice] = officerNotices(fact('StepNearDue', step));
    expect(notice).toMatchObject({ id: `e-1:department:${FINANCE}`, dossierCode: 'HUE-260504-0001' });
    expect(notice?.text).toContain('17:00:00 4/5/2026');
  });

  it('escalates level 1 to the department head and level 2 to the center leadership', () => {
    const step = {
      stepName: 'Thẩm định',
      departmentId: FINANCE,
      centerId: 'hue-city',
      dueAt: '2026-05-04T10:00:00Z',
    };
    expect(audiences('StepEscalated', { ...step, level: 1 })).toEqual([`head:${FINANCE}`]);
    expect(audiences('StepEscalated', { ...step, level: 2 })).toEqual(['leader:hue-city']);
  });

  it('prompts the head of each responsible department to apologise, once per department', () => {
    expect(
      audiences('ApologyPrompted', {
        departmentIds: [FINANCE, 'hue-city.justice', FINANCE],
        appointmentAt: '2026-05-05T10:00:00.000Z',
        apologyDeadline: '2026-05-04T17:00:00.000Z',
      }),
    ).toEqual([`head:${FINANCE}`, 'head:hue-city.justice']);
  });

  it('sends a department digest to its head and a center digest to the leadership', () => {
    const digest = { workingDate: '2026-05-04', dueToday: [{}], dueTomorrow: [], overdue: [{}, {}] };
    expect(audiences('DailyDigestIssued', { ...digest, unitKind: 'department', unitId: FINANCE })).toEqual([
      `head:${FINANCE}`,
    ]);
    const [center] = officerNotices(
      fact('DailyDigestIssued', { ...digest, unitKind: 'center', unitId: 'hue-city', centerId: 'hue-city' }),
    );
    expect(center).toMatchObject({
      audience: 'leader:hue-city',
      subject: expect.stringContaining('2 quá hạn'),
    });
  });

  it('tells officers nothing of facts that are not theirs', () => {
    expect(audiences('DossierReceived', {})).toEqual([]);
  });

  it('lets an officer read their own notices, their queue’s and their role’s', () => {
    expect(audiencesOf({ userId: 'head.tckh.hue', role: 'department_head', departmentId: FINANCE })).toEqual([
      'user:head.tckh.hue',
      `department:${FINANCE}`,
      `head:${FINANCE}`,
    ]);
    expect(
      audiencesOf({
        userId: 'leader.hue',
        role: 'district_leader',
        centerId: 'hue-city',
        departmentId: 'hue-city.leadership',
      }),
    ).toEqual(['user:leader.hue', 'department:hue-city.leadership', 'leader:hue-city']);
  });
});
