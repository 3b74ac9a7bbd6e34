import { describe, expect, it } from 'vitest';
import { allowedOnTask, filterQueue, type Task, withTask } from '../src/client/consoles/department/tasks.js';

const FINANCE = 'hue-city.finance-planning';
const task = (id: string, dueAt: string, more: Partial<Task> = {}): Task => ({
  taskId: id,
  dossierId: `d-${id}`,
  dossierCode: `code-${id}`,
  stepId: 'appraise',
  stepName: 'Thẩm định',
  departmentId: FINANCE,
  status: 'queued',
  queuedAt: '2026-03-02T02:00:00.000Z',
  dueAt,
  version: 1,
  ...more,
});
const officer = {
  userId: 'officer.tckh.hue',
  displayName: 'Nam',
  role: 'department_officer',
  departmentId: FINANCE,
};
const head = { userId: 'head.tckh.hue', displayName: 'Hạnh', role: 'department_head', departmentId: FINANCE };
const leader = {
  userId: 'leader.hue',
  displayName: 'Quang',
  role: 'district_leader',
  departmentId: 'hue-city.leadership',
};
const now = new Date('2026-03-03T02:00:00.000Z');

describe("the department's queue filters", () => {
  const queue = [
    task('late', '2026-03-02T10:00:00.000Z', { assignee: 'officer.tckh.hue' }),
    task('soon', '2026-03-03T20:00:00.000Z'),
    task('later', '2026-03-06T10:00:00.000Z', { assignee: 'other.officer' }),
  ];

  it('sorts every open task by its due time, the one due first on top', () => {
    const shuffled = [queue[2]!, queue[0]!, queue[1]!];
    expect(filterQueue(shuffled, 'all', officer.userId, now).map((t) => t.taskId)).toEqual([
      'late',
      'soon',
      'later',
    ]);
  });

  it("shows the officer's own, the unassigned, the near due and the overdue apart", () => {
    const ids = (f: Parameters<typeof filterQueue>[1]) =>
      filterQueue(queue, f, officer.userId, now).map((t) => t.taskId);
    expect(ids('mine')).toEqual(['late']);
    expect(ids('unassigned')).toEqual(['soon']);
    expect(ids('nearDue')).toEqual(['soon']);
    expect(ids('overdue')).toEqual(['late']);
  });
});

describe("the queue after a command's answer", () => {
  it("puts the claimed task's new assignee on its line at once", () => {
    const queue = [task('a', '2026-03-04T00:00:00.000Z')];
    const next = withTask(queue, { ...queue[0]!, assignee: officer.userId, version: 2 });
    expect(next).toHaveLength(1);
    expect(next[0]!.assignee).toBe(officer.userId);
  });

  it('drops a completed task from the queue', () => {
    const queue = [task('a', '2026-03-04T00:00:00.000Z'), task('b', '2026-03-05T00:00:00.000Z')];
    const next = withTask(queue, { ...queue[0]!, status: 'completed', version: 3 });
    expect(next.map((t) => t.taskId)).toEqual(['b']);
  });

  it('keeps a newer line when an older answer arrives late', () => {
    const queue = [task('a', '2026-03-04T00:00:00.000Z', { assignee: 'x', version: 5 })];
    expect(withTask(queue, { ...queue[0]!, assignee: 'y', version: 4 })[0]!.assignee).toBe('x');
  });
});

describe('the actions a task offers', () => {
  it('lets an officer claim and work an unassigned task but neither assign nor refuse it', () => {
    const a = allowedOnTask(task('a', '2026-03-04T00:00:00.000Z'), officer);
    expect(a).toEqual({ claim: true, assign: false, work: true, askApplicant: true, decide: false });
  });

  it("offers an officer no work on another officer's task, only what the department at work may ask", () => {
    const a = allowedOnTask(task('a', '2026-03-04T00:00:00.000Z', { assignee: 'other.officer' }), officer);
    expect(a).toEqual({ claim: false, assign: false, work: false, askApplicant: true, decide: false });
  });

  it('offers a plain officer no work on a step the workflow gives to the head, and the head all of it', () => {
    const signing = task('s', '2026-03-04T00:00:00.000Z', { stepId: 'sign', role: 'department_head' });
    expect(allowedOnTask(signing, officer)).toMatchObject({ claim: false, work: false });
    expect(allowedOnTask(signing, head)).toMatchObject({ claim: true, work: true, decide: true });
  });

  it('lets the head assign, take over and decide on any task of the department', () => {
    const a = allowedOnTask(task('a', '2026-03-04T00:00:00.000Z', { assignee: 'other.officer' }), head);
    expect(a).toEqual({ claim: true, assign: true, work: true, askApplicant: true, decide: true });
  });

  it("offers nothing on another department's task or on a finished one", () => {
    expect(allowedOnTask(task('a', '2026-03-04T00:00:00.000Z'), leader).work).toBe(false);
    const done = allowedOnTask(task('a', '2026-03-04T00:00:00.000Z', { status: 'completed' }), head);
    expect(Object.values(done).some(Boolean)).toBe(false);
  });

  it('lets the leadership decide on its own step but not ask the applicant for more', () => {
    const step = task('a', '2026-03-04T00:00:00.000Z', { departmentId: 'hue-city.leadership' });
    expect(allowedOnTask(step, leader)).toMatchObject({ work: true, decide: true, askApplicant: false });
  });
});
