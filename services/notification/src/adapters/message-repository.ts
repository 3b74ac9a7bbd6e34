import type { Collection, Db } from 'mongodb';
import type { ChannelName, ChannelPreferences } from '../domain/channels.js';

export interface Contact {
  _id: string; // dossierId
  /** Who may change the preferences: the identity in the applicant's token (intake's rule). */
  applicantId?: string;
  centerId?: string;
  dossierCode: string;
  procedureName: string;
  fullName: string;
  email: string;
  phone?: string;
  /** Set by the applicant or the counter; absent means the defaults of `defaultPreferences`. */
  preferences?: ChannelPreferences;
  optedOut?: string[];
  appointmentAt: string;
  messageIds: string[];
}

/** Maps a provider's message id back to ours, for delivery receipts: `_id` = `channel:providerMessageId`. */
interface ProviderReceipt {
  _id: string;
  messageId: string;
}

/**
 * `queued` (recorded, no attempt under way) → `sending` (an attempt started; nothing can have been
 * accepted yet, or the channel dedupes by idempotency key) → `committing` (SMTP only: the end-of-data
 * dot is about to go; never resent) → `sent` | `failed`. ADR 0011.
 */
export type MessageStatus = 'queued' | 'sending' | 'committing' | 'sent' | 'failed';

export interface MessageRecord {
  _id: string; // idempotency key: `${eventId}:${channel}`
  dossierId: string;
  channel: ChannelName;
  template: string;
  recipientMasked: string;
  triggeredByEventId: string;
  status: MessageStatus;
  attempts: number;
  createdAt: Date;
  attemptStartedAt?: Date;
  sentAt?: Date;
  /** Sent, but the server's answer was never recorded (a crash or a lost connection after the dot). */
  unconfirmed?: boolean;
  /** Failed because every attempt failed, not because the provider refused. */
  failedAfterRetries?: boolean;
  /** When it was found failed (absent on messages that failed before this was recorded). */
  failedAt?: Date;
  lastError?: string;
  providerMessageId?: string;
  deliveredAt?: Date;
  deliveryFailedAt?: Date;
}

/** Contacts and messages, each read by `_id`: a dossier's messages hang off its contact. */
export class MessageRepository {
  readonly contacts: Collection<Contact>;
  readonly messages: Collection<MessageRecord>;
  readonly receipts: Collection<ProviderReceipt>;

  constructor(db: Db) {
    this.contacts = db.collection<Contact>('contacts');
    this.messages = db.collection<MessageRecord>('messages');
    this.receipts = db.collection<ProviderReceipt>('provider_receipts');
  }

  async saveContact(contact: Omit<Contact, 'messageIds' | 'preferences' | 'optedOut'>): Promise<void> {
    const { _id, ...fields } = contact;
    await this.contacts.updateOne(
      { _id },
      { $set: fields, $setOnInsert: { messageIds: [] } },
      { upsert: true },
    );
  }

  contact(dossierId: string): Promise<Contact | null> {
    return this.contacts.findOne({ _id: dossierId });
  }

  /** Recorded before it is sent: the record is what makes a retry recognise the message. */
  async recordQueued(
    message: Omit<MessageRecord, 'status' | 'attempts' | 'createdAt'>,
    options: { listedForApplicant?: boolean } = {},
  ): Promise<MessageRecord> {
    const { _id, ...fields } = message;
    await this.messages.updateOne(
      { _id },
      { $setOnInsert: { ...fields, status: 'queued', attempts: 0, createdAt: new Date() } },
      { upsert: true },
    );
    // An officer's message is not one of the applicant's: it stays off the dossier's messages list.
    if (options.listedForApplicant !== false)
      await this.contacts.updateOne({ _id: message.dossierId }, { $addToSet: { messageIds: _id } });
    return (await this.messages.findOne({ _id }))!;
  }

  /** Channel preferences and opt-outs; returns false when the dossier has no contact. */
  async setPreferences(
    dossierId: string,
    preferences: ChannelPreferences,
    optedOut: string[],
  ): Promise<boolean> {
    const result = await this.contacts.updateOne({ _id: dossierId }, { $set: { preferences, optedOut } });
    return result.matchedCount === 1;
  }

  /** Starts an attempt (from `queued` or an interrupted `sending`); false when the message moved on. */
  async beginAttempt(id: string, at: Date): Promise<boolean> {
    const result = await this.messages.updateOne(
      { _id: id, status: { $in: ['queued', 'sending'] } },
      { $set: { status: 'sending', attemptStartedAt: at }, $inc: { attempts: 1 } },
    );
    return result.modifiedCount === 1;
  }

  /** From here on the message is never resent; throws (so nothing is committed) when not `sending`. */
  async markCommitting(id: string): Promise<void> {
    const result = await this.messages.updateOne(
      { _id: id, status: 'sending' },
      { $set: { status: 'committing' } },
    );
    if (result.modifiedCount !== 1) throw new Error(`message ${id} is not being sent`);
  }

  async markSent(
    id: string,
    sentAt: Date,
    providerMessageId?: string,
    options: { unconfirmed?: boolean; reason?: string } = {},
  ): Promise<void> {
    const message = await this.messages.findOne({ _id: id });
    if (providerMessageId && message) {
      await this.receipts.updateOne(
        { _id: `${message.channel}:${providerMessageId}` },
        { $set: { messageId: id } },
        { upsert: true },
      );
    }
    await this.messages.updateOne(
      { _id: id },
      {
        $set: {
          status: 'sent',
          sentAt,
          ...(providerMessageId ? { providerMessageId } : {}),
          ...(options.unconfirmed ? { unconfirmed: true } : {}),
          ...(options.reason ? { lastError: options.reason } : {}),
        },
      },
    );
  }

  /** The provider refused for good (a 4xx), or every attempt failed (`afterRetries`). */
  async markFailed(
    id: string,
    error: string,
    options: { afterRetries?: boolean; at?: Date } = {},
  ): Promise<void> {
    await this.messages.updateOne(
      { _id: id },
      {
        $set: {
          status: 'failed',
          lastError: error,
          ...(options.afterRetries ? { failedAfterRetries: true } : {}),
          ...(options.at ? { failedAt: options.at } : {}),
        },
      },
    );
  }

  /**
   * An attempt that failed before the end of data goes back to `queued`; only from `sending`: a message
   * `committing` or `sent` may have been accepted and is never made sendable again.
   */
  async markAttemptFailed(id: string, error: string): Promise<void> {
    await this.messages.updateOne(
      { _id: id, status: 'sending' },
      { $set: { status: 'queued', lastError: error } },
    );
  }

  /** A provider's delivery receipt; returns the message id, or null when the provider id is unknown. */
  async recordReceipt(
    channel: ChannelName,
    providerMessageId: string,
    status: 'delivered' | 'failed',
    at: Date,
  ): Promise<string | null> {
    const receipt = await this.receipts.findOne({ _id: `${channel}:${providerMessageId}` });
    if (!receipt) return null;
    await this.messages.updateOne(
      { _id: receipt.messageId },
      { $set: status === 'delivered' ? { deliveredAt: at } : { deliveryFailedAt: at } },
    );
    return receipt.messageId;
  }

  message(id: string): Promise<MessageRecord | null> {
    return this.messages.findOne({ _id: id });
  }

  async forDossier(dossierId: string): Promise<MessageRecord[]> {
    const contact = await this.contact(dossierId);
    const records = await Promise.all(
      (contact?.messageIds ?? []).map((id) => this.messages.findOne({ _id: id })),
    );
    return records.filter((r): r is MessageRecord => r !== null);
  }
}
