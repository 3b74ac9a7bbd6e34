import { describe, expect, it } from 'vitest';
import {
  emptyOnlineQueue,
  nextOnlineQueue,
  type OnlineQueue,
  submissionsInOrder,
} from '../src/domain/online-queue.js';

const submittedEvent = (dossierId: string, submittedAt: string) => ({
  type: 'DossierSubmittedOnline',
  dossierId,
  payload: {
    procedureCode: '2.000575',
    procedureName: 'Đăng ký thành lập hộ kinh doanh',
    centerId: 'hue-city',
    applicant: { fullName: `Người nộp ${dossierId}` },
    submittedAt,
  },
});
const apply = (events: { type: string; dossierId: string; payload: Record<string, unknown> }[]) =>
  events.reduce<OnlineQueue>(nextOnlineQueue, emptyOnlineQueue());

describe("a center's online submissions to check", () => {
  it('lists each submission, oldest first', () => {
    const queue = apply([
      submittedEvent('b', '2026-03-01T15:00:00.000Z'),
      submittedEvent('a', '2026-03-01T14:00:00.000Z'),
    ]);
    expect(submissionsInOrder(queue).map((s) => [s.dossierId, s.applicantFullName])).toEqual([
      ['a', 'Người nộp a'],
      ['b', 'Người nộp b'],
    ]);
  });

  it('ends as it was when a run of its events comes again after them (a redelivery from the last commit)', () => {
    const events = [
      submittedEvent('a', '2026-03-01T14:00:00.000Z'),
      submittedEvent('b', '2026-03-01T15:00:00.000Z'),
      { type: 'OnlineDocumentAttached', dossierId: 'b', payload: { documentId: 'f1' } },
      {
        type: 'IntakeSupplementRequested',
        dossierId: 'b',
        payload: { requestedAt: '2026-03-02T01:00:00.000Z' },
      },
      { type: 'DossierReceived', dossierId: 'a', payload: {} },
    ];
    const once = apply(events);
    for (let from = 0; from < events.length; from++)
      expect(
        events.slice(from).reduce<OnlineQueue>(nextOnlineQueue, once),
        `again from event ${from}`,
      ).toEqual(once);
  });

  it('counts the attached files once each, however often an event is applied', () => {
    const attached = { type: 'OnlineDocumentAttached', dossierId: 'a', payload: { documentId: 'f1' } };
    const queue = apply([submittedEvent('a', '2026-03-01T14:00:00.000Z'), attached, attached]);
    expect(queue.waiting.a?.attachedDocumentIds).toEqual(['f1']);
  });

  it('marks a submission the counter asked to complete', () => {
    const queue = apply([
      submittedEvent('a', '2026-03-01T14:00:00.000Z'),
      {
        type: 'IntakeSupplementRequested',
        dossierId: 'a',
        payload: { requestedAt: '2026-03-02T01:00:00.000Z' },
      },
    ]);
    expect(queue.waiting.a?.supplementRequestedAt).toBe('2026-03-02T01:00:00.000Z');
  });

  it.each(['DossierReceived', 'DossierRefusedAtIntake', 'DossierWithdrawn'])(
    'drops a submission once %s',
    (type) => {
      const queue = apply([
        submittedEvent('a', '2026-03-01T14:00:00.000Z'),
        { type, dossierId: 'a', payload: {} },
      ]);
      expect(submissionsInOrder(queue)).toEqual([]);
    },
  );

  it('is left unchanged by events of dossiers it does not hold', () => {
    const queue = apply([submittedEvent('a', '2026-03-01T14:00:00.000Z')]);
    expect(nextOnlineQueue(queue, { type: 'DossierReceived', dossierId: 'z', payload: {} })).toBe(queue);
  });
});
