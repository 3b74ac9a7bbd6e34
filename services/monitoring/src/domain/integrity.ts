import { createHash } from 'node:crypto';

/**
 * Integrity of the event log as the board receives it. Every event carries its stream's hash chain
 * (`previousHash`, `hash`, set by the event store); monitoring recomputes each event's hash from
 * the message exactly as it arrived and checks, per stream, in log order:
 * - gap: a stream version was skipped;
 * - reordered: a version came again or out of order, or an event does not chain to the one
 *   before it (an event was removed or replaced);
 * - altered: the content does not give the hash the event claims;
 * - duplicate: an event id seen before came with different content (an identical redelivery is not
 *   tampering and is ignored);
 * - unchained: an event recorded before the chain existed (no hash): it cannot be verified.
 */

/** One message of the lifecycle log as the integrity check keeps it. */
export interface IntegrityEntry {
  eventId: string;
  streamId: string;
  streamVersion: number;
  /** As the event claims ('' when it carries none). */
  previousHash: string;
  hash: string;
  /** SHA-256 of the canonical JSON of the message without `hash`, computed on arrival. */
  recomputed: string;
  recordedAt: string;
  partition: number;
  offset: string;
}

export type ProblemKind = 'gap' | 'reordered' | 'altered' | 'duplicate' | 'unchained';

export interface IntegrityProblem {
  kind: ProblemKind;
  streamId: string;
  streamVersion: number;
  eventId: string;
  detail: string;
}

export interface StreamSummary {
  streamId: string;
  /** Distinct events received on the stream. */
  events: number;
  /** The hash at the head of the stream's chain as received. */
  lastHash: string;
}

export interface IntegrityReport {
  streams: StreamSummary[];
  problems: IntegrityProblem[];
  verified: boolean;
}

type LogPlace = { partition: number; offset: string };
const byLogOrder = (a: LogPlace, b: LogPlace) =>
  a.partition !== b.partition
    ? a.partition - b.partition
    : a.offset === b.offset
      ? 0
      : BigInt(a.offset) < BigInt(b.offset)
        ? -1
        : 1;

/** Entries in log order (a dossier's events share one partition, keyed by dossier id). */
export function inLogOrder(entries: IntegrityEntry[]): IntegrityEntry[] {
  return [...entries].sort(byLogOrder);
}

/** Adds an entry unless that very message (same partition and offset) is already held. */
export function addIntegrityEntry(entries: IntegrityEntry[], entry: IntegrityEntry): IntegrityEntry[] {
  if (entries.some((e) => e.partition === entry.partition && e.offset === entry.offset)) return entries;
  return inLogOrder([...entries, entry]);
}

const short = (hash: string) => (hash ? hash.slice(0, 12) : "''");

/** Verifies every stream of a dossier from its log entries; verified only when nothing is wrong. */
export function verifyEntries(entries: IntegrityEntry[]): IntegrityReport {
  const problems: IntegrityProblem[] = [];
  const streams = new Map<
    string,
    { lastVersion: number; lastHash: string; events: number; seen: Map<string, string> }
  >();
  for (const entry of inLogOrder(entries)) {
    const { streamId, streamVersion, eventId } = entry;
    let stream = streams.get(streamId);
    if (!stream) {
      stream = { lastVersion: 0, lastHash: '', events: 0, seen: new Map() };
      streams.set(streamId, stream);
    }
    const problem = (kind: ProblemKind, detail: string) =>
      problems.push({ kind, streamId, streamVersion, eventId, detail });
    const content = `${entry.recomputed}/${entry.hash}`;
    const seen = stream.seen.get(eventId);
    if (seen !== undefined) {
      if (seen !== content) problem('duplicate', 'the same event id came again with different content');
      continue;
    }
    stream.seen.set(eventId, content);
    stream.events++;

    const chained = entry.hash !== '';
    if (!chained) problem('unchained', 'recorded before the hash chain existed: cannot be verified');
    else if (entry.recomputed !== entry.hash) {
      problem(
        'altered',
        `content hashes to ${short(entry.recomputed)}, the event claims ${short(entry.hash)}`,
      );
    }
    if (streamVersion <= stream.lastVersion) {
      problem(
        'reordered',
        streamVersion === stream.lastVersion
          ? `version ${streamVersion} came a second time, as another event`
          : `version ${streamVersion} came after version ${stream.lastVersion}`,
      );
      continue; // the head of the chain stays where the log first put it
    }
    if (streamVersion > stream.lastVersion + 1) {
      const from = stream.lastVersion + 1;
      const missing = from === streamVersion - 1 ? `${from}` : `${from}–${streamVersion - 1}`;
      problem('gap', `version ${missing} missing before version ${streamVersion}`);
    } else if (chained && entry.previousHash !== stream.lastHash) {
      problem(
        'reordered',
        `chains to ${short(entry.previousHash)}, but version ${stream.lastVersion} is ${short(stream.lastHash)}`,
      );
    }
    stream.lastVersion = streamVersion;
    stream.lastHash = entry.hash;
  }
  return {
    streams: [...streams].map(([streamId, s]) => ({ streamId, events: s.events, lastHash: s.lastHash })),
    problems,
    verified: problems.length === 0,
  };
}

const sha256 = (...parts: (string | Buffer)[]) => {
  const h = createHash('sha256');
  for (const part of parts) h.update(part);
  return h.digest();
};
const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

function treeHash(leaves: string[]): Buffer {
  if (leaves.length === 1) return sha256(LEAF, leaves[0]!);
  // RFC 6962 §2.1: split at the largest power of two below n; no leaf is ever duplicated.
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha256(NODE, treeHash(leaves.slice(0, k)), treeHash(leaves.slice(k)));
}

/**
 * The Merkle tree hash (RFC 6962) of a list of event hashes, hex: leaves are prefixed 0x00 and
 * inner nodes 0x01, so a leaf can never pass for a node; the empty list gives SHA-256 of nothing.
 */
export function merkleRoot(hashes: string[]): string {
  return hashes.length === 0 ? sha256().toString('hex') : treeHash(hashes).toString('hex');
}

const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** The Vietnam-local day (UTC+7, no daylight saving) of an instant, YYYY-MM-DD. */
export function vietnamDay(at: string | Date): string {
  return new Date(new Date(at).getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Vietnam-local day ends (its next midnight in Vietnam). */
export function endOfVietnamDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + 24 * 3_600_000 - VIETNAM_OFFSET_MS);
}

/** One event in a day's digest: its place in the log and its hash. */
export interface DigestLeaf {
  partition: number;
  offset: string;
  hash: string;
}

/** The day's leaves in log order (partition, then offset), the order its Merkle root is taken in. */
export function digestOf(leaves: DigestLeaf[]): { root: string; count: number } {
  const ordered = [...leaves].sort(byLogOrder);
  return { root: merkleRoot(ordered.map((l) => l.hash)), count: ordered.length };
}
