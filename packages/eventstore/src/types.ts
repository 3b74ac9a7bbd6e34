import type { EventActor, RecordedEvent } from '@motcua/contracts';

export type { RecordedEvent };
export type Actor = EventActor;

/** An event a decision produced, before the store gives it ids, version and times. */
export interface NewEvent<P extends object = Record<string, unknown>> {
  type: string;
  schemaVersion: number;
  payload: P;
  occurredAt?: string;
  /** Set when the event is the one that gives the dossier its code (reception). */
  dossierCode?: string;
  /** Set when the event fixes the dossier's rulebook (reception: the rulebook of its day). */
  rulebookId?: string;
}

/** The metadata every command carries into the events it causes. */
export interface CommandMeta {
  commandId: string;
  actor: Actor;
  correlationId: string;
  /** The command id for user commands; the triggering event id for reactions to events. */
  causationId?: string;
  trace?: { traceparent?: string; tracestate?: string };
  /**
   * For callers without an account (an anonymous online submission): a hash of the secret they sent
   * with the command; a retry of the command id is answered only to whoever presents the same one.
   */
  retryProof?: string;
}

export interface AppendRequest extends CommandMeta {
  streamId: string;
  dossierId: string;
  dossierCode?: string;
  /** The rulebook the events were decided under, unless an event sets its own (see NewEvent). */
  rulebookId?: string;
  /** The stream version the decision was made on; 0 for a new stream. */
  expectedVersion: number;
  events: NewEvent[];
  /**
   * The `hash` of the stream's event at `expectedVersion` ('' for a new stream or an event recorded
   * before the hash chain existed), which the new events chain to. `handleCommand` passes it from
   * the stream it loaded; when absent the store reads it.
   */
  previousHash?: string;
}

export interface AppendResult {
  version: number;
  events: RecordedEvent[];
  /** True when the command id had already been applied: nothing was written. */
  duplicate: boolean;
  /** A duplicate found when the append was refused: the stream as read then. */
  stream?: StreamDocument;
}

export interface StreamDocument {
  _id: string;
  dossierId: string;
  dossierCode: string;
  version: number;
  events: RecordedEvent[];
  /** Which versions each command produced, so a retry can be answered with them (to its owner only). */
  commands: StreamCommand[];
  /** The same ids as a plain array (written in heads; the appends before commits filtered on it). */
  commandIds: string[];
  /** Streams from before per-append pointers: how many events the relay had published then. */
  published?: number;
  /** The `hash` of the last event (the head of the stream's hash chain); absent before the chain existed. */
  lastHash?: string;
  /** The rulebook of the stream's last event that had one; absent before rulebooks existed. */
  rulebookId?: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * A stream's head document as stored (its first append; streams written before commits existed
 * hold every append here): each event as one JSON string (written since 2026-12-05; FerretDB converts
 * every field of a document on each read and each `$push`, so a stream of events as objects cost
 * ~3× to read and ~2× to append), or as an object (written before). `EventStore.read` answers both
 * as `StreamDocument`.
 */
export type StoredStream = Omit<StreamDocument, 'events'> & { events: (RecordedEvent | string)[] };

/**
 * One append after a stream's first (`_id` = `commitId(streamId, ordinal)`), inserted once and never
 * rewritten: the stream is its head document (`streams`: the first append, or everything appended
 * before commits existed) followed by its commits in order. `ordinal` counts the stream's commands,
 * the head's included, so the next append's id is known from the stream it was decided on, and two
 * appends decided on the same version compete for the same `_id` (ADR 0024).
 */
export interface CommitDocument {
  _id: string;
  streamId: string;
  dossierId: string;
  ordinal: number;
  command: StreamCommand;
  /** Each event as one JSON string, as in the head. */
  events: string[];
  createdAt: Date;
}

export interface StreamCommand {
  id: string;
  from: number;
  to: number;
  /** The actor's userId: only they get the command's result on a retry (absent before it was recorded). */
  by?: string;
  /** `CommandMeta.retryProof`, when the command came with one. */
  proof?: string;
}

/**
 * Written by every append before its events (`_id` = `pointerId(streamId, upTo)`): announces the
 * versions `from`..`upTo` of a stream. The relay deletes it once they are published.
 */
export interface OutboxPointer {
  _id: string;
  /** Absent on pointers written before per-append pointers (their `_id` is the stream id). */
  streamId?: string;
  dossierId: string;
  from?: number;
  upTo: number;
  updatedAt: Date;
}

/** The one lease a relay holds while it publishes: two relays never publish at once. */
export interface RelayLease {
  _id: string;
  owner: string;
  until: Date;
}
