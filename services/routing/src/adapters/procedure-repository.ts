import { DomainError } from '@motcua/contracts';
import type { Collection, Db } from 'mongodb';
import { type Procedure, validateWorkflow } from '../domain/catalogue.js';

interface ProcedureDocument {
  _id: string; // procedure code
  currentVersion: number;
  versions: Procedure[];
}

/**
 * One document per procedure code holding every published version, so a dossier's own version
 * and the current one are both a read by `_id`.
 */
export class ProcedureRepository {
  private readonly procedures: Collection<ProcedureDocument>;

  constructor(db: Db) {
    this.procedures = db.collection<ProcedureDocument>('procedures');
  }

  /** Publishes the seed versions that are missing; published versions are never rewritten. */
  async seed(procedures: Procedure[], departments: ReadonlySet<string>): Promise<void> {
    for (const procedure of procedures) {
      const problems = validateWorkflow(procedure, departments);
      if (problems.length > 0) throw new Error(`procedure ${procedure.code}: ${problems.join('; ')}`);
      await this.procedures.updateOne(
        { _id: procedure.code },
        { $setOnInsert: { currentVersion: procedure.version, versions: [procedure] } },
        { upsert: true },
      );
    }
  }

  /** A version of a procedure, or its current one when version is 0. */
  async get(code: string, version = 0): Promise<Procedure> {
    const doc = await this.procedures.findOne({ _id: code });
    const wanted = version || doc?.currentVersion;
    const procedure = doc?.versions.find((v) => v.version === wanted);
    if (!procedure)
      throw new DomainError('PROCEDURE_NOT_FOUND', { details: { procedureCode: code, version } });
    return procedure;
  }

  async listCurrent(fieldCode?: string): Promise<Procedure[]> {
    const docs = await this.procedures.find({}).toArray();
    return docs
      .map((d) => d.versions.find((v) => v.version === d.currentVersion))
      .filter((p): p is Procedure => p !== undefined && (!fieldCode || p.fieldCode === fieldCode))
      .sort((a, b) => a.code.localeCompare(b.code));
  }
}
