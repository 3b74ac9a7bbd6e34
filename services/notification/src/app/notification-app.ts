import { applicantIdOf, lookupKeyFor } from '@motcua/auth';
import { DomainError, type RecordedEvent } from '@motcua/contracts';
import { handleCommand } from '@motcua/eventstore';
import { reactionMetaOf, type ServiceDeps } from '@motcua/runtime';
import {
  type ChannelRouter,
  type OutgoingMessage,
  PermanentDeliveryError,
  UnknownOutcomeError,
} from '../adapters/channel-router.js';
import type { Contact, MessageRecord, MessageRepository } from '../adapters/message-repository.js';
import type { OfficerInbox } from '../adapters/officer-inbox.js';
import { type ChannelName, channelsFor, maskPhone, shortText } from '../domain/channels.js';
import { messageIdFor, notificationDecider, notificationStreamId } from '../domain/notification.js';
import {
  audiencesOf,
  OFFICER_NOTICE_TYPES,
  type OfficerIdentity,
  officerNotices,
} from '../domain/officer-notices.js';
import { checkPreferenceChange, type PreferenceChange } from '../domain/preferences.js';
import {
  type DossierFacts,
  maskEmail,
  type RenderedMessage,
  render,
  shouldNotify,
} from '../domain/templates.js';

export interface NotificationOptions {
  /** Attempts per message, across the consumer's retries and restarts, before it is `failed`. */
  maxAttempts: number;
  /** Where officers' notices are kept; without it officers are not told of deadlines. */
  inbox?: OfficerInbox;
  /** Officers with an e-mail address (configuration or demo data): they also get their notices by mail. */
  officers?: readonly OfficerContact[];
  /** intake's look-up secret (ADR 0016): the receipt's key is derived again for the reception message. */
  lookupSecret?: string;
}

export interface OfficerContact extends OfficerIdentity {
  email: string;
}

/**
 * Whether `onEvent` does anything with the event, from its type and payload alone: officers' notices,
 * the events that name the applicant's contact, and those the applicant is told of. The consumer passes
 * the rest over without a database look-up.
 */
export function notificationReactsTo(event: Pick<RecordedEvent, 'type' | 'payload'>): boolean {
  return (
    OFFICER_NOTICE_TYPES.includes(event.type) ||
    event.type === 'DossierReceived' ||
    event.type === 'DossierSubmittedOnline' ||
    shouldNotify(event.type, event.payload as Record<string, unknown>)
  );
}

/** What became of one message: its outcome is recorded on the dossier's notification stream. */
type Outcome =
  | { kind: 'sent'; at: Date; delivery: 'accepted' | 'unconfirmed'; deliveryNote?: string }
  | { kind: 'failed'; at: Date; reason: string; afterRetries: boolean; attempts: number }
  | { kind: 'none' };

/** A message that may or may not have reached the channel, and is not sent again (ADR 0011). */
const unconfirmed = (deliveryNote: string) => ({ delivery: 'unconfirmed', deliveryNote }) as const;

/** A message found sent on a redelivery (its event may not have been recorded yet). */
const sentOutcome = (record: MessageRecord, now: Date): Outcome => ({
  kind: 'sent',
  at: record.sentAt ?? now,
  ...(record.unconfirmed ? unconfirmed(record.lastError ?? 'unconfirmed') : { delivery: 'accepted' }),
});

/** A message found failed on a redelivery. */
const failedOutcome = (record: MessageRecord, now: Date): Outcome => ({
  kind: 'failed',
  at: record.failedAt ?? now,
  reason: record.lastError ?? 'failed',
  afterRetries: record.failedAfterRetries === true,
  attempts: record.attempts,
});

/** Tells applicants what happens to their dossiers, once per event and channel. */
export class NotificationApp {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly repository: MessageRepository,
    private readonly router: ChannelRouter,
    private readonly options: NotificationOptions = { maxAttempts: 5 },
  ) {}

  async onEvent(event: RecordedEvent): Promise<void> {
    if (!notificationReactsTo(event)) return;
    if (OFFICER_NOTICE_TYPES.includes(event.type)) return this.notifyOfficers(event);
    if (event.type === 'DossierReceived' || event.type === 'DossierSubmittedOnline') {
      await this.rememberContact(event);
    }
    const payload = event.payload as Record<string, unknown>;
    if (!shouldNotify(event.type, payload)) return;
    // The code and its key go to every channel the applicant gave, online or at the counter.
    const lookupKey =
      event.type === 'DossierReceived' && this.options.lookupSecret
        ? lookupKeyFor(event.dossierId, this.options.lookupSecret)
        : undefined;
    await this.notify(event, (facts) =>
      render(event.type, lookupKey ? { ...facts, lookupKey } : facts, payload),
    );
  }

  /** The applicant's contact, kept from the event that first names them (no other service is asked). */
  private async rememberContact(event: RecordedEvent): Promise<void> {
    const p = event.payload as {
      dossierCode?: string;
      procedureName: string;
      appointmentAt?: string;
      centerId?: string;
      applicant: { fullName: string; email: string; phone?: string; idNumber?: string };
    };
    await this.repository.saveContact({
      _id: event.dossierId,
      applicantId: applicantIdOf(p.applicant, event.dossierId),
      ...(p.centerId ? { centerId: p.centerId } : {}),
      dossierCode: p.dossierCode ?? '',
      procedureName: p.procedureName,
      fullName: p.applicant.fullName,
      email: p.applicant.email,
      ...(p.applicant.phone ? { phone: p.applicant.phone } : {}),
      appointmentAt: p.appointmentAt ?? '',
    });
  }

  /**
   * One message per channel the applicant gets, each with its own delivery (ADR 0011). A transient
   * failure is rethrown after the other channels had their turn, so the consumer harness retries the
   * handler with backoff; a message already sent, failed or possibly accepted is never sent again.
   */
  private async notify(
    event: RecordedEvent,
    render: (facts: DossierFacts) => RenderedMessage,
  ): Promise<void> {
    const contact = await this.repository.contact(event.dossierId);
    if (!contact) return;
    const channels = channelsFor(contact, this.router.available());
    if (channels.length === 0) return; // no way to reach the applicant: nothing to send, nothing happened
    const rendered = render(factsOf(contact, event.dossierCode));
    let transient: unknown;
    for (const channel of channels) {
      try {
        await this.sendOn(channel, event, contact, rendered);
      } catch (err) {
        transient ??= err;
      }
    }
    if (transient) throw transient;
  }

  private async sendOn(
    channel: ChannelName,
    event: RecordedEvent,
    contact: Contact,
    rendered: RenderedMessage,
  ): Promise<void> {
    const to = channel === 'email' ? contact.email : (contact.phone ?? '');
    const messageId = messageIdFor(event.eventId, channel);
    const record = await this.repository.recordQueued({
      _id: messageId,
      dossierId: event.dossierId,
      channel,
      template: rendered.template,
      recipientMasked: channel === 'email' ? maskEmail(to) : maskPhone(to),
      triggeredByEventId: event.eventId,
    });
    const text = channel === 'email' ? rendered.text : shortText(rendered.subject, rendered.text);
    const outcome = await this.deliver(record, { to, subject: rendered.subject, text });
    if (outcome.kind === 'none') return;
    const meta = reactionMetaOf(event, 'notification', 'notified');
    const message = {
      messageId,
      channel,
      template: rendered.template,
      recipientMasked: record.recipientMasked,
      triggeredByEventId: event.eventId,
    };
    await handleCommand(this.deps.store, notificationDecider, {
      ...meta,
      ...(channel === 'email' ? {} : { commandId: `${meta.commandId}:${channel}` }),
      streamId: notificationStreamId(event.dossierId),
      // nothing was sent about a dossier before its reception or online submission
      likelyNew:
        event.streamVersion === 1 &&
        (event.type === 'DossierReceived' || event.type === 'DossierSubmittedOnline'),
      dossierId: event.dossierId,
      dossierCode: event.dossierCode || contact.dossierCode,
      ...(event.rulebookId ? { rulebookId: event.rulebookId } : {}),
      command:
        outcome.kind === 'sent'
          ? {
              type: 'RecordNotified',
              ...message,
              sentAt: outcome.at,
              delivery: outcome.delivery,
              ...(outcome.deliveryNote ? { deliveryNote: outcome.deliveryNote } : {}),
            }
          : {
              type: 'RecordNotificationFailed',
              ...message,
              failedAt: outcome.at,
              reason: outcome.reason,
              afterRetries: outcome.afterRetries,
              attempts: outcome.attempts,
            },
    });
  }

  /**
   * Takes a recorded message to `sent` or `failed` and says which (`none`: no channel to send it on).
   * `committing` found here means a crash after the end of data: assumed sent, never resent.
   * `sending` found here means an interrupted attempt the server cannot have accepted (SMTP) or the
   * provider recognises by its Idempotency-Key: it is simply attempted again.
   */
  private async deliver(record: MessageRecord, message: OutgoingMessage): Promise<Outcome> {
    const id = record._id;
    if (record.status === 'sent') return sentOutcome(record, this.deps.clock.now());
    if (record.status === 'failed') return failedOutcome(record, this.deps.clock.now());
    if (record.status === 'committing') {
      const at = this.deps.clock.now();
      const reason = 'interrupted after the end of data; the server may have it, so it is not resent';
      await this.repository.markSent(id, at, undefined, { unconfirmed: true, reason });
      return { kind: 'sent', at, ...unconfirmed(reason) };
    }
    if (record.attempts >= this.options.maxAttempts) {
      return this.fail(record, record.lastError ?? 'no attempt left', true, record.attempts);
    }
    const sender = this.router.channel(record.channel);
    if (!sender) return { kind: 'none' };
    if (!(await this.repository.beginAttempt(id, this.deps.clock.now()))) {
      return this.deliver((await this.repository.message(id))!, message);
    }
    let providerMessageId: string | undefined;
    try {
      ({ providerMessageId } = await sender.send(message, id, {
        beforeCommit: () => this.repository.markCommitting(id),
      }));
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      if (err instanceof PermanentDeliveryError) return this.fail(record, reason, false, record.attempts + 1);
      if (err instanceof UnknownOutcomeError) {
        const at = this.deps.clock.now();
        await this.repository.markSent(id, at, undefined, { unconfirmed: true, reason });
        return { kind: 'sent', at, ...unconfirmed(reason) };
      }
      await this.repository.markAttemptFailed(id, reason);
      if (record.attempts + 1 >= this.options.maxAttempts) {
        const attempts = record.attempts + 1;
        return this.fail(record, `failed after ${attempts} attempts: ${reason}`, true, attempts);
      }
      throw err;
    }
    // Sent: a failure to record it (the database gone) is not a failed attempt. The retry finds the
    // message `committing` and records it sent, unconfirmed, without sending it again.
    const at = this.deps.clock.now();
    await this.repository.markSent(id, at, providerMessageId);
    return { kind: 'sent', at, delivery: 'accepted' };
  }

  private async fail(record: MessageRecord, reason: string, afterRetries: boolean, attempts: number) {
    const at = this.deps.clock.now();
    await this.repository.markFailed(record._id, reason, { afterRetries, at });
    return { kind: 'failed', at, reason, afterRetries, attempts } as const;
  }

  /**
   * A deadline fact for officers: a notice in each audience's inbox, and an e-mail to each officer of
   * that audience with an address, recorded and delivered like an applicant's (ADR 0011).
   */
  private async notifyOfficers(event: RecordedEvent): Promise<void> {
    if (!this.options.inbox) return;
    let transient: unknown;
    for (const notice of officerNotices({ ...event, payload: event.payload as Record<string, unknown> })) {
      await this.options.inbox.add(notice);
      for (const officer of this.options.officers ?? []) {
        if (!audiencesOf(officer).includes(notice.audience)) continue;
        const record = await this.repository.recordQueued(
          {
            _id: `${event.eventId}:email:${officer.userId}`,
            dossierId: event.dossierId,
            channel: 'email',
            template: `officer-${event.type}`,
            recipientMasked: maskEmail(officer.email),
            triggeredByEventId: event.eventId,
          },
          { listedForApplicant: false },
        );
        try {
          await this.deliver(record, { to: officer.email, subject: notice.subject, text: notice.text });
        } catch (err) {
          transient ??= err;
        }
      }
    }
    if (transient) throw transient;
  }

  /** An officer's notices: their own, their department queue's, and their role's. */
  inbox(officer: OfficerIdentity) {
    return this.options.inbox?.read(audiencesOf(officer)) ?? Promise.resolve([]);
  }

  /** A provider's delivery receipt; false when the provider's message id is not one of ours. */
  async deliveryReceipt(
    channel: ChannelName,
    providerMessageId: string,
    status: 'delivered' | 'failed',
    at: Date,
  ): Promise<boolean> {
    return (await this.repository.recordReceipt(channel, providerMessageId, status, at)) !== null;
  }

  /** The applicant's own choice of channels for their dossier; checked, then written as a whole. */
  async changePreferences(dossierId: string, change: PreferenceChange) {
    const contact = await this.repository.contact(dossierId);
    if (!contact) throw new DomainError('DOSSIER_NOT_FOUND', { details: { dossierId } });
    const checked = checkPreferenceChange(contact, change);
    await this.repository.setPreferences(dossierId, checked.preferences, checked.optedOut);
    const updated = { ...contact, ...checked };
    return { dossierId, ...checked, channels: channelsFor(updated, this.router.available()) };
  }

  /** Whose dossier this is and where it was received, for the permission check. */
  async dossierResource(dossierId: string): Promise<{ centerId?: string; applicantId?: string }> {
    const contact = await this.repository.contact(dossierId);
    if (!contact) throw new DomainError('DOSSIER_NOT_FOUND', { details: { dossierId } });
    return {
      ...(contact.centerId ? { centerId: contact.centerId } : {}),
      ...(contact.applicantId ? { applicantId: contact.applicantId } : {}),
    };
  }

  messages(dossierId: string) {
    return this.repository.forDossier(dossierId);
  }
}

const factsOf = (contact: Contact, dossierCode: string): DossierFacts => ({
  dossierCode: dossierCode || contact.dossierCode,
  procedureName: contact.procedureName,
  applicantName: contact.fullName,
  appointmentAt: contact.appointmentAt,
});
