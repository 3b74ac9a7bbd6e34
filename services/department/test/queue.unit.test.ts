import { describe, expect, it } from 'vitest';
import { applyToDueDay, type DueDay, dueDayOf, openTasks, type QueueEntry } from '../src/domain/queue.js';

const entry = (taskId: string, dueAt: string, over: Partial<QueueEntry> = {}): QueueEntry => ({
  taskId,
  dossierId: `d-${taskId}`,
  dossierCode: `C-${taskId}`,
  stepId: 'appraise',
  stepName: 'Thụ lý',
  status: 'queued',
  queuedAt: '2026-03-02T03:00:00.000Z',
  dueAt,
  version: 1,
  ...over,
});
const empty: DueDay = { departmentId: 'dept', day: '2026-03-04', entries: [] };

describe("a department's work queue", () => {
  it('shows open tasks with the one due first on top', () => {
    let q = applyToDueDay(empty, entry('b', '2026-03-04T10:00:00.000Z'));
    q = applyToDueDay(q, entry('a', '2026-03-04T08:00:00.000Z'));
    expect(openTasks(q.entries).map((e) => e.taskId)).toEqual(['a', 'b']);
  });

  it('drops a task from the open list once it is completed, keeping only a mark of it', () => {
    let q = applyToDueDay(empty, entry('a', '2026-03-04T10:00:00.000Z'));
    q = applyToDueDay(q, entry('a', '2026-03-04T10:00:00.000Z', { status: 'done', version: 2 }));
    expect(openTasks(q.entries)).toEqual([]);
    expect(q.entries).toEqual([{ taskId: 'a', status: 'done', version: 2 }]);
  });

  it('does not bring back a completed task when its older queued event arrives late', () => {
    const q = applyToDueDay(empty, entry('a', '2026-03-04T10:00:00.000Z', { status: 'done', version: 2 }));
    expect(applyToDueDay(q, entry('a', '2026-03-04T10:00:00.000Z', { version: 1 }))).toBe(q);
  });

  it('files a task under its due day, which never changes', () => {
    expect(dueDayOf(entry('a', '2026-03-04T23:59:00.000Z'))).toBe('2026-03-04');
  });

  it("refreshes an open line with the dossier's moved appointment, and changes nothing when it is the same", () => {
    const due = '2026-03-04T10:00:00.000Z';
    const q = applyToDueDay(
      empty,
      entry('a', due, { applicantName: 'Lê Văn A', appointmentAt: '2026-03-06T10:00:00.000Z' }),
    );
    expect(
      applyToDueDay(
        q,
        entry('a', due, { applicantName: 'Lê Văn A', appointmentAt: '2026-03-06T10:00:00.000Z' }),
      ),
    ).toBe(q);
    const moved = applyToDueDay(
      q,
      entry('a', due, { applicantName: 'Lê Văn A', appointmentAt: '2026-03-09T10:00:00.000Z' }),
    );
    expect(openTasks(moved.entries)[0]).toMatchObject({
      applicantName: 'Lê Văn A',
      appointmentAt: '2026-03-09T10:00:00.000Z',
    });
  });
});
