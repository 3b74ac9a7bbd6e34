import { isDuplicateKey } from '@motcua/eventstore';
import type { Collection, Db } from 'mongodb';
import { formatDossierCode, localDayStamp, parseDossierCode } from '../domain/dossier-code.js';

/** The next free number of a unit's day: only a hint, the code claims below decide. */
interface DailySequence {
  _id: string; // `${unitCode}:${YYMMDD}`
  unitCode: string;
  day: string;
  next: number;
  /** Days counted before codes had their own documents: the last number and its claims. */
  last?: number;
  claims?: { commandId: string; sequence: number; dossierId: string }[];
}

/** One claimed code (`_id` = the code): unique, and how a code finds its dossier. */
interface CodeClaim {
  _id: string;
  dossierId: string;
  commandId: string;
}

/** The number a dossier claims (`_id` = dossier id), written first so a retry finds it. */
interface DossierNumber {
  _id: string;
  code: string;
  sequence: number;
  commandId: string;
}

const MAX_ATTEMPTS = 50;

/**
 * A unit's daily sequence, in documents that never grow: a small counter per unit and day, one
 * claim per code, one number per dossier. A number is taken by inserting its code's claim (the
 * unique `_id` decides between intake instances); the dossier's own document is written before, so
 * a retried command — even after a crash in between — finds and completes its number instead of
 * taking a new one (no gap, no second code). The counter only moves forward past claimed numbers:
 * when it lags, the next claim steps over the taken ones.
 */
export class DossierCodeAllocator {
  private readonly sequences: Collection<DailySequence>;
  private readonly claims: Collection<CodeClaim>;
  private readonly numbers: Collection<DossierNumber>;
  /** Per unit and day: the allocation running in this process (they queue, instead of colliding). */
  private readonly running = new Map<string, Promise<unknown>>();
  /** Per unit and day: the next number as this process last saw it (saves reading the counter). */
  private readonly hints = new Map<string, number>();

  constructor(db: Db) {
    this.sequences = db.collection<DailySequence>('daily_sequences');
    this.claims = db.collection<CodeClaim>('dossier_codes');
    this.numbers = db.collection<DossierNumber>('dossier_numbers');
  }

  /**
   * One allocation at a time per unit and day in this process: concurrent receptions would
   * otherwise all try the same number and step over each other's claims (quadratic under load).
   * Other intake instances are still kept apart by the claims.
   */
  allocate(input: { unitCode: string; receivedAt: Date; commandId: string; dossierId: string }) {
    const key = `${input.unitCode}:${localDayStamp(input.receivedAt)}`;
    const run = (this.running.get(key) ?? Promise.resolve()).then(() => this.allocateNow(input));
    const settled = run.catch(() => undefined);
    this.running.set(key, settled);
    void settled.then(() => {
      if (this.running.get(key) === settled) this.running.delete(key);
    });
    return run;
  }

  private async allocateNow(input: {
    unitCode: string;
    receivedAt: Date;
    commandId: string;
    dossierId: string;
  }) {
    const { unitCode, receivedAt, commandId, dossierId } = input;
    const day = localDayStamp(receivedAt);
    const _id = `${unitCode}:${day}`;
    let sequence = this.hints.get(_id) ?? (await this.counted(_id));
    const code = () => formatDossierCode(unitCode, receivedAt, sequence);
    try {
      await this.numbers.insertOne({ _id: dossierId, code: code(), sequence, commandId });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // This dossier asked before: complete the number it took (its claim may be missing).
      const mine = (await this.numbers.findOne({ _id: dossierId }))!;
      if (parseDossierCode(mine.code)?.day === day) sequence = mine.sequence;
      // A retry on the next day keeps yesterday's number if it was claimed, else takes today's.
      else if (await this.claim(mine.code, dossierId, commandId))
        return { code: mine.code, sequence: mine.sequence };
      else await this.numbers.updateOne({ _id: dossierId }, { $set: { sequence, code: code() } });
    }
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const claimed = await this.claim(code(), dossierId, commandId);
      if (claimed) {
        await this.advance(_id, unitCode, day, sequence + 1);
        if (this.hints.size > 1_000) this.hints.clear();
        this.hints.set(_id, Math.max(this.hints.get(_id) ?? 0, sequence + 1));
        return { code: code(), sequence };
      }
      sequence += 1;
      await this.numbers.updateOne({ _id: dossierId }, { $set: { sequence, code: code() } });
    }
    throw new Error(`could not claim a dossier number for ${_id}: too much contention`);
  }

  private async counted(_id: string): Promise<number> {
    const counter = await this.sequences.findOne({ _id });
    return counter?.next ?? (counter?.last ?? 0) + 1;
  }

  /** Finds a dossier id from its code by reading the code's claim by `_id`. */
  async dossierIdForCode(code: string): Promise<string | null> {
    const parsed = parseDossierCode(code);
    if (!parsed) return null;
    const claim = await this.claims.findOne({ _id: code });
    if (claim) return claim.dossierId;
    const old = await this.sequences.findOne({ _id: `${parsed.unitCode}:${parsed.day}` });
    return old?.claims?.find((c) => c.sequence === parsed.sequence)?.dossierId ?? null;
  }

  /** True when the code is now this dossier's (also when it already was). */
  private async claim(code: string, dossierId: string, commandId: string): Promise<boolean> {
    try {
      await this.claims.insertOne({ _id: code, dossierId, commandId });
      return true;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const owner = await this.claims.findOne({ _id: code });
      return owner?.dossierId === dossierId;
    }
  }

  /** Moves the counter forward (never back); the day's first claim creates it. */
  private async advance(_id: string, unitCode: string, day: string, next: number): Promise<void> {
    const moved = await this.sequences.updateOne({ _id }, { $max: { next } });
    if (moved.matchedCount === 1) return;
    try {
      await this.sequences.insertOne({ _id, unitCode, day, next });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      await this.sequences.updateOne({ _id }, { $max: { next } });
    }
  }
}
