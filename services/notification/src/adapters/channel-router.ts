import type { ChannelName } from '../domain/channels.js';
import { type Mailer, SmtpOutcomeUnknownError, SmtpRefusedError } from './mailer.js';

/** What a channel is asked to deliver; `to` is an e-mail address or a phone number. */
export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
}

export interface SendOptions {
  /**
   * Called at the last moment the message cannot yet have been accepted, for channels without an
   * idempotency key of their own (SMTP): the caller records that it must not resend (ADR 0011).
   */
  beforeCommit?: () => Promise<void>;
}

/** One delivery channel. The idempotency key lets the provider recognise a resend after a crash. */
export interface Channel {
  send(
    message: OutgoingMessage,
    idempotencyKey: string,
    options?: SendOptions,
  ): Promise<{ providerMessageId: string }>;
}

/** A refusal the provider will repeat (4xx other than 429, SMTP 5xx): `failed`, not retried. */
export class PermanentDeliveryError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}

/** The message may or may not have been accepted and resending could duplicate it. */
export class UnknownOutcomeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownOutcomeError';
  }
}

/** SMTP as a channel: the Message-ID is derived from the idempotency key. */
export class EmailChannel implements Channel {
  constructor(private readonly mailer: Mailer) {}

  async send(
    message: OutgoingMessage,
    idempotencyKey: string,
    options: SendOptions = {},
  ): Promise<{ providerMessageId: string }> {
    try {
      await this.mailer.send(
        { messageId: idempotencyKey, ...message },
        options.beforeCommit ? { beforeEndOfData: options.beforeCommit } : {},
      );
    } catch (err) {
      if (err instanceof SmtpRefusedError) throw new PermanentDeliveryError(err.message, err.responseCode);
      if (err instanceof SmtpOutcomeUnknownError) throw new UnknownOutcomeError(err.message);
      throw err;
    }
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
