import { findByIds, isDuplicateKey } from '@motcua/eventstore';
import type { Collection, Db } from 'mongodb';
import {
  dailySequenceLimit,
  dossierCodesExhausted,
  formatDossierCode,
  localDayStamp,
  parseDossierCode,
} from '../domain/dossier-code.js';

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
 * The counter is written once every this many numbers (each write waits in the database's one
 * writer queue with the receptions'); a process that starts counting a day finds the claims made
 * since, in one read of this many codes by `_id` per step.
 */
export const COUNTER_STRIDE = 10;

/** What this process knows of a unit's day: the next number to hand out and numbers handed back. */
interface DayNumbers {
  next: number;
  /** Taken by a reception that then wrote nothing: the next reception takes them first (no gap). */
  returned: number[];
}

/**
 * A unit's daily sequence, in documents that never grow: a small counter per unit and day, one
 * claim per code, one number per dossier. A number is taken by inserting its code's claim (the
 * unique `_id` decides between intake instances); the dossier's own document is written before, so
 * a retried command — even after a crash in between — finds and completes its number instead of
 * taking a new one (no gap, no second code). The counter only moves forward past claimed numbers,
 * once a stride: a process starting a day reads the claims after it, and when another instance
 * claims meanwhile, the next claim steps over the taken ones.
 */
export class DossierCodeAllocator {
  private readonly sequences: Collection<DailySequence>;
  private readonly claims: Collection<CodeClaim>;
  private readonly numbers: Collection<DossierNumber>;
  /**
   * Per unit and day, the numbers this process hands out: each reception takes its own at once, so
   * concurrent receptions neither queue behind each other's writes nor collide on a number (other
   * intake instances are still kept apart by the claims).
   */
  private readonly days = new Map<string, DayNumbers>();
  /** Per unit and day: the counter being read, shared by the receptions that arrive meanwhile. */
  private readonly loading = new Map<string, Promise<DayNumbers>>();
  /** Per unit and day: the counter move being written, and how far the moves asked meanwhile go. */
  private readonly moving = new Map<string, { target: number; done: Promise<void> }>();

  constructor(db: Db) {
    this.sequences = db.collection<DailySequence>('daily_sequences');
    this.claims = db.collection<CodeClaim>('dossier_codes');
    this.numbers = db.collection<DossierNumber>('dossier_numbers');
  }

  /**
   * The dossier's code for the day it is received. `fresh`: the dossier took its number now; false
   * when an earlier attempt of the same dossier had taken one (a retry, or a stop in between).
   * `unfinished`, asked before anything more is written for such an earlier attempt: false when that
   * attempt was completed, and its number is then answered as it is (it may also throw, to refuse).
   */
  async allocate(
    input: { unitCode: string; receivedAt: Date; commandId: string; dossierId: string },
    unfinished: () => Promise<boolean> = async () => true,
  ): Promise<{ code: string; sequence: number; fresh: boolean }> {
    const { unitCode, receivedAt, commandId, dossierId } = input;
    const day = localDayStamp(receivedAt);
    const _id = `${unitCode}:${day}`;
    const limit = dailySequenceLimit(receivedAt);
    const numbers = await this.dayNumbers(_id, limit, (n) => formatDossierCode(unitCode, receivedAt, n));
    // past the last number the code can write, nothing is written: the day is full at this unit
    const takeWithin = () => {
      const taken = take(numbers);
      if (taken <= limit) return taken;
      numbers.returned.push(taken);
      throw dossierCodesExhausted(unitCode, day, limit);
    };
    let sequence = takeWithin();
    const code = () => formatDossierCode(unitCode, receivedAt, sequence);
    let fresh = true;
    try {
      await this.numbers.insertOne({ _id: dossierId, code: code(), sequence, commandId });
    } catch (err) {
      if (!isDuplicateKey(err)) {
        numbers.returned.push(sequence); // nothing was written with it
        throw err;
      }
      // This dossier asked before: complete the number it took (its claim may be missing).
      fresh = false;
      const [mine, going] = await Promise.all([this.numbers.findOne({ _id: dossierId }), unfinished()]).catch(
        (refused: unknown) => {
          numbers.returned.push(sequence);
          throw refused;
        },
      );
      if (!mine || !going) {
        numbers.returned.push(sequence);
        if (!mine) throw new Error(`dossier number of ${dossierId} vanished`);
        return { code: mine.code, sequence: mine.sequence, fresh };
      }
      if (parseDossierCode(mine.code)?.day === day) {
        numbers.returned.push(sequence);
        sequence = mine.sequence;
      } else if (await this.claim(mine.code, dossierId, commandId)) {
        // A retry on the next day keeps yesterday's number if it was claimed, else takes today's.
        numbers.returned.push(sequence);
        return { code: mine.code, sequence: mine.sequence, fresh };
      } else await this.numbers.updateOne({ _id: dossierId }, { $set: { sequence, code: code() } });
    }
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      // The counter is only a hint of the next free number: it may move before the claim is known.
      if (sequence % COUNTER_STRIDE === 0) this.moveCounter(_id, unitCode, day, sequence + 1);
      if (await this.claim(code(), dossierId, commandId)) return { code: code(), sequence, fresh };
      // Another instance holds it: step past it, to a number nobody in this process holds either.
      numbers.next = Math.max(numbers.next, sequence + 1);
      sequence = takeWithin();
      await this.numbers.updateOne({ _id: dossierId }, { $set: { sequence, code: code() } });
    }
    throw new Error(`could not claim a dossier number for ${_id}: too much contention`);
  }

  /** This process's numbers of a unit's day; the first reception of the day here reads the counter. */
  private async dayNumbers(
    _id: string,
    limit: number,
    codeOf: (sequence: number) => string,
  ): Promise<DayNumbers> {
    const known = this.days.get(_id);
    if (known) return known;
    let load = this.loading.get(_id);
    if (!load) {
      load = this.counted(_id, limit, codeOf).then((next) => {
        if (this.days.size >= 1_000) this.days.clear(); // units × days seen by this process
        const numbers: DayNumbers = { next, returned: [] };
        this.days.set(_id, numbers);
        return numbers;
      });
      this.loading.set(_id, load);
      const done = () => this.loading.delete(_id);
      load.then(done, done);
    }
    return load;
  }

  /**
   * The first number of the day not claimed at or after the counter, which lags behind the claims by
   * up to a stride or two (a hole a stopped reception left is then filled: no gap); past `limit`
   * when every number the code can write is claimed.
   */
  private async counted(_id: string, limit: number, codeOf: (sequence: number) => string): Promise<number> {
    const counter = await this.sequences.findOne({ _id });
    let next = counter?.next ?? (counter?.last ?? 0) + 1;
    for (;;) {
      if (next > limit) return next;
      const window = Array.from({ length: Math.min(COUNTER_STRIDE, limit - next + 1) }, (_, i) => next + i);
      const claimed = new Set((await findByIds(this.claims, window.map(codeOf))).map((c) => c._id));
      const free = window.find((n) => !claimed.has(codeOf(n)));
      if (free !== undefined) return free;
      next += window.length;
    }
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

  /**
   * Moves the counter forward in the background, once a stride: a reception never waits for it (its
   * claim decides), and the moves asked for while one is written become one write. A failed move is
   * left for the next stride's, which goes further; a counter left behind only costs a process that
   * starts the day one more read of claims.
   */
  private moveCounter(_id: string, unitCode: string, day: string, next: number): void {
    const moving = this.moving.get(_id);
    if (moving) {
      moving.target = Math.max(moving.target, next);
      return;
    }
    const move = { target: next, done: Promise.resolve() };
    move.done = (async () => {
      for (let written = 0; written < move.target; ) {
        const target = move.target;
        await this.advance(_id, unitCode, day, target);
        written = target;
      }
    })()
      .catch(() => undefined)
      .finally(() => this.moving.delete(_id));
    this.moving.set(_id, move);
  }

  /** Resolves once the counter moves asked for so far are written (or have failed). */
  async counterMoved(): Promise<void> {
    while (this.moving.size > 0) await Promise.all([...this.moving.values()].map((m) => m.done));
  }

  /** Moves the counter forward (never back); the day's first move creates it. */
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

/** The smallest number handed back, else the next one. */
function take(numbers: DayNumbers): number {
  if (numbers.returned.length === 0) return numbers.next++;
  numbers.returned.sort((a, b) => a - b);
  return numbers.returned.shift()!;
}
