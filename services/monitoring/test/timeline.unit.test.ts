import { describe, expect, it } from 'vitest';
import { addEntry, statusOf, type Timeline, type TimelineEntry } from '../src/domain/timeline.js';

const entry = (eventId: string, type: string, offset: string): TimelineEntry => ({
  eventId,
  type,
  schemaVersion: 1,
  occurredAt: '2026-03-02T03:00:00.000Z',
  recordedAt: '2026-03-02T03:00:00.000Z',
  actor: { userId: 'u', role: 'counter_officer' },
  producer: 'intake',
  streamId: 's',
  streamVersion: 1,
  causationId: 'c',
  correlationId: 'k',
  partition: 2,
  offset,
  payload: {},
});
const empty: Timeline = { dossierId: 'd', dossierCode: '', entries: [] };

describe('a dossier timeline rebuilt from the log', () => {
  it('orders entries by their offset in the log, numerically', () => {
    let t = addEntry(empty, entry('b', 'DossierRouted', '10'), 'X-1');
    t = addEntry(t, entry('a', 'DossierReceived', '9'), 'X-1');
    expect(t.entries.map((e) => e.eventId)).toEqual(['a', 'b']);
    expect(t.dossierCode).toBe('X-1');
  });

  it('keeps one entry when the same event is delivered twice', () => {
    const once = addEntry(empty, entry('a', 'DossierReceived', '1'), 'X-1');
    expect(addEntry(once, entry('a', 'DossierReceived', '1'), 'X-1').entries).toHaveLength(1);
  });

  it('derives the national status code from the last lifecycle event', () => {
    let t = addEntry(empty, entry('a', 'DossierReceived', '1'), 'X');
    expect(statusOf(t)).toEqual({ status: 'received', nationalCode: 2 });
    t = addEntry(t, entry('b', 'DossierRouted', '2'), 'X');
    expect(statusOf(t).nationalCode).toBe(4);
    t = addEntry(t, entry('c', 'DossierProcessingCompleted', '3'), 'X');
    t = addEntry(t, entry('n', 'ApplicantNotified', '4'), 'X');
    expect(statusOf(t).nationalCode).toBe(9);
    t = addEntry(t, entry('d', 'ResultReturned', '5'), 'X');
    expect(statusOf(t)).toEqual({ status: 'returned', nationalCode: 10 });
  });

  it('follows supplement requests, payments and the clock restarting', () => {
    let t = addEntry(empty, entry('a', 'DossierReceived', '1'), 'X');
    t = addEntry(t, entry('b', 'DossierRouted', '2'), 'X');
    t = addEntry(t, entry('c', 'SupplementRequested', '3'), 'X');
    expect(statusOf(t)).toEqual({ status: 'awaiting_supplement', nationalCode: 5 });
    t = addEntry(t, entry('d', 'ProcessingClockRestarted', '4'), 'X');
    t = addEntry(t, entry('e', 'FinancialObligationNotified', '5'), 'X');
    expect(statusOf(t).nationalCode).toBe(6);
  });

  it('keeps a dossier awaiting its supplement when the department queues the task after the request', () => {
    let t = addEntry(empty, entry('a', 'DossierReceived', '1'), 'X');
    t = addEntry(t, entry('b', 'DossierRouted', '2'), 'X');
    t = addEntry(t, entry('c', 'SupplementRequested', '3'), 'X');
    t = addEntry(t, entry('d', 'TaskQueued', '4'), 'X');
    expect(statusOf(t)).toEqual({ status: 'awaiting_supplement', nationalCode: 5 });
    t = addEntry(t, entry('e', 'ProcessingClockRestarted', '5'), 'X');
    expect(statusOf(t).status).toBe('processing');
  });

  it('keeps a dossier awaiting payment while a step completes and the next one is routed', () => {
    let t = addEntry(empty, entry('a', 'DossierReceived', '1'), 'X');
    t = addEntry(t, entry('b', 'FinancialObligationNotified', '2'), 'X');
    t = addEntry(t, entry('c', 'StepCompleted', '3'), 'X');
    t = addEntry(t, entry('d', 'DossierRouted', '4'), 'X');
    expect(statusOf(t).status).toBe('awaiting_payment');
  });

  it('keeps a withdrawn dossier withdrawn while its tasks close', () => {
    let t = addEntry(empty, entry('a', 'DossierReceived', '1'), 'X');
    t = addEntry(t, entry('b', 'DossierWithdrawn', '2'), 'X');
    t = addEntry(t, entry('c', 'DossierProcessingClosed', '3'), 'X');
    t = addEntry(t, entry('d', 'TaskQueued', '4'), 'X');
    expect(statusOf(t)).toEqual({ status: 'withdrawn', nationalCode: 7 });
  });

  it('reports a refusal at intake and a stopped dossier with their national codes', () => {
    expect(statusOf(addEntry(empty, entry('a', 'DossierRefusedAtIntake', '1'), 'X')).nationalCode).toBe(3);
    let t = addEntry(empty, entry('a', 'DossierReceived', '1'), 'X');
    t = addEntry(t, entry('b', 'DossierProcessingStopped', '2'), 'X');
    expect(statusOf(t)).toEqual({ status: 'stopped', nationalCode: 8 });
  });
});
