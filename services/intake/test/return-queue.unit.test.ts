import { describe, expect, it } from 'vitest';
import {
  emptyReturnQueue,
  nextReturnQueue,
  type ReturnQueue,
  type WaitingResult,
  waitingInOrder,
} from '../src/domain/return-queue.js';

const waiting = (dossierId: string, resultAt: string): WaitingResult => ({
  dossierId,
  dossierCode: `000.00.31.H57-260302-000${dossierId}`,
  procedureName: 'Đăng ký thành lập hộ kinh doanh',
  applicantFullName: 'Nguyễn Văn An',
  outcome: 'approved',
  resultAt,
});

describe("a center's results waiting to be returned", () => {
  it('gains a dossier when its result reaches the counter', () => {
    const q = nextReturnQueue(
      emptyReturnQueue(),
      { type: 'ResultReceivedAtCounter', dossierId: '1' },
      waiting('1', '2026-03-05T02:00:00.000Z'),
    );
    expect(waitingInOrder(q).map((r) => r.dossierId)).toEqual(['1']);
  });

  it('loses it when the result is returned or the dossier withdrawn', () => {
    let q = emptyReturnQueue();
    q = nextReturnQueue(
      q,
      { type: 'ResultReceivedAtCounter', dossierId: '1' },
      waiting('1', '2026-03-05T02:00:00.000Z'),
    );
    q = nextReturnQueue(
      q,
      { type: 'ResultReceivedAtCounter', dossierId: '2' },
      waiting('2', '2026-03-05T03:00:00.000Z'),
    );
    q = nextReturnQueue(q, { type: 'ResultReturned', dossierId: '1' });
    expect(waitingInOrder(q).map((r) => r.dossierId)).toEqual(['2']);
    q = nextReturnQueue(q, { type: 'DossierWithdrawn', dossierId: '2' });
    expect(waitingInOrder(q)).toEqual([]);
  });

  it('is unchanged by the same event applied twice and by other events', () => {
    const once = nextReturnQueue(
      emptyReturnQueue(),
      { type: 'ResultReceivedAtCounter', dossierId: '1' },
      waiting('1', '2026-03-05T02:00:00.000Z'),
    );
    const twice = nextReturnQueue(
      once,
      { type: 'ResultReceivedAtCounter', dossierId: '1' },
      waiting('1', '2026-03-05T02:00:00.000Z'),
    );
    expect(twice).toEqual(once);
    expect(nextReturnQueue(once, { type: 'DossierReceived', dossierId: '3' })).toBe(once);
    const returned = nextReturnQueue(once, { type: 'ResultReturned', dossierId: '1' });
    expect(nextReturnQueue(returned, { type: 'ResultReturned', dossierId: '1' })).toBe(returned);
  });

  it('ends as it was when a run of its events comes again after them (a redelivery from the last commit)', () => {
    const events = [
      { type: 'ResultReceivedAtCounter', dossierId: '1' },
      { type: 'ResultReceivedAtCounter', dossierId: '2' },
      { type: 'ResultReturned', dossierId: '1' },
    ];
    const entry = (id: string) => waiting(id, `2026-03-05T0${id}:00:00.000Z`);
    const fold = (q: ReturnQueue, run: typeof events) =>
      run.reduce((acc, e) => nextReturnQueue(acc, e, entry(e.dossierId)), q);
    const once = fold(emptyReturnQueue(), events);
    for (let from = 0; from < events.length; from++)
      expect(fold(once, events.slice(from)), `again from event ${from}`).toEqual(once);
  });

  it('lists the longest-waiting result first', () => {
    let q = emptyReturnQueue();
    q = nextReturnQueue(
      q,
      { type: 'ResultReceivedAtCounter', dossierId: '2' },
      waiting('2', '2026-03-05T03:00:00.000Z'),
    );
    q = nextReturnQueue(
      q,
      { type: 'ResultReceivedAtCounter', dossierId: '1' },
      waiting('1', '2026-03-04T09:00:00.000Z'),
    );
    expect(waitingInOrder(q).map((r) => r.dossierId)).toEqual(['1', '2']);
  });
});
