import { CompressionTypes, type Kafka, type Producer } from 'kafkajs';
import { TOPICS } from './topics.js';

export interface PublishableEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  dossierId: string;
  correlationId: string;
}

/**
 * An idempotent producer (acks=all, one request in flight) so that a retried send neither
 * duplicates nor reorders within a partition. Events are keyed by dossier id: one dossier's
 * events stay in one partition, in order.
 */
export class EventPublisher {
  readonly producer: Producer;
  private connected = false;

  constructor(
    kafka: Kafka,
    private readonly defaultTopic: string = TOPICS.lifecycle,
  ) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
    this.producer.on(this.producer.events.CONNECT, () => {
      this.connected = true;
    });
    this.producer.on(this.producer.events.DISCONNECT, () => {
      this.connected = false;
    });
  }

  isConnected(): boolean {
    return this.connected;
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }

  async publish(events: PublishableEvent[], topic: string = this.defaultTopic): Promise<void> {
    if (events.length === 0) return;
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
  }
}
