import { CompressionTypes, type Kafka, type Producer } from 'kafkajs';
import type { KafkaLogger } from './client.js';
import { SentMemory } from './sent-memory.js';
import { TOPICS } from './topics.js';

export interface PublishableEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  dossierId: string;
  correlationId: string;
}

export interface PublisherOptions {
  /** Sends failing for this long recreate the kafkajs producer (ADR 0014). */
  recreateAfterMs?: number;
  logger?: KafkaLogger;
  now?: () => number;
}

/**
 * An idempotent producer (acks=all, one request in flight) so that a retried send neither
 * duplicates nor reorders within a partition. Events are keyed by dossier id: one dossier's
 * events stay in one partition, in order.
 *
 * Sends that keep failing (a broker outage longer than kafkajs's retries) make it report itself
 * down; past `recreateAfterMs` the next send uses a new kafkajs producer, so nothing depends on
 * kafkajs reviving the old one.
 *
 * Events it already had acknowledged are not sent again (SentMemory): a relay whose "published" mark
 * failed after the send would otherwise put them in the log twice.
 */
export class EventPublisher {
  private producer: Producer;
  private connected = false;
  private disconnectedAt: number | undefined;
  private failingSince: number | undefined;
  private lastError: string | undefined;
  private renewedAt = 0;
  private mustConnect = false;
  private readonly now: () => number;
  private readonly sent = new SentMemory();

  constructor(
    private readonly kafka: Kafka,
    private readonly defaultTopic: string = TOPICS.lifecycle,
    private readonly options: PublisherOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.producer = this.create();
  }

  private create(): Producer {
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
    producer.on(producer.events.CONNECT, () => {
      if (producer !== this.producer) return;
      this.connected = true;
      this.disconnectedAt = undefined;
    });
    producer.on(producer.events.DISCONNECT, () => {
      if (producer !== this.producer) return;
      this.connected = false;
      this.disconnectedAt ??= this.now();
    });
    return producer;
  }

  isConnected(): boolean {
    return this.connected && this.failingSince === undefined;
  }

  /** For the health registry: down while disconnected or while every send fails. */
  status(): { running: boolean; downSince?: number; progressAt: number; detail?: string } {
    const downSince = this.failingSince ?? (this.connected ? undefined : (this.disconnectedAt ?? this.now()));
    return {
      running: downSince === undefined,
      ...(downSince !== undefined ? { downSince } : {}),
      progressAt: this.now(),
      ...(downSince !== undefined && this.lastError ? { detail: `sends failing: ${this.lastError}` } : {}),
    };
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }

  async publish(all: PublishableEvent[], topic: string = this.defaultTopic): Promise<void> {
    // events this process already had acknowledged: sending them again would only duplicate them
    const events = all.filter((event) => !this.sent.has(`${topic}/${event.eventId}`));
    if (events.length < all.length) {
      this.options.logger?.warn(
        { topic, skipped: all.length - events.length },
        'not publishing events already acknowledged by Kafka (a relay sending again)',
      );
    }
    if (events.length === 0) return;
    try {
      await this.renewIfFailingTooLong();
      if (this.mustConnect) {
        await this.producer.connect();
        this.mustConnect = false;
      }
      await this.producer.send({
        topic,
        acks: -1,
        compression: CompressionTypes.None,
        messages: events.map((event) => ({
          key: event.dossierId,
          value: JSON.stringify(event),
          headers: {
            'event-id': event.eventId,
            'event-type': event.type,
            'schema-version': String(event.schemaVersion),
            'correlation-id': event.correlationId,
          },
        })),
      });
    } catch (err) {
      this.failingSince ??= this.now();
      this.lastError = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      throw err;
    }
    this.sent.remember(events.map((event) => `${topic}/${event.eventId}`));
    if (this.failingSince !== undefined) {
      this.options.logger?.warn({ downForMs: this.now() - this.failingSince }, 'publishing works again');
    }
    this.failingSince = undefined;
    this.lastError = undefined;
  }

  private async renewIfFailingTooLong(): Promise<void> {
    const limit = this.options.recreateAfterMs ?? 30_000;
    if (this.failingSince === undefined) return;
    if (this.now() - Math.max(this.failingSince, this.renewedAt) < limit) return;
    this.options.logger?.warn({ reason: this.lastError }, 'sends keep failing; recreating the producer');
    const old = this.producer;
    this.producer = this.create();
    this.renewedAt = this.now();
    this.mustConnect = true;
    this.connected = false;
    this.disconnectedAt ??= this.now();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      old.disconnect().catch(() => undefined),
      new Promise((resolve) => {
        timer = setTimeout(resolve, 5_000);
      }),
    ]);
    clearTimeout(timer);
  }
}
