import type { RecordedEvent, StreamCommand, StreamDocument } from './types.js';

/**
 * The streams this process last read or appended to, for deciding commands without reading the
 * stream again: a decision made on a cached stream is checked by the append itself (the conditional
 * write on `_id` + version, or the insert of a new stream), and a refused append evicts the stream
 * and reads it again. So a stale entry (another process appended meanwhile) costs a retry, never a
 * wrong write. A stream read and found absent is held as `null` (a reception reads before it
 * decides). Bounded: the least recently used streams go first.
 */
export class StreamCache {
  private readonly streams = new Map<string, StreamDocument | null>();

  constructor(private readonly maxStreams: number) {}

  /** The stream as last seen, `null` when it was absent, `undefined` when not held. */
  get(streamId: string): StreamDocument | null | undefined {
    const stream = this.streams.get(streamId);
    if (stream !== undefined) {
      this.streams.delete(streamId);
      this.streams.set(streamId, stream);
    }
    return stream;
  }

  put(streamId: string, stream: StreamDocument | null): void {
    if (this.maxStreams <= 0) return;
    this.streams.delete(streamId);
    this.streams.set(streamId, stream);
    for (const id of this.streams.keys()) {
      if (this.streams.size <= this.maxStreams) break;
      this.streams.delete(id);
    }
  }

  evict(streamId: string): void {
    this.streams.delete(streamId);
  }

  /**
   * The stream after an append of `events` by `command` on version `expectedVersion`: kept when the
   * cache held exactly that version (or the stream is new), dropped otherwise.
   */
  appended(
    base: Pick<StreamDocument, '_id' | 'dossierId'>,
    expectedVersion: number,
    events: RecordedEvent[],
    command: StreamCommand,
    now: Date,
  ): void {
    const before = this.streams.get(base._id) ?? undefined;
    if (expectedVersion > 0 && before?.version !== expectedVersion) {
      this.evict(base._id);
      return;
    }
    const last = events.at(-1);
    const code = events.find((e) => e.dossierCode)?.dossierCode;
    const rulebookId = last?.rulebookId ?? before?.rulebookId;
    this.put(base._id, {
      ...(before ?? { ...base, dossierCode: '', createdAt: now, events: [], commands: [], commandIds: [] }),
      dossierCode: code || before?.dossierCode || '',
      version: command.to,
      events: [...(before?.events ?? []), ...events],
      commands: [...(before?.commands ?? []), command],
      commandIds: [...(before?.commandIds ?? []), command.id],
      lastHash: last?.hash ?? '',
      ...(rulebookId ? { rulebookId } : {}),
      updatedAt: now,
    });
  }
}
