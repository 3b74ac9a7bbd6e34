import type { Collection, Db } from 'mongodb';
import { v7 as uuidv7 } from 'uuid';
import { type Clock, systemClock } from './clock.js';
import { VersionConflictError } from './errors.js';
import { GroupInsert, type Inserted } from './group-insert.js';
import { chainEvents } from './hash-chain.js';
import { previousRun } from './replay.js';
import { StreamCache, streamAfterAppend } from './stream-cache.js';
import type {
  AppendRequest,
  AppendResult,
  CommitDocument,
  NewEvent,
  OutboxPointer,
  RecordedEvent,
  RelayLease,
  StoredStream,
  StreamCommand,
  StreamDocument,
} from './types.js';

export const STREAMS = 'streams';
export const COMMITS = 'commits';
/** Pointers written before ADR 0025; the relay still reads and deletes them. */
export const OUTBOX = 'outbox';
export const RELAY_LEASE = 'outbox_lease';

/** A commit's `_id`: its stream, then the ordinal of its command in the stream (ADR 0024). */
export const commitId = (streamId: string, ordinal: number) => `${streamId}#${ordinal}`;

/** Commits asked for per read: most streams have fewer, so most reads take one query of them. */
const COMMITS_PER_READ = 16;

/** A stored event: packed as JSON (current), or the object written before packing. */
export const unpackEvent = (stored: RecordedEvent | string): RecordedEvent =>
  typeof stored === 'string' ? (JSON.parse(stored) as RecordedEvent) : stored;

/** A stored stream head as the code reads it: its events unpacked. */
export const unpackStream = (stored: StoredStream): StreamDocument => ({
  ...stored,
  events: stored.events.map(unpackEvent),
});

const packEvents = (events: RecordedEvent[]): string[] => events.map((e) => JSON.stringify(e));

/**
 * An append's outbox pointer is stored beside what it announces, in the same collection (ADR 0025),
 * under an `_id` of this prefix that no stream or commit has. Ids sort by stream, then by version.
 */
export const POINTER_PREFIX = '~outbox:';
export const pointerId = (streamId: string, upTo: number) =>
  `${POINTER_PREFIX}${streamId}#${String(upTo).padStart(10, '0')}`;
/** The pointers among a collection's documents: a prefix range, answered from the `_id` index. */
export const POINTERS = { _id: { $gte: POINTER_PREFIX, $lt: '~outbox;' } } as const;
/** Where an append's pointer is: beside the stream's head for its first append, else beside its commit. */
export const pointerHome = (from: number): PointerHome => (from === 1 ? STREAMS : COMMITS);
/** The collections that hold pointers: `outbox` only those written before ADR 0025. */
export type PointerHome = typeof STREAMS | typeof COMMITS | typeof OUTBOX;

/** What the event store inserts: heads and commits, each with its pointer beside it. */
type Stored = StoredStream | CommitDocument | OutboxPointer;

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
 * Write side on MongoDB without multi-document transactions, with inserts only: a stream is its
 * head document (`streams`, the first append) and one commit document per later append
 * (`commits`), each inserted once under an `_id` that two appends decided on the same version
 * share, so the second is refused. Concurrent appends share their inserts (`GroupInsert`): on
 * FerretDB an insert costs a fraction of a `$push`, and a batch of 8 about two inserts (ADR 0024).
 */
export class EventStore {
  readonly streams: Collection<StoredStream>;
  readonly commits: Collection<CommitDocument>;
  private readonly cache: StreamCache;
  readonly relayLease: Collection<RelayLease>;
  private readonly clock: Clock;
  private readonly heads: GroupInsert<Stored>;
  private readonly commitInserts: GroupInsert<Stored>;
  private readonly pointerHomes = new Map<PointerHome, Collection<OutboxPointer>>();

  constructor(private readonly options: EventStoreOptions) {
    this.streams = options.db.collection<StoredStream>(STREAMS);
    this.commits = options.db.collection<CommitDocument>(COMMITS);
    this.relayLease = options.db.collection<RelayLease>(RELAY_LEASE);
    this.clock = options.clock ?? systemClock;
    this.cache = new StreamCache(options.cachedStreams ?? 1_000);
    this.heads = new GroupInsert(options.db.collection<Stored>(STREAMS));
    this.commitInserts = new GroupInsert(options.db.collection<Stored>(COMMITS));
  }

  /**
   * Indexes for real MongoDB; FerretDB only uses `_id` (see docs/adr/0002). Commits are only ever
   * read by `_id`, and get no other index to keep up on each insert.
   */
  async ensureIndexes(): Promise<void> {
    await this.streams.createIndex({ dossierId: 1 });
  }

  /** The collection of pointers stored in `home`. */
  pointersIn(home: PointerHome): Collection<OutboxPointer> {
    let collection = this.pointerHomes.get(home);
    if (!collection) {
      collection = this.options.db.collection<OutboxPointer>(home);
      this.pointerHomes.set(home, collection);
    }
    return collection;
  }

  /** The stream as stored now: its head, then its commits in order (null when it has none). */
  async read(streamId: string): Promise<StreamDocument | null> {
    // Heads written since commits exist hold one command, so the commits from the 2nd are asked
    // for with the head; an older head holding more is followed by a second query.
    const [stored, guessed] = await Promise.all([
      this.streams.findOne({ _id: streamId }),
      this.findCommits(streamId, 2),
    ]);
    if (!stored) {
      this.cache.put(streamId, null);
      return null;
    }
    let stream = unpackStream(stored);
    let next = stream.commands.length + 1;
    let found = next === 2 ? guessed : await this.findCommits(streamId, next);
    for (;;) {
      const byOrdinal = new Map(found.map((c) => [c.ordinal, c]));
      const start = next;
      for (let c = byOrdinal.get(next); c; c = byOrdinal.get(++next)) {
        stream = streamAfterAppend(stream, stream, c.events.map(unpackEvent), c.command, c.createdAt);
      }
      if (next - start < COMMITS_PER_READ) break;
      found = await this.findCommits(streamId, next);
    }
    this.cache.put(streamId, stream);
    return stream;
  }

  private findCommits(streamId: string, from: number): Promise<CommitDocument[]> {
    const ids = Array.from({ length: COMMITS_PER_READ }, (_, i) => commitId(streamId, from + i));
    return this.commits.find({ _id: { $in: ids } }).toArray();
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

  /**
   * Appends the events decided on `decidedOn` (the stream as the decision saw it, when the caller
   * has it; else this process's last sight of it, else a fresh read).
   */
  async append(request: AppendRequest, decidedOn?: StreamDocument | null): Promise<AppendResult> {
    const { streamId, expectedVersion } = request;
    if (request.events.length === 0) return { version: expectedVersion, events: [], duplicate: false };
    for (const event of request.events) this.options.validate?.(event);
    const now = this.clock.now();
    // The stream the decision was made on: what a command just read or appended (held by the
    // cache), else read. An append that does not continue it exactly is refused before any write.
    const before =
      expectedVersion === 0 ? undefined : await this.streamAt(streamId, expectedVersion, decidedOn);
    if (before === null) return this.explainRefusal(request, null);
    const head = before?.lastHash ?? '';
    const previousHash = request.previousHash ?? head;
    const ranBefore = before?.commands.some((c) => c.id === request.commandId);
    if (before && (before.version !== expectedVersion || previousHash !== head || ranBefore)) {
      return this.explainRefusal(request, before);
    }
    const events = chainEvents(previousHash, this.record(request, now));
    const version = expectedVersion + events.length;

    const command: StreamCommand = {
      id: request.commandId,
      from: expectedVersion + 1,
      to: version,
      by: request.actor.userId,
      ...(request.retryProof ? { proof: request.retryProof } : {}),
    };
    const pointer: OutboxPointer = {
      _id: pointerId(streamId, version),
      streamId,
      dossierId: request.dossierId,
      from: expectedVersion + 1,
      upTo: version,
      updatedAt: now,
    };
    // The pointer goes first in the same ordered insert: a commit is never stored without it, and
    // a crash in between leaves at worst a pointer to nothing new (dropped by the relay once stale).
    const outcome = before
      ? await this.write(this.commitInserts, pointer, {
          _id: commitId(streamId, before.commands.length + 1),
          streamId,
          dossierId: request.dossierId,
          ordinal: before.commands.length + 1,
          command,
          events: packEvents(events),
          createdAt: now,
        })
      : await this.write(this.heads, pointer, this.newHead(request, events, command, now));
    if (outcome === 'duplicate') {
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

  /** The stream at `version` as this process last saw it, else as stored now (null: absent). */
  private async streamAt(
    streamId: string,
    version: number,
    decidedOn: StreamDocument | null | undefined,
  ): Promise<StreamDocument | null> {
    if (decidedOn?.version === version) return decidedOn;
    const known = this.cache.get(streamId);
    return known?.version === version ? known : this.read(streamId);
  }

  /**
   * Inserts the pointer, then the document it announces, in one ordered command. The pointer's id is
   * taken only when an earlier append at the same version failed after writing its pointer: refresh
   * that pointer (so the relay does not drop it as stale while this append lands), then insert the
   * document alone. The relay deletes a pointer without comparing versions or times.
   */
  private async write(
    inserts: GroupInsert<Stored>,
    pointer: OutboxPointer,
    doc: StoredStream | CommitDocument,
  ): Promise<Inserted> {
    const [announced, written] = await inserts.insertInOrder([pointer, doc]);
    if (announced === 'inserted') return written!;
    const { _id, from, updatedAt, ...rest } = pointer;
    await this.pointersIn(pointerHome(from!)).updateOne(
      { _id },
      { $set: { ...rest, updatedAt }, $min: { from: from! } },
      { upsert: true },
    );
    return inserts.insert(doc);
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

  private newHead(
    request: AppendRequest,
    events: RecordedEvent[],
    command: StreamCommand,
    now: Date,
  ): StoredStream {
    const head = streamAfterAppend(
      undefined,
      { _id: request.streamId, dossierId: request.dossierId },
      events,
      command,
      now,
    );
    return { ...head, events: packEvents(head.events) };
  }

  /**
   * The append was refused (its `_id` taken, or the stream is not the one it was decided on):
   * either this command ran before, or another append came first. `stream` as just read, if it was.
   */
  private async explainRefusal(request: AppendRequest, read?: StreamDocument | null): Promise<AppendResult> {
    const stream = read === undefined ? await this.read(request.streamId) : read;
    const previous = previousRun(stream, request);
    if (stream && previous) {
      const events = stream.events.slice(previous.from - 1, previous.to);
      return { version: stream.version, events, duplicate: true, stream };
    }
    throw new VersionConflictError(request.streamId, request.expectedVersion, stream?.version ?? 0);
  }
}
