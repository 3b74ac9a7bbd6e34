import { DomainError, type RecordedEvent } from '@motcua/contracts';
import type { MessageContext } from '@motcua/kafka';
import type { LiveEvent } from '../adapters/live-stream.js';
import type { TimelineRepository } from '../adapters/timeline-repository.js';
import { statusOf, type TimelineEntry } from '../domain/timeline.js';

/** The supervision board's audit: every dossier's lifecycle as the log tells it. */
export class MonitoringApp {
  constructor(private readonly timelines: TimelineRepository) {}
  /** The statistics projection (report II.06a), wired by the service. */
  statistics?: { apply(event: RecordedEvent): Promise<void> };
  /** The hash-chain integrity check (adapters/integrity-repository.ts), wired by the service. */
  integrity?: { onEvent(event: RecordedEvent, context: MessageContext): Promise<void> };
  /** The supervision board's workload projection (adapters/board-repository.ts), wired by the service. */
  board?: { apply(event: RecordedEvent): Promise<void> };
  /** The board's reminder and escalation counts (adapters/deadline-counts-repository.ts), wired by the service. */
  deadlines?: { apply(event: RecordedEvent): Promise<void> };
  /** The board's live streams (adapters/live-stream.ts), wired by the service: told once projected. */
  live?: { publish(event: LiveEvent): void };

  async onEvent(event: RecordedEvent, context: MessageContext): Promise<void> {
    const entry: TimelineEntry = {
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      occurredAt: event.occurredAt,
      recordedAt: event.recordedAt,
      actor: event.actor,
      producer: event.producer,
      streamId: event.streamId,
      streamVersion: event.streamVersion,
      causationId: event.causationId,
      correlationId: event.correlationId,
      partition: context.partition,
      offset: context.offset,
      payload: event.payload,
    };
    await this.timelines.add(event.dossierId, event.dossierCode, entry);
    await this.statistics?.apply(event);
    await this.board?.apply(event);
    await this.deadlines?.apply(event);
    await this.integrity?.onEvent(event, context);
    this.live?.publish({ dossierId: event.dossierId, dossierCode: event.dossierCode, ...entry });
  }

  /** A timeline by dossier id or dossier code. */
  async timeline(ref: string) {
    const dossierId = (await this.timelines.dossierIdForCode(ref)) ?? ref;
    const timeline = await this.timelines.get(dossierId);
    if (!timeline) throw new DomainError('DOSSIER_NOT_FOUND', { details: { ref } });
    return { ...timeline, ...statusOf(timeline) };
  }
}
