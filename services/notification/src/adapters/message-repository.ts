import type { Collection, Db } from 'mongodb';

export interface Contact {
  _id: string; // dossierId
  dossierCode: string;
  procedureName: string;
  fullName: string;
  email: string;
  appointmentAt: string;
  messageIds: string[];
}

export interface MessageRecord {
  _id: string; // idempotency key: `${eventId}:${channel}`
  dossierId: string;
  channel: 'email';
  template: string;
  recipientMasked: string;
  triggeredByEventId: string;
  status: 'queued' | 'sent' | 'failed';
  attempts: number;
  createdAt: Date;
  sentAt?: Date;
  lastError?: string;
}

/** Contacts and messages, each read by `_id`: a dossier's messages hang off its contact. */
export class MessageRepository {
  readonly contacts: Collection<Contact>;
  readonly messages: Collection<MessageRecord>;

  constructor(db: Db) {
    this.contacts = db.collection<Contact>('contacts');
    this.messages = db.collection<MessageRecord>('messages');
  }

  async saveContact(contact: Omit<Contact, 'messageIds'>): Promise<void> {
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
  ): Promise<MessageRecord> {
    const { _id, ...fields } = message;
    await this.messages.updateOne(
      { _id },
      { $setOnInsert: { ...fields, status: 'queued', attempts: 0, createdAt: new Date() } },
      { upsert: true },
    );
    await this.contacts.updateOne({ _id: message.dossierId }, { $addToSet: { messageIds: _id } });
    return (await this.messages.findOne({ _id }))!;
  }

  async markSent(id: string, sentAt: Date): Promise<void> {
    await this.messages.updateOne({ _id: id }, { $set: { status: 'sent', sentAt }, $inc: { attempts: 1 } });
  }

  async markAttemptFailed(id: string, error: string): Promise<void> {
    await this.messages.updateOne({ _id: id }, { $set: { lastError: error }, $inc: { attempts: 1 } });
  }

  async forDossier(dossierId: string): Promise<MessageRecord[]> {
    const contact = await this.contact(dossierId);
    const records = await Promise.all(
      (contact?.messageIds ?? []).map((id) => this.messages.findOne({ _id: id })),
    );
    return records.filter((r): r is MessageRecord => r !== null);
  }
}
