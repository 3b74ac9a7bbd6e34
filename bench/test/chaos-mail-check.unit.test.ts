import type { ReceivedMail } from '@motcua/testing';
import { describe, expect, it } from 'vitest';
import { mailExactlyOnce } from '../chaos/lib/checks.js';
import type { LoggedEvent } from '../chaos/lib/kafka-view.js';
import type { DossierRun } from '../chaos/lib/load.js';

const received = {
  eventId: 'e1',
  type: 'DossierReceived',
  dossierId: 'd1',
  payload: { applicant: { email: 'an@example.vn' } },
} as unknown as LoggedEvent;
const notified = {
  eventId: 'e2',
  type: 'ApplicantNotified',
  dossierId: 'd1',
  payload: { messageId: 'e1:email' },
} as unknown as LoggedEvent;
const runs = [{ dossierId: 'd1' }] as DossierRun[];
const mail = (id: string) => ({ headers: { 'x-motcua-message-id': id } }) as unknown as ReceivedMail;

describe("the chaos run's mail check", () => {
  it('passes with one mail and one record per notification', () => {
    expect(mailExactlyOnce([received, notified], runs, [mail('e1:email')]).ok).toBe(true);
  });

  it("says when a missing mail fell in ADR 0011's window, from notification's record of it", () => {
    const check = mailExactlyOnce(
      [received, notified],
      runs,
      [],
      new Map([['e1:email', 'sent, unconfirmed']]),
    );
    expect(check.lost).toBe(1);
    expect(check.detail[0]).toMatch(
      /^lost: mail for DossierReceived e1 \(recorded sent, unconfirmed: .*ADR 0011/,
    );
  });

  it('names any other recorded status of a missing mail, and nothing when there is no record', () => {
    const failed = mailExactlyOnce([received, notified], runs, [], new Map([['e1:email', 'failed']]));
    expect(failed.detail[0]).toBe('lost: mail for DossierReceived e1 (recorded failed)');
    expect(mailExactlyOnce([received, notified], runs, []).detail[0]).toBe(
      'lost: mail for DossierReceived e1',
    );
  });
});
