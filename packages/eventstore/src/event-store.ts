import type { Collection, Db } from 'mongodb';
import { v7 as uuidv7 } from 'uuid';
import { type Clock, systemClock } from './clock.js';
import { isDuplicateKey, VersionConflictError } from './errors.js';
import { chainEvents } from './hash-chain.js';
import { previousRun } from './replay.js';
import { StreamCache, streamAfterAppend } from './stream-cache.js';
import type {
  AppendRequest,
  AppendResult,
  NewEvent,
  OutboxPointer,
  RecordedEvent,
  RelayLease,
  StoredStream,
  StreamDocument,
} from './types.js';

export const STREAMS = 'streams';
export const OUTBOX = 'outbox';
export const RELAY_LEASE = 'outbox_lease';

/** A stored event: packed as JSON (current), or the object written before packing. */
export const unpackEvent = (stored: RecordedEvent | string): RecordedEvent =>
  typeof stored === 'string' ? (JSON.parse(stored) as RecordedEvent) : stored;

/** A stored stream as the code reads it: its events unpacked. */
export const unpackStream = (stored: StoredStream): StreamDocument => ({
  ...stored,
  events: stored.events.map(unpackEvent),
});

const packEvents = (events: RecordedEvent[]): string[] => events.map((e) => JSON.stringify(e));

/** Pointer ids sort by stream, then by version, so the relay reads each stream's pointers in order. */
export const pointerId = (streamId: string, upTo: number) => `${streamId}#${String(upTo).padStart(10, '0')}`;

export interface EventStoreOptions {
  db: Db;
  /** The service name written as `producer` on every event. */
  producer: string;
  clock?: Clock;
  /**
   * Called after every successful append with the events written, so an in-process relay can
   * publish them at once without reading them back.
   */
  onAppended?: (streamId: string, events: RecordedEvent[]) => void;
  /** Throws when an event breaks its schema, so no poison is ever written (see contracts). */
  validate?: (event: NewEvent) => void;
  /** Streams kept in memory for deciding commands (`readForCommand`); 0 keeps none. Default 1,000. */
  cachedStreams?: number;
}

/**
 * Write side on MongoDB without multi-document transactions: one document per stream holds its
 * events and the ids of the commands that produced them, so an append is a single-document
 * conditional update on `_id` + `version` (an index search even on FerretDB).
 */
export class EventStore {
  readonly streams: Collection<StoredStream>;
  readonly outbox: Collection<OutboxPointer>;
  private readonly cache: StreamCache;
  readonly relayLease: Collection<RelayLease>;
  private readonly clock: Clock;

  constructor(private readonly options: EventStoreOptions) {
    this.streams = options.db.collection<StoredStream>(STREAMS);
    this.outbox = options.db.collection<OutboxPointer>(OUTBOX);
    this.relayLease = options.db.collection<RelayLease>(RELAY_LEASE);
    this.clock = options.clock ?? systemClock;
    this.cache = new StreamCache(options.cachedStreams ?? 1_000);
  }

  /** Indexes for real MongoDB; FerretDB only uses `_id` (see docs/adr/0002). */
  async ensureIndexes(): Promise<void> {
    await this.streams.createIndex({ dossierId: 1 });
  }

  async read(streamId: string): Promise<StreamDocument | null> {
    const stored = await this.streams.findOne({ _id: streamId });
    const stream = stored ? unpackStream(stored) : null;
    this.cache.put(streamId, stream);
    return stream;
  }

  /**
   * The stream to decide a command on: this process's last sight of it when it has one, else read.
   * Possibly stale (another process appended since); the append's version check refuses a decision
   * made on a stale stream, and `handleCommand` then decides again on `read`. With `likelyNew`, a
   * stream this process has not seen is taken as absent (its create is refused if it exists).
   */
  async readForCommand(streamId: string, hint: { likelyNew?: boolean } = {}): Promise<StreamDocument | null> {
    const known = this.cache.get(streamId);
    if (known !== undefined) return known;
    return hint.likelyNew ? null : this.read(streamId);
  }

  async append(request: AppendRequest): Promise<AppendResult> {
    const { streamId, expectedVersion, commandId } = request;
    if (request.events.length === 0) return { version: expectedVersion, events: [], duplicate: false };
    for (const event of request.events) this.options.validate?.(event);
    const now = this.clock.now();
    const previousHash = request.previousHash ?? (await this.headHash(streamId, expectedVersion));
    const events = chainEvents(previousHash, this.record(request, now));
    const version = expectedVersion + events.length;

    // The pointer is written before the events so that a crash in between leaves at worst a
    // pointer to nothing new (dropped by the relay once stale), never an event the relay cannot find.
    await this.announce({
      _id: pointerId(streamId, version),
      streamId,
      dossierId: request.dossierId,
      from: expectedVersion + 1,
      upTo: version,
      updatedAt: now,
    });

    const command = {
      id: commandId,
      from: expectedVersion + 1,
      to: version,
      by: request.actor.userId,
      ...(request.retryProof ? { proof: request.retryProof } : {}),
    };
    const written =
      expectedVersion === 0
        ? await this.insertStream(request, events, command, now)
        : await this.pushEvents(request, previousHash, events, command, now);
    if (!written) {
      this.cache.evict(streamId);
      return this.explainRefusal(request);
    }
    this.cache.appended(
      { _id: streamId, dossierId: request.dossierId },
      expectedVersion,
      events,
      command,
      now,
    );

    this.options.onAppended?.(streamId, events);
    return { version, events, duplicate: false };
  }

  /**
   * A plain insert, one per append, never rewritten: the relay deletes what it published without
   * comparing versions or times (measured as fast as an upsert of a new pointer on FerretDB, and
   * faster than one that finds the stream's pointer still there). The id is taken only when an
   * earlier append at the same version failed after announcing itself: refresh that pointer, so the
   * relay does not drop it as stale while this append lands.
   */
  private async announce(pointer: OutboxPointer): Promise<void> {
    try {
      await this.outbox.insertOne(pointer);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const { _id, from, updatedAt, ...rest } = pointer;
      await this.outbox.updateOne(
        { _id },
        { $set: { ...rest, updatedAt }, $min: { from } },
        { upsert: true },
      );
    }
  }

  /** The hash of the stream's event at `version`, which the next events chain to. */
  private async headHash(streamId: string, version: number): Promise<string> {
    if (version === 0) return '';
    const stream = await this.streams.findOne({ _id: streamId }, { projection: { events: 1 } });
    const at = stream?.events[version - 1];
    return at === undefined ? '' : (unpackEvent(at).hash ?? '');
  }

  private record(request: AppendRequest, now: Date): RecordedEvent[] {
    const recordedAt = now.toISOString();
    const dossierCode = request.dossierCode ?? request.events.find((e) => e.dossierCode)?.dossierCode ?? '';
    // Recorded only when known, so events from before rulebooks keep their exact form (and hash).
    let rulebookId = request.rulebookId ?? '';
    return request.events.map((event, i) => {
      rulebookId = event.rulebookId ?? rulebookId;
      return {
        eventId: uuidv7(),
        type: event.type,
        schemaVersion: event.schemaVersion,
        dossierId: request.dossierId,
        dossierCode: event.dossierCode ?? dossierCode,
        streamId: request.streamId,
        streamVersion: request.expectedVersion + i + 1,
        occurredAt: event.occurredAt ?? recordedAt,
        recordedAt,
        actor: request.actor,
        causationId: request.causationId ?? request.commandId,
        correlationId: request.correlationId,
        ...(request.trace ? { trace: request.trace } : {}),
        producer: this.options.producer,
        payload: event.payload as Record<string, unknown>,
        ...(rulebookId ? { rulebookId } : {}),
      };
    });
  }

  private async insertStream(
    request: AppendRequest,
    events: RecordedEvent[],
    command: StreamDocument['commands'][number],
    now: Date,
  ): Promise<boolean> {
    try {
      const stream = streamAfterAppend(
        undefined,
        { _id: request.streamId, dossierId: request.dossierId },
        events,
        command,
        now,
      );
      await this.streams.insertOne({ ...stream, events: packEvents(stream.events) });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  private async pushEvents(
    request: AppendRequest,
    previousHash: string,
    events: RecordedEvent[],
    command: StreamDocument['commands'][number],
    now: Date,
  ): Promise<boolean> {
    const code = events.find((e) => e.dossierCode)?.dossierCode;
    const result = await this.streams.updateOne(
      // `commandIds` is a plain array because FerretDB v1 evaluates `$ne` on a path into an
      // array of objects (`commands.id`) as "some element differs", unlike MongoDB.
      // The head of the hash chain must still be the one the events chain to (the version check
      // already implies it; streams whose last event predates the chain have no `lastHash`).
      {
        _id: request.streamId,
        version: request.expectedVersion,
        commandIds: { $ne: request.commandId },
        ...(previousHash ? { lastHash: previousHash } : {}),
      },
      {
        $push: { events: { $each: packEvents(events) }, commands: command, commandIds: request.commandId },
        $set: {
          version: command.to,
          updatedAt: now,
          lastHash: events.at(-1)?.hash ?? '',
          ...(code ? { dossierCode: code } : {}),
          ...(events.at(-1)?.rulebookId ? { rulebookId: events.at(-1)?.rulebookId } : {}),
        },
      },
    );
    return result.modifiedCount === 1;
  }

  /** The conditional write matched nothing: either this command ran before, or we lost a race. */
  private async explainRefusal(request: AppendRequest): Promise<AppendResult> {
    const stream = await this.read(request.streamId);
    const previous = previousRun(stream, request);
    if (stream && previous) {
      const events = stream.events.slice(previous.from - 1, previous.to);
      return { version: stream.version, events, duplicate: true, stream };
    }
    throw new VersionConflictError(request.streamId, request.expectedVersion, stream?.version ?? 0);
  }
}
