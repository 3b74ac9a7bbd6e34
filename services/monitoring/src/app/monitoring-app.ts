import { DomainError, type RecordedEvent } from '@motcua/contracts';
import { inBatch, type ProjectionBatch, ProjectionCache } from '@motcua/eventstore';
import type { MessageContext } from '@motcua/kafka';
import type { LiveEvent } from '../adapters/live-stream.js';
import type { TimelineRepository } from '../adapters/timeline-repository.js';
import { statusOf, type TimelineEntry } from '../domain/timeline.js';

/** The supervision board's audit: every dossier's lifecycle as the log tells it. */
export class MonitoringApp {
  constructor(private readonly timelines: TimelineRepository) {}
  /** The documents this consumer last wrote: not read again by the next batches. */
  private readonly cache = new ProjectionCache();
  /** The statistics projection (report II.06a), wired by the service. */
  statistics?: Projection;
  /** The hash-chain integrity check (adapters/integrity-repository.ts), wired by the service. */
  integrity?: {
    onEvent(event: RecordedEvent, context: MessageContext, batch?: ProjectionBatch): Promise<void>;
  };
  /** The supervision board's workload projection (adapters/board-repository.ts), wired by the service. */
  board?: Projection;
  /** The board's reminder and escalation counts (adapters/deadline-counts-repository.ts), wired by the service. */
  deadlines?: Projection;
  /** The board's live streams (adapters/live-stream.ts), wired by the service: told once projected. */
  live?: { publish(event: LiveEvent): void };

  /**
   * Forgets the documents cached from earlier batches (the consumer joined its group again: another
   * member may have changed them meanwhile, and a copy only read or left unchanged is never checked).
   */
  forgetCached(): void {
    this.cache.clear();
  }

  async onEvent(event: RecordedEvent, context: MessageContext): Promise<void> {
    await this.onBatch([{ event, context }]);
  }

  /**
   * Folds a batch of the log into every projection, in memory, and writes each document it
   * touched once (folded again from fresh reads if another writer changed one meanwhile); the
   * live streams are told once it is written. Idempotent: each projection ignores what it holds.
   */
  async onBatch(items: { event: RecordedEvent; context: MessageContext }[]): Promise<void> {
    await inBatch(
      undefined,
      async (batch) => {
        await this.prefetch(
          items.map((i) => i.event),
          batch,
        );
        for (const { event, context } of items) await this.fold(event, context, batch);
      },
      { cache: this.cache },
    );
    for (const { event, context } of items) {
      this.live?.publish({
        dossierId: event.dossierId,
        dossierCode: event.dossierCode,
        ...entryOf(event, context),
      });
    }
  }

  /**
   * Reads at once the per-dossier documents the batch's events will touch and the cache does not
   * hold (a few queries by `_id` instead of one read per document as each event is folded).
   */
  private async prefetch(events: RecordedEvent[], batch: ProjectionBatch): Promise<void> {
    for (const event of events)
      if (event.streamVersion === 1 && OPENING_EVENTS.has(event.type))
        batch.expectNew(event.dossierId, event.dossierCode);
    await Promise.all([this.timelines, this.statistics, this.board].map((p) => p?.prefetch?.(batch, events)));
  }

  /** Folds one event into the batch (a rebuild holds one batch for the whole log). */
  async fold(event: RecordedEvent, context: MessageContext, batch: ProjectionBatch): Promise<void> {
    // The event that opens a dossier: none of its own documents exist yet.
    if (event.streamVersion === 1 && OPENING_EVENTS.has(event.type)) {
      batch.expectNew(event.dossierId, event.dossierCode);
    }
    await this.timelines.add(event.dossierId, event.dossierCode, entryOf(event, context), batch);
    await this.statistics?.apply(event, batch);
    await this.board?.apply(event, batch);
    await this.deadlines?.apply(event, batch);
    await this.integrity?.onEvent(event, context, batch);
  }

  /** A timeline by dossier id or dossier code. */
  async timeline(ref: string) {
    const dossierId = (await this.timelines.dossierIdForCode(ref)) ?? ref;
    const timeline = await this.timelines.get(dossierId);
    if (!timeline) throw new DomainError('DOSSIER_NOT_FOUND', { details: { ref } });
    return { ...timeline, ...statusOf(timeline) };
  }
}

/** The first event of a dossier's intake stream (ADR 0002: a dossier's documents are keyed by its id or code). */
const OPENING_EVENTS = new Set(['DossierSubmittedOnline', 'DossierReceived', 'DossierRefusedAtIntake']);

interface Projection {
  apply(event: RecordedEvent, batch?: ProjectionBatch): Promise<void>;
  /** Reads into the batch the per-dossier documents these events will touch (optional). */
  prefetch?(batch: ProjectionBatch, events: RecordedEvent[]): Promise<void>;
}

function entryOf(event: RecordedEvent, context: MessageContext): TimelineEntry {
  return {
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
    ...(event.rulebookId ? { rulebookId: event.rulebookId } : {}),
  };
}
