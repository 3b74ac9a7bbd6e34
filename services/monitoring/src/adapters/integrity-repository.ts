import { originalEnvelopeOf, type RecordedEvent } from '@motcua/contracts';
import {
  eventHash,
  inBatch,
  isDuplicateKey,
  type PackedJson,
  type ProjectionBatch,
  pack,
  unpack,
} from '@motcua/eventstore';
import type { MessageContext } from '@motcua/kafka';
import type { Collection, Db } from 'mongodb';
import {
  addIntegrityEntry,
  type DigestLeaf,
  digestOf,
  endOfVietnamDay,
  type IntegrityEntry,
  type IntegrityReport,
  verifyEntries,
  vietnamDay,
} from '../domain/integrity.js';

/** `integrity_chains/<dossierId>`: the entries packed (ADR 0002); stored before packing: `entries`. */
type StoredChain = { json: PackedJson } | { entries: IntegrityEntry[] };
type ChainDocument = StoredChain & { _id: string; revision: number };
const chainEntries = (chain: StoredChain): IntegrityEntry[] =>
  unpack(chain, 'json', (d) => (d.entries as IntegrityEntry[] | undefined) ?? []);
/** `<day>`: how many chunks of leaves each partition has that day. */
type DayDocument = { _id: string; revision: number; chunks: Record<string, number> };
/**
 * `<day>:<partition>:<chunkNo>`: at most LEAVES_PER_CHUNK leaves, in log order, packed in `json`
 * (ADR 0002; a chunk stored before packing holds `leaves`).
 */
type ChunkDocument = { _id: string; revision: number; json?: PackedJson; leaves?: DigestLeaf[] };
const leavesIn = (c: { json?: PackedJson; leaves?: DigestLeaf[] }): DigestLeaf[] =>
  unpack(c, 'json', (d) => (d.leaves as DigestLeaf[] | undefined) ?? []);
type LeavesDocument = DayDocument | ChunkDocument;

/** A day's leaves are kept in chunks of this many per partition: no document grows with the day. */
export const LEAVES_PER_CHUNK = 500;
const chunkId = (day: string, partition: string, chunk: number) => `${day}:${partition}:${chunk}`;
/** A day's digest as recorded once the day was over; never rewritten. */
export interface DigestDocument {
  _id: string; // YYYY-MM-DD, Vietnam local
  root: string;
  count: number;
  computedAt: Date;
}

/**
 * What the integrity check holds, every document read by `_id`: the chain entries of each dossier
 * (`integrity_chains`, by dossier id), the hashes of each Vietnam-local day in log order
 * (`digest_leaves`: a header by day, the leaves in fixed-size chunks per day and partition) and the
 * recorded daily digests (`digests`, by day).
 */
export class IntegrityRepository {
  private readonly chains: Collection<ChainDocument>;
  private readonly leaves: Collection<LeavesDocument>;
  private readonly digests: Collection<DigestDocument>;

  /** `suffix` names another set of collections (a rebuild's, `src/rebuild`); none by default. */
  constructor(db: Db, options: { suffix?: string } = {}) {
    const suffix = options.suffix ?? '';
    this.chains = db.collection<ChainDocument>(`integrity_chains${suffix}`);
    this.leaves = db.collection<LeavesDocument>(`digest_leaves${suffix}`);
    this.digests = db.collection<DigestDocument>(`digests${suffix}`);
  }

  /** Adds a message to its dossier's chain and to its day's leaves (idempotent: by log place). */
  add(dossierId: string, day: string, entry: IntegrityEntry, batch?: ProjectionBatch): Promise<void> {
    return inBatch(batch, async (b) => {
      await b.update<StoredChain>(
        this.chains,
        dossierId,
        () => pack({}, 'json', [] as IntegrityEntry[]),
        (chain) => {
          const held = chainEntries(chain);
          const entries = addIntegrityEntry(held, entry);
          return entries === held ? chain : pack({}, 'json', entries);
        },
      );
      await this.addLeaf(
        day,
        { partition: entry.partition, offset: entry.offset, hash: entry.recomputed },
        b,
      );
    });
  }

  /**
   * A partition's leaves of a day come in offset order: a leaf at or below the last one held was
   * added already (a redelivery). Only the day's last chunk of the partition is read.
   */
  private async addLeaf(day: string, leaf: DigestLeaf, b: ProjectionBatch): Promise<void> {
    const partition = String(leaf.partition);
    const days = this.leaves as unknown as Collection<DayDocument>;
    const chunks = this.leaves as unknown as Collection<ChunkDocument>;
    const header = await b.update<{ chunks: Record<string, number> }>(
      days,
      day,
      () => ({ chunks: {} }),
      (h) => h,
    );
    // No chunk of this partition's day yet: chunk 0 is new (a crash's leftover shows as a conflict).
    if (header.chunks[partition] === undefined) b.expectNew(chunkId(day, partition, 0));
    let chunk = Math.max(0, (header.chunks[partition] ?? 1) - 1);
    for (;;) {
      const held = await b.get(chunks, chunkId(day, partition, chunk));
      const leaves = held ? leavesIn(held) : [];
      const last = leaves[leaves.length - 1];
      if (last && BigInt(last.offset) >= BigInt(leaf.offset)) return;
      if (!held || leaves.length < LEAVES_PER_CHUNK) break;
      chunk++;
    }
    await b.update<{ json?: PackedJson; leaves?: DigestLeaf[] }>(
      chunks,
      chunkId(day, partition, chunk),
      () => pack({}, 'json', [] as DigestLeaf[]),
      (c) => pack({}, 'json', [...leavesIn(c), leaf]),
    );
    if ((header.chunks[partition] ?? 0) <= chunk) {
      await b.update<{ chunks: Record<string, number> }>(
        days,
        day,
        () => ({ chunks: {} }),
        (h) => ({
          chunks: { ...h.chunks, [partition]: chunk + 1 },
        }),
      );
    }
  }

  async entries(dossierId: string): Promise<IntegrityEntry[] | null> {
    const chain = await this.chains.findOne({ _id: dossierId });
    return chain ? chainEntries(chain) : null;
  }

  /** Every leaf of a day: its header, then each chunk by `_id`. */
  async leavesOf(day: string): Promise<DigestLeaf[]> {
    const header = (await this.leaves.findOne({ _id: day })) as DayDocument | null;
    const ids = Object.entries(header?.chunks ?? {}).flatMap(([partition, n]) =>
      Array.from({ length: n }, (_, k) => chunkId(day, partition, k)),
    );
    const chunks = await Promise.all(ids.map((id) => this.leaves.findOne({ _id: id })));
    return chunks.flatMap((c) => (c && !('chunks' in c) ? leavesIn(c) : []));
  }

  async digest(day: string): Promise<DigestDocument | null> {
    return this.digests.findOne({ _id: day });
  }

  /** Records a day's digest once; a digest already recorded is kept as it is. */
  async recordDigest(digest: DigestDocument): Promise<DigestDocument> {
    try {
      await this.digests.insertOne(digest);
      return digest;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      return (await this.digest(digest._id)) ?? digest;
    }
  }
}

/** How long after a Vietnam-local day ends its digest is recorded (late events of the day arrive). */
export const DIGEST_GRACE_MS = 3_600_000;

/**
 * The integrity check's use of the store: records what each message of the log claims and what its
 * content hashes to, answers a dossier's verification and records each day's digest once it is over.
 */
export class IntegrityLedger {
  constructor(
    private readonly repository: IntegrityRepository,
    private readonly now: () => Date,
    /**
     * True once the board has read the log as far as it went (adapters/log-position.ts): a day is
     * sealed only then, so that its events still in flight are in its digest. None: no wait.
     */
    private readonly caughtUp?: () => Promise<boolean>,
  ) {}

  async onEvent(event: RecordedEvent, context: MessageContext, batch?: ProjectionBatch): Promise<void> {
    // The message as it arrived: the decoded payload has defaults filled in and cannot be hashed.
    const original = (originalEnvelopeOf(event) ?? event) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    const entry: IntegrityEntry = {
      eventId: event.eventId,
      streamId: event.streamId,
      streamVersion: event.streamVersion,
      previousHash: text(original.previousHash),
      hash: text(original.hash),
      recomputed: eventHash(original),
      recordedAt: event.recordedAt,
      partition: context.partition,
      offset: context.offset,
    };
    await this.repository.add(event.dossierId, vietnamDay(event.recordedAt), entry, batch);
  }

  /** The verification of every stream of a dossier, or null when no event of it was received. */
  async verify(dossierId: string): Promise<IntegrityReport | null> {
    const entries = await this.repository.entries(dossierId);
    return entries ? verifyEntries(entries) : null;
  }

  /** A day's recorded digest beside the root recomputed from what the board holds now. */
  async digest(day: string) {
    const recorded = (await this.repository.digest(day)) ?? (await this.sealIfOver(day));
    const now = digestOf(await this.repository.leavesOf(day));
    return {
      day,
      /** False until the day is over (plus the grace) and the board caught up: nothing to compare yet. */
      sealed: recorded !== null,
      sealsAfter: new Date(endOfVietnamDay(day).getTime() + DIGEST_GRACE_MS).toISOString(),
      root: recorded?.root ?? null,
      count: recorded?.count ?? null,
      computedAt: recorded?.computedAt.toISOString() ?? null,
      recomputedRoot: now.root,
      recomputedCount: now.count,
      matches: recorded !== null && recorded.root === now.root && recorded.count === now.count,
    };
  }

  /** Records the digests of the last two days that are over (run periodically). */
  async sealDueDays(): Promise<void> {
    const lastOver = vietnamDay(new Date(this.now().getTime() - DIGEST_GRACE_MS - 24 * 3_600_000));
    const before = vietnamDay(new Date(Date.parse(`${lastOver}T12:00:00.000Z`) - 24 * 3_600_000));
    for (const day of [before, lastOver]) {
      if (!(await this.repository.digest(day))) await this.sealIfOver(day);
    }
  }

  private async sealIfOver(day: string): Promise<DigestDocument | null> {
    const now = this.now();
    if (now.getTime() < endOfVietnamDay(day).getTime() + DIGEST_GRACE_MS) return null;
    if (this.caughtUp && !(await this.caughtUp())) return null;
    const { root, count } = digestOf(await this.repository.leavesOf(day));
    return this.repository.recordDigest({ _id: day, root, count, computedAt: now });
  }
}
