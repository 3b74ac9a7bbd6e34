import { describe, expect, it } from 'vitest';
import { applyToQueue, openTasks, type Queue, type QueueEntry } from '../src/domain/queue.js';

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
const empty: Queue = { departmentId: 'dept', entries: [] };

describe("a department's work queue", () => {
  it('shows open tasks with the one due first on top', () => {
    let q = applyToQueue(empty, entry('b', '2026-03-05T10:00:00.000Z'));
    q = applyToQueue(q, entry('a', '2026-03-04T10:00:00.000Z'));
    expect(openTasks(q).map((e) => e.taskId)).toEqual(['a', 'b']);
  });

  it('drops a task from the open list once it is completed', () => {
    let q = applyToQueue(empty, entry('a', '2026-03-04T10:00:00.000Z'));
    q = applyToQueue(q, entry('a', '2026-03-04T10:00:00.000Z', { status: 'done', version: 2 }));
    expect(openTasks(q)).toEqual([]);
  });

  it('does not bring back a completed task when its older queued event arrives late', () => {
    let q = applyToQueue(empty, entry('a', '2026-03-04T10:00:00.000Z', { status: 'done', version: 2 }));
    q = applyToQueue(q, entry('a', '2026-03-04T10:00:00.000Z', { version: 1 }));
    expect(openTasks(q)).toEqual([]);
  });
});
