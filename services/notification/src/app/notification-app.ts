import type { RecordedEvent } from '@motcua/contracts';
import { handleCommand } from '@motcua/eventstore';
import { reactionMetaOf, type ServiceDeps } from '@motcua/runtime';
import type { Mailer } from '../adapters/mailer.js';
import type { Contact, MessageRepository } from '../adapters/message-repository.js';
import { messageIdFor, notificationDecider, notificationStreamId } from '../domain/notification.js';
import {
  type DossierFacts,
  maskEmail,
  type RenderedMessage,
  render,
  shouldNotify,
} from '../domain/templates.js';

/** Tells applicants what happens to their dossiers, once per event and channel. */
export class NotificationApp {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly repository: MessageRepository,
    private readonly mailer: Mailer,
  ) {}

  async onEvent(event: RecordedEvent): Promise<void> {
    if (event.type === 'DossierReceived' || event.type === 'DossierSubmittedOnline') {
      await this.rememberContact(event);
    }
    const payload = event.payload as Record<string, unknown>;
    if (shouldNotify(event.type, payload))
      await this.notify(event, (facts) => render(event.type, facts, payload));
  }

  /** The applicant's contact, kept from the event that first names them (no other service is asked). */
  private async rememberContact(event: RecordedEvent): Promise<void> {
    const p = event.payload as {
      dossierCode?: string;
      procedureName: string;
      appointmentAt?: string;
      applicant: { fullName: string; email: string };
    };
    await this.repository.saveContact({
      _id: event.dossierId,
      dossierCode: p.dossierCode ?? '',
      procedureName: p.procedureName,
      fullName: p.applicant.fullName,
      email: p.applicant.email,
      appointmentAt: p.appointmentAt ?? '',
    });
  }

  private async notify(
    event: RecordedEvent,
    render: (facts: DossierFacts) => RenderedMessage,
  ): Promise<void> {
    const contact = await this.repository.contact(event.dossierId);
    if (!contact?.email) return; // no address given: nothing to send, nothing happened
    const rendered = render(factsOf(contact, event.dossierCode));
    const messageId = messageIdFor(event.eventId, 'email');
    const record = await this.repository.recordQueued({
      _id: messageId,
      dossierId: event.dossierId,
      channel: 'email',
      template: rendered.template,
      recipientMasked: maskEmail(contact.email),
      triggeredByEventId: event.eventId,
    });
    let sentAt = record.sentAt;
    if (record.status !== 'sent') {
      try {
        await this.mailer.send({
          messageId,
          to: contact.email,
          subject: rendered.subject,
          text: rendered.text,
        });
      } catch (err) {
        await this.repository.markAttemptFailed(messageId, err instanceof Error ? err.message : String(err));
        throw err; // the consumer harness retries with backoff, then dead-letters
      }
      sentAt = this.deps.clock.now();
      await this.repository.markSent(messageId, sentAt);
    }
    await handleCommand(this.deps.store, notificationDecider, {
      ...reactionMetaOf(event, 'notification', 'notified'),
      streamId: notificationStreamId(event.dossierId),
      dossierId: event.dossierId,
      dossierCode: event.dossierCode || contact.dossierCode,
      command: {
        type: 'RecordNotified',
        messageId,
        channel: 'email',
        template: rendered.template,
        recipientMasked: record.recipientMasked,
        triggeredByEventId: event.eventId,
        sentAt: sentAt ?? this.deps.clock.now(),
      },
    });
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
