import type { Decider, NewEvent } from '@motcua/eventstore';

/**
 * The notification stream of a dossier records the outcome of each message to the applicant: sent
 * (with whether the channel confirmed it) or failed. A message has one outcome, recorded once.
 */
export type NotificationState = { recorded: string[] };

type Message = {
  messageId: string;
  channel: 'email' | 'sms' | 'zalo';
  template: string;
  recipientMasked: string;
  triggeredByEventId: string;
};

export type NotificationCommand =
  | (Message & {
      type: 'RecordNotified';
      sentAt: Date;
      /** `unconfirmed`: it may or may not have reached the channel, and is not sent again (ADR 0011). */
      delivery: 'accepted' | 'unconfirmed';
      deliveryNote?: string;
    })
  | (Message & {
      type: 'RecordNotificationFailed';
      failedAt: Date;
      reason: string;
      afterRetries: boolean;
      attempts: number;
    });

const OUTCOMES = new Set(['ApplicantNotified', 'ApplicantNotificationFailed']);

export const notificationDecider: Decider<NotificationState, NotificationCommand> = {
  initialState: () => ({ recorded: [] }),
  evolve: (state, event) =>
    OUTCOMES.has(event.type)
      ? { recorded: [...state.recorded, String((event.payload as { messageId: string }).messageId)] }
      : state,
  decide: (command, state): NewEvent[] => {
    if (state.recorded.includes(command.messageId)) return [];
    const message = {
      channel: command.channel,
      template: command.template,
      recipientMasked: command.recipientMasked,
      messageId: command.messageId,
      triggeredByEventId: command.triggeredByEventId,
    };
    if (command.type === 'RecordNotificationFailed') {
      return [
        {
          type: 'ApplicantNotificationFailed',
          schemaVersion: 1,
          occurredAt: command.failedAt.toISOString(),
          payload: {
            ...message,
            failedAt: command.failedAt.toISOString(),
            reason: command.reason,
            afterRetries: command.afterRetries,
            attempts: command.attempts,
          },
        },
      ];
    }
    return [
      {
        type: 'ApplicantNotified',
        schemaVersion: 2,
        occurredAt: command.sentAt.toISOString(),
        payload: {
          ...message,
          sentAt: command.sentAt.toISOString(),
          delivery: command.delivery,
          ...(command.deliveryNote ? { deliveryNote: command.deliveryNote } : {}),
        },
      },
    ];
  },
};

export const notificationStreamId = (dossierId: string) => `notification:${dossierId}`;

/** The idempotency key of a message: one per triggering event and channel. */
export const messageIdFor = (eventId: string, channel: string) => `${eventId}:${channel}`;
