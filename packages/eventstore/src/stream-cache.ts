import { LruMap } from './lru-map.js';
import type { RecordedEvent, StreamCommand, StreamDocument } from './types.js';

/**
 * A stream after an append of `events` by `command`: the head the store inserts for a new stream
 * (no `before`), and `before` followed by a commit (as the store reads it and the cache keeps it).
 */
export function streamAfterAppend(
  before: StreamDocument | undefined,
  base: Pick<StreamDocument, '_id' | 'dossierId'>,
  events: RecordedEvent[],
  command: StreamCommand,
  now: Date,
): StreamDocument {
  const last = events.at(-1);
  const code = events.find((e) => e.dossierCode)?.dossierCode;
  const rulebookId = last?.rulebookId ?? before?.rulebookId;
  return {
    _id: base._id,
    dossierId: base.dossierId,
    dossierCode: before ? code || before.dossierCode : (events[0]?.dossierCode ?? ''),
    version: command.to,
    events: [...(before?.events ?? []), ...events],
    commands: [...(before?.commands ?? []), command],
    commandIds: [...(before?.commandIds ?? []), command.id],
    lastHash: last?.hash ?? '',
    ...(rulebookId ? { rulebookId } : {}),
    ...(before?.published !== undefined ? { published: before.published } : {}),
    createdAt: before?.createdAt ?? now,
    updatedAt: now,
  };
}

/**
 * The streams this process last read or appended to, for deciding commands without reading the
 * stream again: a decision made on a cached stream is checked by the append itself (its commit, or
 * a new stream's head, is inserted under an `_id` that an append that came first has taken), and a
 * refused append evicts the stream and reads it again. So a stale entry (another process appended meanwhile) costs a retry, never a
 * wrong write. A stream read and found absent is held as `null` (a reception reads before it
 * decides). Bounded: the least recently used streams go first.
 */
export class StreamCache {
  private readonly streams: LruMap<string, StreamDocument | null>;

  constructor(maxStreams: number) {
    this.streams = new LruMap(maxStreams);
  }

  /** The stream as last seen, `null` when it was absent, `undefined` when not held. */
  get(streamId: string): StreamDocument | null | undefined {
    return this.streams.get(streamId);
  }

  put(streamId: string, stream: StreamDocument | null): void {
    this.streams.set(streamId, stream);
  }

  evict(streamId: string): void {
    this.streams.delete(streamId);
  }

  /**
   * The stream after an append on version `expectedVersion`: kept when the cache held exactly that
   * version (or the stream is new), dropped otherwise.
   */
  appended(
    base: Pick<StreamDocument, '_id' | 'dossierId'>,
    expectedVersion: number,
    events: RecordedEvent[],
    command: StreamCommand,
    now: Date,
  ): void {
    const before = this.streams.get(base._id) ?? undefined;
    if (expectedVersion > 0 && before?.version !== expectedVersion) this.evict(base._id);
    else this.put(base._id, streamAfterAppend(before, base, events, command, now));
  }
}
