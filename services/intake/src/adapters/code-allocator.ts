import type { Collection, Db } from 'mongodb';
import { formatDossierCode, localDayStamp, parseDossierCode } from '../domain/dossier-code.js';

interface DailySequence {
  _id: string; // `${unitCode}:${YYMMDD}`
  unitCode: string;
  day: string;
  last: number;
  claims: { commandId: string; sequence: number; dossierId: string }[];
}

/**
 * The daily sequence of a receiving unit lives in one document per unit and day. A number is
 * claimed by a conditional update on `_id` + `last`, so several intake instances never hand
 * out the same number, and the claim remembers the command: a retried command gets its own
 * number back instead of a new one (no gap, no second code).
 */
export class DossierCodeAllocator {
  private readonly sequences: Collection<DailySequence>;

  constructor(db: Db) {
    this.sequences = db.collection<DailySequence>('daily_sequences');
  }

  async allocate(input: { unitCode: string; receivedAt: Date; commandId: string; dossierId: string }) {
    const day = localDayStamp(input.receivedAt);
    const _id = `${input.unitCode}:${day}`;
    for (let attempt = 0; attempt < 50; attempt++) {
      const current = await this.sequences.findOne({ _id });
      const previous = current?.claims.find((c) => c.commandId === input.commandId);
      if (previous)
        return {
          code: formatDossierCode(input.unitCode, input.receivedAt, previous.sequence),
          sequence: previous.sequence,
        };
      const sequence = (current?.last ?? 0) + 1;
      const claim = { commandId: input.commandId, sequence, dossierId: input.dossierId };
      try {
        if (!current) {
          await this.sequences.insertOne({ _id, unitCode: input.unitCode, day, last: 1, claims: [claim] });
          return { code: formatDossierCode(input.unitCode, input.receivedAt, 1), sequence: 1 };
        }
        const result = await this.sequences.updateOne(
          { _id, last: current.last },
          { $set: { last: sequence }, $push: { claims: claim } },
        );
        if (result.modifiedCount === 1) {
          return { code: formatDossierCode(input.unitCode, input.receivedAt, sequence), sequence };
        }
      } catch (err) {
        if ((err as { code?: number }).code !== 11000) throw err;
      }
    }
    throw new Error(`could not claim a dossier number for ${_id}: too much contention`);
  }

  /** Finds a dossier id from its code by reading the day's sequence document by `_id`. */
  async dossierIdForCode(code: string): Promise<string | null> {
    const parsed = parseDossierCode(code);
    if (!parsed) return null;
    const sequence = await this.sequences.findOne({ _id: `${parsed.unitCode}:${parsed.day}` });
    return sequence?.claims.find((c) => c.sequence === parsed.sequence)?.dossierId ?? null;
  }
}
