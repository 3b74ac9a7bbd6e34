import { deciderSpec } from '@motcua/eventstore/testing';
import { describe, it } from 'vitest';
import { messageIdFor, notificationDecider } from '../src/domain/notification.js';

const spec = deciderSpec(notificationDecider);
const sentAt = new Date('2026-03-02T03:00:05.000Z');
const command = {
  type: 'RecordNotified' as const,
  messageId: messageIdFor('evt-1', 'email'),
  channel: 'email' as const,
  template: 'dossier-received',
  recipientMasked: 'an***@example.vn',
  triggeredByEventId: 'evt-1',
  sentAt,
};
const notified = {
  type: 'ApplicantNotified',
  schemaVersion: 1,
  occurredAt: sentAt.toISOString(),
  payload: {
    channel: 'email',
    template: 'dossier-received',
    recipientMasked: 'an***@example.vn',
    messageId: 'evt-1:email',
    triggeredByEventId: 'evt-1',
    sentAt: sentAt.toISOString(),
  },
};

describe('recording what the applicant was told', () => {
  it('records a sent message as an event', () => {
    spec.given([]).when(command).thenEmits([notified]);
  });

  it('records the same message only once', () => {
    spec.given([notified]).when(command).thenEmits([]);
  });
});
