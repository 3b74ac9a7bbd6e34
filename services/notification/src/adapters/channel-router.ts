import type { ChannelName } from '../domain/channels.js';
import type { Mailer } from './mailer.js';

/** What a channel is asked to deliver; `to` is an e-mail address or a phone number. */
export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
}

/** One delivery channel. The idempotency key lets the provider recognise a resend after a crash. */
export interface Channel {
  send(message: OutgoingMessage, idempotencyKey: string): Promise<{ providerMessageId: string }>;
}

/** A refusal the provider will repeat (4xx other than 429): the message is `failed`, not retried. */
export class PermanentDeliveryError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}

/** The existing SMTP mailer as a channel; the Message-ID is the idempotency key. */
export class EmailChannel implements Channel {
  constructor(private readonly mailer: Mailer) {}

  async send(message: OutgoingMessage, idempotencyKey: string): Promise<{ providerMessageId: string }> {
    await this.mailer.send({ messageId: idempotencyKey, ...message });
    return { providerMessageId: `<${idempotencyKey}@motcua.local>` };
  }
}

/** The channels configured in this deployment; a channel without a provider is simply absent. */
export class ChannelRouter {
  constructor(private readonly channels: Partial<Record<ChannelName, Channel>>) {}

  available(): ChannelName[] {
    return (Object.keys(this.channels) as ChannelName[]).filter((c) => this.channels[c]);
  }

  channel(name: ChannelName): Channel | undefined {
    return this.channels[name];
  }
}
