import type { Decider, NewEvent } from '@motcua/eventstore';

/** The notification stream of a dossier records each message that reached the applicant. */
export type NotificationState = { notified: string[] };

export type NotificationCommand = {
  type: 'RecordNotified';
  messageId: string;
  channel: 'email' | 'sms' | 'zalo';
  template: string;
  recipientMasked: string;
  triggeredByEventId: string;
  sentAt: Date;
};

export const notificationDecider: Decider<NotificationState, NotificationCommand> = {
  initialState: () => ({ notified: [] }),
  evolve: (state, event) =>
    event.type === 'ApplicantNotified'
      ? { notified: [...state.notified, String((event.payload as { messageId: string }).messageId)] }
      : state,
  decide: (command, state): NewEvent[] => {
    if (state.notified.includes(command.messageId)) return [];
    return [
      {
        type: 'ApplicantNotified',
        schemaVersion: 1,
        occurredAt: command.sentAt.toISOString(),
        payload: {
          channel: command.channel,
          template: command.template,
          recipientMasked: command.recipientMasked,
          messageId: command.messageId,
          triggeredByEventId: command.triggeredByEventId,
          sentAt: command.sentAt.toISOString(),
        },
      },
    ];
  },
};

export const notificationStreamId = (dossierId: string) => `notification:${dossierId}`;

/** The idempotency key of a message: one per triggering event and channel. */
export const messageIdFor = (eventId: string, channel: string) => `${eventId}:${channel}`;
