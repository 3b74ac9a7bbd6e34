import { deciderSpec } from '@motcua/eventstore/testing';
import { describe, it } from 'vitest';
import { messageIdFor, notificationDecider } from '../src/domain/notification.js';

const spec = deciderSpec(notificationDecider);
const sentAt = new Date('2026-03-02T03:00:05.000Z');
const failedAt = new Date('2026-03-02T03:20:00.000Z');
const message = {
  messageId: messageIdFor('evt-1', 'email'),
  channel: 'email' as const,
  template: 'dossier-received',
  recipientMasked: 'an***@example.vn',
  triggeredByEventId: 'evt-1',
};
const recordNotified = {
  type: 'RecordNotified' as const,
  ...message,
  sentAt,
  delivery: 'accepted' as const,
};
const notified = {
  type: 'ApplicantNotified',
  schemaVersion: 2,
  occurredAt: sentAt.toISOString(),
  payload: { ...message, messageId: 'evt-1:email', sentAt: sentAt.toISOString(), delivery: 'accepted' },
};
const recordFailed = {
  type: 'RecordNotificationFailed' as const,
  ...message,
  failedAt,
  reason: '550 mailbox unavailable',
  afterRetries: false,
  attempts: 1,
};
const failed = {
  type: 'ApplicantNotificationFailed',
  schemaVersion: 1,
  occurredAt: failedAt.toISOString(),
  payload: {
    ...message,
    failedAt: failedAt.toISOString(),
    reason: '550 mailbox unavailable',
    afterRetries: false,
    attempts: 1,
  },
};

describe('recording what the applicant was told', () => {
  it('records a message the channel accepted as notified, accepted', () => {
    spec.given([]).when(recordNotified).thenEmits([notified]);
  });

  it('records a message whose acceptance is unknown as notified, unconfirmed, with the reason', () => {
    spec
      .given([])
      .when({ ...recordNotified, delivery: 'unconfirmed', deliveryNote: 'connection lost after the data' })
      .thenEmits([
        {
          ...notified,
          payload: {
            ...notified.payload,
            delivery: 'unconfirmed',
            deliveryNote: 'connection lost after the data',
          },
        },
      ]);
  });

  it('records the same message only once', () => {
    spec.given([notified]).when(recordNotified).thenEmits([]);
  });

  it('records a message recorded before deliveries were (V1) only once', () => {
    const v1 = { ...notified, schemaVersion: 1, payload: { ...message, sentAt: sentAt.toISOString() } };
    spec.given([v1]).when(recordNotified).thenEmits([]);
  });

  it('records a message that could not be sent as a failed notification', () => {
    spec.given([]).when(recordFailed).thenEmits([failed]);
  });

  it('records a failure once, and nothing more of a message that failed', () => {
    spec.given([failed]).when(recordFailed).thenEmits([]);
    spec.given([failed]).when(recordNotified).thenEmits([]);
  });

  it('records the outcome of each channel of the same event apart', () => {
    const sms = { ...recordFailed, messageId: messageIdFor('evt-1', 'sms'), channel: 'sms' as const };
    spec
      .given([notified])
      .when(sms)
      .thenEmits([{ ...failed, payload: { ...failed.payload, messageId: 'evt-1:sms', channel: 'sms' } }]);
  });
});
